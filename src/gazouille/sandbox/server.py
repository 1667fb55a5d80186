"""The HTTP side: routing, OAuth checks, injected faults, the admin API and the pages.

Three families of paths:

- ``/2/…``: the X API (``api.py``), OAuth 1.0a signed, logged, subject to faults
  and rate limits;
- ``/_sandbox/…``: the admin API for tests and demos, unsigned, not logged;
- ``/``, ``/<username>``, ``/media/<id>``: the timeline pages a reader would see.
"""

from __future__ import annotations

import contextlib
import json
import re
import socket
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import asdict
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from gazouille.sandbox import timeline
from gazouille.sandbox.api import (
    Api,
    Request,
    Response,
    form_parts,
    invalid,
    not_found,
    problem,
    unauthorized,
)
from gazouille.sandbox.faults import (
    Fault,
    FaultError,
    Faults,
    LoggedRequest,
    parse_fault,
    reset_epoch,
)
from gazouille.sandbox.oauth import OAuthError, parse_header, verify
from gazouille.sandbox.ratelimit import DEFAULT_LIMITS, RateLimits
from gazouille.sandbox.store import Credentials, Store, User

# The documented convenience credentials: any `sandbox-<username>` token acts as
# <username>, created on first use.
CONSUMER_KEY = "sandbox-key"
CONSUMER_SECRET = "sandbox-secret"
TOKEN_PREFIX = "sandbox-"
TOKEN_SECRET = "sandbox-secret"
USERNAME = re.compile(r"^[A-Za-z0-9_]{1,15}$")
MAX_BODY = 64 * 1024 * 1024

RequestListener = Callable[[LoggedRequest], None]


def sandbox_credentials(username: str) -> Credentials:
    """The convenience credentials that act as ``username``."""
    return Credentials(CONSUMER_KEY, CONSUMER_SECRET, TOKEN_PREFIX + username, TOKEN_SECRET)


class App:
    """Everything a request handler needs, shared by all request threads."""

    def __init__(self, store: Store, base_url: str, on_request: RequestListener | None) -> None:
        self.store = store
        self.api = Api(store, base_url)
        self.faults = Faults()
        self.limits = RateLimits()
        self.stopping = threading.Event()
        self.on_request = on_request

    def authenticate(self, request: Request) -> User | None:
        try:
            header = parse_header(request.headers.get("authorization"))
        except OAuthError:
            return None
        known = self.store.credentials_for_token(header.token)
        username: str | None = None
        if known is not None:
            credentials, user = known
            if header.consumer_key != credentials.consumer_key:
                return None
            consumer_secret, token_secret = (
                credentials.consumer_secret,
                credentials.access_token_secret,
            )
        elif header.token.startswith(TOKEN_PREFIX) and header.consumer_key == CONSUMER_KEY:
            username = header.token[len(TOKEN_PREFIX) :]
            if not USERNAME.match(username):
                return None
            consumer_secret, token_secret = CONSUMER_SECRET, TOKEN_SECRET
        else:
            return None
        if not verify(
            header,
            method=request.method,
            host_header=request.headers.get("host"),
            path=request.path,
            query=request.query,
            body=request.body,
            content_type=request.content_type,
            consumer_secret=consumer_secret,
            token_secret=token_secret,
        ):
            return None
        if username is not None:
            return self.store.ensure_user(username)
        return user

    def reset(self) -> None:
        self.store.wipe()
        self.faults.clear()
        self.faults.clear_requests()
        self.limits.clear()


def fault_response(fault: Fault, route: str | None) -> Response:
    assert fault.status is not None
    response = problem(fault.status)
    if fault.status == 429:
        response.headers.update(
            {
                "x-rate-limit-limit": str(DEFAULT_LIMITS.get(route or "", 100)),
                "x-rate-limit-remaining": "0",
                "x-rate-limit-reset": str(reset_epoch(fault.reset_in)),
            }
        )
    return response


def _log_body(request: Request) -> tuple[Any, dict[str, Any] | None]:
    """What the log keeps of a body: the JSON, or the form fields (files as their size)."""
    content_type = request.content_type.lower()
    if content_type.startswith("application/json"):
        try:
            return request.json(), None
        except (UnicodeDecodeError, json.JSONDecodeError):
            return None, None
    if content_type.startswith("application/x-www-form-urlencoded"):
        return None, {
            k: v[-1] for k, v in parse_qs(request.body.decode("utf-8", "replace")).items()
        }
    if content_type.startswith("multipart/form-data"):
        form: dict[str, Any] = {}
        for part in form_parts(request) or []:
            if part.filename is not None or part.name == "media":
                form[part.name] = {
                    "filename": part.filename,
                    "content_type": part.content_type,
                    "size": len(part.data),
                }
            else:
                form[part.name] = part.data.decode("utf-8", "replace")
        return None, form
    return None, None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # One buffered write per answer, sent at once: headers and body in separate
    # small segments would meet the client's delayed ACK (40 ms a request).
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True
    server: SandboxServer

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the request log (``/_sandbox/requests``) is the record."""

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, add=False)

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def do_DELETE(self) -> None:
        self._handle()

    def do_PUT(self) -> None:
        self._handle()

    def _read_request(self) -> Request | None:
        split = urlsplit(self.path)
        if "chunked" in self.headers.get("transfer-encoding", "").lower():
            try:
                chunked = self._read_chunked()
            except ValueError:
                self.close_connection = True
                self._send(problem(400, "Malformed chunked body."))
                return None
            if chunked is None:
                self.close_connection = True
                self._send(problem(413))
                return None
            body = chunked
        else:
            length_header = self.headers.get("content-length", "0")
            if not length_header.isdigit():
                self.close_connection = True
                self._send(problem(411, "Send a Content-Length."))
                return None
            length = int(length_header)
            if length > MAX_BODY:
                self.close_connection = True
                self._send(problem(413))
                return None
            body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        return Request(self.command, split.path, split.query, headers, body)

    def _read_chunked(self) -> bytes | None:
        """A ``Transfer-Encoding: chunked`` body (requests sends one for a generator)."""
        body = bytearray()
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return bytes(body)
            if len(body) + size > MAX_BODY:
                return None
            body += self.rfile.read(size)
            self.rfile.readline()

    def _handle(self) -> None:
        app = self.server.app
        request = self._read_request()
        if request is None:
            return
        try:
            if request.path.startswith("/_sandbox/") or request.path == "/_sandbox":
                self._send(admin(app, request))
            elif request.method == "GET" and not request.path.startswith("/2/"):
                self._send(page(app, request))
            else:
                self._api(app, request)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _api(self, app: App, request: Request) -> None:
        json_body, form = _log_body(request)
        entry = LoggedRequest(
            id=0,
            time=datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            method=request.method,
            path=request.path,
            query=request.params(),
            json=json_body,
            form=form,
        )
        fault = app.faults.take(request.method, request.path)
        if fault is not None:
            entry.fault = fault.id
        response: Response | None
        try:
            response = self._outcome(app, request, entry, fault)
        except Exception as exc:  # a sandbox bug answers 500, as X would, and is logged
            traceback.print_exc()
            response = problem(500, f"The sandbox failed: {type(exc).__name__}: {exc}")
        # Logged before answering: once the client has its answer, the log shows it.
        entry.dropped = response is None
        if response is not None:
            entry.status = response.status
            entry.response = response.body if response.raw is None else None
        app.faults.log(entry)
        if app.on_request is not None:
            with contextlib.suppress(Exception):  # a closed terminal must not stop answers
                app.on_request(entry)
        if response is None:
            self._drop()
        else:
            self._send(response)

    def _outcome(
        self, app: App, request: Request, entry: LoggedRequest, fault: Fault | None
    ) -> Response | None:
        """The answer to send, or None to close the connection without one."""
        route = app.api.route(request.method, request.path)
        if fault is None:
            return self._process(app, request, entry, route)
        # after_commit: the request does its work first, the fault then spoils the answer.
        committed = self._process(app, request, entry, route) if fault.after_commit else None
        app.stopping.wait(fault.delay)
        if fault.drop:
            return None
        if fault.status is not None:
            return fault_response(fault, route[0] if route else None)
        return committed if committed is not None else self._process(app, request, entry, route)

    def _process(
        self,
        app: App,
        request: Request,
        entry: LoggedRequest,
        route: tuple[str, Callable[[Request, User], Response]] | None,
    ) -> Response:
        if route is None:
            return not_found(request.path)
        name, handler = route
        user = app.authenticate(request)
        if user is None:
            return unauthorized()
        entry.user = user.username
        window = app.limits.hit(user.id, name)
        response = problem(429) if window.exceeded else handler(request, user)
        response.headers.update(window.headers())
        return response

    def _drop(self) -> None:
        """Close the socket without a word, as a dead load balancer would."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _send(self, response: Response) -> None:
        payload = response.payload()
        self.send_response(response.status)
        if payload:
            self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)


def page(app: App, request: Request) -> Response:
    parts = [p for p in request.path.split("/") if p]
    if not parts:
        return timeline.index(app.store)
    if len(parts) == 2 and parts[0] == "media" and parts[1].isdigit():
        found = app.store.media_bytes(int(parts[1]))
        if found is None:
            return timeline.missing("Image introuvable.")
        content_type, data = found
        return Response(
            200, raw=data, content_type=content_type, headers={"Cache-Control": "max-age=3600"}
        )
    if len(parts) == 1 and USERNAME.match(parts[0]):
        return timeline.account(app.store, parts[0])
    if len(parts) == 3 and parts[1] == "status" and parts[2].isdigit():
        # The address `publish` prints for a post sent here: its place in the timeline.
        user = app.store.user_by_username(parts[0])
        sent = app.store.post(int(parts[2]))
        if user is None or sent is None or sent.user_id != user.id:
            return timeline.missing("Cette publication n'existe pas dans le bac à sable.")
        return Response(302, headers={"Location": f"/{user.username}#post-{sent.id}"})
    return timeline.missing("Cette page n'existe pas.")


# The admin API: unsigned JSON, for tests, the demo and trainers.


def _admin_json(request: Request) -> Any:
    if not request.body:
        return {}
    return request.json()


def _user_json(user: User, credentials: Credentials | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"id": str(user.id), "username": user.username, "name": user.name}
    if credentials is not None:
        data["credentials"] = asdict(credentials)
    return data


def admin(app: App, request: Request) -> Response:
    handler = ADMIN_ROUTES.get(f"{request.method} {request.path.rstrip('/')}")
    if handler is None:
        return not_found(request.path)
    try:
        return handler(app, request)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return invalid("The request body is not valid JSON.")


def _cleared(clear: Callable[[], None]) -> Response:
    clear()
    return Response(200, {"data": {"cleared": True}})


def _reset(app: App, request: Request) -> Response:
    app.reset()
    return Response(200, {"data": {"reset": True}})


def _add_fault(app: App, request: Request) -> Response:
    try:
        fault = app.faults.add(parse_fault(_admin_json(request)))
    except FaultError as exc:
        return invalid(str(exc))
    return Response(201, {"data": fault.as_json()})


def _requests(app: App, request: Request) -> Response:
    params = request.params()
    entries = app.faults.requests(params.get("method"), params.get("path"))
    return Response(200, {"data": [e.as_json() for e in entries]})


def _rate_limit(app: App, request: Request) -> Response:
    body = _admin_json(request)
    if not isinstance(body, dict):
        return invalid("a JSON object is expected")
    limit, window = body.get("limit"), body.get("window", 900)
    if not isinstance(limit, int) or not isinstance(window, int) or limit < 0 or window < 1:
        return invalid("limit (>= 0) and window (seconds, >= 1) must be integers")
    try:
        app.limits.enforce(
            f"{str(body.get('method', '')).upper()} {body.get('path')}", limit, window
        )
    except ValueError as exc:
        return invalid(str(exc))
    return Response(201, {"data": {"limit": limit, "window": window}})


def _add_user(app: App, request: Request) -> Response:
    body = _admin_json(request)
    if not isinstance(body, dict) or not isinstance(body.get("username"), str):
        return invalid("username is required")
    username = body["username"]
    if not USERNAME.match(username):
        return invalid("username: 1 to 15 letters, digits or _", {"username": [username]})
    name = body.get("name")
    if name is not None and not isinstance(name, str):
        return invalid("name must be a string")
    keys = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")
    given = [k for k in keys if k in body]
    if given and (
        len(given) != len(keys) or not all(isinstance(body[k], str) and body[k] for k in keys)
    ):
        return invalid(f"give all four of {', '.join(keys)}, or none")
    user = app.store.ensure_user(username, name)
    credentials = Credentials(*(body[k] for k in keys)) if given else sandbox_credentials(username)
    if given:
        app.store.add_credentials(user, credentials)
    return Response(201, {"data": _user_json(user, credentials)})


def _posts(app: App, username: str | None) -> Response:
    users = {u.id: u for u in app.store.users()}
    data = []
    for post in app.store.all_posts():
        owner = users.get(post.user_id)
        if owner is None or (username is not None and owner.username.lower() != username.lower()):
            continue
        item = app.api.tweet_json(
            post,
            {
                "created_at",
                "conversation_id",
                "in_reply_to_user_id",
                "referenced_tweets",
                "attachments",
                "reply_settings",
                "author_id",
            },
        )
        item["username"] = owner.username
        item["raw_text"] = post.text
        item["deleted_at"] = post.deleted_at
        media = [app.store.media(m) for m in post.media_ids]
        item["media"] = [
            {"id": str(m.id), "media_key": m.media_key, "alt_text": m.alt_text, "size": m.size}
            for m in media
            if m is not None
        ]
        data.append(item)
    return Response(200, {"data": data})


AdminHandler = Callable[[App, Request], Response]
ADMIN_ROUTES: dict[str, AdminHandler] = {
    "GET /_sandbox": lambda app, request: Response(
        200, {"data": {"endpoints": sorted(ADMIN_ROUTES)}}
    ),
    "POST /_sandbox/reset": _reset,
    "POST /_sandbox/faults": _add_fault,
    "GET /_sandbox/faults": lambda app, request: Response(
        200, {"data": [f.as_json() for f in app.faults.pending()]}
    ),
    "DELETE /_sandbox/faults": lambda app, request: _cleared(app.faults.clear),
    "GET /_sandbox/requests": _requests,
    "DELETE /_sandbox/requests": lambda app, request: _cleared(app.faults.clear_requests),
    "POST /_sandbox/users": _add_user,
    "GET /_sandbox/users": lambda app, request: Response(
        200, {"data": [_user_json(u) for u in app.store.users()]}
    ),
    "GET /_sandbox/posts": lambda app, request: _posts(app, request.params().get("username")),
    "POST /_sandbox/rate-limits": _rate_limit,
    "DELETE /_sandbox/rate-limits": lambda app, request: _cleared(app.limits.clear),
}


class SandboxServer(ThreadingHTTPServer):
    # Handler threads are joined on close; stop() first shuts their sockets.
    daemon_threads = False
    block_on_close = True

    def __init__(self, port: int, store: Store, on_request: RequestListener | None) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.app = App(store, f"http://127.0.0.1:{self.server_address[1]}", on_request)
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Silent when a client went away (a killed publisher): that is not a sandbox bug."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def track(self, connection: socket.socket, *, add: bool) -> None:
        with self._connections_lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class Sandbox:
    """A running sandbox: ``url``, the helpers tests use, ``stop()``; a context manager."""

    def __init__(
        self, port: int = 0, db: Path | None = None, on_request: RequestListener | None = None
    ) -> None:
        self.db = db
        self.store = Store(db)
        try:
            self._server = SandboxServer(port, self.store, on_request)
        except BaseException:
            self.store.close()
            raise
        self.port: int = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"gazouille-sandbox-{self.port}",
            daemon=True,
        )
        self._thread.start()
        self._stopped = False

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._server.app.stopping.set()
        self._server.shutdown()
        self._server.close_connections()
        self._server.server_close()
        self._thread.join()
        self.store.close()

    # Helpers for tests and the demo, over the admin API's own code paths.

    def timeline_url(self, username: str | None = None) -> str:
        return f"{self.url}/{username}" if username else f"{self.url}/"

    def env(self, prefix: str, username: str) -> dict[str, str]:
        """``GAZOUILLE_X_API_URL``, ``GAZOUILLE_X_SITE_URL`` (the addresses printed for the
        posts sent) and the four credentials of ``prefix`` acting as ``username``."""
        return {
            "GAZOUILLE_X_API_URL": self.url,
            "GAZOUILLE_X_SITE_URL": self.url,
            **sandbox_credentials(username).env(prefix),
        }

    def credentials(self, username: str) -> Credentials:
        """The convenience credentials acting as ``username`` (created on first use)."""
        return sandbox_credentials(username)

    def add_user(
        self, username: str, name: str | None = None, credentials: Credentials | None = None
    ) -> User:
        """Create (or rename) ``username``; ``credentials`` also map those four values to it."""
        if not USERNAME.match(username):
            raise ValueError(f"invalid X username {username!r}")
        user = self.store.ensure_user(username, name)
        if credentials is not None:
            self.store.add_credentials(user, credentials)
        return user

    def user(self, username: str) -> User | None:
        return self.store.user_by_username(username)

    def inject(
        self,
        method: str = "POST",
        path: str = "/2/tweets",
        *,
        status: int | None = None,
        times: int = 1,
        delay: float = 0.0,
        after_commit: bool = False,
        drop: bool = False,
        reset_in: int = 900,
    ) -> Fault:
        """Fail the next ``times`` requests matching ``method`` and ``path`` (a glob)."""
        raw: dict[str, Any] = {
            "method": method,
            "path": path,
            "status": status,
            "times": times,
            "delay": delay,
            "after_commit": after_commit,
            "drop": drop,
            "reset_in": reset_in,
        }
        return self._server.app.faults.add(parse_fault(raw))

    def clear_faults(self) -> None:
        """Forget the faults not used up yet."""
        self._server.app.faults.clear()

    def limit(self, method: str, path: str, limit: int, window: int = 900) -> None:
        """Enforce a rate limit on a route (``"POST", "/2/tweets"``): 429 past ``limit``."""
        self._server.app.limits.enforce(f"{method.upper()} {path}", limit, window)

    def requests(self, method: str | None = None, path: str | None = None) -> list[dict[str, Any]]:
        """The API requests received so far, oldest first, as ``GET /_sandbox/requests`` lists them."""
        return [e.as_json() for e in self._server.app.faults.requests(method, path)]

    def clear_requests(self) -> None:
        self._server.app.faults.clear_requests()

    def posts(self, username: str | None = None) -> list[dict[str, Any]]:
        """Every post, deleted ones included (``deleted_at``), as ``GET /_sandbox/posts``."""
        data: list[dict[str, Any]] = _posts(self._server.app, username).body["data"]
        return data

    def reset(self) -> None:
        """Forget everything: users, posts, media, faults, the log and rate limits."""
        self._server.app.reset()


def start(
    port: int = 0, db: Path | None = None, *, on_request: RequestListener | None = None
) -> Sandbox:
    """Serve the sandbox on 127.0.0.1:``port`` (0: any free port) in a background thread.

    ``db`` is the SQLite file (created if needed); None keeps everything in memory.
    """
    return Sandbox(port, Path(db) if db is not None else None, on_request)
