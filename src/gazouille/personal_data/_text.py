"""Small text helpers shared by the detectors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# Characters people put between the groups of a number: space, no-break
# spaces (typed by French keyboards and word processors), dot, hyphen.
SEP = r"[ .\-\u00a0\u202f]"


@lru_cache(maxsize=4096)
def fold(value: str) -> str:
    """Lower case without accents and with single spaces: ``Jaurès`` → ``jaures``."""
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().replace("’", "'").replace("-", " ").split())


def compact(value: str) -> tuple[str, list[int]]:
    """The letters and digits of ``value`` upper-cased, and where each one was.

    Lets a detector validate ``FR76 3000 …`` as ``FR763000…`` and still map a
    validated prefix back to the span of the original text.
    """
    chars: list[str] = []
    where: list[int] = []
    for index, char in enumerate(value):
        if char.isalnum():
            chars.append(char.upper())
            where.append(index)
    return "".join(chars), where


def longest_valid_prefix(candidate: str, is_valid: Callable[[str], bool], shortest: int) -> int:
    """Where the longest valid number at the start of ``candidate`` ends, 0 if none.

    ``is_valid`` (a python-stdnum validator) sees the letters and digits only
    (:func:`compact`), from all of them down to ``shortest``: a pattern may
    run into the next word (``FR76 … 189 BIC``).
    """
    value, where = compact(candidate)
    for length in range(len(value), shortest - 1, -1):
        if is_valid(value[:length]):
            return where[length - 1] + 1
    return 0


_URL_END = re.compile(r"\S*")
_DOMAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")


@lru_cache(maxsize=64)
def url_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the links are (``https://…``, ``www.…``, ``….gouv.fr/…``): nothing
    inside a link is personal data of the post."""
    spans: list[tuple[int, int]] = []
    for marker in ("http://", "https://", "www.", ".gouv.fr"):
        at = text.find(marker)
        while at != -1:
            start = at
            if marker == ".gouv.fr":
                while start > 0 and text[start - 1] in _DOMAIN_CHARS:
                    start -= 1
            end = at + len(marker)
            tail = _URL_END.match(text, end)
            if tail is not None:
                end = tail.end()
            spans.append((start, end))
            at = text.find(marker, end)
    return tuple(spans)


# A number as people write it: digits with separators inside, and the A/B of
# Corsican departments (``2A``) kept so a NIR stays one run.
_RUN = re.compile(rf"\d(?:[\dAB]|{SEP}{{1,2}}(?=[\dAB]))*")


@lru_cache(maxsize=64)
def runs(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of the runs of digits: the cheap pre-filter that lets a clean post
    skip the number detectors. A run is at least as long as its digits."""
    return tuple(m.span() for m in _RUN.finditer(text))


@lru_cache(maxsize=64)
def longest_run(text: str) -> int:
    """Length of the longest run of digits of ``text`` (0 without digits)."""
    return max((end - start for start, end in runs(text)), default=0)


@lru_cache(maxsize=64)
def lower(text: str) -> str:
    """``text.lower()``, computed once for all the detectors."""
    return text.lower()
