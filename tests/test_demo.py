"""`make demo` runs from start to end, offline, and leaves nothing behind."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT


@pytest.mark.slow
def test_the_demo_refuses_publishes_once_and_retracts() -> None:
    done = subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "demo.py")],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=300,
    )
    output = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout)
    assert done.returncode == 0, output + done.stderr
    assert "[personal-data/phone]" in output and "06 •• •• •• 78" in output
    assert "→ le bac à sable a reçu 1 publication(s)" in output
    assert "→ requêtes reçues par X pendant ce passage : 0." in output
    assert "2026-12-01-cles-paillasson.md (1/1) retirée" in output
    assert re.search(
        r"Fil du compte, tel que le public le voit : http://127\.0\.0\.1:\d+/PNationale44", output
    )
    copy = re.search(r"supprimée maintenant : (\S+)", output)
    assert copy is not None
    assert not Path(copy.group(1)).exists()
