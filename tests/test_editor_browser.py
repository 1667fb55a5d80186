"""The web editor in a real browser: headless Chromium driven by Playwright through
the French Decap CMS screens, on a throw-away repository served by decap-server.

Two officers' posts go all the way: written, previewed, saved as drafts
(``cms/…`` branches), moved to "Prêt" and published (merged into main); then
the files on main pass ``gazouille check``, the photo lost its GPS position,
and nothing left this machine. ``GAZOUILLE_SCREENSHOTS=1`` saves the screens
into ``docs/images/editeur-*.png`` for the officers' guide.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image

from gazouille.editor.server import Assets, running
from tests.editor_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    build_bundle,
    editor_repo,
    missing_reason,
    needs_browser,
)
from tests.helpers import NOW, PROJECT, cli, git

pytestmark = needs_browser

SCREENSHOTS = PROJECT / "docs" / "images"
# Read at import: the suite's autouse fixture clears GAZOUILLE_* before each test.
SAVE_SCREENSHOTS = os.environ.get("GAZOUILLE_SCREENSHOTS") == "1"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}
GPS = {1: "N", 2: (47.0, 13.0, 5.0), 3: "W", 4: (1.0, 33.0, 10.0)}

LONG_PART = (
    "Le commissariat de Nice recrute des réservistes de la police nationale. Vous avez entre "
    "17 et 65 ans, vous voulez servir votre ville quelques jours par an : patrouilles, "
    "accueil du public, prévention auprès des commerçants et des écoles, sécurité des grands "
    "événements de la saison. Une formation vous est donnée, les missions sont rémunérées."
)
SHORT_PART = (
    "Le commissariat de Nice recrute des réservistes de la police nationale, de 17 à 65 ans : "
    "patrouilles, accueil du public, prévention. Formation donnée, missions rémunérées."
)


def _photo_with_gps(path: Path) -> Path:
    picture = Image.merge(
        "RGB",
        [Image.linear_gradient("L").resize((480, 320)).rotate(angle) for angle in (0, 90, 180)],
    )
    exif = Image.Exif()
    exif[0x8825] = GPS
    exif[0x013B] = "Photographe Inconnu"
    picture.save(path, "JPEG", exif=exif.tobytes())
    with Image.open(path) as check:
        assert check.getexif().get_ifd(0x8825), "the test photo must carry a GPS position"
    return path


class Officer:
    """The officer's hands: one method per thing done on the screen."""

    def __init__(self, page: Any, url: str) -> None:
        self.page = page
        self.url = url

    def shot(self, name: str) -> None:
        if SAVE_SCREENSHOTS:
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SCREENSHOTS / f"editeur-{name}.png"))

    def sign_in(self) -> None:
        self.page.goto(self.url)
        self.shot("connexion")
        self.page.get_by_role("button", name="Se connecter").click()
        self.page.get_by_text(
            "Police nationale de Loire-Atlantique (@PNationale44)"
        ).first.wait_for()

    def home(self) -> None:
        self.page.goto(self.url)
        self.page.get_by_text(
            "Police nationale de Loire-Atlantique (@PNationale44)"
        ).first.wait_for()

    def new_post(self, handle: str) -> None:
        self.page.get_by_role("link", name=re.compile(re.escape(f"(@{handle})"))).first.click()
        self.page.get_by_role("link", name=re.compile("publication")).first.click()
        self.page.get_by_text("Écriture dans la collection").wait_for()
        self.page.get_by_text(f"(@{handle})").first.wait_for()
        self.page.get_by_text("Sujet (pour le nom du fichier)").wait_for()

    def type_in(self, label: str, text: str) -> None:
        control = self.page.locator(f"[id='{self._id_for(label)}']")
        control.fill(text)

    def _id_for(self, label: str) -> str:
        found = self.page.locator("label").filter(has_text=re.compile(f"^{re.escape(label)}")).first
        target = found.get_attribute("for")
        assert target, f"no control for {label}"
        return target

    def choose(self, label: str, option: str) -> None:
        control = self.page.locator(f"[id='{self._id_for(label)}']")
        control.click()
        self.page.get_by_text(option, exact=True).last.click()

    def preview(self) -> Any:
        return self.page.frame_locator("iframe").first

    def save(self) -> None:
        self.page.get_by_role("button", name="Enregistrer").click()
        self.page.get_by_text("Modifications enregistrées", exact=False).first.wait_for()

    def set_status(self, status: str) -> None:
        self.page.get_by_role("button", name=re.compile("^Statut")).click()
        self.page.get_by_role("menuitem", name=status).click()
        self.page.get_by_text("Statut de l'entrée mis à jour").first.wait_for()

    def publish(self) -> None:
        self.page.get_by_role("button", name=re.compile("^Publier")).click()
        self.page.get_by_role("menuitem", name="Publier maintenant").click()


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, str, Path]]:
    build_bundle()
    repo = editor_repo(tmp_path / "depot")
    network_log = tmp_path / "network.log"
    network_log.touch()
    monkeypatch.setenv("GAZOUILLE_TEST_NETWORK_LOG", str(network_log))
    monkeypatch.setenv(
        "NODE_OPTIONS", f"--require {PROJECT / 'tests/data/editor/record-network.cjs'}"
    )
    with running(repo, Assets(PROJECT), log=tmp_path / "decap-server.log") as url:
        yield repo, url, network_log


def test_an_officer_writes_previews_and_publishes_two_posts_in_the_browser(
    editor: tuple[Path, str, Path], tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    repo, url, network_log = editor
    photo = _photo_with_gps(tmp_path / "IMG_2031.jpg")
    left: list[str] = []

    def guard(route: Any) -> None:
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or f"{host}" in LOCAL_HOSTS | {"::1"}:
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(
            locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 1400, "height": 900}
        )
        context.route("**/*", guard)
        # The browser's day names the files, as the suite's clock (GAZOUILLE_NOW) does.
        context.clock.set_fixed_time(NOW)
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.on("dialog", lambda dialog: dialog.accept())  # "Publier cette entrée ?" and the like
        officer = Officer(page, url)
        try:
            officer.sign_in()
            officer.shot("accueil")

            # pn44: a prevention post with a phone photo (GPS position, owner) and its alt text.
            officer.new_post("PNationale44")
            officer.type_in("Sujet (pour le nom du fichier)", "Verrouillez votre voiture")
            officer.choose("Catégorie", "Prévention")
            officer.type_in("Date et heure de publication", "2026-12-03T08:00")
            officer.type_in(
                "Texte",
                "Conseil de prévention : verrouillez votre véhicule, même pour un arrêt court. "
                "Ne laissez rien de visible dans l'habitacle.",
            )
            page.get_by_role("button", name=re.compile("Ajouter image")).click()
            page.get_by_role("button", name="Choisir une image").click()
            page.locator("input[type=file]").set_input_files(str(photo))
            page.get_by_role("button", name=re.compile("Choisir")).last.click()
            officer.type_in("Texte alternatif", "Voiture garée, portières verrouillées.")
            preview = officer.preview()
            expect(preview.locator(".gz-schedule").first).to_contain_text(
                "jeudi 3 décembre 2026 à 08:00 (heure de Paris)"
            )
            expect(preview.locator(".gz-alt")).to_contain_text("Voiture garée")
            officer.shot("redaction")
            officer.save()
            officer.set_status("Prêt")
            officer.shot("brouillon")
            officer.publish()
            page.get_by_text("Entrée publiée").first.wait_for()

            # pn06: a thread whose second part is too long, then shortened.
            officer.home()
            officer.new_post("PNationale06")
            officer.type_in("Sujet (pour le nom du fichier)", "Réservistes recherchés")
            officer.choose("Catégorie", "Fonctionnement du service")
            officer.type_in("Texte", f"Devenez réserviste 👮\n---\n{LONG_PART}")
            cards = officer.preview().locator(".gz-card")
            expect(cards).to_have_count(2)
            expect(cards.nth(1)).to_have_class(re.compile("gz-over"))
            over = int(cards.nth(1).locator(".gz-count").get_attribute("data-gz-count") or 0) - 280
            assert over > 0
            expect(cards.nth(1)).to_contain_text(f"raccourcissez de {over}")
            officer.shot("trop-long")
            officer.type_in("Texte", f"Devenez réserviste 👮\n---\n{SHORT_PART}")
            expect(cards.nth(1)).not_to_have_class(re.compile("gz-over"))
            officer.save()
            officer.set_status("Prêt")
            officer.publish()
            page.get_by_text("Entrée publiée").first.wait_for()
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"))
            raise
        finally:
            context.close()
            browser.close()

    assert left == [], f"the page asked for something off this machine: {left}"
    assert network_log.read_text() == "", "decap-server connected off this machine"

    # What reached main, read from git (decap-server switches branches in the working tree).
    files = git(repo, "ls-tree", "-r", "--name-only", "main").splitlines()
    day = "2026-12-01"
    new_posts = sorted(f for f in files if "verrouillez" in f or "reservistes" in f)
    assert new_posts == [
        f"posts/pn06/{day}-fonctionnement-reservistes-recherches.md",
        f"posts/pn44/{day}-prevention-verrouillez-votre-voiture.md",
    ]
    clone = tmp_path / "main"
    subprocess.run(["git", "clone", "--quiet", str(repo), str(clone)], check=True)
    pn44 = (clone / new_posts[1]).read_text(encoding="utf-8")
    assert pn44.startswith("---\ncategory: prevention\npublish_at: 2026-12-03T08:00\nmedia:\n")
    assert "    alt: Voiture garée, portières verrouillées.\n---\nConseil de prévention" in pn44
    image_path = re.search(r"file: (media/pn44/\S+)", pn44)
    assert image_path is not None
    pn06 = (clone / new_posts[0]).read_text(encoding="utf-8")
    assert pn06 == f"---\ncategory: fonctionnement\n---\nDevenez réserviste 👮\n---\n{SHORT_PART}\n"
    with Image.open(clone / image_path.group(1)) as image:
        assert not image.getexif(), "the photo kept EXIF"
        assert not {"exif", "xmp", "comment"} & set(image.info)
    result = cli(clone, "check", "--format", "json")
    assert result.exit_code == 0, result.output


def test_chromium_and_playwright_versions_work_together() -> None:
    """Smoke check of the pair: Debian's Chromium, driven by PyPI's Playwright."""
    from importlib.metadata import version

    from playwright.sync_api import sync_playwright

    assert missing_reason() is None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_content("<p id=t>é</p>")
            assert page.inner_text("#t") == "é"
            print(f"playwright {version('playwright')}, chromium {browser.version}")
            assert int(browser.version.split(".")[0]) >= 120
        finally:
            browser.close()
