"""The preview workflow: one comment kept up to date, forks get the summary, cards uploaded.

Schema, zizmor and the security rules run on every workflow in test_workflows.py.
"""

from __future__ import annotations

from typing import Any

import yaml

from tests.helpers import PROJECT

WORKFLOW = PROJECT / ".github/workflows/preview.yml"


def load() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_triggered_by_pull_request_only() -> None:
    data = load()
    assert data[True] == {"pull_request": None}  # PyYAML reads `on:` as True


def test_only_the_comment_job_may_write_and_only_comments() -> None:
    data = load()
    assert data["permissions"] == {"contents": "read"}
    assert "permissions" not in data["jobs"]["cards"]
    assert data["jobs"]["comment"]["permissions"] == {
        "contents": "read",
        "pull-requests": "write",
    }


def test_forks_get_no_comment_job() -> None:
    condition = load()["jobs"]["comment"]["if"]
    assert condition == "github.event.pull_request.head.repo.full_name == github.repository"


def test_the_comment_is_the_markdown_check_updated_in_place() -> None:
    job = load()["jobs"]["comment"]
    script = runs(job)
    assert (
        'gazouille check --changed-since "$BASE_SHA" --base "$BASE_SHA" --format markdown '
        "> preview.md" in script
    )
    assert 'gazouille comment --pull-request "$PR_NUMBER" --body-file preview.md' in script


def test_summary_and_cards_for_every_pull_request() -> None:
    job = load()["jobs"]["cards"]
    script = runs(job)
    assert 'cat preview.md >> "$GITHUB_STEP_SUMMARY"' in script
    assert "gazouille preview" in script and "--png" in script
    uploads = [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload")]
    assert uploads and uploads[0]["with"]["path"] == "cards/"


def test_checkouts_keep_no_credentials_and_full_history() -> None:
    for job in load()["jobs"].values():
        checkouts = [
            step["with"]
            for step in job["steps"]
            if str(step.get("uses", "")).startswith("actions/checkout@")
        ]
        assert checkouts == [
            {
                "ref": "${{ github.event.pull_request.base.sha }}",
                "path": "base",
                "persist-credentials": False,
            },
            {"path": "pr", "fetch-depth": 0, "persist-credentials": False},
        ]
