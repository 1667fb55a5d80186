"""The workflows install gazouille with `pip install .`: the wheel must carry its data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers import PROJECT


def test_the_wheel_ships_schemas_and_data(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(tmp_path),
            str(PROJECT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("gazouille-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for schema in sorted((PROJECT / "schema").glob("*.json")):
        shipped = zipfile.ZipFile(wheel).read(f"gazouille/schema/{schema.name}")
        assert shipped == schema.read_bytes()
    assert "gazouille/data/first_names_fr.txt" in names
    assert "gazouille/py.typed" in names
    # `gazouille init` copies the workflows and rulesets from the installed package.
    for workflow in sorted((PROJECT / ".github/workflows").glob("*.yml")):
        assert f"gazouille/templates/workflows/{workflow.name}" in names
    assert "gazouille/templates/rulesets/main.json" in names
