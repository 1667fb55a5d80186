"""The result model: checks fill it, reporters only read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding about a post, already phrased in French and redacted."""

    rule: str
    message: str
    line: int | None = None
    fix: str | None = None
    severity: Severity = "error"

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"rule": self.rule, "message": self.message, "line": self.line}
        if self.fix:
            data["fix"] = self.fix
        return data


@dataclass
class PartResult:
    weighted_length: int
    max: int
    line: int
    text: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"weighted_length": self.weighted_length, "max": self.max, "line": self.line}


@dataclass
class PostResult:
    path: str
    account: str | None
    parts: list[PartResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    category: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # What reviewers see (schedule, reply setting, media, cost): gazouille.preview fills it.
    preview: dict[str, Any] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "account": self.account,
            "category": self.category,
            "parts": [p.as_dict() for p in self.parts],
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
        }


@dataclass
class Report:
    """Everything one `check` run found, in a stable order."""

    posts: list[PostResult] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    @property
    def error_count(self) -> int:
        return sum(len(p.errors) for p in self.posts)

    @property
    def warning_count(self) -> int:
        return sum(len(p.warnings) for p in self.posts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "posts": [p.as_dict() for p in self.posts],
            "errors": self.error_count,
            "warnings": self.warning_count,
            "notices": list(self.notices),
        }
