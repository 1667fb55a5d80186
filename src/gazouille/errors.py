"""Expected failures, carried up to the single handler in the CLI.

Every error a user can cause is a :class:`GazouilleError`: a French sentence
naming the file (and the line when there is one) and how to fix it. Helpers
raise; only ``cli.main`` turns them into a message and an exit code.
"""

from __future__ import annotations

# Exit codes, documented in the README.
EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


class GazouilleError(Exception):
    """A failure the user can act on, reported in French."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.fix = fix

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += " : "
        text = f"{where}{self.message}"
        if self.fix:
            text += f"\n  → {self.fix}"
        return text


class ConfigError(GazouilleError):
    """accounts.yml, the repository or the command line is wrong (exit 2)."""


class PublishError(GazouilleError):
    """Publishing could not go on for an account (exit 1)."""

    exit_code = EXIT_PROBLEMS
