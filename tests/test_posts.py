from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazouille import engine, posts
from tests.helpers import check_text, rules, write

RELPATH = "posts/pn44/essai.md"


def parse(raw: bytes) -> posts.Post:
    return posts.parse(raw, RELPATH, "pn44")


def test_front_matter_body_and_lines() -> None:
    post = parse(b"---\ncategory: prevention\nlang: fr\n---\n\nBonjour.\n")
    assert post.meta == {"category": "prevention", "lang": "fr"}
    assert post.line_of("lang") == 3
    assert [(p.text, p.line) for p in post.parts] == [("Bonjour.", 6)]


def test_thread_parts_know_their_lines() -> None:
    raw = b"---\ncategory: fonctionnement\n---\n1/ Un\n\n---\n\n2/ Deux\nsuite\n---   \n3/ Trois\n"
    post = parse(raw)
    assert [(p.index, p.text, p.line) for p in post.parts] == [
        (0, "1/ Un", 4),
        (1, "2/ Deux\nsuite", 8),
        (2, "3/ Trois", 11),
    ]
    assert post.parts[1].line_at(len("2/ Deux\ns")) == 9


def test_dates_stay_strings() -> None:
    post = parse(b"---\ncategory: prevention\npublish_at: 2026-12-01T09:30:00\n---\nx\n")
    assert post.meta["publish_at"] == "2026-12-01T09:30:00"


def test_bom_and_crlf_are_accepted() -> None:
    post = parse(b"\xef\xbb\xbf---\r\ncategory: prevention\r\n---\r\nLigne 1\r\nLigne 2\r\n")
    assert post.meta == {"category": "prevention"}
    assert post.parts[0].text == "Ligne 1\nLigne 2"
    assert post.parts[0].line == 4


@pytest.mark.parametrize(
    ("raw", "rule", "line"),
    [
        (b"Bonjour sans en-tete\n", "file/front-matter", 1),
        (b"---\ncategory: prevention\nBonjour\n", "file/front-matter", 1),
        (b"---\ncategory: [prevention\n---\nx\n", "file/yaml", 2),
        (b"---\ncategory: prevention\ncategory: peine\n---\nx\n", "file/duplicate-key", 3),
        (b"---\n- prevention\n---\nx\n", "file/front-matter", 2),
        (b"---\njuste du texte\n---\nx\n", "file/front-matter", 2),
        (b"---\ncategory: prevention\n---\n\xe9t\xe9\n", "file/encoding", 4),
        (b"---\ncategory: prevention\n---\n   \n\n", "file/empty", 4),
        (b"---\ncategory: prevention\n---\n---\n\n---\n", "file/empty", 4),
        (b"---\ncategory: prevention\n---\n" + b"a" * (64 * 1024 + 1), "file/too-large", 4),
    ],
)
def test_unreadable_posts_get_a_rule_and_a_line(raw: bytes, rule: str, line: int) -> None:
    with pytest.raises(posts.PostError) as caught:
        parse(raw)
    assert caught.value.rule == rule
    assert caught.value.line == line
    assert caught.value.fix  # every message says how to fix it


def test_symlinked_post_is_refused(repo: Path) -> None:
    target = write(repo, "posts/pn44/vrai.md", "---\ncategory: prevention\n---\nx\n")
    (repo / "posts/pn44/lien.md").symlink_to(target)
    result = engine.check_post("posts/pn44/lien.md", engine.make_context(repo))
    assert rules(result) == ["file/symlink"]


@pytest.mark.parametrize(
    "relpath",
    ["posts/inconnu/essai.md", "posts/essai.md", "autre/pn44/essai.md", "posts/pn44/essai.txt"],
)
def test_post_outside_a_known_account_is_refused(repo: Path, relpath: str) -> None:
    result = check_text(repo, "---\ncategory: prevention\n---\nx\n", relpath)
    assert rules(result) == ["file/location"]


def test_minimal_post_is_complete(repo: Path) -> None:
    result = check_text(repo, "---\ncategory: prevention\n---\nFermez votre voiture.\n")
    assert result.problems == []
    assert [p.weighted_length for p in result.parts] == [21]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_never_crash_the_loader(raw: bytes) -> None:
    try:
        post = parse(raw)
    except posts.PostError as error:
        assert error.rule.startswith("file/")
        assert error.message
    else:
        assert post.parts


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from([*list("-:ab \n\t[]{}'\"#&*!|>%@`,?"), "é", "\ufeff", "\r"]),
        max_size=120,
    )
)
def test_yaml_like_noise_never_crashes_the_loader(noise: str) -> None:
    try:
        parse(("---\n" + noise + "\n---\nTexte\n").encode())
    except posts.PostError as error:
        assert error.rule.startswith("file/")
