"""``gazouille sandbox``: the local X stand-in, in the foreground until Ctrl-C."""

from __future__ import annotations

import contextlib
import errno
import signal
import sqlite3
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from gazouille.errors import EXIT_OK, ConfigError

if TYPE_CHECKING:
    from gazouille.accounts import Account

DB_NAME = "gazouille-sandbox.sqlite3"


def default_db(root: Path | None) -> Path:
    """Inside the repository's ``.git`` (never committed, kept between runs), else a temp dir."""
    if root is not None and (root / ".git").is_dir():
        return root / ".git" / DB_NAME
    return Path(tempfile.gettempdir()) / DB_NAME


# The tables of gazouille.sandbox.store: a file without them is someone else's.
SANDBOX_TABLES = frozenset({"users", "credentials", "posts", "media", "post_media"})


def refuse_foreign_db(database: Path) -> None:
    """Raise unless ``database`` is absent (it will be created) or a sandbox database.

    ``--db README.md`` must neither be written into nor be advised for deletion.
    """
    if not database.exists():
        return
    fix = (
        "indiquez avec --db un fichier qui n'existe pas encore (le bac à sable le crée), "
        "ou omettez --db."
    )
    if not database.is_file():
        raise ConfigError("ce n'est pas un fichier", path=str(database), fix=fix)
    with database.open("rb") as handle:
        header = handle.read(16)
    tables: set[str] = set()
    if header == b"SQLite format 3\x00":
        try:
            with contextlib.closing(
                sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
            ) as db:
                rows = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                tables = {str(row[0]) for row in rows}
        except sqlite3.Error:
            tables = set()
    if not tables >= SANDBOX_TABLES:
        raise ConfigError(
            "ce fichier n'est pas une base du bac à sable : gazouille ne l'utilise pas et "
            "n'y touche pas",
            path=str(database),
            fix=fix,
        )


def _accounts(root: Path | None) -> list[Account]:
    """The accounts of the repository's accounts.yml, when there is one."""
    from gazouille import accounts

    if root is None:
        return []
    try:
        return list(accounts.load(root))
    except ConfigError:
        return []


def run_sandbox(cwd: Path, port: int, db: Path | None, out: TextIO) -> int:
    from gazouille.repo import find_root
    from gazouille.sandbox import sandbox_credentials, start
    from gazouille.sandbox.faults import LoggedRequest

    try:
        root: Path | None = find_root(cwd)
    except ConfigError:
        root = None
    database = db or default_db(root)
    refuse_foreign_db(database)
    lock = threading.Lock()

    def show(entry: LoggedRequest) -> None:
        status = "connexion coupée" if entry.dropped else str(entry.status)
        who = f" @{entry.user}" if entry.user else ""
        with lock:
            out.write(f"  {entry.time[11:19]} {entry.method} {entry.path} → {status}{who}\n")
            out.flush()

    try:
        sandbox = start(port, database, on_request=show)
    except sqlite3.Error as exc:
        raise ConfigError(
            f"impossible d'ouvrir la base du bac à sable ({exc})",
            path=str(database),
            fix="indiquez avec --db un fichier qui n'existe pas encore ; si celui-ci a été créé "
            "par le bac à sable, vous pouvez le supprimer pour repartir de zéro.",
        ) from None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ConfigError(
                f"le port {port} est déjà utilisé (un autre bac à sable tourne peut-être)",
                fix="choisissez-en un autre avec --port, ou --port 0 pour un port libre.",
            ) from None
        raise ConfigError(
            f"impossible d'ouvrir le bac à sable ({exc.strerror or exc})",
            path=str(database),
            fix="vérifiez les droits sur ce fichier, ou indiquez-en un autre avec --db.",
        ) from None
    accounts = _accounts(root)
    for account in accounts:
        sandbox.add_user(account.x_username, account.name)
    lines = [
        f"Bac à sable X démarré : {sandbox.url}",
        f"Fil des comptes : {sandbox.timeline_url()}",
        f"Base de données : {database}",
        "",
        "Pour publier vers le bac à sable, exportez dans un autre terminal :",
        f"  export GAZOUILLE_X_API_URL={sandbox.url}",
        f"  export GAZOUILLE_X_SITE_URL={sandbox.url}",
    ]
    if accounts:
        for account in accounts:
            credentials = sandbox_credentials(account.x_username)
            for name, value in credentials.env(account.env_prefix).items():
                lines.append(f"  export {name}={value}")
    else:
        example = sandbox_credentials("<nom_X>").env("GAZOUILLE_<COMPTE>")
        lines += [f"  export {name}={value}" for name, value in example.items()]
        lines.append(
            "  (<COMPTE> : l'identifiant du compte en majuscules ; <nom_X> : son nom sur X)"
        )
    lines += ["", "Ctrl-C pour arrêter.", ""]

    # Ctrl-C and SIGTERM only set the event, and are caught before the
    # invitation is printed: a signal that comes at once still stops cleanly.
    stop = threading.Event()
    handlers = {
        number: signal.signal(number, lambda *_: stop.set())
        for number in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        out.write("\n".join(lines) + "\n")
        out.flush()
        while not stop.wait(0.5):
            pass
    finally:
        for number, previous in handlers.items():
            signal.signal(number, previous)
        sandbox.stop()
    out.write("\nBac à sable arrêté.\n")
    return EXIT_OK
