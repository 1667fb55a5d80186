from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gazouille import tweet_length
from tests.helpers import CONFORMANCE, check_text, post, rules


def library_parse(text: str, config_name: str = "version3") -> dict[str, Any]:
    """twitter-text-parser's full result: its own per-character loop and config."""
    module, _ = tweet_length._library()
    options = dict(module.config[config_name])
    options.setdefault("emoji_parsing_enabled", config_name == "version3")
    result: dict[str, Any] = module.parse_tweet(text, options).asdict()
    return result


# Which configuration each weighted group runs with (conformance README).
GROUPS = {
    "WeightedTweetsCounterTest": "version2",
    "WeightedTweetsWithDiscountedEmojiCounterTest": "version3",
    "UnicodeDirectionalMarkerCounterTest": "version3",
}


def _cases() -> list[Any]:
    data = yaml.safe_load((CONFORMANCE / "validate.yml").read_text(encoding="utf-8"))
    cases = []
    for group, config in GROUPS.items():
        for case in data["tests"][group]:
            cases.append(pytest.param(config, case, id=f"{group}: {case['description']}"))
    assert len(cases) == 44
    return cases


@pytest.mark.parametrize(("config", "case"), _cases())
def test_conformance_weighted_groups(config: str, case: dict[str, Any]) -> None:
    assert library_parse(case["text"], config) == case["expected"]


@pytest.mark.parametrize(("config", "case"), [c for c in _cases() if c.values[0] == "version3"])
def test_fast_count_matches_conformance(config: str, case: dict[str, Any]) -> None:
    assert tweet_length.weighted_length(case["text"]) == case["expected"]["weightedLength"]


SAMPLES = [
    "",
    "Bonjour",
    "Interpellation à Rezé 🚨 https://www.masecurite.interieur.gouv.fr",
    "1️⃣ #⃣ © ® ™ 👨‍👩‍👧 🏳️‍🌈 🇫🇷",
    "Rendez-vous sur example.com/a.b ou www.service-public.fr.",
    "の" * 150,
    "version 3.5 et 12.03.1998",
    " \x80www.fr",  # an invalid domain swallows the white space before it
    ".\x1ft.co/",  # U+001F is white space for Python, not for twitter-text
]


@pytest.mark.parametrize("text", SAMPLES)
def test_fast_count_equals_the_library(text: str) -> None:
    assert tweet_length.weighted_length(text) == library_parse(text)["weightedLength"]


_TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(
            [*list("abc .:/-#_@"), "https://", ".fr", ".com/x", "🚓", "👍🏽", "\u200d"]
        ),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_fast_count_equals_the_library_on_any_text(text: str) -> None:
    assert tweet_length.weighted_length(text) == library_parse(text)["weightedLength"]


def test_length_check_points_at_the_part(repo: Path) -> None:
    long_part = "Un texte bien trop long. " * 12
    result = check_text(repo, post("fonctionnement", "1/ Court.\n---\n" + long_part))
    assert rules(result) == ["length"]
    problem = result.problems[0]
    assert problem.line == 6
    assert "partie 2" in problem.message
    assert "299" in problem.message
    assert [p.weighted_length for p in result.parts] == [9, 299]


def test_exactly_280_passes_and_281_fails(repo: Path) -> None:
    assert rules(check_text(repo, post("prevention", "é" * 280))) == []
    assert rules(check_text(repo, post("prevention", "é" * 281))) == ["length"]
    # A URL counts 23 whatever its length.
    url = "https://www.masecurite.interieur.gouv.fr/" + "a" * 200
    assert rules(check_text(repo, post("prevention", "x" * 256 + " " + url))) == []


def test_invisible_character_is_refused(repo: Path) -> None:
    result = check_text(repo, post("prevention", "Texte\ufffe copié"))
    assert rules(result) == ["length/invalid-character"]


def _library_emoji_pattern() -> Any:
    """twitter-text-parser's own emoji expression, built as the library builds it."""
    import sys
    from pathlib import Path
    from types import SimpleNamespace

    def resource_string(module_name: str, resource: str) -> bytes:
        return Path(str(sys.modules[module_name].__file__)).with_name(resource).read_bytes()

    # The module reads its table with pkg_resources.resource_string and nothing else.
    saved = sys.modules.get("pkg_resources")
    sys.modules["pkg_resources"] = SimpleNamespace(resource_string=resource_string)  # type: ignore[assignment]
    try:
        from twitter_text.regexp import emoji
    finally:
        if saved is None:
            del sys.modules["pkg_resources"]
        else:
            sys.modules["pkg_resources"] = saved
    return emoji


def _library_extract(text: str) -> list[dict[str, Any]]:
    """The library's ``extract_emojis_with_indices``, on its own expression."""
    return [
        {"emoji": m.group(0), "indices": [m.start(), m.end()]}
        for m in _library_emoji_pattern().emoji.finditer(text)
    ]


def test_emoji_table_is_the_librarys() -> None:
    library = _library_emoji_pattern()
    table = tweet_length.EmojiTable.load()
    expected = {
        "".join(chr(int(code, 16)) for code in entry.codepoint.split())
        for entry in library.emoji_list
    }
    assert table.singles | table.multi == expected
    assert len(expected) > 3000


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_emoji_extraction_equals_the_library(text: str) -> None:
    assert tweet_length.EmojiTable.load().extract(text) == _library_extract(text)


@pytest.mark.parametrize("text", [*SAMPLES, "#️⃣ 1⃣ *️⃣ 12 # * 3️ ©️ ™", "👩‍❤️‍💋‍👨 🏴‍☠️ 🧑🏽‍🤝‍🧑🏿 ☝🏻"])
def test_emoji_extraction_equals_the_library_on_samples(text: str) -> None:
    assert tweet_length.EmojiTable.load().extract(text) == _library_extract(text)


def test_every_emoji_of_the_table_is_found_alone_and_in_text() -> None:
    table = tweet_length.EmojiTable.load()
    for sequence in sorted(table.singles | table.multi):
        text = f"a {sequence} b"
        assert table.extract(text) == _library_extract(text), repr(sequence)


_URLISH = st.lists(
    st.one_of(
        st.sampled_from(
            [" ", "\u00a0", "\n", ".", "/", ":", "@", "#", "$", "-", "_", "(", ")", "?", "=", "&"]
        ),
        st.sampled_from(["https://", "http://", "www", "t.co/", "example", "gouv", "fr", "com"]),
        st.sampled_from([".fr", ".com", ".co", ".gouv.fr", ".xn--p1ai", ".рф", ".co.uk", ".1"]),
        st.characters(codec="utf-8"),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_URLISH)
@example(" \x80www.fr")
@example(".\x1ft.co/")
def test_url_extraction_by_word_equals_the_library(text: str) -> None:
    from twitter_text.extract_urls import extract_urls_with_indices

    assert tweet_length._counter()(text) == library_parse(text)["weightedLength"]
    assert tweet_length.extract_urls(text) == extract_urls_with_indices(text)


def _extract_cases() -> list[str]:
    data = yaml.safe_load((CONFORMANCE / "extract.yml").read_text(encoding="utf-8"))
    groups = ("urls", "urls_with_indices", "urls_with_directional_markers", "tco_urls_with_params")
    return [case["text"] for group in groups for case in data["tests"].get(group, [])]


def test_url_extraction_by_word_on_the_conformance_texts() -> None:
    from twitter_text.extract_urls import extract_urls_with_indices

    texts = _extract_cases()
    assert len(texts) > 50
    for text in texts:
        assert tweet_length.extract_urls(text) == extract_urls_with_indices(text), text
