"""``gazouille init DIR``: a department repository, from zero, that passes ``check``.

It writes one account in ``accounts.yml``, the three workflows, the
generated ``.github/CODEOWNERS``, the importable rulesets, the pinned
gazouille version the workflows install (``.github/requirements-gazouille.txt``),
the publish job's lock file (``requirements/``, when gazouille ships one)
and empty ``posts/<account>/`` and ``media/<account>/`` folders; then makes a
git repository on ``main`` with a first commit. No sample posts.

The workflows are gazouille's own (package data), with two changes for a
repository that does not contain gazouille's source: ``pip install .``
becomes the pinned requirement, and the publish step receives the new
account's X credentials instead of the demonstration accounts'.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from gazouille import __version__
from gazouille.accounts import Accounts, parse
from gazouille.errors import ConfigError
from gazouille.gitutil import run_git
from gazouille.governance import codeowners
from gazouille.repo import ACCOUNTS_FILE, MEDIA_DIR, POSTS_DIR

REQUIREMENTS = ".github/requirements-gazouille.txt"
# A workflow step installing gazouille's own checkout (``pip install [options] .``)
# installs, in a department's repository, the pinned requirement instead.
_SELF_INSTALL = re.compile(r"(?<=run: )(python -m pip install(?: --[a-z-]+)*) \.$", re.MULTILINE)
_PINNED_INSTALL = rf"\1 --requirement {REQUIREMENTS}"
# The publish job's hashed lock (requirements/publish.txt) is gazouille's own
# project file: a department's job installs its pinned version instead.
_LOCK_INSTALL = re.compile(
    r"(?<=run: )python -m pip install(?: --[a-z-]+)* -r requirements/publish\.txt$", re.MULTILINE
)
_PINNED_ONLY = f"python -m pip install --disable-pip-version-check --requirement {REQUIREMENTS}"
_SECRET_LINE = re.compile(
    r"^(?P<indent>[ \t]+)GAZOUILLE_[A-Z0-9_]+_X_"
    r"(?:API_KEY|API_SECRET|ACCESS_TOKEN|ACCESS_TOKEN_SECRET): \$\{\{ secrets\.[A-Z0-9_]+ \}\}\n",
    re.MULTILINE,
)
_CREDENTIALS = ("X_API_KEY", "X_API_SECRET", "X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET")


@dataclass(frozen=True)
class Department:
    """What ``gazouille init`` is told about the new repository."""

    account: str
    x_username: str
    name: str | None = None
    timezone: str = "Europe/Paris"
    authors: Sequence[str] = ()
    reviewers: Sequence[str] = ()
    administrators: Sequence[str] = ()
    gazouille: str | None = None


def _flow(logins: Sequence[str]) -> str:
    return "[" + ", ".join(json.dumps(login) for login in logins) + "]"


def accounts_text(dept: Department) -> str:
    """The new accounts.yml: one account, commented in French for the administrator."""
    name = dept.name or f"Compte {dept.x_username}"
    return (
        "# Les comptes X publiés par gazouille (schéma : schema/accounts.schema.json de gazouille).\n"
        "# Seuls les « authors » d'un compte écrivent ses publications (trois au plus) ; ses\n"
        "# « reviewers » les approuvent. Les « administrators » possèdent tout le reste du dépôt\n"
        "# (.github/CODEOWNERS) : après toute modification, lancez « gazouille codeowners ».\n"
        f"administrators: {_flow(dept.administrators)}\n"
        "accounts:\n"
        f"  {dept.account}:\n"
        f"    name: {json.dumps(name, ensure_ascii=False)}\n"
        f"    x_username: {json.dumps(dept.x_username)}\n"
        f"    timezone: {json.dumps(dept.timezone)}\n"
        "    reply_settings: mentionedUsers   # seules les personnes mentionnées répondent\n"
        f"    authors: {_flow(dept.authors)}\n"
        f"    reviewers: {_flow(dept.reviewers)}\n"
        "    required_approvals: 1\n"
        "    paused: false\n"
        "    allow:                           # données institutionnelles, pas personnelles\n"
        "      phones: []\n"
        '      emails: ["@interieur.gouv.fr"]\n'
        "      names: []\n"
        "      addresses: []\n"
    )


_ACCOUNT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _validated(dept: Department) -> tuple[str, Accounts]:
    if not _ACCOUNT_ID.match(dept.account):
        raise ConfigError(
            f"identifiant de compte invalide « {dept.account} »",
            fix="minuscules, chiffres, - et _, par exemple pn44.",
        )
    text = accounts_text(dept)
    try:
        return text, parse(text, ACCOUNTS_FILE)
    except ConfigError as exc:
        raise ConfigError(
            f"les options ne donnent pas un {ACCOUNTS_FILE} valide : {exc.message}",
            fix=exc.fix
            or "vérifiez --account (minuscules, chiffres, - et _), --x-username (sans @) "
            "et les identifiants GitHub.",
        ) from None


def _workflow(text: str, accounts: Accounts) -> str:
    text = _SELF_INSTALL.sub(_PINNED_INSTALL, text)
    text = _LOCK_INSTALL.sub(_PINNED_ONLY, text)
    found = list(_SECRET_LINE.finditer(text))
    if not found:
        return text
    indent = found[0].group("indent")
    lines = "".join(
        f"{indent}{account.env_prefix}_{name}: ${{{{ secrets.{account.env_prefix}_{name} }}}}\n"
        for account in accounts
        for name in _CREDENTIALS
    )
    start, end = found[0].start(), found[-1].end()
    kept = _SECRET_LINE.sub("", text[start:end])  # other lines within the block stay
    return text[:start] + lines + kept + text[end:]


# The workflows a department needs from day one (pages and editor-status come
# with the web editor, docs/administration.md).
DEPARTMENT_WORKFLOWS = frozenset({"check.yml", "preview.yml", "publish.yml"})


def _templates(kind: str) -> list[tuple[str, str]]:
    folder = files("gazouille") / "templates" / kind
    if not folder.is_dir():
        return []
    return sorted(
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in folder.iterdir()
        if entry.is_file() and not entry.name.startswith(".")
    )


README = """# Publications de {name}

Dépôt des publications du compte X @{x_username}, relues avant d'être publiées
par [gazouille](https://pypi.org/project/gazouille/).

- Écrire une publication : `gazouille new {account} prevention`, puis
  `gazouille check`, et une demande de fusion (pull request).
- Les relecteurs du compte approuvent ; la publication part à l'heure prévue.
- Administration (règles de protection, environnement `publication`, secrets
  X) : voir le guide d'administration de gazouille (`docs/administration.md`).
"""


def _files(dept: Department, text: str, accounts: Accounts) -> dict[str, str]:
    written = {
        ACCOUNTS_FILE: text,
        codeowners.PATH: codeowners.render(accounts),
        REQUIREMENTS: (
            "# La version de gazouille qu'installent les workflows (depuis la branche de base).\n"
            "# Pour en changer : modifiez cette ligne dans une pull request (administrateurs).\n"
            f"{dept.gazouille or f'gazouille=={__version__}'}\n"
        ),
        "README.md": README.format(
            name=dept.name or dept.x_username, x_username=dept.x_username, account=dept.account
        ),
        ".gitignore": ".venv/\n__pycache__/\n*.pyc\n",
        f"{POSTS_DIR}/{dept.account}/.gitkeep": "",
        f"{MEDIA_DIR}/{dept.account}/.gitkeep": "",
    }
    for name, content in _templates("workflows"):
        if name not in DEPARTMENT_WORKFLOWS:
            continue  # the web editor's workflows need admin/ and its npm bundle: added with it
        written[f".github/workflows/{name}"] = _workflow(content, accounts)
    for name, content in _templates("rulesets"):
        written[f".github/rulesets/{name}"] = content
    # The publish job's dependencies, pinned with their hashes (its lock file).
    for name, content in _templates("requirements"):
        written[f"requirements/{name}"] = content
    return written


def _commit(target: Path) -> None:
    run_git(target, "init", "--quiet", "--initial-branch=main")
    run_git(target, "add", "-A")
    identity: list[str] = []
    for key, fallback in (("user.name", "gazouille"), ("user.email", "gazouille@invalid")):
        try:
            run_git(target, "config", key)
        except ConfigError:  # no identity configured: commit anyway, say who made it
            identity += ["-c", f"{key}={fallback}"]
    run_git(target, *identity, "commit", "--quiet", "-m", "Dépôt créé par gazouille init")


def run(cwd: Path, directory: str, dept: Department) -> tuple[Path, list[str]]:
    """Create the repository in ``directory``; returns it and the files written."""
    target = (cwd / directory).resolve()
    if target.exists() and not target.is_dir():
        raise ConfigError(
            f"« {directory} » existe déjà et n'est pas un dossier",
            fix="indiquez un nouveau dossier, par exemple publications-pn44.",
        )
    if target.is_dir() and any(target.iterdir()):
        raise ConfigError(
            f"le dossier « {directory} » n'est pas vide : gazouille init ne remplace rien",
            fix="indiquez un dossier vide ou qui n'existe pas encore.",
        )
    if not dept.administrators:
        raise ConfigError(
            "il faut au moins un administrateur (--administrator LOGIN)",
            fix="donnez l'identifiant GitHub de la personne qui administrera le dépôt.",
        )
    text, accounts = _validated(dept)
    written = _files(dept, text, accounts)
    target.mkdir(parents=True, exist_ok=True)
    for relpath, content in written.items():
        path = target / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    _commit(target)
    return target, sorted(written)
