"""`--help` is in French for every command and option."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from gazouille.cli import main
from tests.helpers import cli

COMMANDS = sorted(main.commands)
ENGLISH_WORDS = re.compile(r"\b(the|Only|Output|Show|Print|Write|Create|default|when)\b")
ENGLISH = (
    "Usage:",
    "Options:",
    "Commands:",
    "Show this message",
    "Show the version",
    "required",
    "default:",
)


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_pages_are_in_french(tmp_path: Path, command: str) -> None:
    args = [command, "--help"] if command else ["--help"]
    result = cli(tmp_path, *args)
    assert result.exit_code == 0
    assert result.output.startswith("Utilisation : ")
    assert f"{command} [OPTIONS]".strip() in result.output.splitlines()[0]
    assert "Options :" in result.output
    assert "-h, --help" in result.output and "Affiche cette aide et quitte." in result.output
    for english in ENGLISH:
        assert english not in result.output, english


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_has_a_french_help_text(command: str) -> None:
    for param in main.commands[command].params:
        if isinstance(param, click.Option):
            assert param.help, f"{command} {param.opts[0]}"
            assert not ENGLISH_WORDS.search(param.help), param.help
    assert not ENGLISH_WORDS.search(main.commands[command].help or "")


def test_the_group_page_lists_commands_in_french(tmp_path: Path) -> None:
    output = cli(tmp_path, "-h").output
    assert "Commandes :" in output
    assert "COMMANDE [ARGUMENTS]..." in output
    assert "Affiche la version et quitte." in output


def test_click_marks_on_options_are_translated() -> None:
    from gazouille.cli import _Formatter

    formatter = _Formatter()
    formatter.write_dl(
        [
            ("--timezone TEXT", "Fuseau horaire IANA.  [default: Europe/Paris]"),
            ("--pull-request N", "Numéro.  [x>=1; required]"),
        ]
    )
    text = formatter.getvalue()
    assert "[par défaut : Europe/Paris]" in text
    assert "[x>=1; obligatoire]" in text
