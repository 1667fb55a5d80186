from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gazouille import clock
from gazouille.errors import ConfigError
from tests.helpers import NOW, cli


def test_the_suite_runs_on_its_own_clock() -> None:
    assert clock.now() == datetime(2026, 12, 1, 12, tzinfo=UTC)
    assert NOW.startswith("2026-12-01T12:00")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2027-03-01T08:00:00+01:00", datetime(2027, 3, 1, 7, tzinfo=UTC)),
        ("2027-03-01T08:00:00Z", datetime(2027, 3, 1, 8, tzinfo=UTC)),
        ("2027-03-01T08:00", datetime(2027, 3, 1, 8, tzinfo=UTC)),  # no offset: UTC
    ],
)
def test_gazouille_now_is_read_as_iso_8601(value: str, expected: datetime) -> None:
    assert clock.now({"GAZOUILLE_NOW": value}) == expected


def test_without_the_variable_it_is_the_real_time() -> None:
    assert abs(clock.now({}) - datetime.now(UTC)) < timedelta(seconds=5)


def test_a_malformed_clock_is_a_french_usage_error(repo: Path) -> None:
    with pytest.raises(ConfigError, match="GAZOUILLE_NOW"):
        clock.now({"GAZOUILLE_NOW": "demain matin"})
    result = cli(repo, "status", env={"GAZOUILLE_NOW": "demain matin"})
    assert result.exit_code == 2
    assert "GAZOUILLE_NOW" in result.output and "ISO 8601" in result.output
