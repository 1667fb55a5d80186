"""Personal-data detectors: their own samples, redaction, allow-lists, images."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazouille.accounts import Allow
from gazouille.personal_data import DETECTORS, MASK, image, redact, scan
from gazouille.problems import PostResult
from tests.helpers import check_text, cli, kinds, post, rules

SAMPLES = [
    pytest.param(detector, text, id=f"{detector.KIND}:{text[:40]}")
    for detector in DETECTORS
    for text in detector.POSITIVE
]
CLEAN = [
    pytest.param(detector, text, id=f"{detector.KIND}:{text[:40]}")
    for detector in DETECTORS
    for text in detector.NEGATIVE
]


@pytest.mark.parametrize(("detector", "text"), SAMPLES)
def test_detector_finds_its_positive_samples(detector: object, text: str) -> None:
    assert detector.KIND in kinds(text)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("detector", "text"), CLEAN)
def test_detector_ignores_its_negative_samples(detector: object, text: str) -> None:
    assert detector.KIND not in kinds(text)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "text",
    [
        "En cas d'urgence : 17, 112, 15 ou 18. Sourds et malentendants : 114.",
        "Un mineur de 16 ans a été interpellé avenue Jean Jaurès à 14 h 30.",
        "Flashé à 187 km/h sur la RN 165, amende de 750 € (PV 2026/004512).",
        "La BAC, le GIGN et les CRS de la DDSP 44 mobilisés à 44000 Nantes.",
        "Prévention au collège Victor-Hugo et au lycée Jules-Verne, boulevard Victor Hugo.",
        "Plus d'infos : https://www.service-public.fr/particuliers/vosdroits/F1234",
        "Le 12/03/2026 à 22 h, 3 véhicules incendiés rue des Lilas.",
    ],
)
def test_what_a_police_account_rightly_publishes_passes(text: str) -> None:
    assert scan(text) == []


def test_findings_are_in_order_and_within_the_text() -> None:
    text = "Kevin MARTIN, 06 12 34 56 78, 12 rue des Lilas, AB-123-CD."
    found = scan(text)
    assert [f.kind for f in found] == ["person-name", "phone", "address", "plate"]
    assert [text[f.start : f.end] for f in found] == [
        "Kevin MARTIN",
        "06 12 34 56 78",
        "12 rue des Lilas",
        "AB-123-CD",
    ]


def test_a_checksummed_number_is_not_also_a_phone_or_a_card() -> None:
    assert kinds("NIR 1 85 05 78 006 084 91") == {"nir"}
    assert kinds("IBAN FR76 3000 6000 0112 3456 7890 189") == {"iban"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("06 12 34 56 78", "06 •• •• •• 78"),
        ("Kevin MARTIN", "K•••• M•••••"),
        ("12 rue des Lilas", "•• r•• d•• L••••"),
        ("kevin.martin@gmail.com", "k••••.m•••••@g••••.c••"),
        ("AB-123-CD", "A•-•••-C•"),
        ("1 85 05 78 006 084 91", "1 8• •• •• ••• ••• 91"),
        ("B.", "•."),
        ("17", "••"),
    ],
)
def test_redact_keeps_only_hints(value: str, expected: str) -> None:
    assert redact(value) == expected


@given(st.text(min_size=1, max_size=40))
@settings(max_examples=200)
def test_redact_never_returns_the_value(value: str) -> None:
    redacted = redact(value)
    assert len(redacted) == len(value)
    if any(c.isalnum() for c in value):
        assert redacted != value


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_scan_never_crashes_and_stays_within_bounds(text: str) -> None:
    for finding in scan(text):
        assert 0 <= finding.start < finding.end <= len(text)
        assert MASK in finding.redacted or not any(c.isalnum() for c in finding.redacted)


_DIGITISH = st.text(alphabet="0123456789 .-+()ABFRabn°:/éeé", max_size=80)


@given(_DIGITISH)
@settings(max_examples=300, deadline=None)
def test_scan_survives_number_like_noise(text: str) -> None:
    for finding in scan(text):
        assert 0 <= finding.start < finding.end <= len(text)


# Allow-lists: institutional data the account publishes.
ALLOW = Allow(
    phones=("02 40 12 34 56",),
    emails=("communication@ville-nantes.fr", "@loire-atlantique.fr"),
    names=("Fabienne Buccio",),
    addresses=("6 place Waldeck-Rousseau",),
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Accueil : +33 2 40 12 34 56", "phone"),
        ("Accueil : 02.40.12.34.56", "phone"),
        ("Écrivez à communication@ville-nantes.fr", "email"),
        ("Écrivez à COMMUNICATION@ville-nantes.fr", "email"),
        ("Écrivez à accueil@loire-atlantique.fr", "email"),
        ("Mme Fabienne BUCCIO, préfète, a salué les équipes.", "person-name"),
        ("Mme Buccio a salué les équipes.", "person-name"),
        ("Hôtel de police, 6 Place Waldeck-Rousseau.", "address"),
    ],
)
def test_allowed_data_passes(text: str, kind: str) -> None:
    assert kind in kinds(text)
    assert kind not in kinds(text, ALLOW)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Accueil : 02 40 12 34 57", "phone"),
        ("Écrivez à kevin@ville-nantes.fr", "email"),
        ("Écrivez à x@sub.loire-atlantique.fr.evil.com", "email"),
        ("Mme Fabienne Martin a porté plainte.", "person-name"),
        ("Cambriolage au 8 place Waldeck-Rousseau.", "address"),
    ],
)
def test_allow_lists_let_through_only_what_they_name(text: str, kind: str) -> None:
    assert kind in kinds(text, ALLOW)


@pytest.mark.parametrize(
    "text",
    [
        "Merci à @Kevin_MARTIN pour son aide.",
        "Bravo à @Anne.Dupont et à tous.",
    ],
)
def test_allowed_handles_are_never_reported(text: str) -> None:
    """Not as a handle, nor as the name or e-mail other detectors see in it."""
    allow = Allow(handles=("@Kevin_MARTIN", "@anne.dupont"))
    assert "handle" in kinds(text)
    assert kinds(text, allow) == set()


# Images: EXIF made with Pillow in tmp_path.
def _jpeg(path: Path, *, gps: bool = False, artist: str | None = None) -> Path:
    from PIL import Image

    picture = Image.new("RGB", (8, 8), "red")
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (47.0, 13.0, 5.0), 3: "W", 4: (1.0, 33.0, 10.0)}
    if artist:
        exif[0x013B] = artist
    picture.save(path, "JPEG", exif=exif.tobytes())
    return path


def test_image_with_gps_and_artist_is_reported(tmp_path: Path) -> None:
    photo = _jpeg(tmp_path / "p.jpg", gps=True, artist="Kevin Martin")
    assert image.personal_metadata(photo) == ["position GPS", "auteur"]


def test_image_without_metadata_is_clean(tmp_path: Path) -> None:
    assert image.personal_metadata(_jpeg(tmp_path / "p.jpg")) == []


def test_strip_removes_gps_and_keeps_the_picture(tmp_path: Path) -> None:
    from PIL import Image

    photo = _jpeg(tmp_path / "p.jpg", gps=True, artist="Kevin Martin")
    assert image.strip(photo) is True
    assert image.personal_metadata(photo) == []
    with Image.open(photo) as result:
        assert result.size == (8, 8)
        assert not result.getexif()
    assert image.strip(photo) is False


def test_strip_refuses_what_is_not_an_image(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("bonjour", encoding="utf-8")
    with pytest.raises(image.NotAnImage):
        image.strip(text)
    with pytest.raises(image.NotAnImage):
        image.strip(tmp_path / "absent.png")
    assert text.read_text(encoding="utf-8") == "bonjour"


# The check, on posts in a real repository (tests/helpers.make_repo).
def personal(result: PostResult) -> list[str]:
    return [r for r in rules(result) if r.startswith("personal-data/")]


def test_check_reports_each_kind_at_its_line(repo: Path) -> None:
    body = "Kevin MARTIN a été interpellé.\n\nTémoins : 06 12 34 56 78.\n---\nIl habite 12 rue des Lilas."
    result = check_text(repo, post("interpellation", body))
    found = [(p.rule, p.line) for p in result.problems if p.rule.startswith("personal-data/")]
    assert found == [
        ("personal-data/person-name", 4),
        ("personal-data/phone", 6),
        ("personal-data/address", 8),
    ]


def test_messages_show_only_the_redacted_value(repo: Path) -> None:
    result = check_text(repo, post("interpellation", "Contact : 06 12 34 56 78."))
    (problem,) = [p for p in result.problems if p.rule == "personal-data/phone"]
    assert problem.message == "donnée personnelle : numéro de téléphone « 06 •• •• •• 78 »"
    assert "06 12 34 56 78" not in f"{problem.message} {problem.fix}"
    assert "allow.phones" in (problem.fix or "")


def test_authorization_exempts_the_kinds_it_lists(repo: Path) -> None:
    body = "Kevin MARTIN, 34 ans, est recherché. Véhicule AB-123-CD. Appelez le 17."
    authorized = post(
        "appel-a-temoins",
        body,
        authorization="{reference: PR Nantes 2026/1187, allows: [person-name]}",
    )
    assert personal(check_text(repo, authorized)) == ["personal-data/plate"]


def test_authorization_counts_only_for_appeals_and_missing_persons(repo: Path) -> None:
    text = post(
        "interpellation",
        "Kevin MARTIN a été interpellé.",
        authorization="{reference: PR 1, allows: [person-name]}",
    )
    assert "personal-data/person-name" in personal(check_text(repo, text))


def test_a_named_minor_needs_minor_in_the_authorization(repo: Path) -> None:
    def missing_person(allows: str) -> str:
        body = "Léa, 14 ans, n'est pas rentrée du collège."
        return post(
            "disparition-inquietante",
            body,
            authorization=f"{{reference: PR 2, allows: [{allows}]}}",
        )

    assert personal(check_text(repo, missing_person("person-name"))) == ["personal-data/minor"]
    assert personal(check_text(repo, missing_person("person-name, minor"))) == []


def test_the_account_allow_list_applies(repo: Path) -> None:
    # accounts.yml of the project: pn44 allows 02 40 37 21 21 and Thierry Palermo.
    body = "M. Thierry Palermo rappelle le standard : 02.40.37.21.21."
    assert personal(check_text(repo, post("fonctionnement", body))) == []
    other = check_text(repo, post("fonctionnement", body), name="posts/pn06/essai.md")
    assert personal(other) == ["personal-data/person-name", "personal-data/phone"]


def test_alt_text_is_checked_too(repo: Path) -> None:
    text = (
        "---\ncategory: prevention\nmedia:\n  - file: media/pn44/cambriolages-bons-reflexes.png\n"
        "    alt: Photo de Kevin MARTIN devant sa maison\n---\nCambriolages : vigilance.\n"
    )
    result = check_text(repo, text)
    (problem,) = [p for p in result.problems if p.rule.startswith("personal-data/")]
    assert (problem.rule, problem.line) == ("personal-data/person-name", 5)
    assert "texte alternatif" in problem.message


def test_image_with_gps_is_refused(repo: Path) -> None:
    _jpeg(repo / "media" / "pn44" / "photo.jpg", gps=True)
    text = "---\ncategory: prevention\nmedia:\n  - file: media/pn44/photo.jpg\n    alt: Une rue\n---\nVigilance.\n"
    result = check_text(repo, text)
    (problem,) = [p for p in result.problems if p.rule.startswith("personal-data/")]
    assert problem.rule == "personal-data/image-metadata"
    assert problem.line == 4
    assert "position GPS" in problem.message
    assert "gazouille strip-metadata media/pn44/photo.jpg" in (problem.fix or "")
    image.strip(repo / "media" / "pn44" / "photo.jpg")
    assert personal(check_text(repo, text)) == []


# gazouille strip-metadata
def strip_cli(cwd: Path, *files: str) -> tuple[int, str, str]:
    result = cli(cwd, "strip-metadata", *files)
    return result.exit_code, result.stdout, result.stderr


def test_strip_metadata_cleans_each_file_and_names_it(tmp_path: Path) -> None:
    _jpeg(tmp_path / "a.jpg", gps=True, artist="Kevin Martin")
    _jpeg(tmp_path / "b.jpg")
    before = (tmp_path / "b.jpg").read_bytes()
    code, out, err = strip_cli(tmp_path, "a.jpg", "b.jpg")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "a.jpg : métadonnées effacées (dont position GPS, auteur).",
        "b.jpg : aucune métadonnée, fichier inchangé.",
    ]
    assert image.personal_metadata(tmp_path / "a.jpg") == []
    assert (tmp_path / "b.jpg").read_bytes() == before


def test_strip_metadata_png_text_chunks(tmp_path: Path) -> None:
    from PIL import Image, PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Kevin Martin")
    Image.new("RGBA", (4, 4)).save(tmp_path / "c.png", pnginfo=info)
    code, out, _ = strip_cli(tmp_path, "c.png")
    assert code == 0
    assert out == "c.png : métadonnées effacées.\n"
    with Image.open(tmp_path / "c.png") as result:
        assert not getattr(result, "text", {})


def test_strip_metadata_fails_on_missing_or_non_image(tmp_path: Path) -> None:
    _jpeg(tmp_path / "a.jpg", gps=True)
    (tmp_path / "notes.txt").write_text("bonjour", encoding="utf-8")
    code, out, err = strip_cli(tmp_path, "absente.png", "notes.txt", "a.jpg")
    assert code == 2
    assert out == "a.jpg : métadonnées effacées (dont position GPS).\n"
    assert "gazouille : absente.png : fichier introuvable" in err
    assert "gazouille : notes.txt : ce n'est pas une image lisible" in err


def test_strip_metadata_without_files_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = strip_cli(tmp_path)
    assert code == 2
    assert "aucune image indiquée" in err


# No output format repeats what was found.
SECRETS = {
    "Kevin MARTIN": "K•••• M•••••",
    "06 12 34 56 78": "06 •• •• •• 78",
    "kevin.martin@gmail.com": "k••••.m•••••@g••••.c••",
    "1 85 05 78 006 084 91": "1 8• •• •• ••• ••• 91",
    "FR76 3000 6000 0112 3456 7890 189": "F•76 •••• •••• •••• •••• •••• •89",
    "AB-123-CD": "A•-•••-C•",
    "12 rue des Lilas": "•• r•• d•• L••••",
}


@pytest.mark.parametrize("fmt", ["text", "json", "github", "markdown"])
def test_no_report_format_leaks_the_data(
    repo: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from gazouille.cli import main

    summary = repo / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    body = "\n".join(f"Donnée : {secret}." for secret in SECRETS)
    (repo / "posts" / "pn44" / "fuite.md").write_text(
        post("interpellation", body), encoding="utf-8"
    )
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["check", "--format", fmt], catch_exceptions=False)
    assert result.exit_code == 1
    written = result.output + (summary.read_text(encoding="utf-8") if summary.exists() else "")
    for secret, redacted in SECRETS.items():
        assert secret not in written
        assert redacted in written


# Checksummed kinds: every valid number, however it is written, is found.
_CONTEXTS = st.sampled_from(
    [
        "Numéro : {}.",
        "Le fraudeur utilisait {} depuis mars.",
        "({})",
        "{}",
        "Signalé le 12/03/2026 à 14 h 30 : {}, montant 1 500 €.",
    ]
)


def _grouped(digits: str, sizes: list[int], separator: str) -> str:
    out, at = [], 0
    for size in sizes:
        out.append(digits[at : at + size])
        at += size
    if at < len(digits):
        out.append(digits[at:])
    return separator.join(part for part in out if part)


@st.composite
def nirs(draw: st.DrawFn) -> str:
    from stdnum.fr import nir

    department = draw(st.sampled_from(["2A", "2B", "75", "44", "01", "95", "97"]))
    body = (
        draw(st.sampled_from("12"))
        + f"{draw(st.integers(0, 99)):02d}{draw(st.integers(1, 12)):02d}"
        + department
        + f"{draw(st.integers(1, 999)):03d}{draw(st.integers(1, 999)):03d}"
    )
    number = body + nir.calc_check_digits(body)
    separator = draw(st.sampled_from([" ", "", ".", "-", "\u00a0"]))
    return _grouped(number, [1, 2, 2, 2, 3, 3, 2], separator)


@st.composite
def ibans(draw: st.DrawFn) -> str:
    from stdnum.iso7064 import mod_97_10

    bban = "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=23, max_size=23)))
    number = "FR" + mod_97_10.calc_check_digits(bban + "FR") + bban
    separator = draw(st.sampled_from([" ", "", "-"]))
    text = _grouped(number, [4] * 7, separator)
    return text.lower() if draw(st.booleans()) else text


@st.composite
def cards(draw: st.DrawFn) -> str:
    from stdnum import luhn

    prefix = draw(st.sampled_from(["4", "51", "55", "2221", "2720", "6011", "34", "37", "3530"]))
    length = 15 if prefix in {"34", "37"} else 16
    middle = "".join(
        draw(
            st.lists(
                st.sampled_from("0123456789"),
                min_size=length - len(prefix) - 1,
                max_size=length - len(prefix) - 1,
            )
        )
    )
    body = prefix + middle
    number = body + luhn.calc_check_digit(body)
    separator = draw(st.sampled_from([" ", "", "-"]))
    sizes = [4, 6, 5] if length == 15 else [4, 4, 4, 4]
    return _grouped(number, sizes, separator)


@given(nirs(), _CONTEXTS)
@settings(max_examples=300, deadline=None)
def test_every_valid_nir_is_found(number: str, context: str) -> None:
    assert "nir" in kinds(context.format(number))


@given(ibans(), _CONTEXTS)
@settings(max_examples=300, deadline=None)
def test_every_valid_iban_is_found(number: str, context: str) -> None:
    assert "iban" in kinds(context.format(number))


@given(cards(), _CONTEXTS)
@settings(max_examples=300, deadline=None)
def test_every_valid_card_is_found(number: str, context: str) -> None:
    assert "card" in kinds(context.format(number))


def test_xmp_creator_and_gps_are_reported_and_stripped(tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "p.webp"
    xmp = b'<x:xmpmeta><rdf:Description exif:GPSLatitude="47,13N"><dc:creator>Kevin</dc:creator></rdf:Description></x:xmpmeta>'
    Image.new("RGB", (4, 4)).save(photo, xmp=xmp)
    assert image.personal_metadata(photo) == ["position GPS", "auteur"]
    assert image.strip(photo) is True
    assert image.personal_metadata(photo) == []


def test_a_fact_in_both_exif_and_xmp_is_named_once(tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "p.webp"
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (47.0, 13.0, 5.0)}
    exif[0x013B] = "Kevin Martin"
    exif[0x9C9D] = "Kevin Martin".encode("utf-16-le")
    xmp = b'<x:xmpmeta><rdf:Description exif:GPSLatitude="47,13N"><dc:creator>Kevin</dc:creator></rdf:Description></x:xmpmeta>'
    Image.new("RGB", (4, 4)).save(photo, exif=exif.tobytes(), xmp=xmp)
    assert image.personal_metadata(photo) == ["position GPS", "auteur"]
