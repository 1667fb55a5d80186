"""``gazouille editor --serve``: the web editor on this computer, on a git repository.

Two processes: decap-server (npm, ``MODE=git``) commits drafts as ``cms/…``
branches of the repository and merges them on "Publier"; this module's HTTP
server, bound to 127.0.0.1, serves ``admin/`` with the Decap CMS bundle and
the gazouille bundle (twitter-text, the file format, the preview) from ``node_modules``/``build/editor``, and passes
``/api/v1`` on to decap-server, so the page and its backend share one origin
and nothing is loaded from the network.
"""

from __future__ import annotations

import http.client
import json
import mimetypes
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TextIO

from gazouille.errors import ConfigError

DECAP_BUNDLE = Path("node_modules/decap-cms/dist")
DECAP_SERVER = Path("node_modules/decap-server/dist/index.js")
BUILT = Path("build/editor")  # written by `npm run build` (twitter-text for the browser)
ADMIN = "admin"
API = "/api/v1"
MAX_BODY = 64 * 1024 * 1024  # four 5 MB images, base64-encoded, with room to spare
READY_TIMEOUT = 60.0


@dataclass(frozen=True)
class Assets:
    """Where the npm packages were installed (the project checkout, by ``npm ci``)."""

    root: Path

    def missing(self) -> list[str]:
        wanted = [DECAP_BUNDLE / "decap-cms.js", DECAP_SERVER, BUILT / "gazouille-editor.js"]
        return [str(path) for path in wanted if not (self.root / path).is_file()]

    def static_file(self, repo: Path, name: str) -> Path | None:
        """The file served as ``/admin/<name>``: the repository's admin/ first, then the bundles."""
        if not name or "/" in name or "\\" in name or name.startswith("."):
            return None
        for folder in (repo / ADMIN, self.root / BUILT, self.root / DECAP_BUNDLE):
            candidate = folder / name
            if candidate.is_file():
                return candidate
        return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _handler(repo: Path, assets: Assets, backend_port: int) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "gazouille-editor"

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the officer's terminal shows the address, not every request."""

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in {"/", f"/{ADMIN}"}:
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", f"/{ADMIN}/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            name = path.removeprefix(f"/{ADMIN}/") if path.startswith(f"/{ADMIN}/") else ""
            file = (
                assets.static_file(repo, name or "index.html")
                if path.startswith("/admin/")
                else None
            )
            if file is None:
                self._send(HTTPStatus.NOT_FOUND, b"introuvable\n", "text/plain; charset=utf-8")
                return
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if file.suffix in {".yml", ".yaml"}:
                kind = "text/yaml"
            if kind.startswith("text/") or kind.endswith("javascript"):
                kind += "; charset=utf-8"
            self._send(HTTPStatus.OK, file.read_bytes(), kind)

        def do_POST(self) -> None:
            if self.path.split("?", 1)[0] != API:
                self._send(HTTPStatus.NOT_FOUND, b"{}", "application/json")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, b"{}", "application/json")
                return
            body = self.rfile.read(length)
            connection = http.client.HTTPConnection("127.0.0.1", backend_port, timeout=120)
            try:
                connection.request("POST", API, body, {"Content-Type": "application/json"})
                answer = connection.getresponse()
                payload = answer.read()
                kind = answer.getheader("Content-Type") or "application/json"
                self._send(answer.status, payload, kind)
            finally:
                connection.close()

    return Handler


def _backend_ready(port: int, process: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request(
                "POST", API, json.dumps({"action": "info"}), {"Content-Type": "application/json"}
            )
            ready = connection.getresponse().status == HTTPStatus.OK
            connection.close()
            if ready:
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


@contextmanager
def running(repo: Path, assets: Assets, port: int = 0, log: Path | None = None) -> Iterator[str]:
    """Start decap-server and the page server; yields the editor's URL; stops both."""
    missing = assets.missing()
    if missing:
        raise ConfigError(
            f"l'éditeur web n'est pas installé ({', '.join(missing)} manquant)",
            fix="lancez « make editor » (npm ci puis npm run build) depuis le dossier du projet.",
        )
    if not (repo / ADMIN / "index.html").is_file():
        raise ConfigError(
            "admin/index.html est absent de ce dépôt",
            fix="copiez le dossier admin/ de gazouille puis lancez « gazouille editor ».",
        )
    backend_port = free_port()
    env = {
        **os.environ,
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(repo),
        "PORT": str(backend_port),
        "BIND_HOST": "127.0.0.1",
        "LOG_LEVEL": "info",
    }
    sink = log.open("ab") if log is not None else subprocess.DEVNULL
    process = subprocess.Popen(
        ["node", str(assets.root / DECAP_SERVER)],
        env=env,
        stdout=sink,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,  # Ctrl-C in the terminal reaches us; we stop it ourselves
    )
    server: ThreadingHTTPServer | None = None
    try:
        if not _backend_ready(backend_port, process):
            raise ConfigError(
                "decap-server n'a pas démarré",
                fix="vérifiez que node est installé (node --version) et relancez « make editor ».",
            )
        server = ThreadingHTTPServer(("127.0.0.1", port), _handler(repo, assets, backend_port))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f"http://localhost:{server.server_address[1]}/{ADMIN}/"
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log is not None and not isinstance(sink, int):
            sink.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(repo: Path, assets: Assets, port: int, out: TextIO) -> int:
    """Run until Ctrl-C or SIGTERM (``make editor``); both stop decap-server too."""
    signal.signal(signal.SIGTERM, _interrupt)
    with running(repo, assets, port) as url:
        out.write(f"Éditeur web : {url}\n")
        out.write(f"Dépôt : {repo} (brouillons dans les branches cms/…)\n")
        out.write("Ctrl-C pour arrêter.\n")
        out.flush()
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            out.write("\nÉditeur arrêté.\n")
    return 0
