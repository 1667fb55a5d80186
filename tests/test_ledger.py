"""The ledger on its protected branch, driven by the workflow's own commands.

A bare remote with the protection of docs/publication.md (tests/protected_remote.py)
stands for GitHub; FakeX stands for X and counts what it received.
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from gazouille.gitutil import blob_at
from gazouille.publish.ledger import GENESIS, ledger_path, line_hash, mac_of, verify
from gazouille.publish.publisher import publish
from tests.helpers import NOW, PROJECT, cli, git, make_repo, post, write
from tests.protected_remote import merge, protected_remote
from tests.xfake import FakeX, env_for

BIN = Path(sys.executable).parent
KEY = "cle-du-registre-de-test"
BRANCH = "gazouille/ledger"


def workflow_commands() -> list[list[str]]:
    """The gazouille commands publish.yml runs, in order."""
    data = yaml.safe_load((PROJECT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    return [
        step["run"].split()
        for step in data["jobs"]["publish"]["steps"]
        if str(step.get("run", "")).startswith("gazouille ")
    ]


def gazouille(
    clone: Path, x: FakeX, *args: str, key: str | None = KEY, **extra: str
) -> subprocess.CompletedProcess[str]:
    """``gazouille ARGS`` in ``clone`` (in process: the suite runs on a busy machine)."""
    env = env_for(x.url, **extra)
    env["GAZOUILLE_LEDGER_KEY"] = key or ""
    result = cli(clone, *args, env=env)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def spawn(clone: Path, x: FakeX, *args: str) -> subprocess.Popen[str]:
    """``gazouille ARGS`` as its own process (concurrent runs, kills)."""
    env = {**os.environ, **env_for(x.url), "GAZOUILLE_LEDGER_KEY": KEY}
    return subprocess.Popen(
        [str(BIN / "gazouille"), *args],
        cwd=clone,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def run_workflow(clone: Path, x: FakeX, **extra: str) -> tuple[int, str]:
    """Every gazouille step of publish.yml; the job's outcome is its worst step's."""
    code, out = 0, ""
    for command in workflow_commands():
        done = gazouille(clone, x, *command[1:], **extra)
        assert done.returncode != 3, done.stdout + done.stderr  # never an internal error
        code = max(code, done.returncode)
        out += done.stdout + done.stderr
    return code, out


def department(tmp_path: Path, posts: dict[str, str], *, mode: str = "strict") -> Path:
    """A protected remote holding ``posts`` on main; returns it."""
    seed = make_repo(tmp_path / "seed", posts)
    return protected_remote(tmp_path / "origin.git", seed, mode=mode)


def runner(tmp_path: Path, origin: Path, name: str = "runner") -> Path:
    """A fresh clone, as actions/checkout gives the job (every branch fetched)."""
    clone = tmp_path / name
    git(tmp_path, "clone", "--quiet", str(origin), str(clone))
    git(clone, "config", "user.name", "Test")
    git(clone, "config", "user.email", "test@example.invalid")
    return clone


def remote_ledger(origin: Path, account: str = "pn44") -> list[dict[str, Any]]:
    data = blob_at(origin, BRANCH, ledger_path(account)) or b""
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def texts(x: FakeX) -> list[str]:
    return [t["text"] for t in x.live()]


# -- publishing under protection --------------------------------------------------


def test_a_publish_run_records_and_pushes_the_ledger_under_protection(
    tmp_path: Path, x: FakeX
) -> None:
    origin = department(tmp_path, {"posts/pn44/fil.md": post("fonctionnement", "Un.\n---\nDeux.")})
    main_before = git(origin, "rev-parse", "main")
    clone = runner(tmp_path, origin)
    code, out = run_workflow(clone, x)
    assert code == 0, out
    assert texts(x) == ["Un.", "Deux."]
    assert git(origin, "rev-parse", "main") == main_before  # main is never pushed
    records = remote_ledger(origin)
    assert [(r["event"], r["part"]) for r in records] == [
        ("sending", 0),
        ("published", 0),
        ("sending", 1),
        ("published", 1),
    ]
    assert records[0]["prev"] == GENESIS
    assert all(r["mac"] == mac_of(r, KEY.encode()) for r in records)
    assert "ledger/" not in git(origin, "ls-tree", "-r", "--name-only", "main")

    # The next run (a fresh runner) reads the branch: nothing is sent again.
    again = runner(tmp_path, origin, "runner-2")
    code, out = run_workflow(again, x)
    assert code == 0, out
    assert len(x.creates()) == 2
    verified = gazouille(again, x, "ledger", "verify")
    assert verified.returncode == 0, verified.stdout
    assert "✓ [pn44] ledger/pn44.jsonl : 4 enregistrement(s), chaîne intacte" in verified.stdout


def test_the_protected_remote_enforces_what_the_guide_asks(tmp_path: Path, x: FakeX) -> None:
    origin = department(tmp_path, {"posts/pn44/a.md": post("prevention", "Protégé.")})
    clone = runner(tmp_path, origin)
    assert run_workflow(clone, x)[0] == 0

    def refused(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=clone, capture_output=True, text=True)
        assert done.returncode != 0, args
        return done.stderr

    write(clone, "posts/pn44/b.md", post("prevention", "Sans relecture."))
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", "direct")
    assert "demande de fusion est obligatoire" in refused("push", "origin", "HEAD:main")
    merge(clone)  # the merge of a pull request goes through
    assert "suppression interdite" in refused("push", "origin", f":{BRANCH}")
    assert "suppression interdite" in refused("push", "-o", "merge", "origin", ":main")
    assert "poussée forcée interdite" in refused("push", "--force", "origin", f"HEAD~1:{BRANCH}")

    git(clone, "fetch", "--quiet", "origin", BRANCH)
    git(clone, "checkout", "--quiet", "-b", "edit", f"origin/{BRANCH}")
    lines = (clone / "ledger" / "pn44.jsonl").read_text(encoding="utf-8").splitlines()
    (clone / "ledger" / "pn44.jsonl").write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    git(clone, "commit", "-qam", "remove a line")
    assert "une ligne existante a été modifiée ou supprimée" in refused(
        "push", "origin", f"HEAD:{BRANCH}"
    )
    git(clone, "reset", "--quiet", "--hard", f"origin/{BRANCH}")
    write(clone, "posts/pn44/c.md", "intrus")
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", "not a ledger file")
    assert "seuls des ajouts à ledger/*.jsonl sont permis" in refused(
        "push", "origin", f"HEAD:{BRANCH}"
    )


# -- tampering ------------------------------------------------------------------------


def tamper(clone: Path, change: str) -> None:
    """Push a rewritten ledger as anyone with write access could on GitHub (fast-forward)."""
    git(clone, "fetch", "--quiet", "origin", BRANCH)
    git(clone, "checkout", "--quiet", "-B", "tamper", f"origin/{BRANCH}")
    file = clone / "ledger" / "pn44.jsonl"
    records = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]
    if change == "edit":
        records[1]["remote_id"] = "999999"
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
    elif change == "delete":
        lines = [json.dumps(r, ensure_ascii=False) for r in records[:1] + records[2:]]
    elif change == "truncate":  # the last lines dropped: the chain alone cannot tell
        lines = [json.dumps(r, ensure_ascii=False) for r in records[:1]]
    else:  # the published records removed and the chain recomputed, without the key
        lines, previous = [], None
        for record in records[:1]:
            record.pop("mac", None)
            record["prev"] = line_hash(previous.encode()) if previous else GENESIS
            previous = json.dumps(record, ensure_ascii=False)
            lines.append(previous)
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    git(clone, "commit", "-qam", "ledger: rewritten")
    git(clone, "push", "--quiet", "origin", f"HEAD:{BRANCH}")
    git(clone, "checkout", "--quiet", "main")


@pytest.mark.parametrize("change", ["edit", "delete", "rechained-without-key", "truncate"])
def test_a_tampered_ledger_is_refused_and_nothing_is_sent_again(
    tmp_path: Path, x: FakeX, change: str
) -> None:
    origin = department(
        tmp_path,
        {
            "posts/pn44/a.md": post("prevention", "Déjà en ligne."),
            "posts/pn44/b.md": post("prevention", "Elle aussi."),
        },
        mode="github",  # what a ruleset enforces: no force push, no deletion
    )
    clone = runner(tmp_path, origin)
    assert run_workflow(clone, x)[0] == 0
    tamper(clone, change)

    fresh = runner(tmp_path, origin, "runner-2")
    code, out = run_workflow(fresh, x)
    assert code == 1
    assert "ledger/pn44.jsonl" in out
    assert "rien n'est publié pour ce compte" in out
    assert len(x.creates()) == 2  # nothing re-sent
    verified = gazouille(fresh, x, "ledger", "verify", "pn44")
    assert verified.returncode == 1
    assert "✗ [pn44]" in verified.stdout


def test_verify_without_the_key_checks_the_chain_and_says_the_macs_are_not(
    tmp_path: Path, x: FakeX
) -> None:
    origin = department(tmp_path, {"posts/pn44/a.md": post("prevention", "Chaîne.")})
    clone = runner(tmp_path, origin)
    assert run_workflow(clone, x)[0] == 0
    git(clone, "fetch", "--quiet")
    done = gazouille(clone, x, "ledger", "verify", key=None)
    assert done.returncode == 0
    assert f"Registre lu depuis la branche refs/remotes/origin/{BRANCH}." in done.stdout
    assert "signatures non vérifiées (GAZOUILLE_LEDGER_KEY absente)" in done.stdout
    unknown = gazouille(clone, x, "ledger", "verify", "pn99", key=None)
    assert unknown.returncode == 2
    assert "pn99" in unknown.stderr


def test_a_wrong_key_is_refused_like_a_forgery(tmp_path: Path, x: FakeX) -> None:
    origin = department(tmp_path, {"posts/pn44/a.md": post("prevention", "Signée.")})
    clone = runner(tmp_path, origin)
    assert run_workflow(clone, x)[0] == 0
    done = gazouille(clone, x, "publish", "--push", key="une-autre-cle")
    assert done.returncode == 1
    assert "signature (mac) absente ou fausse" in done.stdout


def test_verify_spots_each_kind_of_damage() -> None:
    key = b"k"
    first = json.dumps({"event": "refused", "path": "p", "prev": GENESIS}).encode()
    signed = json.loads(first)
    signed["mac"] = mac_of(signed, key)
    good = json.dumps(signed).encode()
    assert verify(good + b"\n", "l", key)[1] is None
    assert "UTF-8" in str(verify(b"\xff\n", "l", None)[1])
    assert "illisible" in str(verify(b"{\n", "l", None)[1])
    assert "inconnu" in str(verify(b'{"event": "x", "prev": "0"}\n', "l", None)[1])
    assert "chaîne rompue" in str(verify(b'{"event": "refused"}\n', "l", None)[1])
    assert "signature" in str(verify(first + b"\n", "l", key)[1])


# -- migration --------------------------------------------------------------------------


def test_migrate_moves_main_s_ledger_onto_the_branch_and_readers_follow(
    tmp_path: Path, x: FakeX
) -> None:
    origin = department(tmp_path, {"posts/pn44/a.md": post("prevention", "Publiée avant.")})
    legacy = runner(tmp_path, origin, "legacy")
    # Before the ledger branch: publish without it writes ledger/ in the working tree.
    code, out = publish_in_process(legacy, x)
    assert code == 0, out
    merge_all(legacy, "legacy ledger on main")

    clone = runner(tmp_path, origin)
    migrated = gazouille(clone, x, "ledger", "migrate", "--push")
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    assert "[pn44] 2 enregistrement(s) migré(s) vers gazouille/ledger." in migrated.stdout
    assert "dernière modification permise de ledger/" in migrated.stdout
    records = remote_ledger(origin)
    assert [r["event"] for r in records] == ["sending", "published"]
    assert all(r["mac"] == mac_of(r, KEY.encode()) for r in records)
    again = gazouille(clone, x, "ledger", "migrate", "--push")
    assert "[pn44] déjà migré" in again.stdout and again.returncode == 0

    # The pull request that removes ledger/*.jsonl from main is allowed, once.
    git(clone, "rm", "--quiet", "ledger/pn44.jsonl")
    git(clone, "commit", "-qm", "ledger: now on its branch")
    checked = gazouille(clone, x, "check", "--changed-since", "origin/main", "--format", "json")
    assert checked.returncode == 0, checked.stdout
    merge(clone)

    code, out = run_workflow(runner(tmp_path, origin, "runner-2"), x)
    assert code == 0, out
    assert len(x.creates()) == 1  # read from the branch: not sent again
    status = gazouille(clone, x, "status", "--format", "json")
    published = json.loads(status.stdout)["accounts"][0]["published"]
    assert [p["path"] for p in published] == ["posts/pn44/a.md"]


def publish_in_process(root: Path, x: FakeX, **extra: str) -> tuple[int, str]:
    out = io.StringIO()
    code = publish(root, out, env=env_for(x.url, **extra), sleep=lambda s: None)
    return code, out.getvalue()


def merge_all(clone: Path, message: str) -> None:
    git(clone, "add", "-A")
    git(clone, "commit", "-qm", message)
    merge(clone)


# -- the pull request's checks ------------------------------------------------------------


def published_department(tmp_path: Path, x: FakeX) -> tuple[Path, Path]:
    origin = department(
        tmp_path,
        {
            "posts/pn44/a.md": post("prevention", "Déjà publiée."),
            "posts/pn44/b.md": post("prevention", "Aussi publiée."),
        },
    )
    assert run_workflow(runner(tmp_path, origin, "runner-0"), x)[0] == 0
    author = runner(tmp_path, origin, "author")
    git(author, "checkout", "--quiet", "-b", "pull-request")
    return origin, author


def check_pr(clone: Path, x: FakeX) -> tuple[int, list[tuple[str, str]]]:
    done = gazouille(
        clone, x, "check", "--changed-since", "origin/main", "--format", "json", key=None
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr
    report = json.loads(done.stdout)
    found = [(p["path"], e["rule"]) for p in report["posts"] for e in p["errors"]]
    return done.returncode, found


def test_a_pull_request_that_changes_the_ledger_fails(tmp_path: Path, x: FakeX) -> None:
    _, author = published_department(tmp_path, x)
    write(author, "ledger/pn44.jsonl", '{"event": "published", "path": "posts/pn44/c.md"}\n')
    git(author, "add", "-A")
    git(author, "commit", "-qm", "forge a publication")
    code, found = check_pr(author, x)
    assert code == 1
    assert found == [("ledger/pn44.jsonl", "ledger/modified")]


@pytest.mark.parametrize("how", ["delete", "rename"])
def test_deleting_or_renaming_a_published_post_fails(tmp_path: Path, x: FakeX, how: str) -> None:
    _, author = published_department(tmp_path, x)
    if how == "delete":
        git(author, "rm", "--quiet", "posts/pn44/a.md")
    else:
        git(author, "mv", "posts/pn44/a.md", "posts/pn44/nouveau-nom.md")
    git(author, "commit", "-qm", how)
    code, found = check_pr(author, x)
    assert code == 1
    assert found == [("posts/pn44/a.md", "published/deleted")]
    done = gazouille(
        author, x, "check", "--changed-since", "origin/main", "--format", "text", key=None
    )
    assert "utilisez `retract:`" in done.stdout


def test_a_renamed_published_post_is_not_sent_again(tmp_path: Path, x: FakeX) -> None:
    origin, author = published_department(tmp_path, x)
    git(author, "mv", "posts/pn44/a.md", "posts/pn44/renommee.md")
    git(author, "commit", "-qm", "rename merged anyway by an administrator")
    merge(author)
    code, out = run_workflow(runner(tmp_path, origin, "runner-1"), x)
    assert code == 0, out
    assert len(x.creates()) == 2  # a.md and b.md, once each
    status = gazouille(author, x, "status", "--format", "json")
    published = json.loads(status.stdout)["accounts"][0]["published"]
    assert sorted(p["path"] for p in published) == ["posts/pn44/b.md", "posts/pn44/renommee.md"]

    # Its retraction under the new name still deletes it from X.
    write(author, "posts/pn44/renommee.md", post("prevention", "Déjà publiée.", retract="erreur"))
    merge_all(author, "retract")
    code, out = run_workflow(runner(tmp_path, origin, "runner-2"), x)
    assert code == 0, out
    assert texts(x) == ["Aussi publiée."]


# -- two runners at once ------------------------------------------------------------------


def test_two_concurrent_runs_from_two_clones_send_each_part_once(tmp_path: Path, x: FakeX) -> None:
    thread = "Un.\n---\nDeux.\n---\nTrois."
    origin = department(
        tmp_path,
        {
            "posts/pn44/fil.md": post("fonctionnement", thread),
            "posts/pn44/seul.md": post("prevention", "Seul."),
        },
    )
    clones = [runner(tmp_path, origin, f"runner-{n}") for n in (1, 2)]
    for clone in clones:  # the ledger branch exists before both start
        assert gazouille(clone, x, "ledger", "migrate", "--push").returncode == 0
    x.latency = 0.2  # each answer takes a while: the runs overlap
    processes = [spawn(clone, x, "publish", "--push") for clone in clones]
    outputs = [p.communicate(timeout=120)[0] for p in processes]
    assert all(p.returncode in (0, 1) for p in processes), outputs
    sent = [c["json"]["text"] for c in x.creates()]
    assert len(sent) == len(set(sent))  # no part received twice; some may be left to the next run
    assert "fatal" not in "".join(outputs)

    # Whatever was left is finished by a later run, still without a duplicate. A
    # claim a runner left when it lost a race is another runner's claim for 30
    # minutes (CLAIM_TTL_SECONDS); after that the part is looked for on the
    # account, then sent.
    later = (datetime.fromisoformat(NOW.replace("Z", "+00:00")) + timedelta(minutes=31)).isoformat()
    code, out = run_workflow(runner(tmp_path, origin, "runner-3"), x, GAZOUILLE_NOW=later)
    assert code == 0, out
    assert len(x.creates()) == 4
    records = remote_ledger(origin)
    published = {(r["path"], r["part"]) for r in records if r["event"] == "published"}
    assert len(published) == 4
    assert (
        verify(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode(),
            "ledger/pn44.jsonl",
            KEY.encode(),
        )[1]
        is None
    )


def test_another_runner_s_fresh_claim_is_not_sent_over(tmp_path: Path, x: FakeX) -> None:
    origin = department(tmp_path, {"posts/pn44/a.md": post("prevention", "Réservée.")})
    first = runner(tmp_path, origin, "runner-1")
    x.fail("create", 503, times=10)  # the first runner claims, then X fails every time
    code, _ = run_workflow(first, x)
    assert code == 1
    assert x.live() == []
    second = runner(tmp_path, origin, "runner-2")
    code, out = run_workflow(second, x)
    assert "une autre exécution est en train de la publier" in out
    assert x.live() == []
    # Past the job's timeout the claim is stale: the part is checked on X, then sent.
    x.faults.clear()
    code, out = run_workflow(second, x, GAZOUILLE_NOW="2026-12-01T13:00:00Z")
    assert code == 0, out
    assert texts(x) == ["Réservée."]


# -- failures stay local ----------------------------------------------------------------


def test_a_stale_lock_is_recovered_and_a_fresh_one_only_delays_the_commit(
    tmp_path: Path, x: FakeX
) -> None:
    root = make_repo(
        tmp_path / "depot",
        {
            "posts/pn44/a.md": post("prevention", "Malgré le verrou."),
            "posts/pn06/b.md": post("prevention", "L'autre compte aussi."),
        },
    )
    git_dir = root / ".git"
    stale = git_dir / "index.lock"
    stale.write_text("")
    os.utime(stale, (1_000_000_000, 1_000_000_000))
    ref_lock = git_dir / "refs" / "heads" / "gazouille" / "ledger.lock"
    ref_lock.parent.mkdir(parents=True)
    ref_lock.write_text("")
    future = 4_000_000_000
    os.utime(ref_lock, (future, future))  # held by a live process: not ours to remove

    from tests.xfake import credentials

    out = io.StringIO()
    code = publish(
        root,
        out,
        env=env_for(x.url, **credentials("pn06")),
        commit=True,
        sleep=lambda s: None,
    )
    text = out.getvalue()
    assert code == 0, text
    assert not stale.exists()
    assert "verrou git abandonné par une exécution interrompue retiré : index.lock" in text
    assert "l'enregistrement n'a pas pu être validé" in text  # in French, said once
    assert text.count("registre des publications :") == 1
    assert "fatal:" not in text.split("(")[0]
    assert sorted(texts(x)) == ["L'autre compte aussi.", "Malgré le verrou."]
    spool = git_dir / "gazouille" / "ledger"
    assert sorted(p.name for p in spool.iterdir()) == ["pn06.jsonl", "pn44.jsonl"]

    ref_lock.unlink()  # the other process finished
    out = io.StringIO()
    code = publish(root, out, env=env_for(x.url, **credentials("pn06")), commit=True)
    assert code == 0, out.getvalue()
    assert "repris dans le registre" in out.getvalue()
    shown = git(root, "show", f"{BRANCH}:ledger/pn44.jsonl").splitlines()
    assert [json.loads(line)["event"] for line in shown] == ["sending", "published"]
    assert len(x.creates()) == 2
    assert not any(spool.iterdir())


def test_killed_mid_run_leaves_no_temporary_file_and_the_next_run_heals(
    tmp_path: Path, x: FakeX
) -> None:
    origin = department(tmp_path, {"posts/pn44/fil.md": post("fonctionnement", "Un.\n---\nDeux.")})
    clone = runner(tmp_path, origin)
    assert gazouille(clone, x, "ledger", "migrate", "--push").returncode == 0
    process = spawn(clone, x, "publish", "--push")

    class Group:  # FakeX kills what __index__ gives: the whole process group
        def __index__(self) -> int:
            return -process.pid

    x.fail("create", 201, create_first=True, kill=Group())
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert len(x.creates()) == 1
    leftovers = [p for p in clone.rglob("*.tmp")] + list((clone / ".git").rglob("*.tmp"))
    assert leftovers == []

    code, out = run_workflow(clone, x)
    assert code == 0, out
    assert len(x.creates()) == 2  # part 1 adopted, part 2 sent: no duplicate
    events = [(r["event"], r["part"], r.get("adopted")) for r in remote_ledger(origin)]
    assert ("published", 0, True) in events and ("published", 1, None) in events


# -- readers ----------------------------------------------------------------------------


def broken_legacy(tmp_path: Path) -> Path:
    root = make_repo(
        tmp_path / "depot",
        {
            "posts/pn44/a.md": post("prevention", "Compte au registre abîmé."),
            "posts/pn06/b.md": post("prevention", "Compte sain."),
        },
    )
    write(root, "ledger/pn44.jsonl", '{"event": "refused", "path": "x"}\n{"event": oops\n')
    return root


def test_status_log_and_check_say_a_ledger_is_broken_and_go_on(tmp_path: Path, x: FakeX) -> None:
    root = broken_legacy(tmp_path)
    status = cli(root, "status", "--format", "json")
    assert status.exit_code == 0, status.output
    accounts = {a["account"]: a for a in json.loads(status.stdout)["accounts"]}
    assert "ledger/pn44.jsonl:2 : ligne illisible" in accounts["pn44"]["ledger_error"]
    assert accounts["pn06"]["ledger_error"] is None
    assert [d["path"] for d in accounts["pn06"]["due"]] == ["posts/pn06/b.md"]
    text = cli(root, "status")
    assert "⚠ ledger/pn44.jsonl:2 : ligne illisible" in text.stdout

    log = cli(root, "log", "--format", "json")
    assert log.exit_code == 0
    assert "ledger/pn44.jsonl:2 : ligne illisible" in log.stderr
    assert {e["path"] for e in json.loads(log.stdout)} >= {"posts/pn44/a.md", "posts/pn06/b.md"}

    check = cli(root, "check", "--format", "json")
    assert check.exit_code == 0, check.output
    assert any("ledger/pn44.jsonl:2" in n for n in json.loads(check.stdout)["notices"])


def test_the_ledger_ref_can_be_named_and_an_unknown_one_is_a_usage_error(
    tmp_path: Path, x: FakeX
) -> None:
    root = make_repo(tmp_path / "depot", {"posts/pn44/a.md": post("prevention", "Réf.")})
    code, out = publish_in_process(root, x)  # legacy: ledger/ in the working tree
    assert code == 0, out
    code, out = gazouille_in(root, x, "ledger", "migrate")
    assert code == 0, out
    git(root, "branch", "copie", BRANCH)
    (root / "ledger" / "pn44.jsonl").unlink()
    # The branch is read, not the (now empty) working tree: nothing is sent again.
    code, out = publish_in_process(root, x, GAZOUILLE_LEDGER_REF="copie")
    assert code == 0, out
    assert len(x.creates()) == 1
    done = cli(root, "status", env={"GAZOUILLE_LEDGER_REF": "nulle-part"})
    assert done.exit_code == 2
    assert "GAZOUILLE_LEDGER_REF désigne « nulle-part », introuvable" in done.stderr


def gazouille_in(root: Path, x: FakeX, *args: str) -> tuple[int, str]:
    done = gazouille(root, x, *args)
    return done.returncode, done.stdout + done.stderr


def test_every_account_s_secrets_come_in_one_json_secret(tmp_path: Path, x: FakeX) -> None:
    from tests.xfake import credentials

    root = make_repo(tmp_path / "depot", {"posts/pn06/b.md": post("prevention", "Par le secret.")})
    secrets = json.dumps({**credentials("pn06"), "PATH": "/nulle-part", "AUTRE": "x"})
    code, out = publish_in_process(root, x, GAZOUILLE_SECRETS=secrets)
    assert code == 0, out
    assert texts(x) == ["Par le secret."]
    assert os.environ.get("PATH") != "/nulle-part"

    done = cli(root, "publish", env={"GAZOUILLE_SECRETS": '{"GAZOUILLE_PN06_X_API_KEY": "sec'})
    assert done.exit_code == 2
    assert "GAZOUILLE_SECRETS n'est pas un objet JSON valide" in done.stderr
    assert "sec" not in done.stderr.replace("secret", "").replace("SECRETS", "")


def test_the_ledger_ruleset_blocks_deletion_and_force_pushes_with_no_bypass() -> None:
    ruleset = json.loads((PROJECT / ".github/rulesets/ledger.json").read_text(encoding="utf-8"))
    assert ruleset["target"] == "branch" and ruleset["enforcement"] == "active"
    assert ruleset["conditions"]["ref_name"]["include"] == [f"refs/heads/{BRANCH}"]
    assert {rule["type"] for rule in ruleset["rules"]} == {"deletion", "non_fast_forward"}
    assert ruleset["bypass_actors"] == []
