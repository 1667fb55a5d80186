"""Bad input stays local: one broken post, image or field is refused with a French
error on that post only (exit 1, never 3), and the other posts still go out."""

from __future__ import annotations

import io
import itertools
import json
import os
import struct
import tracemalloc
import zlib
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazouille import accounts, posts
from gazouille.errors import ConfigError
from gazouille.publish.publisher import publish
from gazouille.sandbox import Sandbox
from tests.helpers import check_text, cli, edit_accounts, git, make_repo, post, rules, write

GOOD = post("prevention", "Fermez votre porte à clé, même pour une courte absence.")


def png(width: int, height: int) -> bytes:
    """A tiny PNG file that declares ``width`` × ``height`` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def with_image(file: str) -> str:
    return (
        '---\ncategory: prevention\nmedia:\n  - file: "' + file + '"\n'
        "    alt: Affiche de prévention\n---\nFermez votre porte à clé.\n"
    )


def test_category_given_as_a_list_is_one_error_with_an_example(repo: Path) -> None:
    result = check_text(repo, "---\ncategory: [prevention]\n---\nBonjour.\n")
    assert rules(result) == ["category"]
    assert "pas une liste" in result.problems[0].message
    assert "category: prevention" in (result.problems[0].fix or "")


def test_decompression_bomb_png_is_refused_from_its_header(repo: Path) -> None:
    (repo / "media" / "pn44" / "bombe.png").write_bytes(png(60000, 60000))
    tracemalloc.start()
    try:
        result = check_text(repo, with_image("media/pn44/bombe.png"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert rules(result) == ["media/dimensions"]
    assert result.problems[0].line == 4
    assert peak < 50 * 1024 * 1024  # the header is read, the pixels never


def test_nul_byte_in_media_file_is_a_control_character(repo: Path) -> None:
    result = check_text(repo, with_image("media/pn44/affiche\\0.png"))
    assert rules(result) == ["text/control-char"]
    assert result.problems[0].line == 4


@pytest.mark.parametrize(
    "front",
    [
        "category: [prevention]",
        'category: prevention\nmedia:\n  - file: "media/pn44/a\\0b.png"\n    alt: x',
        "category: prevention\nmedia:\n  - file: media/pn44/bombe.png\n    alt: x",
        "category: prevention\nmedia: 12",
        "category: prevention\nmedia: [[1]]",
        "category: prevention\nretract: [oui]",
        "category: prevention\npublish_at: 12",
        "category: prevention\nreply_settings: {a: 1}",
        "category: appel-a-temoins\nauthorization: texte",
        "category: appel-a-temoins\nauthorization: {reference: [1], allows: phone}",
        "category: {a: 1}\nlang: [fr]",
        "? [a, b]\n: c\ncategory: prevention",
    ],
)
def test_one_broken_post_fails_alone_in_every_command(repo: Path, front: str) -> None:
    (repo / "media" / "pn44" / "bombe.png").write_bytes(png(60000, 60000))
    write(repo, "posts/pn44/bon.md", GOOD)
    write(repo, "posts/pn44/casse.md", f"---\n{front}\n---\nBonjour.\n")
    checked = cli(repo, "check")
    assert checked.exit_code == 1, checked.output
    assert "posts/pn44/casse.md" in checked.output
    assert "posts/pn44/bon.md" not in checked.output
    assert "erreur interne" not in checked.output
    dry = cli(repo, "publish", "--dry-run")
    assert dry.exit_code in (0, 1), dry.output
    assert "erreur interne" not in dry.output
    assert "posts/pn44/bon.md" in dry.output
    assert cli(repo, "status").exit_code == 0
    previewed = cli(repo, "preview", "posts/pn44/casse.md")
    assert previewed.exit_code == 1, previewed.output


def test_broken_posts_in_two_accounts_do_not_stop_the_good_ones(
    tmp_path: Path, sandbox: Sandbox
) -> None:
    root = make_repo(tmp_path / "depot")
    (root / "media" / "pn44" / "bombe.png").write_bytes(png(60000, 60000))
    write(root, "posts/pn44/bon.md", GOOD)
    write(root, "posts/pn44/liste.md", "---\ncategory: [prevention]\n---\nBonjour.\n")
    write(root, "posts/pn44/bombe.md", with_image("media/pn44/bombe.png"))
    write(root, "posts/pn06/nul.md", with_image("media/pn06/a\\0.png"))
    write(root, "posts/pn06/bon.md", post("prevention", "Attention aux faux policiers à Nice."))
    (root / "posts" / "pn06" / "dossier.md").mkdir()
    os.mkfifo(root / "posts" / "pn06" / "tube.md")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "posts")
    out = io.StringIO()
    env = {
        **sandbox.env("GAZOUILLE_PN44", "PNationale44"),
        **sandbox.env("GAZOUILLE_PN06", "PNationale06"),
        "GAZOUILLE_X_BACKOFF": "0.001",
    }
    code = publish(root, out, env=env, sleep=lambda s: None)
    assert code == 1  # something was refused
    sent = {p["text"] for p in sandbox.posts() if not p["deleted_at"]}
    assert sent == {
        "Fermez votre porte à clé, même pour une courte absence.",
        "Attention aux faux policiers à Nice.",
    }
    report = out.getvalue()
    for refused in ("liste.md", "bombe.md", "nul.md", "dossier.md", "tube.md"):
        assert refused in report


def test_folder_and_fifo_named_md_are_not_posts(repo: Path) -> None:
    (repo / "posts" / "pn44" / "dossier.md").mkdir()
    write(repo, "posts/pn44/dossier.md/dedans.md", GOOD)
    os.mkfifo(repo / "posts" / "pn44" / "tube.md")
    result = cli(repo, "check")
    assert result.exit_code == 1
    assert result.output.count("[file/not-a-file]") == 2
    assert "posts/pn44/dossier.md " in result.output
    assert "posts/pn44/tube.md " in result.output
    for named in ("posts/pn44/dossier.md", "posts/pn44/tube.md"):
        alone = cli(repo, "check", named)
        assert alone.exit_code == 1, alone.output
        assert f"{named} erreur [file/not-a-file]" in alone.output


@pytest.mark.parametrize(
    ("text", "rule", "line"),
    [
        ("---\ncategory: prevention\n---\nBonjour\x07 à tous.\n", "text/control-char", 4),
        ("---\ncategory: prevention\n---\nA\n\nB\x1b[31m\n", "text/control-char", 6),
        ('---\ncategory: prevention\nretract: "a\\x01"\n---\nBonjour.\n', "text/control-char", 3),
        ("---\ncategory: prevention\n---\nVoir \u202eGNP.exe\n", "text/bidi", 4),
        ("---\ncategory: prevention\n---\nVoir \u2067x\u2069\n", "text/bidi", 4),
        ('---\ncategory: prevention\nlang: "fr\\u202e"\n---\nBonjour.\n', "text/bidi", 3),
    ],
)
def test_hidden_characters_are_refused_at_their_line(
    repo: Path, text: str, rule: str, line: int
) -> None:
    result = check_text(repo, text)
    assert [(p.rule, p.line) for p in result.problems] == [(rule, line)]
    assert "caractère" in result.problems[0].message


def test_newline_and_tab_are_allowed_in_the_body(repo: Path) -> None:
    result = check_text(repo, GOOD.replace("Fermez", "Fermez\tbien"))
    assert result.problems == []


def billion_laughs(levels: int, size: int) -> str:
    """Nested YAML aliases: ``levels`` lists of 9 references each, padded to ``size`` bytes."""
    names = "abcdefghijklmnop"
    lines = ["a: &a [x,x,x,x,x,x,x,x,x]"]
    for previous, name in itertools.pairwise(names[:levels]):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    text = "\n".join(lines) + "\n"
    return text + "#" * (size - len(text) - 1) + "\n"


# 9**8 and 9**10 leaves: the 327 and 400 bytes of the issue.
BILLION_LAUGHS = {327: billion_laughs(8, 327), 400: billion_laughs(10, 400)}


@pytest.mark.parametrize("size", sorted(BILLION_LAUGHS))
def test_yaml_aliases_are_refused_in_posts_before_expansion(repo: Path, size: int) -> None:
    front = BILLION_LAUGHS[size]
    assert len(front) == size
    tracemalloc.start()
    try:
        result = check_text(repo, f"---\ncategory: prevention\n{front}---\nBonjour.\n")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(p.rule, p.line) for p in result.problems] == [("file/yaml-alias", 3)]
    assert peak < 20 * 1024 * 1024


@pytest.mark.parametrize("size", sorted(BILLION_LAUGHS))
def test_yaml_aliases_are_refused_in_accounts_file(repo: Path, size: int) -> None:
    text = (repo / "accounts.yml").read_text(encoding="utf-8")
    (repo / "accounts.yml").write_text(BILLION_LAUGHS[size] + text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        accounts.load(repo)
    assert caught.value.line == 1
    assert "alias" in caught.value.message
    result = cli(repo, "check")
    assert result.exit_code == 2
    assert "accounts.yml:1 : les ancres et alias YAML" in result.output


def test_a_lone_anchor_is_refused_too(repo: Path) -> None:
    result = check_text(repo, "---\ncategory: &c prevention\n---\nBonjour.\n")
    assert rules(result) == ["file/yaml-alias"]


@pytest.mark.parametrize(
    ("front", "line", "words"),
    [
        ("category: prevention\n\tlang: fr\n", 3, "tabulation : utilisez des espaces"),
        ("category:\tprevention\nmedia:\n\t- file: a\n", 4, "tabulation : utilisez des espaces"),
        (
            "category: appel-a-temoins\nauthorization:\n  reference: R\n  allows: [phone, email\n"
            "lang: fr\n",
            5,
            "crochet « [ » ouvert mais jamais refermé",
        ),
        ("category: prevention\nretract: {a: 1\nlang: fr\n", 3, "accolade « { »"),
        ('category: prevention\nretract: "oups\nlang: fr\n', 3, "guillemet ouvert"),
        ("category: prevention\nretract: 'oups\nlang: fr\n", 3, "guillemet ouvert"),
        ("category: prevention\nmedia:\n  - file: a\n     alt: b\n", 5, "deux-points inattendu"),
        ("authorization:\n  reference: a\n allows: [x]\n", 4, "indentation incorrecte"),
        ("category: prevention\nlang fr\nretract: x\n", 3, "il manque le deux-points"),
        ("category: prevention\nlang: @fr\n", 3, "ne peut pas commencer par « @ »"),
    ],
)
def test_yaml_syntax_errors_in_french_at_the_line_to_fix(
    repo: Path, front: str, line: int, words: str
) -> None:
    result = check_text(repo, f"---\n{front}---\nBonjour.\n")
    assert [(p.rule, p.line) for p in result.problems] == [("file/yaml", line)]
    assert words in result.problems[0].message
    assert result.problems[0].fix


def test_read_bytes_never_opens_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tube.md")
    with pytest.raises(posts.PostError) as caught:
        posts.read_bytes(tmp_path, "tube.md")
    assert caught.value.rule == "file/not-a-file"


@pytest.mark.parametrize(
    "body", ["\u200b\u200b", "\u200b\n\n\u2060", "\u3164", "\u2800 \u200d", "\u00ad\u2061"]
)
def test_a_body_of_only_invisible_characters_is_refused(repo: Path, body: str) -> None:
    result = check_text(repo, f"---\ncategory: prevention\n---\n{body}\n")
    assert [(p.rule, p.line) for p in result.problems] == [("text/invisible", 4)]
    assert "invisibles" in result.problems[0].message


def test_an_invisible_part_of_a_thread_is_refused_at_its_line(repo: Path) -> None:
    result = check_text(repo, "---\ncategory: prevention\n---\nPremier.\n---\n\u200b\n")
    assert [(p.rule, p.line) for p in result.problems] == [("text/invisible", 6)]


def test_visible_text_with_a_zero_width_joiner_passes(repo: Path) -> None:
    result = check_text(repo, post("prevention", "Bonne année 👨\u200d👩\u200d👧 à tous."))
    assert "text/invisible" not in rules(result)


@pytest.mark.parametrize(("parts", "refused"), [(25, False), (26, True)])
def test_at_most_25_thread_parts(repo: Path, parts: int, refused: bool) -> None:
    body = "\n---\n".join(f"{n}/ Conseil numéro {n}." for n in range(1, parts + 1))
    result = check_text(repo, post("prevention", body))
    expected = [("text/thread-too-long", 4 + 2 * 25)] if refused else []
    assert [(p.rule, p.line) for p in result.problems] == expected


FIELDS = ["category", "publish_at", "reply_settings", "media", "authorization", "retract", "lang"]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(["prevention", "2026-12-01T09:30", "media/pn44", "phone", "@x", "."]),
)


KEYS = st.sampled_from(["file", "alt", "reference", "allows", "x"])
# Two levels of lists and mappings, spelled out: st.recursive's check of its
# extend function reads source code, which fails under some runs.
LEVEL = st.one_of(
    SCALARS, st.lists(SCALARS, max_size=3), st.dictionaries(KEYS, SCALARS, max_size=3)
)
VALUES = st.one_of(LEVEL, st.lists(LEVEL, max_size=3), st.dictionaries(KEYS, LEVEL, max_size=3))
FRONT = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=5)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front=FRONT)
def test_fuzzed_front_matter_never_ends_in_an_internal_error(
    repo: Path, front: dict[str, object]
) -> None:
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\nBonjour à tous.\n"
    write(repo, "posts/pn44/bon.md", GOOD)
    (repo / "posts" / "pn44" / "fuzz.md").write_text(text, encoding="utf-8")
    for args in (
        ("check",),
        ("publish", "--dry-run"),
        ("status",),
        ("preview", "posts/pn44/fuzz.md"),
    ):
        result = cli(repo, *args)
        assert result.exit_code in (0, 1), (args, text, result.output)
        assert "erreur interne" not in result.output


@pytest.mark.parametrize(
    ("front", "line", "message", "example"),
    [
        (
            "category: prevention\nmedia:\n  - alt: Affiche",
            4,
            "le champ obligatoire « file » manque dans media[1]",
            "file: media/pn44/affiche.png",
        ),
        (
            "category: appel-a-temoins\nauthorization:\n  reference: R-1\n  allows: phone",
            5,
            "authorization.allows : doit être une liste, pas « phone »",
            "allows: [person-name, phone]",
        ),
        (
            "category: prevention\npublish_at: 2026-12-24",
            3,
            "« 2026-12-24 » est une date sans heure",
            "publish_at: 2026-12-01T09:30",
        ),
        (
            "category: prevention\nmedia:\n  - media/pn44/affiche.png",
            4,
            "media[1] : doit être une liste de champs « nom: valeur »",
            "- {file: media/pn44/affiche.png, alt: Affiche de prévention contre les cambriolages}",
        ),
        (
            "category: prevention\nretract: [erreur]",
            3,
            "retract : doit être un texte, pas une liste",
            "retract: erreur sur l'adresse du commissariat",
        ),
    ],
)
def test_type_errors_say_what_is_expected_with_an_example(
    repo: Path, front: str, line: int, message: str, example: str
) -> None:
    result = check_text(repo, f"---\n{front}\n---\nBonjour.\n")
    [problem] = [p for p in result.problems if p.rule == "schema"]
    assert problem.line == line
    assert message in problem.message
    assert f"« {example} »" in (problem.fix or "")


def test_x_username_with_an_at_sign_is_explained(repo: Path) -> None:
    edit_accounts(repo, "x_username: PNationale44", 'x_username: "@PNationale44"')
    broken = (repo / "accounts.yml").read_text(encoding="utf-8")
    line = broken.splitlines().index('    x_username: "@PNationale44"') + 1
    result = cli(repo, "check")
    assert result.exit_code == 2
    assert f"accounts.yml:{line} : accounts.pn44.x_username : « @PNationale44 » : le nom du " in (
        result.output
    )
    assert "s'écrit sans « @ »" in result.output
    assert "« x_username: PNationale44 »" in result.output


def test_a_post_the_planner_cannot_classify_is_refused_alone(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gazouille.checks import expiry

    real = expiry.has_expired

    def surprised(meta: dict[str, object], timezone: str, now: object) -> bool:
        if meta.get("category") == "peine":
            raise RuntimeError("imprévu")
        return real(meta, timezone, now)  # type: ignore[arg-type]

    monkeypatch.setattr(expiry, "has_expired", surprised)
    write(repo, "posts/pn44/bon.md", GOOD)
    write(repo, "posts/pn44/peine.md", post("peine", "Six mois avec sursis pour un vol."))
    result = cli(repo, "status", "--account", "pn44", "--format", "json")
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.output)["accounts"]
    assert [row["path"] for row in entry["due"]] == ["posts/pn44/bon.md"]
    [refused] = entry["refused"]
    assert refused["path"] == "posts/pn44/peine.md"
    assert "file/unchecked" in refused["reason"] and "imprévu" in refused["reason"]
