"""`gazouille new`: each category's template passes `check` once its blanks are filled."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gazouille.checks.category import categories
from tests.helpers import cli

BLANK = re.compile(r"\[[^\]\[\n]{1,40}\](?!\()")


@pytest.mark.parametrize("category", categories())
def test_template_holds_only_blanks_to_fill_then_passes(repo: Path, category: str) -> None:
    created = cli(repo, "new", "pn44", category, "--publish-at", "2026-12-24T10:00")
    assert created.exit_code == 0, created.output
    path = created.output.splitlines()[0].split(" : ", 1)[1]
    checked = cli(repo, "check", path, "--format", "json")
    assert checked.exit_code == 1
    report = json.loads(checked.output)["posts"][0]
    assert {e["rule"] for e in report["errors"]} == {"text/placeholder"}, checked.output
    assert report["warnings"] == []
    text = (repo / path).read_text(encoding="utf-8")
    (repo / path).write_text(BLANK.sub("texte complété", text), encoding="utf-8")
    filled = cli(repo, "check", path)
    assert filled.exit_code == 0, filled.output
    assert "0 erreur, 0 avertissement" in filled.output


def test_the_authorization_reference_blank_is_refused_at_its_line(repo: Path) -> None:
    created = cli(repo, "new", "pn44", "disparition-inquietante")
    path = created.output.splitlines()[0].split(" : ", 1)[1]
    lines = (repo / path).read_text(encoding="utf-8").splitlines()
    reference = next(n for n, line in enumerate(lines, 1) if "reference:" in line)
    checked = cli(repo, "check", path)
    assert f"{path}:{reference} erreur [text/placeholder] l'en-tête contient" in checked.output
