"""Loading ``accounts.yml``: who the accounts are and what they allow."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gazouille import yamlutil
from gazouille.errors import ConfigError
from gazouille.repo import ACCOUNTS_FILE
from gazouille.validation import validate


@dataclass(frozen=True)
class Allow:
    """Institutional data that is not personal data (the account's ``allow``)."""

    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    x_username: str
    timezone: str
    reply_settings: str = "mentionedUsers"
    authors: tuple[str, ...] = ()
    reviewers: tuple[str, ...] = ()
    required_approvals: int = 1
    paused: bool = False
    allow: Allow = field(default_factory=Allow)
    line: int = 1

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def env_prefix(self) -> str:
        """``GAZOUILLE_<ACCOUNT>`` with the id upper-cased, other characters as ``_``."""
        cleaned = "".join(c if c.isalnum() else "_" for c in self.id.upper())
        return f"GAZOUILLE_{cleaned}"


@dataclass(frozen=True)
class Accounts:
    path: str
    accounts: dict[str, Account]
    # Own everything in CODEOWNERS but the accounts' posts and media.
    administrators: tuple[str, ...] = ()

    def get(self, account_id: str) -> Account | None:
        return self.accounts.get(account_id)

    def require(self, account_id: str) -> Account:
        """The account ``account_id``, or a French ConfigError listing the known ones."""
        found = self.accounts.get(account_id)
        if found is None:
            raise ConfigError(
                f"compte inconnu « {account_id} »",
                path=self.path,
                fix=f"comptes déclarés : {', '.join(self.accounts)}.",
            )
        return found

    def __iter__(self) -> Iterator[Account]:
        return iter(self.accounts.values())


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in (value or ()))


def parse(text: str, path: str = ACCOUNTS_FILE) -> Accounts:
    """Parse the text of accounts.yml, raising a French ConfigError on any fault."""
    try:
        loaded = yamlutil.load(text)
    except yamlutil.YamlError as exc:
        raise ConfigError(exc.message, path=path, line=exc.line, fix=exc.fix) from None
    if loaded.data is None:
        raise ConfigError(
            "le fichier est vide", path=path, line=1, fix="déclarez les comptes sous « accounts: »."
        )
    for problem in validate("accounts.schema.json", loaded):
        raise ConfigError(problem.message, path=path, line=problem.line, fix=problem.fix)
    accounts: dict[str, Account] = {}
    for account_id, raw in loaded.data["accounts"].items():
        line = loaded.line_of(("accounts", account_id))
        try:
            ZoneInfo(raw["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"fuseau horaire inconnu « {raw['timezone']} » pour le compte {account_id}",
                path=path,
                line=loaded.line_of(("accounts", account_id, "timezone")),
                fix="utilisez un nom IANA, par exemple Europe/Paris.",
            ) from None
        allow = raw.get("allow") or {}
        reviewers = _strings(raw.get("reviewers"))
        required = int(raw.get("required_approvals", 1))
        if reviewers and required > len(reviewers):
            raise ConfigError(
                f"le compte {account_id} demande {required} approbations "
                f"mais n'a que {len(reviewers)} relecteur(s)",
                path=path,
                line=loaded.line_of(("accounts", account_id, "required_approvals")),
                fix="ajoutez des relecteurs ou baissez required_approvals.",
            )
        accounts[account_id] = Account(
            id=account_id,
            name=raw["name"],
            x_username=raw["x_username"],
            timezone=raw["timezone"],
            reply_settings=raw.get("reply_settings", "mentionedUsers"),
            authors=_strings(raw.get("authors")),
            reviewers=reviewers,
            required_approvals=required,
            paused=bool(raw.get("paused", False)),
            allow=Allow(
                phones=_strings(allow.get("phones")),
                emails=_strings(allow.get("emails")),
                names=_strings(allow.get("names")),
                addresses=_strings(allow.get("addresses")),
                handles=_strings(allow.get("handles")),
            ),
            line=line,
        )
    return Accounts(path, accounts, _strings(loaded.data.get("administrators")))


def load(root: Path) -> Accounts:
    """Read ``accounts.yml`` at the repository root."""
    file = root / ACCOUNTS_FILE
    if not file.is_file():
        raise ConfigError(
            "fichier introuvable",
            path=ACCOUNTS_FILE,
            fix="créez accounts.yml à la racine du dépôt (voir README).",
        )
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"le fichier n'est pas en UTF-8 (octet {exc.start})",
            path=ACCOUNTS_FILE,
            fix="enregistrez le fichier en UTF-8.",
        ) from None
    return parse(text.replace("\r\n", "\n"), ACCOUNTS_FILE)


def load_at(root: Path, rev: str) -> Accounts:
    """``accounts.yml`` as committed at ``rev`` (a branch, a SHA), not as in the working tree."""
    from gazouille.gitutil import resolve, run_git

    sha = resolve(root, rev)
    where = f"{ACCOUNTS_FILE} ({rev})"
    try:
        raw = run_git(root, "show", f"{sha}:{ACCOUNTS_FILE}")
    except ConfigError:
        raise ConfigError(
            f"{ACCOUNTS_FILE} est absent de la révision « {rev} »",
            path=ACCOUNTS_FILE,
            fix="la branche de base doit déclarer les comptes ; créez le dépôt avec « gazouille init ».",
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"le fichier n'est pas en UTF-8 (octet {exc.start})",
            path=where,
            fix="enregistrez le fichier en UTF-8.",
        ) from None
    return parse(text.replace("\r\n", "\n"), where)
