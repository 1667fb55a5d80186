"""Exactly once for every post shape X rewrites, counted on the sandbox over real HTTP.

Each scenario publishes one post of each shape (plain, one image, four
images, a bare domain, a thread with a link in part 2, a text that is not
NFC), loses X's answers one way, runs again, then retracts everything. After
each step :func:`tests.exactly_once.tally` counts duplicates, drops, parts
recorded refused or unknown while live, and retracted parts still live: all 0.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from gazouille.publish import ledger as ledger_module
from gazouille.publish.publisher import publish
from gazouille.sandbox import Sandbox, start
from gazouille.sandbox.faults import LoggedRequest
from tests.exactly_once import SHAPES, parts, retract_all, shapes_repo, tally
from tests.helpers import git

BIN = Path(sys.executable).parent
USER = "PNationale44"
PARTS = sum(len(parts(name)) for name in SHAPES)


class Killer:
    """Kills the publishing process once X has created a post, before it hears back."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.fired = 0

    def __call__(self, entry: LoggedRequest) -> None:
        if (
            self.pid
            and entry.method == "POST"
            and entry.path == "/2/tweets"
            and entry.status == 201
        ):
            os.kill(self.pid, signal.SIGKILL)
            self.pid = None
            self.fired += 1


@pytest.fixture(scope="module")
def shared() -> Iterator[tuple[Sandbox, Killer]]:
    killer = Killer()
    with start(port=0, on_request=killer) as sandbox:
        yield sandbox, killer


@pytest.fixture
def x(shared: tuple[Sandbox, Killer]) -> Sandbox:
    sandbox, killer = shared
    sandbox.reset()
    killer.pid = None
    return sandbox


@pytest.fixture
def killer(shared: tuple[Sandbox, Killer]) -> Killer:
    return shared[1]


def env(sandbox: Sandbox, **extra: str) -> dict[str, str]:
    return {**sandbox.env("GAZOUILLE_PN44", USER), "GAZOUILLE_X_BACKOFF": "0.001", **extra}


def run(root: Path, sandbox: Sandbox, **extra: str) -> tuple[int, str]:
    out = io.StringIO()
    code = publish(root, out, env=env(sandbox, **extra), sleep=lambda s: None)
    return code, out.getvalue()


def cli(root: Path, sandbox: Sandbox, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(BIN / "gazouille"), *args],
        cwd=root,
        env={**os.environ, **env(sandbox)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def created(sandbox: Sandbox) -> int:
    """Posts X created (answered or not): every row of the store, deleted ones included."""
    return len(sandbox.posts(USER))


def assert_clean(root: Path, sandbox: Sandbox) -> None:
    counted = tally(root, sandbox, USER)
    assert counted.clean, counted.problems


def retract_and_check(root: Path, sandbox: Sandbox) -> None:
    """Retract every shape: each part deleted on X, none listed retracted while live."""
    retract_all(root)
    code, out = run(root, sandbox)
    assert code == 0, out
    assert_clean(root, sandbox)
    assert not [p for p in sandbox.posts(USER) if not p["deleted_at"]]
    status = subprocess.run(
        [str(BIN / "gazouille"), "status", "--format", "json"],
        cwd=root,
        env={**os.environ, **env(sandbox)},
        capture_output=True,
        text=True,
        check=True,
    )
    (entry,) = [a for a in json.loads(status.stdout)["accounts"] if a["account"] == "pn44"]
    assert {r["path"] for r in entry["retracted"]} == {f"posts/pn44/{n}.md" for n in SHAPES}
    assert entry["unknown"] == [] and entry["due"] == []


# -- losing X's answer -----------------------------------------------------------------


class Crash(BaseException):
    """The run dies between X's answer and the ledger write (as under SIGKILL)."""


def crash_after_x_answered(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    append = ledger_module.Ledger.append
    armed = [True]

    def dying(self: ledger_module.Ledger, record: dict[str, Any]) -> dict[str, Any]:
        if armed[0] and record.get("event") == "published" and not record.get("adopted"):
            armed[0] = False
            raise Crash
        return append(self, record)

    monkeypatch.setattr(ledger_module.Ledger, "append", dying)

    def arm() -> None:
        armed[0] = True

    return arm


def test_a_run_dying_after_each_answer_sends_nothing_twice(
    tmp_path: Path, x: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = shapes_repo(tmp_path / "depot")
    arm = crash_after_x_answered(monkeypatch)
    crashes = 0
    for _ in range(PARTS + 1):
        arm()
        try:
            code, out = run(root, x)
        except Crash:
            crashes += 1
            continue
        assert code == 0, out
        break
    assert crashes == PARTS  # every part's answer was lost once
    assert created(x) == PARTS
    assert_clean(root, x)
    retract_and_check(root, x)


def test_sigkill_once_x_created_the_post(tmp_path: Path, x: Sandbox, killer: Killer) -> None:
    """The real thing: the process is killed while X's answer is on its way."""
    root = shapes_repo(tmp_path / "depot", ["one-image", "bare-domain", "thread-link"])
    expected = 1 + 1 + 3
    for _ in range(expected + 1):
        process = cli(root, x, "publish")
        killer.pid = process.pid
        output, _ = process.communicate(timeout=60)
        if process.returncode == 0 and killer.pid is not None:
            break
        assert process.returncode == -signal.SIGKILL, output
    killer.pid = None
    assert killer.fired == expected
    assert created(x) == expected
    assert_clean(root, x)


@pytest.mark.parametrize(
    ("fault", "extra"),
    [
        ({"status": 503}, {}),
        ({"drop": True}, {}),
        ({"delay": 1.0}, {"GAZOUILLE_X_TIMEOUT": "0.3"}),
    ],
    ids=["503-after-commit", "connection-cut", "timeout"],
)
def test_an_answer_lost_after_x_created_the_post_is_adopted(
    tmp_path: Path, x: Sandbox, fault: dict[str, Any], extra: dict[str, str]
) -> None:
    root = shapes_repo(tmp_path / "depot")
    x.inject("POST", "/2/tweets", times=PARTS, after_commit=True, **fault)
    code, out = run(root, x, **extra)
    assert code == 0, out
    # A loaded machine may hold a request past the timeout before X reads it: then
    # the retry, not the adoption, is what X answers. Never twice either way.
    assert out.count("retrouvée sur le compte") >= PARTS - 2
    assert created(x) == PARTS
    assert_clean(root, x)
    retract_and_check(root, x)


def test_a_lost_ledger_push_is_healed_by_adoption(tmp_path: Path, x: Sandbox) -> None:
    root = shapes_repo(tmp_path / "depot")
    assert run(root, x)[0] == 0
    (root / "ledger" / "pn44.jsonl").unlink()  # the commits never reached main
    x.clear_requests()
    code, out = run(root, x)
    assert code == 0, out
    assert x.requests("POST", "/2/tweets") == []
    assert out.count("retrouvée sur le compte") == PARTS
    assert_clean(root, x)
    retract_and_check(root, x)


def test_an_emptied_ledger_then_retract_deletes_what_is_live(tmp_path: Path, x: Sandbox) -> None:
    root = shapes_repo(tmp_path / "depot")
    assert run(root, x)[0] == 0
    (root / "ledger" / "pn44.jsonl").write_bytes(b"")
    retract_all(root)
    code, out = run(root, x)
    assert code == 0, out
    assert out.count("retirée") == PARTS
    assert_clean(root, x)
    assert created(x) == PARTS
    x.clear_requests()
    assert run(root, x)[0] == 0
    assert x.requests() == []  # looked for once


def test_two_runs_from_two_clones_at_once(tmp_path: Path, x: Sandbox) -> None:
    """Without the workflow's concurrency group; the ledger branch will add a claim."""
    seed = shapes_repo(tmp_path / "seed")
    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(seed), str(origin))
    clones = [tmp_path / "runner-1", tmp_path / "runner-2"]
    for clone in clones:
        git(tmp_path, "clone", "--quiet", str(origin), str(clone))
    processes = [cli(clone, x, "publish") for clone in clones]
    outputs = [p.communicate(timeout=60)[0] for p in processes]
    assert [p.returncode for p in processes] == [0, 0], outputs
    assert created(x) == PARTS
    for clone in clones:
        assert_clean(clone, x)


def test_a_live_post_an_earlier_version_recorded_refused_is_adopted(
    tmp_path: Path, x: Sandbox
) -> None:
    root = shapes_repo(tmp_path / "depot", ["one-image", "bare-domain"])
    assert run(root, x)[0] == 0
    # What gazouille wrote before it recognised images and bare links: refused while live.
    file = root / "ledger" / "pn44.jsonl"
    records = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
    legacy = []
    for record in records:
        # Written before the hash chain: no prev, no mac.
        record = {k: v for k, v in record.items() if k not in ("prev", "mac")}
        if record["event"] == "published":
            legacy.append({**record, "event": "sending", "remote_id": None, "url": None})
            legacy.append(
                {
                    **record,
                    "event": "refused",
                    "remote_id": None,
                    "url": None,
                    "rule": "x/duplicate",
                    "reason": "X la refuse comme doublon",
                    "sticky": True,
                }
            )
    file.write_text("".join(json.dumps(r) + "\n" for r in legacy), encoding="utf-8")
    x.clear_requests()
    code, out = run(root, x)
    assert code == 0, out
    assert out.count("retrouvée sur le compte") == 2
    assert x.requests("POST", "/2/tweets") == []
    assert_clean(root, x)
    retract_and_check(root, x)


def test_a_retracted_post_far_down_the_account_is_found_and_deleted(
    tmp_path: Path, x: Sandbox
) -> None:
    """Its records lost, 250 newer posts above it: the lookup reads older pages."""
    root = shapes_repo(tmp_path / "depot", ["one-image", "thread-link"])
    assert run(root, x)[0] == 0
    (root / "ledger" / "pn44.jsonl").unlink()
    user = x.add_user(USER)
    for n in range(250):
        x.store.add_post(user, f"Publication plus récente n° {n}.", None, [], "everyone")
    retract_all(root, ["one-image", "thread-link"])
    x.clear_requests()
    code, out = run(root, x)
    assert code == 0, out
    assert out.count("retirée") == 4
    assert_clean(root, x)
    assert len(x.requests("GET", "/2/users/*/tweets")) == 3  # three pages, no more
