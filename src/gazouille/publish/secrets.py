"""``GAZOUILLE_SECRETS``: every account's X secrets in one GitHub secret.

Adding an account must not mean editing the publish workflow, and zizmor
rightly refuses ``${{ toJSON(secrets) }}`` (it hands every secret of the
repository to the step). So the ``publication`` environment holds one secret,
``GAZOUILLE_SECRETS``: a JSON object of ``GAZOUILLE_*`` names to values, e.g.
``{"GAZOUILLE_PN44_X_API_KEY": "…", …}``, that the workflow passes as is.
Names outside ``GAZOUILLE_*`` are ignored, a variable set directly wins, and
values are never printed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from gazouille.errors import ConfigError

SECRETS_ENV = "GAZOUILLE_SECRETS"
PREFIX = "GAZOUILLE_"


def expand(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` plus the ``GAZOUILLE_*`` entries of ``GAZOUILLE_SECRETS``."""
    result = dict(env)
    raw = env.get(SECRETS_ENV, "").strip()
    if not raw:
        return result
    try:
        values = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{SECRETS_ENV} n'est pas un objet JSON valide (position {exc.pos})",
            fix=f'le secret {SECRETS_ENV} doit ressembler à {{"GAZOUILLE_PN44_X_API_KEY": "…"}} '
            "(Settings → Environments → publication).",
        ) from None
    if not isinstance(values, dict):
        raise ConfigError(
            f"{SECRETS_ENV} doit être un objet JSON (des noms et des valeurs)",
            fix='exemple : {"GAZOUILLE_PN44_X_API_KEY": "…", "GAZOUILLE_PN44_X_API_SECRET": "…"}.',
        )
    for name, value in values.items():
        if not isinstance(name, str) or not name.startswith(PREFIX) or name == SECRETS_ENV:
            continue
        if not isinstance(value, str):
            raise ConfigError(
                f"{SECRETS_ENV} : la valeur de « {name} » doit être une chaîne de caractères",
                fix="mettez la valeur entre guillemets dans le secret.",
            )
        if not result.get(name):  # a variable set on its own wins, unless empty (an unset secret)
            result[name] = value
    return result
