"""Small text helpers shared by the detectors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

# Characters people put between the groups of a number: space, no-break
# spaces (typed by French keyboards and word processors), dot, hyphen.
SEP = r"[ .\-\u00a0\u202f]"
# Every separator found between the groups of a checksummed number or a
# phone once the text is normalized (:func:`normalize`): spaces, dots,
# hyphens, en and em dashes, underscores, commas, slashes, line breaks, and
# what else people put there: middle dots, vertical bars, apostrophes
# (``06·12·…``, ``4532|0151|…``, the Swiss ``06'12'…``).
NUMBER_SEP = r"[ .\-_,/\u2013\u2014\n\u00b7|'’]"


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


def valid_spans(
    text: str, candidate: re.Pattern[str], is_valid: Callable[[str], bool], shortest: int
) -> Iterator[tuple[int, int]]:
    """Spans of the valid numbers that ``candidate`` finds in ``text``.

    A candidate that fails is tried again from its next character, so a
    number preceded by other digits (``le 12/03, 4970 …``) is still found.
    """
    at = 0
    while (match := candidate.search(text, at)) is not None:
        end = longest_valid_prefix(match.group(), is_valid, shortest)
        if end:
            yield match.start(), match.start() + end
            at = match.start() + end
        else:
            at = match.start() + 1


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


_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=64)
def digit_count(text: str) -> int:
    """How many digits ``text`` holds: the cheap pre-filter of the number
    detectors, whatever separates the groups."""
    return len(_DIGIT.findall(text))


@lru_cache(maxsize=64)
def lower(text: str) -> str:
    """``text.lower()``, computed once for all the detectors."""
    return text.lower()


# Characters that need no normalization: ASCII, the Latin letters of French
# and its usual punctuation. A text made only of them is its own normal form.
_PLAIN = re.compile(
    "[^\\x00-\\x7f\\u00c0-\\u017f\\u2018\\u2019\\u201c\\u201d\\u00ab\\u00bb\\u00b0\\u20ac"
    "\\u2013\\u2014\\u2026]"
)
# A letter O typed for a zero, a lower-case L or a capital I for a one, inside
# a number: ``O6 12…``, ``1 99 O4 …``, ``O6 l2 34…``. The token holds digits
# and those letters only, a digit among them.
_O_FOR_ZERO = re.compile(r"(?<![^\W\d_])(?=[0-9OolI]*\d)(?=[0-9]*[OolI])[0-9OolI]+(?![^\W\d_])")
_DIGITS_AS_NINE = str.maketrans("012345678", "999999999")
_LOOK_ALIKE_PAIRS = ("9O", "O9", "9o", "o9", "9l", "l9", "9I", "I9")
_AS_DIGITS = str.maketrans("OolI", "0011")
_SCRIPTS_TO_FOLD = ("CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE")
# Characters drawn as a hyphen: the Unicode hyphen, the non-breaking hyphen
# that word processors put in ``FN‑802‑BE`` so it stays on one line, the
# figure dash, the minus sign, the hyphen bullet. Read as ``-``.
_HYPHENS = frozenset("\u2010\u2011\u2012\u2212\u2043\ufe63\uff0d")


@dataclass(frozen=True)
class Normalized:
    """A text as the detectors read it, and where each of its characters came from.

    ``text[i]`` comes from ``original[starts[i]:ends[i]]``; ``starts`` is
    empty when nothing changed but letters typed for digits (same length).
    """

    text: str
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that ``text[start:end]`` was made from."""
        if not self.starts:
            return start, end
        return self.starts[start], self.ends[end - 1]


@lru_cache(maxsize=256)
def normalize(text: str) -> Normalized:
    """One reading of ``text`` for every detector.

    NFKC (fullwidth digits, ``＠``), every Unicode space mapped to a space
    (no-break, narrow no-break U+202F that French typography inserts, thin…),
    invisible format characters removed (zero-width space, word joiner, soft
    hyphen, direction marks), every hyphen-like character (non-breaking
    hyphen, figure dash, minus sign) read as ``-``, Cyrillic and Greek letters
    that look like Latin ones folded to them (``Мarc`` with a Cyrillic М), a
    letter O inside a number read as a zero and a lower-case l or a capital I
    as a one.
    """
    odd = [(m.start(), _normal_char(m.group())) for m in _PLAIN.finditer(text)]
    if all(len(out) == 1 and out == text[at] for at, out in odd):
        # Nothing to change but letters typed for digits (emoji, accents…): same offsets.
        return Normalized(_o_for_zero(text))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for at, out in odd:
        pieces.append(text[done:at])
        starts.extend(range(done, at))
        ends.extend(range(done + 1, at + 1))
        pieces.append(out)
        starts.extend([at] * len(out))
        ends.extend([at + 1] * len(out))
        done = at + 1
    pieces.append(text[done:])
    starts.extend(range(done, len(text)))
    ends.extend(range(done + 1, len(text) + 1))
    normal = _o_for_zero("".join(pieces))
    return Normalized(normal, tuple(starts), tuple(ends))


def _o_for_zero(text: str) -> str:
    marked = text.translate(_DIGITS_AS_NINE)  # str methods: faster than a search
    if not any(pair in marked for pair in _LOOK_ALIKE_PAIRS):
        return text
    return _O_FOR_ZERO.sub(_zeros, text)


def _zeros(match: re.Match[str]) -> str:
    return match.group().translate(_AS_DIGITS)


@lru_cache(maxsize=4096)
def _normal_char(char: str) -> str:
    """What one character becomes: ``""`` for an invisible one."""
    if char in "\n\r\t":
        return " " if char == "\t" else char
    if char in "\u2028\u2029":
        return "\n"
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    if char in _HYPHENS:
        return "-"
    if category in {"Cf", "Cc"}:
        return ""
    normal = unicodedata.normalize("NFKC", char)
    if len(normal) == 1 and normal.isalpha() and not normal.isascii():
        return _latin_look_alike(normal)
    return normal


def _latin_look_alike(char: str) -> str:
    """The Latin letter a Cyrillic or Greek one is drawn like (``а`` → ``a``).

    The table is Unicode's confusables list (UTS #39), as shipped and kept up
    to date by the ``confusable-homoglyphs`` package; it is read only when
    such a letter appears.
    """
    name = unicodedata.name(char, "")
    if not name.startswith(_SCRIPTS_TO_FOLD):
        return char
    for glyph in _confusables().get(char, ()):
        latin = glyph.get("c", "")
        if len(latin) == 1 and latin.isascii() and latin.isalpha():
            return str(latin)
    return char


@cache
def _confusables() -> dict[str, list[dict[str, str]]]:
    from confusable_homoglyphs import confusables

    table: dict[str, list[dict[str, str]]] = confusables.confusables_data
    return table
