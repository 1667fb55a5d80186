"""The one clock of the whole tool.

``GAZOUILLE_NOW`` (ISO 8601, a contract) replaces "now" in every command that
reads the time: ``check``, ``publish``, ``status``, ``preview``, ``log`` and
``new``. Tests set it, so nothing depends on the day they run; an operator may
set it to ask "what would happen at 8:00 tomorrow?". A value without an offset
is read as UTC.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime

from gazouille.errors import ConfigError

VARIABLE = "GAZOUILLE_NOW"


def now(env: Mapping[str, str] | None = None) -> datetime:
    """The current instant, aware, from ``GAZOUILLE_NOW`` when it is set."""
    value = (os.environ if env is None else env).get(VARIABLE, "").strip()
    if not value:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(
            f"{VARIABLE} vaut « {value} », qui n'est pas une date ISO 8601",
            fix=f"écrivez par exemple {VARIABLE}=2026-12-01T09:30:00+01:00, ou retirez la variable.",
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment
