from __future__ import annotations

from click.testing import CliRunner

from gazouille.cli import main


def test_help_lists_check() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "check" in result.output
