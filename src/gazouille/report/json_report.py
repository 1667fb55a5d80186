"""``--format json``: the contract read by other tools."""

from __future__ import annotations

import json
from typing import TextIO

from gazouille.problems import Report


def write(report: Report, out: TextIO) -> None:
    json.dump(report.as_dict(), out, ensure_ascii=False, indent=2)
    out.write("\n")
