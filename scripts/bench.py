"""`make bench`: gazouille's speed on generated repositories, 1,000 and 10,000 posts.

Every figure is printed with the size it was measured at and as a ratio to a
baseline measured in the same run on the same machine (the machine is shared
and noisy: ratios travel better than seconds):

- `check` (full and --changed-since) against the floor of reading every post
  file and parsing its front matter with PyYAML, which any checker must do;
- `check` on one post (what an officer runs before pushing) and `gazouille
  --help` against a bare `python -c pass`.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GAZOUILLE = str(BIN / "gazouille")
SIZES = (1_000, 10_000)

CATEGORIES = ["agression", "interpellation", "peine", "prevention", "fonctionnement"]
PLACES = ["Nantes", "Saint-Nazaire", "Rezé", "Saint-Herblain", "Orvault", "Vertou", "Carquefou"]
SENTENCES = [
    "Un homme de {age} ans a été interpellé hier soir à {place} après un vol avec violence.",
    "Les policiers de la BAC sont intervenus rapidement grâce à l'appel d'un témoin au 17.",
    "Le tribunal correctionnel l'a condamné à {months} mois d'emprisonnement avec sursis.",
    "Conseil de prévention : verrouillez votre véhicule, même pour un arrêt de courte durée.",
    "Contrôle routier à {place} : un conducteur flashé à {speed} km/h au lieu de 80.",
    "Plus d'informations sur https://www.masecurite.interieur.gouv.fr 👮",
    "Merci aux habitants pour leurs signalements, l'enquête se poursuit.",
]


def post_text(rng: random.Random, index: int) -> str:
    sentences = rng.sample(SENTENCES, 3)
    body = " ".join(
        s.format(
            age=rng.randint(18, 70),
            place=rng.choice(PLACES),
            months=rng.randint(2, 24),
            speed=rng.randint(120, 210),
        )
        for s in sentences
    )
    return f"---\ncategory: {rng.choice(CATEGORIES)}\n---\n{body} (réf. {index})\n"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, stdout=subprocess.DEVNULL)


def make_repo(root: Path, size: int) -> None:
    rng = random.Random(size)
    root.mkdir(parents=True)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "user.name", "bench")
    git(root, "config", "user.email", "bench@example.invalid")
    git(root, "config", "commit.gpgsign", "false")
    shutil.copy(ROOT / "accounts.yml", root / "accounts.yml")
    shutil.copytree(ROOT / "media", root / "media")
    accounts = ["pn44", "pn06", "pn35", "pn62", "pn67"]
    for index in range(size):
        account = accounts[index % len(accounts)]
        folder = root / "posts" / account / f"2026-{index % 12 + 1:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"post-{index:05d}.md").write_text(post_text(rng, index), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "generated")


def timed(args: list[str], cwd: Path, repeat: int = 3, expect: int = 0) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if done.returncode != expect:
            raise SystemExit(f"bench: {' '.join(args)} exited {done.returncode}: {done.stderr!r}")
    return statistics.median(times)


FLOOR = """
import os, sys, yaml
loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
for directory, _, files in os.walk("posts"):
    for name in files:
        text = open(os.path.join(directory, name), encoding="utf-8").read()
        yaml.load(text.split("---", 2)[1], Loader=loader)
"""


def main() -> int:
    env = dict(os.environ)
    env.pop("GITHUB_ACTIONS", None)
    workdir = Path(tempfile.mkdtemp(prefix="gazouille-bench-"))
    print(f"gazouille bench — {os.cpu_count()} CPU(s), Python {sys.version.split()[0]}")
    print("figure                          posts     seconds   ratio to baseline   target")
    try:
        bare = timed([sys.executable, "-c", "pass"], ROOT, repeat=5)
        helps = timed([GAZOUILLE, "--help"], ROOT, repeat=5)
        print(
            f"gazouille --help                    -   {helps:9.3f}   {helps / bare:6.1f}× python -c pass"
            f"   < 0.3 s {'✓' if helps < 0.3 else '✗'}"
        )
        for size in SIZES:
            repo = workdir / f"repo-{size}"
            make_repo(repo, size)
            floor = timed([sys.executable, "-c", FLOOR], repo)
            full = timed([GAZOUILLE, "check", "--format", "json"], repo, repeat=2)
            print(
                f"check (all posts)          {size:>9,}   {full:9.3f}   {full / floor:6.1f}× read+YAML floor"
                f"   {'< 5 s ' + ('✓' if full < 5 else '✗') if size == 10_000 else ''}"
            )
            if size == SIZES[0]:
                one = sorted((repo / "posts" / "pn44").rglob("*.md"))[0].relative_to(repo)
                single = timed([GAZOUILLE, "check", str(one)], repo, repeat=5)
                print(
                    f"check (one post)                   1   {single:9.3f}   {single / bare:6.1f}× python -c pass"
                    f"   < 0.6 s {'✓' if single < 0.6 else '✗'}"
                )
            git(repo, "checkout", "--quiet", "-b", "branche")
            changed = sorted((repo / "posts" / "pn44").rglob("*.md"))[:5]
            for path in changed:
                path.write_text(
                    path.read_text(encoding="utf-8") + "Mise à jour.\n", encoding="utf-8"
                )
            git(repo, "commit", "--quiet", "-am", "five changes")
            since = timed([GAZOUILLE, "check", "--changed-since", "main", "--format", "json"], repo)
            print(
                f"check --changed-since (5)  {size:>9,}   {since:9.3f}   {since / bare:6.1f}× python -c pass"
                f"   < 1 s {'✓' if since < 1 else '✗'}"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    subprocess.run([sys.executable, str(ROOT / "scripts" / "bench_publish.py")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
