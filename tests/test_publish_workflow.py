"""The publish workflow: when it runs, what it may touch, where the secrets go.

Schema and zizmor run on every workflow in tests/test_workflows.py.
"""

from __future__ import annotations

from typing import Any

import yaml

from gazouille import accounts
from tests.helpers import PROJECT

WORKFLOW = PROJECT / ".github" / "workflows" / "publish.yml"
CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683"
SETUP_PYTHON = "actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065"


def load() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def steps() -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = load()["jobs"]["publish"]["steps"]
    return result


def test_it_runs_on_merge_every_ten_minutes_and_on_demand() -> None:
    triggers = load()[True]  # PyYAML reads `on:` as True
    assert triggers["push"] == {"branches": ["main"]}
    assert triggers["schedule"] == [{"cron": "*/10 * * * *"}]
    assert "workflow_dispatch" in triggers


def test_one_run_at_a_time_never_cancelled() -> None:
    data = load()
    assert data["concurrency"]["cancel-in-progress"] is False
    assert "${{" not in data["concurrency"]["group"]  # one group for every trigger


def test_it_may_only_write_contents_in_the_publication_environment() -> None:
    data = load()
    job = data["jobs"]["publish"]
    assert data["permissions"] == {}
    assert job["permissions"] == {"contents": "write", "pull-requests": "read"}
    # contents: write is for the ledger branch, and says so.
    assert "push the ledger branch gazouille/ledger" in WORKFLOW.read_text(encoding="utf-8")
    assert job["environment"] == "publication"


def test_actions_are_pinned_and_the_checkout_keeps_no_token() -> None:
    uses = [step["uses"] for step in steps() if "uses" in step]
    assert uses == [CHECKOUT, SETUP_PYTHON]
    checkout = steps()[0]
    assert checkout["with"]["persist-credentials"] is False
    assert "# v4" in WORKFLOW.read_text(encoding="utf-8")


def test_each_step_is_one_command() -> None:
    for step in steps():
        command = step.get("run")
        if command is None:
            continue
        assert "\n" not in command.strip() and not any(c in command for c in ("&&", "||", ";", "|"))
        assert command.split()[0] in ("gazouille", "git", "python"), command


def test_secrets_reach_only_the_gazouille_steps_without_naming_any_account() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    (publish,) = [s for s in steps() if s.get("run") == "gazouille publish --push"]
    assert publish["env"]["GAZOUILLE_SECRETS"] == "${{ secrets.GAZOUILLE_SECRETS }}"
    assert publish["env"]["GAZOUILLE_LEDGER_KEY"] == "${{ secrets.GAZOUILLE_LEDGER_KEY }}"
    assert publish["env"]["GAZOUILLE_PAUSED"] == "${{ vars.GAZOUILLE_PAUSED }}"
    # Adding an account changes accounts.yml and the secret's value, never this file.
    for account in accounts.load(PROJECT):
        assert account.id not in text.lower() and account.env_prefix not in text
    assert "toJSON(secrets)" not in text  # zizmor: overprovisioned-secrets
    for step in steps():
        for value in step.get("env", {}).values():
            if "secrets." in str(value) or "github.token" in str(value):
                assert step["run"].startswith("gazouille "), step["name"]


def test_the_ledger_goes_to_its_branch_never_to_main() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "HEAD:main" not in text and "git push" not in text
    commands = [s["run"] for s in steps() if "run" in s]
    assert commands[-2:] == ["gazouille ledger migrate --push", "gazouille publish --push"]


def test_the_job_installs_only_pinned_hashed_dependencies() -> None:
    commands = [s["run"] for s in steps() if "run" in s]
    assert commands[:2] == [
        "python -m pip install --disable-pip-version-check --require-hashes --no-deps "
        "-r requirements/publish.txt",
        "python -m pip install --disable-pip-version-check --no-deps --no-build-isolation .",
    ]
