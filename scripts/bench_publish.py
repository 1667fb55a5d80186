"""`publish` speed on generated repositories of 1,000 and 10,000 posts.

Goal (issue 4): with nothing to do, `gazouille publish` answers in under 2 s
on 10,000 posts, and its cost grows with the posts due, not with the archive.
Each size is measured three ways, through the real CLI (startup included):

- nothing to do: every post already in the ledger;
- 10 new posts due, sent to the local sandbox;
- for scale: reading and hashing every post file, which the planner avoids
  by taking the blob ids of unchanged files from git's index.

Figures are medians of 3 runs (the first "due" run only, it cannot repeat).
"""

from __future__ import annotations

import hashlib
import json
import os
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
DUE = 10


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def post_text(n: int) -> str:
    return (
        "---\ncategory: prevention\n---\n"
        f"Conseil de prévention n°{n} : verrouillez votre véhicule, même pour un arrêt court.\n"
    )


def build(root: Path, size: int) -> None:
    """A repository of ``size`` posts, every one recorded as published in the ledger."""
    from gazouille import posts
    from gazouille.publish.planner import blob_id

    root.mkdir(parents=True)
    git(root, "init", "--quiet", "--initial-branch=main")
    shutil.copy(ROOT / "accounts.yml", root / "accounts.yml")
    records = []
    at = "2026-11-01T08:00:00Z"
    for n in range(size):
        relpath = f"posts/pn44/{2000 + n // 3650}/{n % 12 + 1:02d}/post-{n:05d}.md"
        file = root / relpath
        file.parent.mkdir(parents=True, exist_ok=True)
        raw = post_text(n).encode("utf-8")
        file.write_bytes(raw)
        text_hash = posts.parse(raw, relpath, "pn44").text_hash
        base = {
            "path": relpath,
            "hash": text_hash,
            "file": blob_id(raw),
            "part": 0,
            "parts": 1,
            "commit": None,
            "at": at,
            "url": None,
            "remote_id": None,
        }
        records.append({**base, "event": "sending"})
        remote = str(10**15 + n)
        records.append(
            {
                **base,
                "event": "published",
                "remote_id": remote,
                "url": f"https://x.com/PNationale44/status/{remote}",
            }
        )
    (root / "ledger").mkdir()
    with (root / "ledger" / "pn44.jsonl").open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    git(root, "add", "-A")
    git(
        root,
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@example.invalid",
        "commit",
        "--quiet",
        "-m",
        "bench",
    )


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(
            f"bench: {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    return elapsed, done.stdout


def floor(root: Path) -> float:
    start = time.perf_counter()
    for directory, _dirs, files in os.walk(root / "posts"):
        for name in files:
            hashlib.sha256((Path(directory) / name).read_bytes()).hexdigest()
    return time.perf_counter() - start


def main() -> int:
    from gazouille.sandbox import start

    sandbox = start(port=0)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GAZOUILLE_", "GITHUB_"))}
    env.update(sandbox.env("GAZOUILLE_PN44", "PNationale44"))
    workdir = Path(tempfile.mkdtemp(prefix="gazouille-bench-publish-"))
    print(f"publish, median of 3 (Python {sys.version.split()[0]}):")
    print(f"{'posts':>8} {'nothing to do':>15} {f'{DUE} due':>10} {'read+hash all (avoided)':>25}")
    try:
        for size in SIZES:
            root = workdir / f"repo-{size}"
            build(root, size)
            idle = statistics.median(timed([GAZOUILLE, "publish"], root, env)[0] for _ in range(3))
            floors = statistics.median(floor(root) for _ in range(3))
            for n in range(DUE):
                (root / f"posts/pn44/due-{size}-{n}.md").write_text(
                    post_text(size * 10 + n), encoding="utf-8"
                )
            due, output = timed([GAZOUILLE, "publish"], root, env)
            sent = output.count(" publiée : ")
            if sent != DUE:
                raise SystemExit(f"bench: expected {DUE} posts sent, got {sent}:\n{output}")
            print(f"{size:>8,} {idle:>14.2f}s {due:>9.2f}s {floors:>24.3f}s")
    finally:
        sandbox.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    print("goal: nothing to do on 10,000 posts under 2 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
