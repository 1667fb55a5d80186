"""Who may write, who approved: the account's rules, enforced by gazouille itself.

Branch protection can be bypassed by an administrator or a direct push, so
gazouille checks the rules on its own side: the pull request's author on
``check`` (:mod:`.event`), the reviews before ``publish`` (:mod:`.approval`),
and the generated ``.github/CODEOWNERS`` (:mod:`.codeowners`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gazouille.accounts import Account

# The rule ``check`` applies to a pull request's author and ``publish`` to the
# author of the merged pull request (:mod:`gazouille.checks.governance`).
AUTHOR_RULE = "governance/author-not-authorized"
# ``check --base REF`` puts there the accounts.yml of the base branch: who may
# write is decided by the rules in force, never by the pull request's own file.
BASE_ACCOUNTS_KEY = "base_accounts"


def is_author(account: Account, login: str) -> bool:
    """Whether ``login`` is one of the account's authors (GitHub logins ignore case)."""
    return login.casefold() in {author.casefold() for author in account.authors}
