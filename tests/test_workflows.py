"""Every workflow passes the GitHub workflow schema and zizmor, offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

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
    [check] = [step for step in steps if "gazouille check" in step.get("run", "")]
    assert '--changed-since "$BASE_SHA" --base "$BASE_SHA"' in check["run"]
    assert check["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"


def _checkouts(job: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The job's checkouts by directory."""
    return {
        step["with"].get("path", "."): step["with"]
        for step in job["steps"]
        if str(step.get("uses", "")).startswith("actions/checkout@")
    }


PULL_REQUEST_JOBS = [
    ("check.yml", "check"),
    ("preview.yml", "cards"),
    ("preview.yml", "comment"),
]


@pytest.mark.parametrize(("workflow", "job_id"), PULL_REQUEST_JOBS)
def test_pull_request_jobs_run_the_base_branch_code(workflow: str, job_id: str) -> None:
    """The pull request cannot weaken the gate: gazouille comes from the base checkout only."""
    data = yaml.safe_load((PROJECT / ".github/workflows" / workflow).read_text(encoding="utf-8"))
    job = data["jobs"][job_id]
    checkouts = _checkouts(job)
    assert checkouts["base"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    assert "ref" not in checkouts["pr"]  # the pull request's merge commit: data only
    assert all(c["persist-credentials"] is False for c in checkouts.values())
    installs = [s for s in job["steps"] if "pip install" in s.get("run", "")]
    assert installs and all(s.get("working-directory") == "base" for s in installs)
    for step in job["steps"]:
        if "gazouille" in step.get("run", "") and "pip install" not in step["run"]:
            assert step.get("working-directory") == "pr", step["name"]
        assert "pr/" not in step.get("run", "").replace("preview.md", ""), step["name"]
    # Installing from the pull request's checkout, in any spelling, would let it judge itself.
    for install in installs:
        assert " pr" not in install["run"] and "../pr" not in install["run"]


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
