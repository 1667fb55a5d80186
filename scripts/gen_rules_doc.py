"""Write docs/rules.md from the docstrings of the registered checks.

The docs are generated so that they cannot drift from the code; a test fails
when docs/rules.md is out of date (`python scripts/gen_rules_doc.py` fixes it).
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from gazouille.checks import CHECKS, SEVERITY

TARGET = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def render() -> str:
    lines = [
        "# Check rules",
        "",
        "Generated from the docstrings of `src/gazouille/checks/` by",
        "`python scripts/gen_rules_doc.py`; do not edit by hand.",
        "",
        "Rules reported as warnings: "
        + (", ".join(f"`{rule}`" for rule in sorted(SEVERITY)) or "none")
        + ". Every other rule is an error (exit code 1).",
        "",
    ]
    for check_id, module in CHECKS.items():
        doc = inspect.cleandoc(module.__doc__ or "(undocumented)")
        doc = doc.replace("::\n", ":\n").replace("``", "`")
        lines += [f"## `{check_id}`", "", doc, ""]
    return "\n".join(lines)


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
