"""Recognising a part on the account the way X shows it.

X does not give back the text it was sent: it rewrites every URL that
twitter-text recognises (``https://…``, but also ``www.service-public.fr``)
into a ``https://t.co/…`` link, appends one more t.co link when the post
carries media, escapes ``&``, ``<`` and ``>``, and keeps the text in Unicode
NFC. :func:`shape` reduces both sides to what survives that trip, so the text
a part was sent with and the text X returns compare equal.

Text is the weakest identity; :func:`matches` also asks what X returns beside
it: the reply target (a thread part answers the previous part), the number of
media (and their ids, when the ``sending`` record kept them), and the creation
time (never before the first ``sending`` record of the part, give or take a
clock skew).
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from gazouille.publish.ledger import UNKNOWN, PostState
from gazouille.tweet_length import extract_urls

# Stands for one URL: a character X never keeps in a text (U+FFFC, object replacement).
LINK = "\ufffc"
# How far X's clock and the runner's may disagree before a post counts as older than its intent.
CLOCK_SKEW = timedelta(minutes=15)


@dataclass(frozen=True)
class Tweet:
    """A post as X returns it from the account's timeline."""

    id: str
    text: str
    reply_to: str | None
    media_keys: tuple[str, ...] = ()
    created_at: datetime | None = None

    @property
    def media_ids(self) -> tuple[str, ...]:
        """The media ids behind the keys (``3_1234`` → ``1234``)."""
        return tuple(key.partition("_")[2] or key for key in self.media_keys)


@dataclass(frozen=True)
class Wanted:
    """What a part must look like on the account."""

    text: str
    reply_to: str | None
    media: int = 0  # how many media the part carries
    media_ids: frozenset[str] = field(default_factory=frozenset)  # uploaded for its last intent
    since: datetime | None = None  # its first ``sending`` record


def shape(text: str) -> str:
    """What X keeps of ``text``: NFC, each URL one token, white space collapsed."""
    text = unicodedata.normalize("NFC", text)
    if "." in text:  # a URL needs a dot: skip the extraction for most parts
        for url in reversed(extract_urls(text)):
            start, end = url["indices"]
            text = text[:start] + LINK + text[end:]
    return " ".join(text.split())


def remote_shape(tweet: Tweet) -> str:
    """The shape of a post X returned: entities unescaped, the media link dropped."""
    text = shape(html.unescape(tweet.text))
    if tweet.media_keys and text.endswith(LINK):
        text = text[: -len(LINK)].rstrip()
    return text


def matches(tweet: Tweet, wanted: Wanted) -> bool:
    if tweet.reply_to != wanted.reply_to or len(tweet.media_keys) != wanted.media:
        return False
    if (
        wanted.since is not None
        and tweet.created_at is not None
        and tweet.created_at < wanted.since - CLOCK_SKEW
    ):
        return False
    return remote_shape(tweet) == shape(wanted.text)


def find(tweets: Iterable[Tweet], wanted: Wanted, known: set[str]) -> Tweet | None:
    """The post on the account that is this part, among those the ledger does not hold.

    The one carrying the very media uploaded for the part wins; otherwise the
    oldest match, the one closest to the first attempt.
    """
    found = [t for t in tweets if t.id not in known and matches(t, wanted)]
    for tweet in found:
        if wanted.media_ids and set(tweet.media_ids) == wanted.media_ids:
            return tweet
    return min(found, key=lambda t: (len(t.id), t.id), default=None)


def in_doubt(state: PostState, part: int, text_hash: str) -> bool:
    """Whether ``part`` is the one X last called a duplicate that could not be found.

    A doubt holds for the text it was recorded for: an officer who changes the
    text lifts it (X would not call the new text a duplicate).
    """
    last = state.last
    return (
        last is not None
        and last.get("event") == UNKNOWN
        and last.get("part") == part
        and last.get("hash") == text_hash
    )
