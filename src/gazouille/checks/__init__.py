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
    expiry,
    file,
    governance,
    length,
    markdown,
    media,
    personal_data,
    placeholder,
    published,
    schedule,
    schema,
    text,
    wording,
)
from gazouille.problems import Severity

CHECKS: dict[str, ModuleType] = {
    file.ID: file,
    schema.ID: schema,
    category.ID: category,
    schedule.ID: schedule,
    expiry.ID: expiry,
    length.ID: length,
    media.ID: media,
    authorization.ID: authorization,
    personal_data.ID: personal_data,
    wording.ID: wording,
    markdown.ID: markdown,
    placeholder.ID: placeholder,
    published.ID: published,
    governance.ID: governance,
    text.ID: text,
    editor.ID: editor,
}

# Rules reported as warnings (every other rule is an error).
SEVERITY: dict[str, Severity] = {
    "markdown/literal": "warning",
    wording.RULE: "warning",
    expiry.STALE_RULE: "warning",
    "schedule/past": "warning",
}


def severity(rule: str) -> Severity:
    return SEVERITY.get(rule, "error")
