"""The administrator's guide covers what setting up a department from zero needs."""

from __future__ import annotations

import re

import pytest

from gazouille.cli import init
from tests.helpers import PROJECT

GUIDE = (PROJECT / "docs" / "administration.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "needed",
    [
        "gazouille init",
        "Team",  # the GitHub plan, and why
        ".github/rulesets/main.json",
        ".github/rulesets/ledger.json",
        "gazouille/ledger",
        "Selected branches and tags",  # the publication environment, main only
        "Read and write",
        "GAZOUILLE_SECRETS",  # one secret for every account: no workflow to edit
        "squash",
        "7-59/10",  # a cron off the hour
        "minutes",
        ".github/requirements-gazouille.txt",  # taking a new gazouille version
        "administrators",
    ],
)
def test_the_guide_covers(needed: str) -> None:
    assert needed in GUIDE


def test_every_init_option_is_documented() -> None:
    options = {opt for param in init.params for opt in param.opts if opt.startswith("--")}
    documented = set(re.findall(r"`(--[a-z-]+)`", GUIDE))
    assert options - {"--help"} <= documented


def test_the_shipped_main_ruleset_is_the_one_the_guide_describes() -> None:
    ruleset = (PROJECT / ".github/rulesets/main.json").read_text(encoding="utf-8")
    assert '"allowed_merge_methods": ["squash"]' in ruleset
    assert '"require_last_push_approval": false' in ruleset
    assert '"bypass_actors": []' in ruleset
