"""The registry of checks, in the order their findings are listed.

Each check is a module with an ``ID`` and ``check(post, ctx)`` yielding
problems; severity is decided here, never inside a check.
"""

from __future__ import annotations

from types import ModuleType

from gazouille.checks import (
    authorization,
    category,
    editor,
    governance,
    length,
    markdown,
    media,
    personal_data,
    placeholder,
    published,
    schedule,
    schema,
)
from gazouille.problems import Severity

CHECKS: dict[str, ModuleType] = {
    schema.ID: schema,
    category.ID: category,
    schedule.ID: schedule,
    length.ID: length,
    media.ID: media,
    authorization.ID: authorization,
    personal_data.ID: personal_data,
    markdown.ID: markdown,
    placeholder.ID: placeholder,
    published.ID: published,
    governance.ID: governance,
    editor.ID: editor,
}

# Rules reported as warnings (every other rule is an error).
SEVERITY: dict[str, Severity] = {
    "markdown/literal": "warning",
}


def severity(rule: str) -> Severity:
    return SEVERITY.get(rule, "error")
