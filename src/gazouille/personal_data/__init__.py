"""Finding personal data in the text of a post, and never repeating it.

One module per detector (``phone``, ``nir``…): each has a ``KIND``, a
``find(text)`` yielding ``(start, end)`` spans, and the ``POSITIVE`` and
``NEGATIVE`` samples that prove it (they run as tests). :func:`scan` runs
them all on the normalized text, drops what the account's ``allow`` lists,
the kinds the prosecutor authorized and, for most kinds, what sits inside a
link, and returns :class:`Finding` objects that carry only a redacted copy of
the value.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import ModuleType

from gazouille.accounts import Allow
from gazouille.personal_data import (
    address,
    card,
    date_of_birth,
    email,
    handle,
    iban,
    id_document,
    minor,
    nir,
    person_name,
    phone,
    plate,
)
from gazouille.personal_data._text import fold, normalize, url_spans

# The order detectors run in (findings are sorted by position anyway).
DETECTORS: tuple[ModuleType, ...] = (
    nir,
    iban,
    card,
    id_document,
    phone,
    email,
    plate,
    date_of_birth,
    address,
    minor,
    person_name,
    handle,
)
KINDS: tuple[str, ...] = (*(d.KIND for d in DETECTORS), "image-metadata")
# Kinds whose detectors read links too: a number in ``wa.me/33…`` or ``tel:``,
# an address in ``mailto:``, a profile link; the others skip what a link holds.
_READ_IN_LINKS = frozenset({"phone", "email", "handle", "nir", "iban", "card"})
# Kinds made of digits, which compete for the same characters: the longest
# validated number wins (an IBAN over the phone-like digits inside it).
_NUMBERS = frozenset({"nir", "iban", "card", "id-document", "phone", "plate", "date-of-birth"})

MASK = "•"


@dataclass(frozen=True)
class Finding:
    """Personal data found at ``text[start:end]``; only its redacted form is kept."""

    kind: str
    start: int
    end: int
    redacted: str


def scan(
    text: str, allow: Allow | None = None, exempt: frozenset[str] = frozenset()
) -> list[Finding]:
    """Every piece of personal data in ``text``, in order, allowed ones and
    ``exempt`` kinds (a post's authorization) left out.

    The detectors read the normalized text (:func:`normalize`); findings
    carry the offsets of the original, so redaction and line numbers stay
    right.
    """
    normal = normalize(text)
    read = normal.text
    links = url_spans(read)
    spans: list[tuple[str, int, int]] = []
    for detector in DETECTORS:
        kind = detector.KIND
        in_links = kind in _READ_IN_LINKS
        for start, end in detector.find(read):
            if end > start and (in_links or not any(a <= start and end <= b for a, b in links)):
                spans.append((kind, start, end))
    numbers = [(start, end) for kind, start, end in spans if kind in _NUMBERS]
    matcher = _matcher(allow) if allow is not None else None
    allowed = matcher.handle_spans(read) if matcher is not None and "@" in read else ()
    found: set[Finding] = set()
    for kind, start, end in spans:
        if kind in _NUMBERS and _inside_longer(start, end, numbers):
            continue  # the digits of a longer number (a NIR key inside an IBAN…)
        if any(start < b and a < end for a, b in allowed):
            continue  # an allowed ``@SDIS44`` is nobody's name, nor anything else
        if kind in exempt:
            continue
        if matcher is not None and matcher.allows(kind, read[start:end]):
            continue
        first, last = normal.span(start, end)
        found.add(Finding(kind, first, last, redact(text[first:last])))
    return sorted(found, key=lambda f: (f.start, f.end, f.kind))


def _inside_longer(start: int, end: int, others: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b and b - a > end - start for a, b in others)


_WORD = re.compile(r"\w+")


def redact(value: str) -> str:
    """``06 12 34 56 78`` → ``06 •• •• •• 78``, ``Kevin MARTIN`` → ``K•••• M•••••``.

    Keeps the first letter of each word, the first two and last two digits of
    a long number (the last two of a shorter one), and the separators; never
    the whole value.
    """
    digits = [i for i, c in enumerate(value) if c.isdigit()]
    shown: set[int] = set()
    if len(digits) >= 8:
        shown.update(digits[:2] + digits[-2:])
    elif len(digits) >= 4:
        shown.update(digits[-2:])
    for word in _WORD.finditer(value):
        first = word.start()
        if value[first].isalpha():
            shown.add(first)
    out = "".join(c if (i in shown or not c.isalnum()) else MASK for i, c in enumerate(value))
    if out == value and any(c.isalnum() for c in value):
        out = "".join(MASK if c.isalnum() else c for c in value)
    return out


class _Matcher:
    """An account's ``allow`` lists, compiled for quick comparison."""

    def __init__(self, allow: Allow) -> None:
        self.allow = allow
        entries = [e.strip().lower() for e in allow.emails]
        self.emails = {e for e in entries if not e.startswith("@") and "*" not in e}
        self.patterns = tuple(e.partition("@")[::2] for e in entries if "*" in e)
        self.domains = {e[1:] for e in entries if e.startswith("@")}
        self.handles = {handle.handle_name(h) for h in allow.handles}
        self.names = tuple(f" {_plain(n)} " for n in allow.names if _plain(n))
        self.addresses = tuple(f" {_plain(a)} " for a in allow.addresses if _plain(a))

    @cached_property
    def phones(self) -> set[str]:
        # Parsed on the first phone found: phonenumbers is slow to import.
        return {k for k in (phone.key(p) for p in self.allow.phones) if k}

    def handle_spans(self, text: str) -> tuple[tuple[int, int], ...]:
        """Where the allowed handles are mentioned in ``text``."""
        return tuple(
            m.span() for m in handle.mentions(text) if m.group("name").lower() in self.handles
        )

    def allows(self, kind: str, value: str) -> bool:
        if kind == "phone":
            return phone.key(value) in self.phones
        if kind == "email":
            return self._allows_email(email.address(value))
        if kind == "handle":
            return handle.handle_name(value) in self.handles
        if kind in {"person-name", "minor"}:
            return _within(value, self.names)
        if kind == "address":
            return _within(value, self.addresses)
        return False

    def _allows_email(self, address: str) -> bool:
        """An exact entry, a local-part pattern (``presse-*@…``), or the
        ``@domain`` of service mailboxes: never an individual's address
        (``prenom.nom@domain``) through a domain entry."""
        local, _, domain = address.rpartition("@")
        if address in self.emails:
            return True
        if any(d == domain and fnmatch.fnmatchcase(local, p) for p, d in self.patterns):
            return True
        return domain in self.domains and not email.names_someone(local)


def _within(value: str, allowed: tuple[str, ...]) -> bool:
    """The same words, or some of an allowed entry (``Buccio`` / ``Fabienne Buccio``)."""
    words = f" {_plain(value)} "
    return any(words in entry for entry in allowed)


def _plain(value: str) -> str:
    """Folded words only: ``6, Place Waldeck-Rousseau`` → ``6 place waldeck rousseau``."""
    return " ".join(_WORD.findall(fold(value)))


@lru_cache(maxsize=64)
def _matcher(allow: Allow) -> _Matcher:
    return _Matcher(allow)


__all__ = ["DETECTORS", "KINDS", "Finding", "redact", "scan"]
