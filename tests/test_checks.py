from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from gazouille import engine, posts
from tests.helpers import PROJECT, check_text, post, rules, write

EXAMPLES = PROJECT / "tests" / "posts"
IMAGE = "media/pn44/cambriolages-bons-reflexes.png"


def _expected_rules(path: Path) -> list[str]:
    """Invalid examples list their expected rules in a ``# expect:`` comment."""
    match = re.search(r"^# expect: (.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, f"{path} has no '# expect:' line"
    return match.group(1).split()


@pytest.mark.parametrize("example", sorted((EXAMPLES / "valid").glob("*.md")), ids=lambda p: p.name)
def test_valid_examples_pass(repo: Path, example: Path) -> None:
    result = check_text(repo, example.read_text(encoding="utf-8"))
    assert [p for p in result.problems if p.severity == "error"] == []


@pytest.mark.parametrize(
    "example", sorted((EXAMPLES / "invalid").glob("*.md")), ids=lambda p: p.name
)
def test_invalid_examples_fail_with_their_rules(repo: Path, example: Path) -> None:
    result = check_text(repo, example.read_text(encoding="utf-8"))
    assert rules(result) == _expected_rules(example)


def test_shipped_posts_pass() -> None:
    ctx = engine.make_context(PROJECT)
    report = engine.run(ctx, engine.all_posts(PROJECT))
    assert len(report.posts) >= 12
    assert {p.category for p in report.posts} >= {
        "agression",
        "interpellation",
        "peine",
        "appel-a-temoins",
        "disparition-inquietante",
        "prevention",
        "fonctionnement",
    }
    assert report.error_count == 0, [(p.path, p.errors) for p in report.posts if p.errors]


def test_unknown_key_gets_a_did_you_mean_at_its_line(repo: Path) -> None:
    result = check_text(repo, "---\ncategory: prevention\npublish-at: 2026-12-01T09:00\n---\nx\n")
    assert rules(result) == ["schema"]
    problem = result.problems[0]
    assert problem.line == 3
    assert "publish-at" in problem.message
    assert "publish_at" in problem.message


def test_nested_schema_error_points_at_the_nested_key(repo: Path) -> None:
    text = f"---\ncategory: prevention\nmedia:\n  - file: {IMAGE}\n    alt: Affiche\n    legende: x\n---\nx\n"
    result = check_text(repo, text)
    assert [(p.rule, p.line) for p in result.problems] == [("schema", 6)]


def test_wrong_enum_value_suggests_the_closest(repo: Path) -> None:
    result = check_text(repo, post("prevention", "x", reply_settings="mentioned"))
    assert rules(result) == ["schema"]
    assert "mentionedUsers" in result.problems[0].message
    assert result.problems[0].line == 3


@pytest.mark.parametrize(
    ("category", "expected"),
    [("faits-divers", ["category"]), ("prevension", ["category"])],
)
def test_unknown_category(repo: Path, category: str, expected: list[str]) -> None:
    result = check_text(repo, post(category, "x"))
    assert rules(result) == expected
    assert result.problems[0].line == 2


def test_category_suggestion(repo: Path) -> None:
    result = check_text(repo, post("prevension", "x"))
    assert "prevention" in result.problems[0].message


def test_missing_category(repo: Path) -> None:
    result = check_text(repo, "---\nlang: fr\n---\nx\n")
    assert rules(result) == ["category"]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (f"media:\n  - file: {IMAGE}\n", ["media/alt-missing"]),
        (f"media:\n  - file: {IMAGE}\n    alt: '  '\n", ["media/alt-missing"]),
        (f"media:\n  - file: {IMAGE}\n    alt: {'a' * 1001}\n", ["media/alt-too-long"]),
        ("media:\n  - file: media/pn44/absente.png\n    alt: x\n", ["media/missing"]),
        ("media:\n  - file: ../../etc/passwd\n    alt: x\n", ["media/outside"]),
        ("media:\n  - file: media/../../secret.png\n    alt: x\n", ["media/outside"]),
        ("media:\n  - file: posts/pn44/essai.md\n    alt: x\n", ["media/outside"]),
        ("media:\n  - file: /etc/hosts\n    alt: x\n", ["media/outside"]),
    ],
)
def test_media_rules(repo: Path, front: str, expected: list[str]) -> None:
    result = check_text(repo, "---\ncategory: prevention\n" + front + "---\nTexte\n")
    assert rules(result) == expected


def test_media_type_and_size(repo: Path) -> None:
    write(repo, "media/pn44/faux.png", "pas une image")
    big = repo / "media/pn44/grande.bmp"
    Image.new("RGB", (1400, 1400)).save(big, format="BMP")  # 5.9 MB, and not a web format
    text = (
        "---\ncategory: prevention\nmedia:\n"
        "  - file: media/pn44/faux.png\n    alt: x\n"
        "  - file: media/pn44/grande.bmp\n    alt: y\n---\nTexte\n"
    )
    result = check_text(repo, text)
    assert [(p.rule, p.line) for p in result.problems] == [
        ("media/type", 4),
        ("media/type", 6),
        ("media/size", 6),
    ]


def test_media_symlink_leaving_repo_is_outside(repo: Path, tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs.png"
    Image.new("RGB", (4, 4)).save(outside)
    (repo / "media/pn44/lien.png").symlink_to(outside)
    result = check_text(
        repo,
        "---\ncategory: prevention\nmedia:\n  - file: media/pn44/lien.png\n    alt: x\n---\nT\n",
    )
    assert rules(result) == ["media/outside"]


def test_more_than_four_images(repo: Path) -> None:
    items = "".join(f"  - file: {IMAGE}\n    alt: image {i}\n" for i in range(5))
    result = check_text(repo, "---\ncategory: prevention\nmedia:\n" + items + "---\nT\n")
    assert rules(result) == ["schema"]
    assert "au plus 4" in result.problems[0].message


def test_missing_person_needs_the_prosecutor(repo: Path) -> None:
    result = check_text(repo, post("disparition-inquietante", "Disparition inquiétante."))
    assert rules(result) == ["authorization/missing"]


def test_authorization_only_for_appeals(repo: Path) -> None:
    text = "---\ncategory: prevention\nauthorization:\n  reference: PR 1\n---\nT\n"
    result = check_text(repo, text)
    assert [(p.rule, p.line) for p in result.problems] == [("authorization/not-allowed", 3)]


def test_authorization_reference_must_not_be_blank(repo: Path) -> None:
    text = '---\ncategory: appel-a-temoins\nauthorization:\n  reference: "  "\n---\nT\n'
    result = check_text(repo, text)
    assert [(p.rule, p.line) for p in result.problems] == [("schema", 4)]


def test_markdown_is_a_warning(repo: Path) -> None:
    result = check_text(repo, post("prevention", "Voir [le site](https://www.interieur.gouv.fr)"))
    assert [(p.rule, p.severity) for p in result.problems] == [("markdown/literal", "warning")]


@pytest.mark.parametrize(
    "body",
    ["Un *mot* en italique", "Du **gras**", "## Titre", "Du __gras__ aussi"],
)
def test_markdown_syntax_warns(repo: Path, body: str) -> None:
    assert rules(check_text(repo, post("prevention", body))) == ["markdown/literal"]


@pytest.mark.parametrize(
    "body",
    ["#Nantes #sécurité", "5 * 3 = 15", "snake_case_name", "Un lien https://a.fr/x_y_z"],
)
def test_ordinary_text_does_not_warn(repo: Path, body: str) -> None:
    assert rules(check_text(repo, post("prevention", body))) == []


def test_template_blank_is_refused(repo: Path) -> None:
    result = check_text(repo, post("interpellation", "Interpellation à\n[commune] hier."))
    assert [(p.rule, p.line) for p in result.problems] == [("text/placeholder", 5)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-01T19:30", []),
        ("2026-12-01 19:30:00+01:00", []),
        ("2026-12-01T19:30Z", []),
        ("2026-12-01T09:30", ["schedule/past"]),
        ("2026-12-01T12:59+01:00", ["schedule/past"]),
        ("2026-12-01T13:01+01:00", []),
        ("2026-02-30T09:30", ["schedule/invalid"]),
        ("demain matin", ["schema"]),
        ("2026-12-01", ["schema"]),
    ],
)
def test_publish_at(repo: Path, value: str, expected: list[str]) -> None:
    assert rules(check_text(repo, post("prevention", "x", publish_at=value))) == expected


def test_schedule_past_is_a_warning_relative_to_gazouille_now(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = post("prevention", "x", publish_at="2026-12-03T09:30")
    assert rules(check_text(repo, text)) == []
    monkeypatch.setenv("GAZOUILLE_NOW", "2026-12-04T00:00:00Z")
    result = check_text(repo, text)
    assert [(p.rule, p.severity, p.line) for p in result.problems] == [
        ("schedule/past", "warning", 3)
    ]
    assert "déjà passée" in result.problems[0].message


def test_schedule_past_is_silent_for_a_published_or_retracted_post(repo: Path) -> None:
    from gazouille.publish.ledger import Ledger

    write(repo, "posts/pn44/vieux.md", post("prevention", "Vieux.", publish_at="2020-01-01T09:30"))
    ledger = Ledger.load(repo, "pn44")
    parsed = posts.read(repo, "posts/pn44/vieux.md", "pn44")
    ledger.append(
        {
            "event": "published",
            "path": "posts/pn44/vieux.md",
            "hash": parsed.text_hash,
            "part": 0,
            "parts": 1,
            "remote_id": "1",
            "url": "https://x.com/PNationale44/status/1",
        }
    )
    ctx = engine.make_context(repo)
    assert rules(engine.check_post("posts/pn44/vieux.md", ctx)) == []
    retracted = post("prevention", "Retirée.", publish_at="2020-01-01T09:30", retract="erreur")
    assert rules(check_text(repo, retracted)) == []
    assert rules(check_text(repo, post("prevention", "Neuve.", publish_at="2020-01-01T09:30"))) == [
        "schedule/past"
    ]
