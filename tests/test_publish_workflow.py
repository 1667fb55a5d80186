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


def test_x_secrets_reach_only_the_publish_step_and_cover_every_account() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    (publish,) = [s for s in steps() if s.get("run") == "gazouille publish --commit"]
    expected = {
        f"{account.env_prefix}_{suffix}"
        for account in accounts.load(PROJECT)
        for suffix in ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET")
    }
    given = {name for name, value in publish["env"].items() if "secrets." in str(value)}
    assert given == expected
    assert all(publish["env"][name] == f"${{{{ secrets.{name} }}}}" for name in expected)
    assert text.count("secrets.") == len(expected)
    assert publish["env"]["GAZOUILLE_PAUSED"] == "${{ vars.GAZOUILLE_PAUSED }}"
    # The token reaches git, and publish for the approvals (issue 5), nothing else.
    for step in steps():
        if "github.token" in str(step.get("env", {})):
            assert step["run"].startswith(("git ", "gazouille publish")), step["name"]
    assert publish["env"]["GITHUB_TOKEN"] == "${{ github.token }}"


def test_the_ledger_is_pushed_even_when_publish_failed_with_rebase_and_retry() -> None:
    commands = [(s.get("if", ""), s.get("run", "")) for s in steps()]
    pushes = [c for c in commands if c[1].startswith("git push")]
    rebases = [c for c in commands if c[1].startswith("git pull --rebase")]
    assert len(pushes) == 3 and len(rebases) == 2
    assert all("!cancelled()" in condition for condition, _ in pushes + rebases)
    assert all(run.endswith("HEAD:main") for _, run in pushes)
