"""The labelled corpora stay caught: no regression on what the gate once learnt.

The development corpus and every probe whose first run is on record
(``<probe>.first-run.txt`` beside it) are held to their current figures:
every labelled kind found, no clean post refused. A fresh probe joins only
once its first-run figures are committed, so running the suite never spends
a held-out probe.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scripts.eval_pii import gazouille_detector, load

from gazouille import accounts
from tests.helpers import PROJECT

DATA = PROJECT / "tests" / "data"
CORPORA = [
    path
    for path in sorted(DATA.glob("pii_*.jsonl"))
    if not path.name.startswith("pii_probe_") or path.with_suffix(".first-run.txt").exists()
]
# Known limits, kept in the corpus so that they stay measured (docs/personal-data.md).
KNOWN_MISSES = {
    "p726": "an initial glued to the surname at a service domain (« jmoreau@… »)",
}


def ids(corpus: Path) -> list[str]:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    return [json.loads(line).get("id", "") for line in lines if line.strip()]


def test_the_fresh_probes_are_left_out_until_their_first_run_is_recorded() -> None:
    probes = {path.name for path in DATA.glob("pii_probe_*.jsonl")}
    recorded = {path.name for path in CORPORA if path.name.startswith("pii_probe_")}
    assert {"pii_corpus.jsonl", "pii_holdout.jsonl"} <= {path.name for path in CORPORA}
    assert recorded <= probes
    for name in probes - recorded:
        assert not (DATA / name).with_suffix(".first-run.txt").exists()


@pytest.mark.parametrize("corpus", CORPORA, ids=lambda path: path.stem)
def test_every_labelled_kind_is_found_and_no_clean_post_refused(corpus: Path) -> None:
    detect = gazouille_detector(accounts.load(PROJECT).require("pn44").allow)
    missed, refused = [], []
    for number, (post, post_id) in enumerate(zip(load(corpus), ids(corpus), strict=True), 1):
        found = detect(post.text) - post.exempt
        if post_id in KNOWN_MISSES:
            assert post.kinds - found, f"{post_id} is caught now: drop it from KNOWN_MISSES"
        elif post.kinds - found:
            missed.append(f"{corpus.name}:{number} {sorted(post.kinds - found)}")
        elif not post.kinds and found:
            refused.append(f"{corpus.name}:{number} {sorted(found)}")
    assert not missed, "personal data no longer found:\n" + "\n".join(missed)
    assert not refused, "clean posts now refused:\n" + "\n".join(refused)
