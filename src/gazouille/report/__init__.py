"""Reporters read a finished :class:`~gazouille.problems.Report`; nothing else prints."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from gazouille.problems import Report
from gazouille.report import github, json_report, markdown, text

Reporter = Callable[[Report, TextIO], None]

REPORTER_BY_NAME: dict[str, Reporter] = {
    "text": text.write,
    "json": json_report.write,
    "github": github.write,
    "markdown": markdown.write,
}
