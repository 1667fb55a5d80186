"""No one presented as guilty before judgement (warning).

Code civil art. 9-1 and code de procédure pénale art. 11: before a court has
ruled, a post states objective facts and takes no side on the charges. In
every category but ``peine`` (a sentence has been handed down), words that
call a person guilty (``le voleur``, ``le cambrioleur``, ``l'agresseur``,
``le coupable``, ``le meurtrier``, ``le violeur``, ``le dealer``, ``les
malfaiteurs``, ``le braqueur``, ``l'escroc``…, in the feminine and plural)
get the warning ``wording/presumption-of-innocence`` unless ``présumé``,
``suspecté``, ``soupçonné``, ``supposé`` or ``mis en cause`` stands within
six words in the same sentence.

Generic advice is not about anyone: in the ``prevention`` category the warning
is given only when the sentence tells of a case (``interpellé``, ``a été``,
``garde à vue``, ``a pris la fuite``…), so « ne tentez pas d'arrêter un
voleur vous-même » passes. ``coupable``, ``meurtrier`` and ``criminel`` are
also adjectives (« reconnu coupable », « un incendie meurtrier »): they count
only right after an article or a possessive (« le coupable »).

Passes::

    category: interpellation
    ---
    Le cambrioleur présumé a été interpellé à Rezé.

Warns (``wording/presumption-of-innocence``)::

    category: interpellation
    ---
    Le cambrioleur a été interpellé à Rezé.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gazouille.checks.base import Context
from gazouille.posts import Post
from gazouille.problems import Problem

ID = "wording"
RULE = "wording/presumption-of-innocence"
EXEMPT_CATEGORIES = frozenset({"peine"})
# Words this many words away or closer, in the same sentence, qualify the noun.
WINDOW = 6

# (masculine, feminine) forms; plurals add an s.
_PAIRS = (
    ("voleur", "voleuse"),
    ("cambrioleur", "cambrioleuse"),
    ("agresseur", "agresseuse"),
    ("violeur", "violeuse"),
    ("dealer", "dealeuse"),
    ("dealeur", "dealeuse"),
    ("malfaiteur", "malfaitrice"),
    ("assassin", "assassine"),
    ("escroc", "escroqueuse"),
    ("braqueur", "braqueuse"),
    ("trafiquant", "trafiquante"),
    ("ravisseur", "ravisseuse"),
    ("kidnappeur", "kidnappeuse"),
    ("chauffard", "chauffarde"),
    ("receleur", "receleuse"),
    ("pickpocket", "pickpocket"),
    ("tueur", "tueuse"),
    ("fraudeur", "fraudeuse"),
    ("pyromane", "pyromane"),
)
# Also adjectives (« reconnu coupable », « un incendie meurtrier »): nouns only
# right after a determiner.
_AMBIGUOUS_PAIRS = (
    ("coupable", "coupable"),
    ("meurtrier", "meurtrière"),
    ("meurtrier", "meurtriere"),
    ("criminel", "criminelle"),
)


def _forms(pairs: tuple[tuple[str, str], ...]) -> frozenset[str]:
    return frozenset(form + plural for pair in pairs for form in pair for plural in ("", "s"))


NOUNS = _forms(_PAIRS)
AMBIGUOUS = _forms(_AMBIGUOUS_PAIRS)
_DETERMINERS = frozenset(
    [
        "l",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "au",
        "aux",
        "ce",
        "cet",
        "cette",
        "ces",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "nos",
        "notre",
        "vos",
        "votre",
    ]
)
_TOKEN = re.compile(r"\w+")
# What every form starts with: a cheap first filter.
_STEMS = tuple(sorted({form[:6] for form in NOUNS | AMBIGUOUS}))
_GAP = re.compile(r"\s+|\s*['’]\s*")
_QUALIFIED = re.compile(
    r"^(?:pr[ée]sum[ée]e?s?|suspect[ée]e?s?|soup[çc]onn[ée]e?s?|suppos[ée]e?s?"
    r"|pr[ée]sum[ée]ment|pr[ée]tendue?s?)$",
    re.IGNORECASE,
)
_MIS_EN_CAUSE = re.compile(r"\bmise?s?\s+en\s+cause\b", re.IGNORECASE)
# A sentence that tells of a case, not of a kind of offender.
_CASE = re.compile(
    r"\b(?:interpell[ée]e?s?|arr[êe]t[ée]e?s?|a\s+[ée]t[ée]|ont\s+[ée]t[ée]|garde\s+[àa]\s+vue"
    r"|d[ée]f[ée]r[ée]e?s?|[ée]crou[ée]e?s?|mise?s?\s+en\s+examen|pris\s+la\s+fuite"
    r"|s['’]est\s+enfuie?|se\s+sont\s+enfuie?s|hier|cette\s+nuit|ce\s+matin)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;:…\n]")
_WORD = re.compile(r"[\w'’-]+")


def check(post: Post, ctx: Context) -> Iterator[Problem]:
    category = post.category
    if category in EXEMPT_CATEGORIES:
        return
    generic = category == "prevention"
    for part in post.parts:
        for start, word in guilty_words(part.text, generic=generic):
            yield _problem(word, part.line_at(start))
    for index, item in post.media():
        alt = item.get("alt")
        if isinstance(alt, str):
            for _, word in guilty_words(alt, generic=generic):
                yield _problem(word, post.line_of("media", index, "alt"), " (texte alternatif)")


def guilty_words(text: str, *, generic: bool = False) -> Iterator[tuple[int, str]]:
    """``(offset, word)`` of each word of ``text`` that presents someone as guilty;
    with ``generic``, only in sentences that tell of a case."""
    lowered = text.lower()
    if not any(stem in lowered for stem in _STEMS):
        return  # the common case, decided by a few substring searches
    previous: re.Match[str] | None = None
    for token in _TOKEN.finditer(lowered):
        before, previous = previous, token
        start, end = token.span()
        word = token.group()
        if word in AMBIGUOUS:
            if before is None or before.group() not in _DETERMINERS:
                continue
            if not _GAP.fullmatch(lowered, before.end(), start):
                continue
        elif word not in NOUNS:
            continue
        if lowered[start - 1 : start] == "-" or lowered[end : end + 1] == "-":
            continue  # part of a compound (« anti-voleur »)
        if not _presumed(text, start, end, generic=generic):
            yield start, text[start:end]


def _presumed(text: str, start: int, end: int, *, generic: bool) -> bool:
    """Whether the word at ``text[start:end]`` is qualified, or not about anyone."""
    sentence = _sentence(text, start, end)
    before = _WORD.findall(text[sentence[0] : start])[-WINDOW:]
    after = _WORD.findall(text[end : sentence[1]])[:WINDOW]
    if any(_QUALIFIED.match(word) for word in before + after):
        return True
    if _MIS_EN_CAUSE.search(" ".join([*before, text[start:end], *after])):
        return True
    return generic and not _CASE.search(text, sentence[0], sentence[1])


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right = _SENTENCE_END.search(text, end)
    return left, right.start() if right else len(text)


def _problem(word: str, line: int, where: str = "") -> Problem:
    return Problem(
        RULE,
        f"« {word} »{where} présente une personne comme coupable avant tout jugement "
        "(présomption d'innocence : code civil art. 9-1, code de procédure pénale art. 11)",
        line=line,
        fix=f"remplacez « {word} » par « l'auteur présumé », « le suspect » ou « la personne "
        "mise en cause » (ou ajoutez « présumé ») : seuls les faits objectifs se publient "
        "avant le jugement.",
    )
