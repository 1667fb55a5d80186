"""Weighted length of a post, by the twitter-text v3 rules.

The counting is twitter-text-parser's own ``parse_tweet`` (NFC, URLs count 23,
emoji 2, weights by code-point range). Its emoji extraction tries a
4,000-branch regular expression at every position of the text, about 1.5 ms
for an ordinary post; :func:`_extract_emojis` returns exactly the same matches
by trying that expression only where an emoji can start, which a French post
without emoji never does. ``tests/test_length.py`` proves the two agree.
"""

from __future__ import annotations

import importlib
import re
import sys
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

MAX_WEIGHTED_LENGTH = 280


def _resource_string(module_name: str, resource: str) -> bytes:
    """``pkg_resources.resource_string``: a file beside the module ``module_name``."""
    module = sys.modules[module_name]
    return Path(str(module.__file__)).with_name(resource).read_bytes()


@cache
def _library() -> Any:
    # twitter-text-parser reads its emoji table with pkg_resources.resource_string
    # and nothing else of it; pkg_resources costs 130 ms to import, warns, and is
    # gone from setuptools 81. Lend the library that one function while it loads.
    lent = "pkg_resources" not in sys.modules
    if lent:
        sys.modules["pkg_resources"] = SimpleNamespace(  # type: ignore[assignment]
            resource_string=_resource_string
        )
    try:
        module = importlib.import_module("twitter_text.parse_tweet")
        emoji_module = importlib.import_module("twitter_text.regexp.emoji")
    finally:
        if lent:
            del sys.modules["pkg_resources"]

    candidates = _emoji_starts(emoji_module.emoji_list)
    pattern = emoji_module.emoji
    # Quick refusal, as set operations: a text with none of the non-ASCII code
    # points of the emoji table (French text has none) holds no emoji.
    emoji_chars = frozenset(
        chr(int(code, 16))
        for entry in emoji_module.emoji_list
        for code in entry.codepoint.split()
        if int(code, 16) > 0x7F
    )

    def extract(text: str) -> list[dict[str, Any]]:
        """``extract_emojis_with_indices``, trying the pattern only where an emoji starts."""
        found: list[dict[str, Any]] = []
        if emoji_chars.isdisjoint(text):
            return found
        position = 0
        while True:
            candidate = candidates.search(text, position)
            if candidate is None:
                return found
            match = pattern.match(text, candidate.start())
            if match is not None and match.end() > match.start():
                found.append({"emoji": match.group(0), "indices": [match.start(), match.end()]})
                position = match.end()
            else:
                position = candidate.start() + 1

    setattr(module, "extract_emojis_with_indices", extract)  # noqa: B010
    options = dict(module.config["version3"])
    options.setdefault("emoji_parsing_enabled", True)
    return module, _Frozen(options)


class _Frozen(dict[str, Any]):
    """A hashable options dict, so that :func:`_counter` can be cached."""

    def __hash__(self) -> int:  # type: ignore[override]
        return id(self)


def _emoji_starts(emoji_list: Any) -> re.Pattern[str]:
    """Where an emoji of ``emoji_list`` may start: its first code point, and for
    keycaps, whose first code point is an ASCII digit, ``#`` or ``*``, only when
    the second one follows (French posts are full of digits)."""
    firsts: set[str] = set()
    seconds: dict[str, set[str]] = {}
    for entry in emoji_list:
        codes = [chr(int(code, 16)) for code in entry.codepoint.split()]
        firsts.add(codes[0])
        if len(codes) > 1:
            seconds.setdefault(codes[0], set()).add(codes[1])
        elif codes[0].isascii():  # pragma: no cover - no bare ASCII emoji in the table
            raise RuntimeError(f"unexpected ASCII emoji {entry.codepoint}")
    ranges: list[list[int]] = []
    for point in sorted(ord(c) for c in firsts if not c.isascii()):
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    klass = "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        for lo, hi in ranges
    )
    keycaps = [
        f"{re.escape(c)}(?=[{''.join(re.escape(n) for n in sorted(seconds[c]))}])"
        for c in sorted(firsts)
        if c.isascii()
    ]
    return re.compile("|".join([f"[{klass}]", *keycaps]))


@lru_cache(maxsize=4096)
def weighted_length(text: str) -> int:
    """The weighted length X counts for ``text`` (at most 280 for a valid post).

    Same sum as twitter-text's ``parse_tweet`` under the v3 configuration, taken
    per run of plain characters instead of per character: the library's loop
    costs about 2 µs a character, this about 0.1.
    """
    module, options = _library()
    counter = _counter(module, options)
    return int(counter(text))


@cache
def _counter(module: Any, options: dict[str, Any]) -> Any:
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
    # A URL needs a dot followed by its top-level domain; sentences end with ". ".
    extract_urls = _url_extractor(module.extract_urls_with_indices)
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


def parse(text: str, config_name: str = "version3") -> dict[str, Any]:
    """The full twitter-text result for ``text`` under a named configuration."""
    module, _ = _library()
    options = dict(module.config[config_name])
    options.setdefault("emoji_parsing_enabled", config_name == "version3")
    result: dict[str, Any] = module.parse_tweet(text, options).asdict()
    return result
