"""Every workflow passes the GitHub workflow schema and zizmor, offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.helpers import PROJECT

BIN = Path(sys.executable).parent
WORKFLOWS = sorted((PROJECT / ".github" / "workflows").glob("*.yml"))


def test_there_are_workflows() -> None:
    assert {p.name for p in WORKFLOWS} >= {"check.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_schema(workflow: Path) -> None:
    result = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(workflow),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_zizmor(workflow: Path) -> None:
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--min-severity", "low", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_security_rules(workflow: Path) -> None:
    text = workflow.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    triggers = data.get(True, data.get("on"))  # PyYAML reads `on:` as True
    assert "pull_request_target" not in (triggers or {})
    assert "permissions" in data, "top-level permissions must be explicit"
    for job in data["jobs"].values():
        for step in job.get("steps", []):
            uses = step.get("uses")
            if uses and not uses.startswith("./"):
                ref = uses.rsplit("@", 1)[1]
                assert len(ref) == 40 and all(c in "0123456789abcdef" for c in ref), uses
    if "pull_request" in (triggers or {}):
        assert "secrets." not in text, "pull-request workflows never see secrets"


def test_check_workflow_runs_changed_since_the_base() -> None:
    data = yaml.safe_load((PROJECT / ".github/workflows/check.yml").read_text(encoding="utf-8"))
    assert data["permissions"] == {"contents": "read"}
    steps = data["jobs"]["check"]["steps"]
    assert any("gazouille check --changed-since" in step.get("run", "") for step in steps)


def test_pre_commit_hooks_run_gazouille_check() -> None:
    hooks = yaml.safe_load((PROJECT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {hook["entry"] for hook in hooks} == {"gazouille check"}


def test_zizmor_does_refuse_a_dangerous_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(bad)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "template-injection" in result.stdout + result.stderr
