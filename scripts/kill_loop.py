"""Kill `gazouille publish --push` at random moments and count what X received.

Not part of the test suite (it runs for minutes): issue 9's "Done when".
It plays the publish workflow: an ``origin`` repository whose ``main``
gets, every few runs, a batch with one post of every shape (plain, one
image, four images, a bare domain, a thread with a link in part 2, a text
that is not NFC) and retracts an older batch; each run is the workflow's
command, ``gazouille publish --push``, in a runner clone (a fresh clone half
of the time, as on a hosted runner; else the previous one), with the ledger
on the ``gazouille/ledger`` branch of ``origin``, signed with a
``GAZOUILLE_LEDGER_KEY``. A sandbox in this process plays X.

Each run is SIGKILLed (with its process group) after a random delay; before
some runs a lost answer is injected (503 after X created the post, a cut
connection, a timeout); after some, the run's pushed records are lost
(``origin``'s ledger branch set back to where it was) or the whole ledger
branch is deleted. Finally publish runs unhindered from a fresh clone until
clean, after the claims of killed runs have expired (30 minutes: the clock is
moved with ``GAZOUILLE_NOW``), and every post file is compared with what the
sandbox received.

    .venv/bin/python scripts/kill_loop.py [--runs 220] [--seed 9]

Prints duplicates, drops, live-but-refused (or unknown) parts, retracted
parts still live; exit 1 when any is not 0.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.exactly_once import SHAPES, shape_text, shapes_repo, tally  # noqa: E402
from tests.helpers import git, write  # noqa: E402

from gazouille.gitutil import blob_at, commit_of  # noqa: E402
from gazouille.publish.ledger import ledger_path  # noqa: E402
from gazouille.publish.ledger_branch import CLAIM_TTL_SECONDS, LOCAL_REF  # noqa: E402
from gazouille.sandbox import start  # noqa: E402

GAZOUILLE = str(Path(sys.executable).parent / "gazouille")
USER = "PNationale44"
EVERY = 4  # runs between two new batches
LIVE_BATCHES = 8  # older batches are retracted: the account stays within 100 posts
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


def ledger_records(origin: Path) -> list[dict[str, Any]]:
    data = blob_at(origin, LOCAL_REF, ledger_path("pn44")) or b""
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def set_ledger(origin: Path, tip: str | None) -> None:
    """Move (or delete) origin's ledger branch, past a lock a killed push left behind."""
    (origin / (LOCAL_REF + ".lock")).unlink(missing_ok=True)
    args = ["update-ref", "-d", LOCAL_REF] if tip is None else ["update-ref", LOCAL_REF, tip]
    subprocess.run(["git", *args], cwd=origin, capture_output=True, check=False)


def checkout(origin: Path, runner: Path, fresh: bool) -> None:
    """The runner's clone of main: a new one, or the previous one brought up to date."""
    if fresh or not runner.exists():
        shutil.rmtree(runner, ignore_errors=True)
        git(runner.parent, "clone", "--quiet", str(origin), str(runner))
    else:
        git(runner, "fetch", "--quiet", "origin", "main")
        git(runner, "reset", "--quiet", "--hard", "origin/main")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=220)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--max-delay", type=float, default=10.0, help="latest kill, in seconds")
    options = parser.parse_args()
    os.environ.pop("GAZOUILLE_NOW", None)  # the sandbox keeps real time, as X does
    rng = random.Random(options.seed)
    counts = dict.fromkeys(
        ("killed", "killed sending", "finished", "faults", "lost pushes", "emptied"), 0
    )
    started = time.monotonic()
    durations: list[float] = []  # of the runs that finished before their kill
    with tempfile.TemporaryDirectory(prefix="gazouille-kill-") as tmp, start() as sandbox:
        author = shapes_repo(Path(tmp) / "author", names=[])
        origin = Path(tmp) / "origin.git"
        git(Path(tmp), "clone", "--quiet", "--bare", str(author), str(origin))
        git(author, "remote", "add", "origin", str(origin))
        runner = Path(tmp) / "runner"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("GAZOUILLE_", "GITHUB_"))},
            **sandbox.env("GAZOUILLE_PN44", USER),
            "GAZOUILLE_X_TIMEOUT": "0.5",
            "GAZOUILLE_X_BACKOFF": "0.01",
            "GAZOUILLE_LEDGER_KEY": "cle-de-la-boucle",
            "GIT_AUTHOR_NAME": "gazouille",
            "GIT_AUTHOR_EMAIL": "gazouille@example.invalid",
            "GIT_COMMITTER_NAME": "gazouille",
            "GIT_COMMITTER_EMAIL": "gazouille@example.invalid",
        }
        batch = 0
        for run in range(options.runs):
            if run % EVERY == 0:
                add_batch(author, batch)
                if batch >= LIVE_BATCHES:
                    retract_batch(author, batch - LIVE_BATCHES)
                git(author, "push", "--quiet", "origin", "main")
                batch += 1
            checkout(origin, runner, fresh=rng.random() < 0.5)
            if rng.random() < 0.25:
                sandbox.inject("POST", "/2/tweets", **rng.choice(FAULTS))
                counts["faults"] += 1
            tip = commit_of(origin, LOCAL_REF)
            creates = len(sandbox.requests("POST", "/2/tweets"))
            process = subprocess.Popen(
                [GAZOUILLE, "publish", "--push"],
                cwd=runner,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            began = time.monotonic()
            try:
                process.wait(timeout=rng.uniform(0.1, options.max_delay))
                counts["finished"] += 1
                durations.append(time.monotonic() - began)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                counts["killed"] += 1
                # Killed once it had begun sending: what the kill loop is for.
                if len(sandbox.requests("POST", "/2/tweets")) > creates:
                    counts["killed sending"] += 1
            roll = rng.random()
            if roll < 0.05 and commit_of(origin, LOCAL_REF) != tip:
                # The run's pushed records are lost: origin's branch as before the run.
                set_ledger(origin, tip)
                shutil.rmtree(runner, ignore_errors=True)
                counts["lost pushes"] += 1
            elif roll > 0.98 and commit_of(origin, LOCAL_REF) is not None:
                set_ledger(origin, None)  # the whole ledger is gone
                shutil.rmtree(runner, ignore_errors=True)
                counts["emptied"] += 1
        sandbox.clear_faults()  # nothing pending may spoil the last runs
        # A killed run's claim holds its part for CLAIM_TTL_SECONDS (a run may be
        # sending): the last runs come after that, as the scheduled runs would.
        later = datetime.now(UTC) + timedelta(seconds=CLAIM_TTL_SECONDS + 60)
        final_env = {**env, "GAZOUILLE_NOW": later.isoformat()}
        final = []
        for _ in range(5):
            checkout(origin, runner, fresh=True)
            done = subprocess.run(
                [GAZOUILLE, "publish", "--push"], cwd=runner, env=final_env, capture_output=True
            )
            final.append(done.returncode)
            if done.returncode == 0:
                break
        records = ledger_records(origin)
        counted = tally(runner, sandbox, USER, records)
        failing = sorted({p.split(" ")[0] for p in counted.problems})[:3]
        for path in failing:  # what the ledger says of them, to find out why
            print(f"ledger of {path}:")
            for r in records:
                if r["path"] == path:
                    print(
                        f"  {r['at']} {r['event']} part={r.get('part')} id={r.get('remote_id')} "
                        f"runner={str(r.get('runner'))[:6]} reason={r.get('reason')}"
                    )
        made = sandbox.posts(USER)
        answered = len(sandbox.requests("POST", "/2/tweets"))
        parts = sum(len(SHAPES[name][1].split("\n---\n")) for name in SHAPES) * batch
    print(
        f"kill loop, seed {options.seed}: {options.runs} runs in {time.monotonic() - started:.0f} s"
    )
    print(
        "  runs killed: {killed} ({killed sending} after their first create), "
        "finished before the kill: {finished}; "
        "lost answers injected: {faults}; lost ledger pushes: {lost pushes}; "
        "ledger branch deleted: {emptied}".format(**counts)
    )
    print(
        f"  batches: {batch} ({batch * len(SHAPES)} posts, {parts} parts), of which "
        f"{max(0, batch - LIVE_BATCHES)} retracted; parts X created: {len(made)} "
        f"(create requests: {answered}), deleted: {sum(1 for p in made if p['deleted_at'])}"
    )
    if durations:
        print(f"  a run that finished took {statistics.median(durations):.1f} s (median)")
    print(f"  final runs (unhindered) exit codes: {final}")
    print(f"  duplicates: {counted.duplicates}")
    print(f"  drops: {counted.drops}")
    print(f"  live but refused or unknown: {counted.refused_live}")
    print(f"  retracted but still live: {counted.not_deleted}")
    print(
        f"  live but not recorded: {counted.unrecorded}; broken threads: {counted.broken_threads}"
    )
    for problem in counted.problems[:20]:
        print(f"    {problem}")
    return 0 if counted.clean else 1


if __name__ == "__main__":
    sys.exit(main())
