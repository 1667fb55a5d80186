"""The sandbox's state in SQLite: users, their credentials, posts and media.

One connection shared by every request thread behind one lock: each method is
a transaction, so the duplicate-content check and the insert that follows it
cannot interleave with another request's.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass
from datetime import UTC
from pathlib import Path

from gazouille import clock
from gazouille.publish.x import CREDENTIALS  # the variable names the publisher reads

# X's snowflake epoch (2010-11-04T01:42:54.657Z): ids sort by time, as on X.
TWEPOCH_MS = 1288834974657

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS credentials (
    access_token TEXT PRIMARY KEY,
    access_token_secret TEXT NOT NULL,
    consumer_key TEXT NOT NULL,
    consumer_secret TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users(id)
);
CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    in_reply_to_id INTEGER,
    in_reply_to_user_id INTEGER,
    conversation_id INTEGER NOT NULL,
    reply_settings TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX IF NOT EXISTS posts_by_user ON posts (user_id, id);
CREATE TABLE IF NOT EXISTS media (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    category TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data BLOB NOT NULL,
    alt_text TEXT,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS post_media (
    post_id INTEGER NOT NULL REFERENCES posts(id),
    position INTEGER NOT NULL,
    media_id INTEGER NOT NULL REFERENCES media(id),
    PRIMARY KEY (post_id, position)
);
"""


@dataclass(frozen=True)
class User:
    id: int
    username: str
    name: str


@dataclass(frozen=True)
class Credentials:
    """The four OAuth 1.0a values a client signs with, and the user they act as."""

    consumer_key: str
    consumer_secret: str
    access_token: str
    access_token_secret: str

    def env(self, prefix: str) -> dict[str, str]:
        """The environment gazouille reads them from, for ``prefix`` ``GAZOUILLE_<ACCOUNT>``."""
        values = astuple(self)
        return {f"{prefix}_{name}": value for name, value in zip(CREDENTIALS, values, strict=True)}


@dataclass(frozen=True)
class Media:
    id: int
    user_id: int
    category: str
    content_type: str
    size: int
    alt_text: str | None
    created_at: float

    @property
    def media_key(self) -> str:
        return f"3_{self.id}"


@dataclass(frozen=True)
class Post:
    id: int
    user_id: int
    text: str
    created_at: str
    in_reply_to_id: int | None
    in_reply_to_user_id: int | None
    conversation_id: int
    reply_settings: str
    deleted_at: str | None
    media_ids: tuple[int, ...]


def now_iso() -> str:
    """X's timestamp format: ``2026-11-30T01:50:00.000Z``, on gazouille's clock
    (``GAZOUILLE_NOW`` when set, so that a test's posts are made at the test's "now")."""
    moment = clock.now().astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class Store:
    def __init__(self, path: Path | None) -> None:
        target = ":memory:" if path is None else str(path)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        try:
            self._last_id = self._open(path is not None)
        except BaseException:
            self._db.close()
            raise

    def _open(self, on_disk: bool) -> int:
        """Create or check the schema; the highest id in use."""
        if on_disk:
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(
                f"schema version {version} is newer than this gazouille's ({SCHEMA_VERSION})"
            )
        self._db.executescript(SCHEMA)
        self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        last = 0
        for table in ("users", "posts", "media"):
            row = self._db.execute(f"SELECT max(id) FROM {table}").fetchone()
            last = max(last, row[0] or 0)
        return last

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store for a read-then-write sequence of calls (check, then insert)."""
        with self._lock:
            yield

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def next_id(self) -> int:
        """A snowflake-like id: the time in its high bits, strictly increasing."""
        with self._lock:
            candidate = (int(time.time() * 1000) - TWEPOCH_MS) << 22
            self._last_id = max(candidate, self._last_id + 1)
            return self._last_id

    # Users and credentials

    def user_by_username(self, username: str) -> User | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, username, name FROM users WHERE username = ?", (username,)
            ).fetchone()
        return User(row["id"], row["username"], row["name"]) if row else None

    def user_by_id(self, user_id: int) -> User | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, username, name FROM users WHERE id = ?", (user_id,)
            ).fetchone()
        return User(row["id"], row["username"], row["name"]) if row else None

    def users(self) -> list[User]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, username, name FROM users ORDER BY username"
            ).fetchall()
        return [User(r["id"], r["username"], r["name"]) for r in rows]

    def ensure_user(self, username: str, name: str | None = None) -> User:
        """The user called ``username``, created on first use; ``name`` renames it."""
        with self.transaction() as db:
            found = self.user_by_username(username)
            if found is None:
                found = User(self.next_id(), username, name or username)
                db.execute(
                    "INSERT INTO users (id, username, name, created_at) VALUES (?, ?, ?, ?)",
                    (found.id, found.username, found.name, now_iso()),
                )
            elif name and name != found.name:
                db.execute("UPDATE users SET name = ? WHERE id = ?", (name, found.id))
                found = User(found.id, found.username, name)
        return found

    def add_credentials(self, user: User, credentials: Credentials) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO credentials (access_token, access_token_secret,"
                " consumer_key, consumer_secret, user_id) VALUES (?, ?, ?, ?, ?)",
                (
                    credentials.access_token,
                    credentials.access_token_secret,
                    credentials.consumer_key,
                    credentials.consumer_secret,
                    user.id,
                ),
            )

    def credentials_for_token(self, access_token: str) -> tuple[Credentials, User] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT c.*, u.username, u.name FROM credentials c"
                " JOIN users u ON u.id = c.user_id WHERE c.access_token = ?",
                (access_token,),
            ).fetchone()
        if row is None:
            return None
        credentials = Credentials(
            row["consumer_key"],
            row["consumer_secret"],
            row["access_token"],
            row["access_token_secret"],
        )
        return credentials, User(row["user_id"], row["username"], row["name"])

    # Media

    def add_media(self, user: User, category: str, content_type: str, data: bytes) -> Media:
        media = Media(self.next_id(), user.id, category, content_type, len(data), None, time.time())
        with self.transaction() as db:
            db.execute(
                "INSERT INTO media (id, user_id, category, content_type, data, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (media.id, user.id, category, content_type, data, media.created_at),
            )
        return media

    def media(self, media_id: int) -> Media | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, user_id, category, content_type, length(data) AS size, alt_text,"
                " created_at FROM media WHERE id = ?",
                (media_id,),
            ).fetchone()
        if row is None:
            return None
        return Media(
            row["id"],
            row["user_id"],
            row["category"],
            row["content_type"],
            row["size"],
            row["alt_text"],
            row["created_at"],
        )

    def media_bytes(self, media_id: int) -> tuple[str, bytes] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT content_type, data FROM media WHERE id = ?", (media_id,)
            ).fetchone()
        return (str(row[0]), bytes(row[1])) if row else None

    def set_alt_text(self, media_id: int, alt_text: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE media SET alt_text = ? WHERE id = ?", (alt_text, media_id))

    # Posts

    def _post(self, row: sqlite3.Row) -> Post:
        media = self._db.execute(
            "SELECT media_id FROM post_media WHERE post_id = ? ORDER BY position", (row["id"],)
        ).fetchall()
        return Post(
            id=row["id"],
            user_id=row["user_id"],
            text=row["text"],
            created_at=row["created_at"],
            in_reply_to_id=row["in_reply_to_id"],
            in_reply_to_user_id=row["in_reply_to_user_id"],
            conversation_id=row["conversation_id"],
            reply_settings=row["reply_settings"],
            deleted_at=row["deleted_at"],
            media_ids=tuple(m[0] for m in media),
        )

    def post(self, post_id: int) -> Post | None:
        with self._lock:
            row = self._db.execute("SELECT * FROM posts WHERE id = ?", (post_id,)).fetchone()
            return self._post(row) if row else None

    def has_duplicate(self, user: User, text: str) -> bool:
        with self._lock:
            row = self._db.execute(
                "SELECT 1 FROM posts WHERE user_id = ? AND text = ? AND deleted_at IS NULL",
                (user.id, text),
            ).fetchone()
        return row is not None

    def add_post(
        self,
        user: User,
        text: str,
        reply_to: Post | None,
        media_ids: list[int],
        reply_settings: str,
    ) -> Post:
        post_id = self.next_id()
        with self.transaction() as db:
            db.execute(
                "INSERT INTO posts (id, user_id, text, created_at, in_reply_to_id,"
                " in_reply_to_user_id, conversation_id, reply_settings)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    post_id,
                    user.id,
                    text,
                    now_iso(),
                    reply_to.id if reply_to else None,
                    reply_to.user_id if reply_to else None,
                    reply_to.conversation_id if reply_to else post_id,
                    reply_settings,
                ),
            )
            db.executemany(
                "INSERT INTO post_media (post_id, position, media_id) VALUES (?, ?, ?)",
                [(post_id, position, media_id) for position, media_id in enumerate(media_ids)],
            )
            row = db.execute("SELECT * FROM posts WHERE id = ?", (post_id,)).fetchone()
            return self._post(row)

    def delete_post(self, post_id: int) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE posts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (now_iso(), post_id),
            )

    def posts(
        self,
        user_id: int,
        *,
        limit: int | None = None,
        before_id: int | None = None,
        after_id: int | None = None,
    ) -> list[Post]:
        """The user's visible (not deleted) posts, newest first."""
        sql = "SELECT * FROM posts WHERE user_id = ? AND deleted_at IS NULL"
        args: list[object] = [user_id]
        if before_id is not None:
            sql += " AND id < ?"
            args.append(before_id)
        if after_id is not None:
            sql += " AND id > ?"
            args.append(after_id)
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        with self._lock:
            return [self._post(row) for row in self._db.execute(sql, args).fetchall()]

    def all_posts(self) -> list[Post]:
        with self._lock:
            rows = self._db.execute("SELECT * FROM posts ORDER BY id").fetchall()
            return [self._post(row) for row in rows]

    def wipe(self) -> None:
        with self.transaction() as db:
            for table in ("post_media", "posts", "media", "credentials", "users"):
                db.execute(f"DELETE FROM {table}")
