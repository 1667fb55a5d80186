"""``gazouille editor``, ``editor/outdated``, the editor's page server, and the
browser bundle's file format and counts (run through node)."""

from __future__ import annotations

import http.client
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from gazouille import accounts as accounts_module
from gazouille.checks.category import categories
from gazouille.editor import config
from gazouille.editor.server import Assets, running
from gazouille.errors import ConfigError
from gazouille.posts import split_parts
from gazouille.tweet_length import weighted_length
from tests.editor_browser import build_bundle, editor_repo
from tests.helpers import CONFORMANCE, PROJECT, cli, git, make_repo, post, write

BUNDLE = PROJECT / "build" / "editor" / "gazouille-editor.js"
needs_node = pytest.mark.skipif(
    shutil.which("node") is None or not (PROJECT / "node_modules" / "twitter-text").is_dir(),
    reason="node or node_modules is missing (npm ci; .ci/run and make editor run it)",
)


def _config(root: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((root / config.PATH).read_text(encoding="utf-8"))
    return data


def _collection(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in data["collections"] if c["name"] == name)


def _field(collection: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in collection["fields"] if f["name"] == name)


# --- gazouille editor: the generated configuration ---------------------------------


def test_the_committed_config_is_what_gazouille_editor_writes() -> None:
    result = cli(PROJECT, "check", "--format", "json")
    rules = [e["rule"] for p in json.loads(result.output)["posts"] for e in p["errors"]]
    assert "editor/outdated" not in rules


def test_editor_writes_one_collection_per_account_with_the_contract_values(repo: Path) -> None:
    result = cli(repo, "editor")
    assert result.exit_code == 0
    assert result.output == "admin/config.yml mis à jour.\n"
    data = _config(repo)
    assert [c["name"] for c in data["collections"]] == ["pn06", "pn35", "pn44", "pn62", "pn67"]
    assert data["publish_mode"] == "editorial_workflow"
    assert data["locale"] == "fr"
    assert data["media_processing"] == {"enabled": True, "strip_metadata": True, "quality": 92}
    pn44 = _collection(data, "pn44")
    assert pn44["folder"] == "posts/pn44"
    assert (pn44["media_folder"], pn44["public_folder"]) == ("/media/pn44", "media/pn44")
    assert pn44["slug"] == "{{year}}-{{month}}-{{day}}-{{fields.category}}-{{slug}}"
    assert pn44["format"] == "gazouille"
    names = [f["name"] for f in pn44["fields"]]
    assert names[0] == "title" and names[-1] == "body"
    assert names[1:5] == ["category", "publish_at", "expires_at", "reply_settings"]
    category = _field(pn44, "category")
    assert {"label": "Appel à témoins", "value": "appel-a-temoins"} in category["options"]
    assert [o["value"] for o in category["options"]] == categories()
    publish_at = _field(pn44, "publish_at")
    assert publish_at["format"] == "YYYY-MM-DDTHH:mm"  # no offset: check reads the account's zone
    assert "Europe/Paris" in publish_at["hint"]
    allows = _field(_field(pn44, "authorization"), "reference")
    assert allows["label"] == "Référence de l'autorisation"
    kinds = next(f for f in _field(pn44, "authorization")["fields"] if f["name"] == "allows")
    assert {"label": "plaque d'immatriculation", "value": "plate"} in kinds["options"]
    media = _field(pn44, "media")
    assert media["max"] == 4
    assert [f["name"] for f in media["fields"]] == ["file", "alt"]
    assert pn44["gazouille"]["x_username"] == "PNationale44"


def test_editor_follows_the_schema_fields_it_finds(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A field added to the schema (here ``expires_at``) appears, in its place."""
    schema = json.loads((PROJECT / "schema" / "post.schema.json").read_text(encoding="utf-8"))
    schema["properties"]["expires_at"] = dict(schema["properties"]["publish_at"])
    schema["properties"]["mood"] = {"type": "string", "description": "Une nouveauté."}
    monkeypatch.setattr(config, "load_schema", lambda name: schema)
    data = yaml.safe_load(config.render(accounts_module.load(repo)))
    fields = _collection(data, "pn44")["fields"]
    names = [f["name"] for f in fields]
    assert names.index("expires_at") == names.index("publish_at") + 1
    assert _field(_collection(data, "pn44"), "expires_at")["format"] == "YYYY-MM-DDTHH:mm"
    assert _field(_collection(data, "pn44"), "mood")["hint"] == "Une nouveauté."


def test_editor_is_idempotent_and_keeps_the_administrators_backend(repo: Path) -> None:
    cli(repo, "editor")
    text = (repo / config.PATH).read_text(encoding="utf-8")
    text = text.replace(
        "repo: proprietaire/depot",
        "repo: police-44/publications\n  base_url: https://auth.example.gouv.fr",
    )
    (repo / config.PATH).write_text(text, encoding="utf-8")
    assert cli(repo, "editor").output == "admin/config.yml est déjà à jour.\n"
    backend = _config(repo)["backend"]
    assert backend["repo"] == "police-44/publications"
    assert backend["base_url"] == "https://auth.example.gouv.fr"
    assert backend["preview_context"] == config.STATUS_CONTEXT
    result = cli(repo, "check", "--format", "json")
    assert result.exit_code == 0, result.output


def test_editor_refuses_a_symbolic_link(repo: Path, tmp_path: Path) -> None:
    (repo / "admin").mkdir()
    (tmp_path / "elsewhere.yml").write_text("x: 1\n", encoding="utf-8")
    (repo / config.PATH).symlink_to(tmp_path / "elsewhere.yml")
    result = cli(repo, "editor")
    assert result.exit_code == 2
    assert "admin/config.yml : ce fichier est un lien symbolique" in result.output
    assert (tmp_path / "elsewhere.yml").read_text(encoding="utf-8") == "x: 1\n"


def test_editor_with_a_broken_accounts_file_exits_2(repo: Path) -> None:
    write(repo, "accounts.yml", "accounts: [\n")
    result = cli(repo, "editor")
    assert result.exit_code == 2
    assert "accounts.yml" in result.output
    assert not (repo / config.PATH).exists()


# --- editor/outdated ---------------------------------------------------------------


def _errors(repo: Path) -> list[dict[str, Any]]:
    result = cli(repo, "check", "--format", "json")
    return [
        {**e, "path": p["path"]} for p in json.loads(result.output)["posts"] for e in p["errors"]
    ]


def test_a_repository_without_the_editor_gets_no_finding(repo: Path) -> None:
    assert _errors(repo) == []


def test_a_new_account_without_regenerating_is_outdated(repo: Path) -> None:
    cli(repo, "editor")
    accounts = (repo / "accounts.yml").read_text(encoding="utf-8")
    pn44 = "  pn44:" + accounts.split("  pn44:")[1].split("  pn06:")[0]
    new = pn44.replace("pn44:", "pn13:")
    (repo / "accounts.yml").write_text(
        accounts + new.replace("PNationale44", "PNationale13"), encoding="utf-8"
    )
    result = cli(repo, "check")
    assert result.exit_code == 1
    [error] = _errors(repo)
    assert error["rule"] == "editor/outdated"
    assert error["path"] == "admin/config.yml"
    assert error["line"] > 1
    assert "lancez « gazouille editor »" in error["fix"]
    cli(repo, "editor")
    assert _errors(repo) == []


def test_a_hand_edit_is_outdated_at_its_line(repo: Path) -> None:
    cli(repo, "editor")
    lines = (repo / config.PATH).read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "value: peine" in line)
    lines[number] = lines[number].replace("peine", "faits-divers")
    (repo / config.PATH).write_text("".join(lines), encoding="utf-8")
    [error] = _errors(repo)
    assert (error["rule"], error["line"]) == ("editor/outdated", number + 1)


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8", b"backend: [\n", b""])
def test_a_broken_config_is_outdated_not_a_crash(repo: Path, content: bytes) -> None:
    (repo / "admin").mkdir()
    (repo / config.PATH).write_bytes(content)
    result = cli(repo, "check")
    assert result.exit_code == 1
    assert "editor/outdated" in result.output
    assert "Traceback" not in result.output


def test_crlf_and_bom_are_not_differences(repo: Path) -> None:
    cli(repo, "editor")
    text = (repo / config.PATH).read_text(encoding="utf-8")
    (repo / config.PATH).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    assert _errors(repo) == []


# --- the page server (gazouille editor --serve) ------------------------------------


def test_serve_without_node_modules_says_how_to_install(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="make editor"), running(repo, Assets(tmp_path)):
        pass


@needs_node
def test_the_page_server_serves_admin_and_the_bundles_and_nothing_else(tmp_path: Path) -> None:
    build_bundle()
    repo = editor_repo(tmp_path / "depot")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    with running(repo, Assets(PROJECT)) as url:
        port = int(url.split(":")[2].split("/")[0])

        def get(path: str) -> tuple[int, bytes]:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", path)
            answer = connection.getresponse()
            return answer.status, answer.read()

        assert get("/admin/")[0] == 200 and b"decap-cms.js" in get("/admin/")[1]
        assert get("/admin/config.yml")[1] == (repo / "admin/config.yml").read_bytes()
        assert get("/admin/decap-cms.js")[0] == 200
        assert get("/admin/gazouille-editor.js")[0] == 200
        for hostile in (
            "/admin/../../secret.txt",
            "/admin/%2e%2e/secret.txt",
            "/admin/.git",
            "/accounts.yml",
            "/admin/sub/x",
        ):
            assert get(hostile)[0] == 404, hostile
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request(
            "POST", "/api/v1", json.dumps({"action": "info"}), {"Content-Type": "application/json"}
        )
        info = json.loads(connection.getresponse().read())
        assert info["repo"] == "depot" and "editorial_workflow" in info["publish_modes"]
    assert git(repo, "status", "--porcelain") == ""


# --- the browser bundle, run by node -----------------------------------------------

NODE_RUNNER = """
const vm = require('vm'); const fs = require('fs');
const context = {}; vm.createContext(context);
vm.runInContext(fs.readFileSync(process.argv[1], 'utf8'), context);
const editor = context.gazouilleEditor;
const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const output = input.map(([name, arg]) => editor[name](arg));
process.stdout.write(JSON.stringify(output));
"""


def _node(calls: list[tuple[str, Any]]) -> list[Any]:
    completed = subprocess.run(
        ["node", "-e", NODE_RUNNER, str(BUNDLE)],
        input=json.dumps(calls),
        capture_output=True,
        text=True,
        check=True,
    )
    result: list[Any] = json.loads(completed.stdout)
    return result


@pytest.fixture(scope="module")
def bundle() -> Path:
    build_bundle()
    return BUNDLE


def _weighted_cases() -> list[Any]:
    data = yaml.safe_load((CONFORMANCE / "validate.yml").read_text(encoding="utf-8"))
    # The browser counts as X does today (twitter-text's default, version 3).
    groups = ("WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest")
    return [case for group in groups for case in data["tests"][group]]


@needs_node
def test_the_browser_counts_like_the_conformance_data_and_the_checker(bundle: Path) -> None:
    cases = _weighted_cases()
    assert len(cases) > 10
    counted = _node([("weightedLength", case["text"]) for case in cases])
    assert counted == [case["expected"]["weightedLength"] for case in cases]
    assert counted == [weighted_length(case["text"]) for case in cases]


@needs_node
def test_the_preview_counts_each_thread_part_and_says_how_much_to_cut(bundle: Path) -> None:
    body = "Premier 👮\n---\n" + "é" * 290 + "\n---  \n\n---\nTroisième\n  --- reste du texte"
    [parts] = _node([("countParts", body)])
    assert [(p["weighted"], p["over"]) for p in parts] == [(10, 0), (290, 10), (30, 0)]
    # The same cut and counts as check.
    assert [p["weighted"] for p in parts] == [weighted_length(p.text) for p in split_parts(body, 1)]


@needs_node
def test_saved_files_pass_check_and_read_as_written_by_hand(bundle: Path, tmp_path: Path) -> None:
    data = {
        "title": "mots du nom",
        "body": "Appel à témoins : un utilitaire blanc a été vu rue des Lilas.\n---\nAppelez le 17.\n\n",
        "category": "appel-a-temoins",
        "retract": "",
        "reply_settings": "",
        "media": [{"alt": "no", "file": "media/pn44/cambriolages-bons-reflexes.png"}],
        "authorization": {"allows": ["plate"], "reference": "Parquet de Nantes 2026/4411"},
        "publish_at": "2026-12-03T08:00",
        "lang": None,
    }
    [text] = _node([("toFile", data)])
    assert text == (
        "---\n"
        "category: appel-a-temoins\n"
        "publish_at: 2026-12-03T08:00\n"
        "media:\n"
        "  - file: media/pn44/cambriolages-bons-reflexes.png\n"
        '    alt: "no"\n'
        "authorization:\n"
        "  reference: Parquet de Nantes 2026/4411\n"
        "  allows:\n"
        "    - plate\n"
        "---\n"
        "Appel à témoins : un utilitaire blanc a été vu rue des Lilas.\n---\nAppelez le 17.\n"
    )
    repo = make_repo(tmp_path / "depot", {"posts/pn44/2026-12-01-appel-a-temoins-x.md": text})
    result = cli(repo, "check", "posts/pn44/2026-12-01-appel-a-temoins-x.md", "--format", "json")
    assert result.exit_code == 0, result.output
    [back] = _node([("fromFile", text)])
    assert back["category"] == "appel-a-temoins" and back["media"][0]["alt"] == "no"
    assert back["body"].startswith("Appel à témoins") and back["title"]


@needs_node
def test_a_hand_written_post_reads_back_unchanged(bundle: Path) -> None:
    original = post(
        "prevention", "Fermez votre porte à clé.\n---\nMerci.", publish_at="2026-12-03 08:30"
    )
    crlf = "\ufeff" + original.replace("\n", "\r\n")
    [data, data_crlf] = _node([("fromFile", original), ("fromFile", crlf)])
    assert data == data_crlf
    [again] = _node([("toFile", data)])
    assert again == original


# --- the workflows around the editor --------------------------------------------------


def _workflow(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (PROJECT / ".github" / "workflows" / name).read_text(encoding="utf-8")
    )
    return data


def test_the_status_link_is_the_context_decap_asks_for_and_runs_no_draft_code() -> None:
    workflow = _workflow("editor-status.yml")
    assert workflow["permissions"] == {"contents": "read"}
    report, status = workflow["jobs"]["report"], workflow["jobs"]["status"]
    assert "permissions" not in report  # read-only, like the whole workflow
    assert status["permissions"] == {"statuses": "write"}
    assert [step.get("uses") for step in status["steps"]] == [None]  # no checkout, no draft code
    script = status["steps"][0]["run"]
    assert f'context: "{config.STATUS_CONTEXT}"' in script
    assert '"${{' not in script and "${{" not in script  # values come through env only
    installs = " ".join(step.get("run", "") for step in report["steps"])
    assert 'pip install --disable-pip-version-check "$RUNNER_TEMP/base"' in installs
    assert (
        config.document(accounts_module.load(PROJECT), {"name": "github"})["backend"][
            "preview_context"
        ]
        == config.STATUS_CONTEXT
    )


def test_pages_builds_the_site_from_the_lock_file_and_only_deploy_writes() -> None:
    workflow = _workflow("pages.yml")
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    assert "npm ci --ignore-scripts --no-audit --no-fund" in runs
    assert "npm run build" in runs
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow[True]["push"]["branches"] == ["main"]  # PyYAML reads `on:` as True


@needs_node
def test_serve_prints_the_address_and_ctrl_c_stops_both_servers(tmp_path: Path) -> None:
    """What ``make editor`` runs: the address on stdout, then Ctrl-C leaves nothing running."""
    import os
    import signal
    import sys

    build_bundle()
    repo = editor_repo(tmp_path / "depot")
    (repo / "node_modules").symlink_to(PROJECT / "node_modules")
    (repo / "build").symlink_to(PROJECT / "build")
    process = subprocess.Popen(
        [sys.executable, "-m", "gazouille", "editor", "--serve", "--port", "0"],
        cwd=repo,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "GAZOUILLE_REPO": str(repo)},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first.startswith("Éditeur web : http://localhost:"), first + process.stderr.read()
        url = first.split(" : ", 1)[1].strip()
        port = int(url.split(":")[2].split("/")[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request(
            "POST", "/api/v1", '{"action": "info"}', {"Content-Type": "application/json"}
        )
        assert connection.getresponse().status == 200
        children = subprocess.run(
            ["pgrep", "-f", f"{repo}/node_modules/decap-server"], capture_output=True, text=True
        ).stdout.split()
        assert children, "decap-server should be running"
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # never leave decap-server behind
            process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "Éditeur arrêté." in out
    assert "Traceback" not in err
    for pid in children:
        assert (
            not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text()
        )
    with pytest.raises(OSError):
        http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/admin/")


def test_a_linked_config_is_outdated_and_never_followed(repo: Path, tmp_path: Path) -> None:
    cli(repo, "editor")
    outside = tmp_path / "outside.yml"
    outside.write_bytes((repo / config.PATH).read_bytes())  # even identical: a link is refused
    (repo / config.PATH).unlink()
    (repo / config.PATH).symlink_to(outside)
    [error] = _errors(repo)
    assert (error["rule"], error["line"]) == ("editor/outdated", 1)
