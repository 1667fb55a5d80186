"""Kill `gazouille publish` at random moments and count what X received.

Not part of the test suite (it runs for minutes): issue 9's "Done when".
A sandbox runs in this process; a repository gets, batch after batch, one
post of every shape (plain, one image, four images, a bare domain, a thread
with a link in part 2, a text that is not NFC) and retracts older batches.
Each run of the real CLI is SIGKILLed (with its process group) after a
random delay, and some runs also meet a lost answer (503 after X created the
post, a cut connection, a timeout), a lost ledger push (the run's records
thrown away) or an emptied ledger. Finally publish runs unhindered until
clean, and every post file is compared with what the sandbox holds.

    .venv/bin/python scripts/kill_loop.py [--runs 220] [--seed 9]

Prints duplicates, drops, live-but-refused (or unknown) parts, retracted
parts still live; exit 1 when any is not 0.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.exactly_once import SHAPES, shape_text, shapes_repo, tally  # noqa: E402
from tests.helpers import git, write  # noqa: E402

from gazouille.sandbox import start  # noqa: E402

GAZOUILLE = str(Path(sys.executable).parent / "gazouille")
USER = "PNationale44"
LIVE_BATCHES = 5  # older batches are retracted: the account stays within 100 posts
FAULTS = (
    {"status": 503, "after_commit": True},
    {"drop": True, "after_commit": True},
    {"delay": 1.0, "after_commit": True},
)


def add_batch(root: Path, batch: int) -> None:
    for name in SHAPES:
        write(root, f"posts/pn44/{name}-{batch:03d}.md", shape_text(name, f" (lot {batch})"))
    git(root, "add", "-A", "posts")
    git(root, "commit", "--quiet", "-m", f"batch {batch}")


def retract_batch(root: Path, batch: int) -> None:
    for name in SHAPES:
        text = shape_text(name, f" (lot {batch})", retract="lot retiré")
        write(root, f"posts/pn44/{name}-{batch:03d}.md", text)
    git(root, "commit", "--quiet", "-am", f"retract {batch}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=220)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--max-delay", type=float, default=3.0, help="latest kill, in seconds")
    options = parser.parse_args()
    os.environ.pop("GAZOUILLE_NOW", None)  # the sandbox keeps real time, as X does
    rng = random.Random(options.seed)
    counts = {"killed": 0, "finished": 0, "faults": 0, "lost pushes": 0, "emptied": 0}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="gazouille-kill-") as tmp, start() as sandbox:
        root = shapes_repo(Path(tmp) / "depot", names=[])
        ledger = root / "ledger" / "pn44.jsonl"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("GAZOUILLE_", "GITHUB_"))},
            **sandbox.env("GAZOUILLE_PN44", USER),
            "GAZOUILLE_X_TIMEOUT": "0.5",
            "GAZOUILLE_X_BACKOFF": "0.01",
        }
        batch = 0
        for run in range(options.runs):
            if run % 3 == 0:
                add_batch(root, batch)
                if batch >= LIVE_BATCHES:
                    retract_batch(root, batch - LIVE_BATCHES)
                batch += 1
            if rng.random() < 0.25:
                sandbox.inject("POST", "/2/tweets", **rng.choice(FAULTS))
                counts["faults"] += 1
            lose_push = rng.random() < 0.05
            before = ledger.read_bytes() if ledger.exists() else b""
            process = subprocess.Popen(
                [GAZOUILLE, "publish"],
                cwd=root,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                process.wait(timeout=rng.uniform(0.1, options.max_delay))
                counts["finished"] += 1
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                counts["killed"] += 1
            if lose_push and ledger.exists():
                ledger.write_bytes(before)
                counts["lost pushes"] += 1
            elif rng.random() < 0.02 and ledger.exists():
                ledger.write_bytes(b"")
                counts["emptied"] += 1
        sandbox.clear_faults()  # nothing pending may spoil the last runs
        final = []
        for _ in range(5):
            done = subprocess.run([GAZOUILLE, "publish"], cwd=root, env=env, capture_output=True)
            final.append(done.returncode)
            if done.returncode == 0:
                break
        counted = tally(root, sandbox, USER)
        made = sandbox.posts(USER)
        leftovers = list((root / "ledger").glob(".*.tmp")) if (root / "ledger").exists() else []
        parts = sum(len(SHAPES[name][1].split("\n---\n")) for name in SHAPES) * batch
    print(
        f"kill loop, seed {options.seed}: {options.runs} runs in {time.monotonic() - started:.0f} s"
    )
    print(
        "  runs killed: {killed}, finished before the kill: {finished}; "
        "lost answers injected: {faults}; lost ledger pushes: {lost pushes}; "
        "emptied ledgers: {emptied}".format(**counts)
    )
    print(
        f"  batches: {batch} ({batch * len(SHAPES)} posts, {parts} parts), of which "
        f"{max(0, batch - LIVE_BATCHES)} retracted; posts X created: {len(made)}"
    )
    print(f"  final runs (unhindered) exit codes: {final}")
    print(f"  duplicates: {counted.duplicates}")
    print(f"  drops: {counted.drops}")
    print(f"  live but refused or unknown: {counted.refused_live}")
    print(f"  retracted but still live: {counted.not_deleted}")
    print(
        f"  live but not recorded: {counted.unrecorded}; broken threads: {counted.broken_threads}"
    )
    print(f"  ledger *.tmp files left behind by kills: {len(leftovers)}")
    for problem in counted.problems[:20]:
        print(f"    {problem}")
    return 0 if counted.clean else 1


if __name__ == "__main__":
    sys.exit(main())
