"""What every check receives."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from gazouille.accounts import Account, Accounts
from gazouille.posts import Post
from gazouille.problems import Problem


@dataclass
class Context:
    """The repository-wide facts a check may need, loaded once per run."""

    root: Path
    accounts: Accounts
    # Filled by the commands that know them; checks skip what they lack.
    published: dict[str, Any] = field(default_factory=dict)
    extras: dict[str, Any] = field(default_factory=dict)

    def account(self, post: Post) -> Account | None:
        return self.accounts.get(post.account)


class Check(Protocol):
    ID: str

    def check(self, post: Post, ctx: Context) -> Iterator[Problem]: ...
