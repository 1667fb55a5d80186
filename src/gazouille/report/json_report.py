"""``--format json``: the contract read by other tools."""

from __future__ import annotations

import json
from typing import TextIO

from gazouille.problems import Report


def write(report: Report, out: TextIO) -> None:
    # One line, one write: with ``indent``, json falls back to its pure-Python
    # encoder, 2 s for 10,000 posts (pipe it into ``jq`` to read it).
    out.write(json.dumps(report.as_dict(), ensure_ascii=False) + "\n")
