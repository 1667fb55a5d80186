"""Recognising a part in what X returns: text shape, reply target, media, creation time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gazouille.publish.identity import Tweet, Wanted, find, matches, remote_shape, shape
from gazouille.sandbox.api import displayed_text
from gazouille.sandbox.store import Post

SENT = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def as_x_returns(text: str, media: int = 0, post_id: int = 7) -> Tweet:
    """What the sandbox (like X) gives back for ``text`` sent with ``media`` images."""
    import unicodedata

    stored = Post(
        post_id,
        1,
        unicodedata.normalize("NFC", text),
        "",
        None,
        None,
        post_id,
        "everyone",
        None,
        tuple(range(100, 100 + media)),
    )
    keys = tuple(f"3_{m}" for m in stored.media_ids)
    return Tweet(str(post_id), displayed_text(stored), None, keys, SENT)


@pytest.mark.parametrize(
    ("text", "media"),
    [
        ("Contrôles ce week-end.", 0),
        ("Démarches sur www.service-public.fr sans vous déplacer.", 0),
        ("Infos : https://www.masecurite.interieur.gouv.fr", 1),
        ("Quatre affiches, et le site masecurite.interieur.gouv.fr.", 4),
        ("Sécurité & prévention <3 : http://a.fr/x?y=1&z=2", 0),
        ("Ope\u0301ration de se\u0301curite\u0301", 0),
        ("Deux lignes.\n\nEt   des espaces.", 0),
        ("", 1),
    ],
    ids=[
        "plain",
        "bare-domain",
        "link-image",
        "four-images",
        "entities",
        "non-nfc",
        "spaces",
        "image-only",
    ],
)
def test_a_part_is_recognised_in_what_x_returns(text: str, media: int) -> None:
    tweet = as_x_returns(text, media)
    assert remote_shape(tweet) == shape(text)
    assert matches(tweet, Wanted(text, None, media))


def test_the_media_link_is_dropped_only_for_a_post_with_media() -> None:
    with_link = as_x_returns("Voir https://t.co/abc", 0)
    assert not matches(with_link, Wanted("Voir", None, 0))
    assert not matches(as_x_returns("Voir", 1), Wanted("Voir", None, 0))  # image count differs
    assert not matches(as_x_returns("Voir", 0), Wanted("Voir", None, 1))


def test_another_link_or_another_text_is_another_post() -> None:
    tweet = as_x_returns("Infos : www.service-public.fr")
    assert matches(tweet, Wanted("Infos : https://www.legifrance.gouv.fr", None))  # as X sees it
    assert not matches(tweet, Wanted("Infos sur www.service-public.fr", None))
    assert not matches(tweet, Wanted("Infos : www.service-public.fr et www.x.fr", None))


def test_a_thread_part_must_answer_the_previous_part() -> None:
    standalone = as_x_returns("Deuxième message.")
    assert not matches(standalone, Wanted("Deuxième message.", "41"))
    reply = Tweet(standalone.id, standalone.text, "41", (), SENT)
    assert matches(reply, Wanted("Deuxième message.", "41"))
    assert not matches(reply, Wanted("Deuxième message.", "40"))
    assert not matches(reply, Wanted("Deuxième message.", None))


def test_a_post_older_than_the_first_attempt_is_not_this_part() -> None:
    old = Tweet("1", "Prudence sur la route.", None, (), SENT - timedelta(days=30))
    recent = Tweet("2", "Prudence sur la route.", None, (), SENT - timedelta(minutes=5))
    wanted = Wanted("Prudence sur la route.", None, since=SENT)
    assert not matches(old, wanted)
    assert matches(recent, wanted)  # within the clock skew
    assert matches(old, Wanted("Prudence sur la route.", None))  # no intent: no window


def test_the_post_carrying_the_uploaded_media_wins_then_the_oldest() -> None:
    first = Tweet("100", "Affiche.", None, ("3_1",), SENT)
    second = Tweet("101", "Affiche.", None, ("3_2",), SENT)
    assert find([second, first], Wanted("Affiche.", None, 1, frozenset({"2"})), set()) == second
    assert find([second, first], Wanted("Affiche.", None, 1, frozenset({"9"})), set()) == first
    assert find([second, first], Wanted("Affiche.", None, 1), {"100"}) == second
    assert find([second, first], Wanted("Affiche.", None, 1), {"100", "101"}) is None
