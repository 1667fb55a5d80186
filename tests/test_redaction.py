"""Redaction everywhere: no report format and no preview repeats the personal data it refused.

One finding of every detector kind (each detector's first positive sample) is
put in the text, the image description and the free-text front-matter fields
of a post, and in a malformed field of another; every output of ``check``
(text, json, github with its job summary, markdown: the pull-request comment)
and of ``preview`` (terminal and the text drawn on the PNG card) is searched
for the raw value.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

from gazouille.personal_data import DETECTORS, scan
from tests.helpers import cli, make_repo, write

IMAGE = "media/pn44/cambriolages-bons-reflexes.png"


def raw_values(sample: str) -> list[str]:
    return sorted({sample[f.start : f.end] for f in scan(sample)})


def appeal_with(sample: str) -> str:
    quoted = json.dumps(sample, ensure_ascii=False)  # a YAML double-quoted string
    return (
        "---\ncategory: appel-a-temoins\n"
        f"authorization:\n  reference: {quoted}\n  victim_consent: {quoted}\n"
        f"retract: {quoted}\n"
        f"media:\n  - file: {IMAGE}\n    alt: {quoted}\n"
        f"---\n{sample}\n---\nSuite du fil : {sample}\n"
    )


def malformed_with(sample: str) -> str:
    quoted = json.dumps(sample, ensure_ascii=False)
    return f"---\ncategory: {quoted}\nlang: {quoted}\nreply_settings: {quoted}\n---\nTexte.\n"


@pytest.mark.parametrize("detector", DETECTORS, ids=lambda d: d.KIND)
def test_no_output_repeats_a_refused_value(
    tmp_path: Path, detector: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    sample = detector.POSITIVE[0]
    raws = raw_values(sample)
    assert raws, f"{detector.KIND}: its sample must be found"
    root = make_repo(tmp_path / "depot", commit=False)
    write(root, "posts/pn44/appel.md", appeal_with(sample))
    write(root, "posts/pn44/mal.md", malformed_with(sample))

    outputs: dict[str, str] = {}
    summary = tmp_path / "summary.md"
    for fmt in ("text", "json", "github", "markdown"):
        env = {"GITHUB_STEP_SUMMARY": str(summary)} if fmt == "github" else None
        result = cli(root, "check", "--format", fmt, env=env)
        assert result.exit_code == 1, result.output
        outputs[fmt] = result.output
    outputs["job summary"] = summary.read_text(encoding="utf-8")
    assert "Suite du fil" in outputs["markdown"] and "texte alternatif" in outputs["markdown"]

    drawn: list[str] = []
    from PIL import ImageDraw

    original = ImageDraw.ImageDraw.text

    def record(self, xy, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        drawn.append(str(text))
        return original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record)
    shown = cli(root, "preview", "posts/pn44/appel.md", "--png", str(tmp_path / "card.png"))
    assert (tmp_path / "card.png").is_file(), shown.output
    outputs["preview"] = shown.output
    outputs["png"] = "\n".join(drawn)
    assert "Suite du fil" in outputs["png"]
    outputs["preview malformed"] = cli(root, "preview", "posts/pn44/mal.md").output

    for where, output in outputs.items():
        for raw in raws:
            assert raw not in output, f"{detector.KIND}: « {raw} » shown in {where}"


def test_the_markdown_report_no_longer_quotes_a_refused_alt_text(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot", commit=False)
    text = (
        f"---\ncategory: prevention\nmedia:\n  - file: {IMAGE}\n"
        "    alt: Affiche, contact Kevin MARTIN au 06 12 34 56 78\n---\nFermez vos volets.\n"
    )
    write(root, "posts/pn44/a.md", text)
    report = cli(root, "check", "--format", "markdown").output
    assert "06 12 34 56 78" not in report and "Kevin MARTIN" not in report
    assert "texte alternatif : Affiche, contact K•••• M••••• au 06 •• •• •• 78" in report


def test_authorized_kinds_stay_readable_for_reviewers(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot", commit=False)
    text = (
        "---\ncategory: appel-a-temoins\nauthorization:\n  reference: PR 12\n"
        "  allows: [person-name]\n"
        f"media:\n  - file: {IMAGE}\n    alt: Portrait de Kevin MARTIN\n---\n"
        "Appel à témoins : Kevin MARTIN est recherché. Contact : 06 12 34 56 78.\n"
    )
    write(root, "posts/pn44/a.md", text)
    report = cli(root, "check", "--format", "markdown").output
    assert "Kevin MARTIN est recherché" in report
    assert "Portrait de Kevin MARTIN" in report
    assert "06 12 34 56 78" not in report


def test_a_retraction_reason_is_redacted_in_the_preview(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "depot", commit=False)
    text = "---\ncategory: prevention\nretract: erreur, appeler le 06 12 34 56 78\n---\nT.\n"
    write(root, "posts/pn44/a.md", text)
    shown = cli(root, "preview", "posts/pn44/a.md").output
    assert "06 •• •• •• 78" in shown
    assert "06 12 34 56 78" not in shown
