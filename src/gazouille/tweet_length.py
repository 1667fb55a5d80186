"""Weighted length of a post, by the twitter-text v3 rules.

The rules are twitter-text-parser's (NFC, URLs count 23, emoji 2, weights by
code-point range, its URL extraction and its emoji table). Three of its costs
are avoided without changing a result, as ``tests/test_length.py`` proves
against the library itself on the conformance data and on random text: its
emoji expression (160 ms to build, 1.5 ms a post to run: :class:`EmojiTable`),
its per-character loop (:func:`_counter`), and its URL expression over the
whole text (:func:`_url_extractor`).
"""

from __future__ import annotations

import importlib
import importlib.util
import re
import sys
import types
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

MAX_WEIGHTED_LENGTH = 280


class EmojiTable:
    """The emoji of twitter-text-parser's ``emoji-test.txt``, read as the library reads it.

    The library turns the table into one regular expression of 3,800
    alternatives (longest sequences first, then single code points), which
    costs 160 ms to build at every start and is tried at every character of
    the text. Matching the same sequences through a dictionary gives the same
    answer (``tests/test_length.py`` compares it with the library's expression).
    """

    def __init__(self, sequences: list[str]) -> None:
        self.singles = frozenset(seq for seq in sequences if len(seq) == 1)
        self.multi = frozenset(seq for seq in sequences if len(seq) > 1)
        lengths: dict[str, set[int]] = {}
        for seq in self.multi:
            lengths.setdefault(seq[0], set()).add(len(seq))
        self.lengths = {first: sorted(sizes, reverse=True) for first, sizes in lengths.items()}
        for seq in sequences:
            if seq[0].isascii() and (len(seq) < 2 or seq[1] not in "\ufe0f\u20e3"):
                raise ValueError(f"unexpected emoji sequence {seq!r}: update _EMOJI_CANDIDATES")
        # Any emoji holds one of these (no sequence of the table is plain ASCII),
        # so a text with none of them, as most French posts, holds no emoji.
        self.chars = frozenset(c for seq in sequences for c in seq if not c.isascii())

    @classmethod
    @cache
    def load(cls) -> EmojiTable:
        spec = importlib.util.find_spec("twitter_text")  # finds it without importing it
        assert spec is not None and spec.submodule_search_locations
        path = Path(spec.submodule_search_locations[0]) / "regexp" / "emoji-test.txt"
        return cls(parse_emoji_test(path.read_text(encoding="utf-8")))

    def extract(self, text: str) -> list[dict[str, Any]]:
        """``extract_emojis_with_indices``: the emoji of ``text`` with their indices."""
        found: list[dict[str, Any]] = []
        if self.chars.isdisjoint(text):
            return found
        position = 0
        for candidate in _EMOJI_CANDIDATES.finditer(text):
            start = candidate.start()
            if start < position:
                continue
            length = 0
            for size in self.lengths.get(text[start], ()):
                if text[start : start + size] in self.multi:
                    length = size
                    break
            if not length and text[start] in self.singles:
                length = 1
            if length:
                found.append(
                    {"emoji": text[start : start + length], "indices": [start, start + length]}
                )
                position = start + length
        return found


# Where an emoji may start: any non-ASCII character, or an ASCII one (a keycap's
# digit, # or *) followed by U+FE0F or U+20E3; EmojiTable checks the table has
# no other kind. Every other position of the text is skipped.
_EMOJI_CANDIDATES = re.compile("[^\x00-\x7f]|[\x00-\x7f](?=[\ufe0f\u20e3])")


_CODEPOINTS = re.compile("^[0-9A-F]{3,}")


def parse_emoji_test(text: str) -> list[str]:
    """The sequences of ``emoji-test.txt`` that twitter-text-parser matches.

    As its ``parse_emoji_list``: the explanation lines (the first 32) are
    skipped, reading stops at ``# Status Counts``, and the ``Component`` group
    (skin tones and hair styles alone) is left out.
    """
    sequences: list[str] = []
    group = ""
    for line in text.splitlines()[32:]:
        if line == "# Status Counts":
            break
        if line.startswith("# group:"):
            group = line.split(":")[-1].strip()
        elif _CODEPOINTS.match(line) and group != "Component":
            codes = line.split(";")[0].split()
            sequences.append("".join(chr(int(code, 16)) for code in codes))
    return sequences


@cache
def _library() -> Any:
    table = EmojiTable.load()
    # Lend the library our emoji extraction while it loads, so that it never
    # builds its own (and never imports pkg_resources, which it uses only to
    # read that table: 130 ms more, a warning, and gone from setuptools 81).
    lent = types.ModuleType("twitter_text.extract_emojis")
    lent.extract_emojis_with_indices = table.extract  # type: ignore[attr-defined]
    lending = "twitter_text.extract_emojis" not in sys.modules
    if lending:
        sys.modules["twitter_text.extract_emojis"] = lent
    try:
        module = importlib.import_module("twitter_text.parse_tweet")
    finally:
        if lending:
            del sys.modules["twitter_text.extract_emojis"]
    setattr(module, "extract_emojis_with_indices", table.extract)  # noqa: B010
    options = dict(module.config["version3"])
    options.setdefault("emoji_parsing_enabled", True)
    return module, options


@lru_cache(maxsize=4096)
def weighted_length(text: str) -> int:
    """The weighted length X counts for ``text`` (at most 280 for a valid post).

    Same sum as twitter-text's ``parse_tweet`` under the v3 configuration, taken
    per run of plain characters instead of per character: the library's loop
    costs about 2 µs a character, this about 0.1.
    """
    return int(_counter()(text))


@cache
def _counter() -> Any:
    module, options = _library()
    scale = options["scale"]
    default_weight = options["default_weight"]
    url_weight = options["transformed_url_length"] * scale
    weights = {r["weight"] for r in options["ranges"]}
    if len(weights) != 1:  # pragma: no cover - v3 has a single light weight
        return lambda text: int(module.parse_tweet(text, options).weightedLength)
    (light_weight,) = weights
    light = re.compile(
        "[" + "".join(f"\\U{r['start']:08x}-\\U{r['end']:08x}" for r in options["ranges"]) + "]"
    )
    extract_urls = _urls()
    extract_emojis = module.extract_emojis_with_indices
    normalize = module.convert_line_ending

    def plain(segment: str) -> int:
        count = len(light.findall(segment))
        return int(count * light_weight + (len(segment) - count) * default_weight)

    def count(text: str) -> int:
        normalized = normalize(unicodedata.normalize("NFC", text))
        entities: dict[int, tuple[int, int]] = {}
        for emoji in extract_emojis(normalized):
            entities[emoji["indices"][0]] = (len(emoji["emoji"]), default_weight)
        for url in extract_urls(normalized):  # URLs win over emoji, as in the library
            entities[url["indices"][0]] = (len(url["url"]), url_weight)
        total = 0
        position = 0
        for start in sorted(entities):
            if start < position:
                continue
            size, weight = entities[start]
            total += plain(normalized[position:start]) + weight
            position = start + size
        total += plain(normalized[position:])
        return int(total / scale)

    return count


def extract_urls(text: str) -> list[dict[str, Any]]:
    """The URLs X sees in ``text``, with their indices (twitter-text's extraction)."""
    found: list[dict[str, Any]] = _urls()(text)
    return found


@cache
def _urls() -> Any:
    module, _ = _library()
    return _url_extractor(module.extract_urls_with_indices)


def _url_extractor(extract: Any) -> Any:
    """The library's URL extraction, run only on the words that may hold a URL.

    A URL holds no white space, and a URL needs a dot followed by its
    top-level domain, while sentences end with ". ". The library's expression
    costs about 0.6 ms on a whole post; on the few words that hold ".x" it
    costs a few µs (``tests/test_length.py`` proves the two agree).
    """
    from twitter_text.regexp.spaces_group import spaces_group  # the library's white space

    candidate_words = re.compile(f"[^{spaces_group}]*\\.\\w[^{spaces_group}]*")

    def extract_urls(text: str) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for word in candidate_words.finditer(text):
            # Keep the white space before the word: the expression reads it as
            # the character preceding a URL, and an invalid domain swallows it.
            offset = max(0, word.start() - 1)
            for url in extract(text[offset : word.end()]):
                start, end = url["indices"]
                found.append({"url": url["url"], "indices": [start + offset, end + offset]})
        return found

    return extract_urls


def has_invalid_characters(text: str) -> bool:
    """True when ``text`` holds a character X refuses (U+FFFE, U+FEFF, U+FFFF, …)."""
    module, _ = _library()
    return bool(module.has_invalid_characters(text))
