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

_NOUNS = (
    r"vol(?:eur|euse)s?|cambriol(?:eur|euse)s?|agress(?:eur|euse)s?|viol(?:eur|euse)s?"
    r"|deal(?:er|eur|euse)s?|malfaiteurs?|malfaitrices?|assassins?|escrocs?|escroqueuses?"
    r"|braqu(?:eur|euse)s?|trafiquante?s?|ravisseu(?:r|se)s?|kidnappeu(?:r|se)s?"
    r"|chauffards?|recel(?:eur|euse)s?|pickpockets?|tueu(?:r|se)s?|fraud(?:eur|euse)s?"
    r"|pyromanes?"
)
# Also adjectives: nouns only right after a determiner.
_AMBIGUOUS = r"coupables?|meurtri(?:er|ere|ère)s?|criminel(?:le)?s?"
_DETERMINER = (
    r"(?:l['’]|(?:le|la|les|un|une|des|du|au|aux|ce|cet|cette|ces|son|sa|ses|leurs?"
    r"|nos|notre|vos|votre)\s+)"
)
_GUILTY = re.compile(
    rf"(?<![\w-])(?:{_NOUNS})(?![\w-])|(?<![\w-]){_DETERMINER}(?P<adj>{_AMBIGUOUS})(?![\w-])",
    re.IGNORECASE,
)
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
    for match in _GUILTY.finditer(text):
        start, end = match.span("adj") if match.group("adj") else match.span()
        sentence = _sentence(text, start, end)
        before = _WORD.findall(text[sentence[0] : start])[-WINDOW:]
        after = _WORD.findall(text[end : sentence[1]])[:WINDOW]
        if any(_QUALIFIED.match(word) for word in before + after):
            continue
        nearby = " ".join([*before, text[start:end], *after])
        if _MIS_EN_CAUSE.search(nearby):
            continue
        if generic and not _CASE.search(text, sentence[0], sentence[1]):
            continue
        yield start, text[start:end]


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
