"""A small stand-in for the X API v2 on pytest-httpserver, recording what it receives.

Tests queue faults (``fake.fail("create", 503)``) and then assert on
``fake.tweets`` (what exists on the account) and ``fake.calls`` (every request).
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from gazouille import clock

CONSUMER_KEY = "cle-test"
USER_ID = "4400"
USERNAME = "PNationale44"


@dataclass
class Fault:
    status: int = 503
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    create_first: bool = False  # the post exists although the answer says otherwise
    delay: float = 0.0  # then answer late (past the client's timeout)
    kill: Any = (
        None  # pid (or an object with __index__) to SIGKILL after the post exists, before answering
    )


@dataclass
class FakeX:
    server: HTTPServer
    tweets: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[dict[str, Any]] = field(default_factory=list)
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    hidden_once: set[str] = field(default_factory=set)
    media: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_id: int = 1000
    latency: float = 0.0  # seconds every answer takes, so that concurrent runs overlap

    @property
    def url(self) -> str:
        return self.server.url_for("").rstrip("/")

    def install(self) -> FakeX:
        self.server.expect_request(re.compile(".*")).respond_with_handler(self.handle)
        return self

    # -- what tests use ------------------------------------------------------

    def fail(self, endpoint: str, status: int = 503, times: int = 1, **kwargs: Any) -> None:
        for _ in range(times):
            self.faults.setdefault(endpoint, []).append(Fault(status=status, **kwargs))

    def live(self) -> list[dict[str, Any]]:
        return [t for t in self.tweets.values() if not t["deleted"]]

    def creates(self) -> list[dict[str, Any]]:
        return [c for c in self.calls if c["endpoint"] == "create"]

    def add(self, text: str, reply_to: str | None = None) -> str:
        """A post made on the account outside gazouille (by hand, or by a lost run)."""
        with self.lock:
            return self._create(
                {"text": text, "reply": {"in_reply_to_tweet_id": reply_to} if reply_to else None}
            )

    # -- the server ----------------------------------------------------------

    def handle(self, request: Request) -> Response:
        endpoint, args = self._route(request)
        call = {"endpoint": endpoint, "method": request.method, "path": request.path, **args}
        if request.is_json:
            call["json"] = request.get_json()
        if request.files:
            call["form"] = dict(request.form)
            call["files"] = {k: v.read() for k, v in request.files.items()}
        call["authorization"] = request.headers.get("Authorization", "")
        with self.lock:
            self.calls.append(call)
        time.sleep(self.latency)
        if f'oauth_consumer_key="{CONSUMER_KEY}"' not in call["authorization"]:
            return _json({"title": "Unauthorized", "status": 401, "detail": "Unauthorized"}, 401)
        queue = self.faults.get(endpoint) or []
        fault = queue.pop(0) if queue else None
        if fault is not None:
            result = None
            if fault.create_first and endpoint == "create":
                with self.lock:
                    result = self._create(call["json"])
            if fault.kill is not None:
                os.kill(int(fault.kill), signal.SIGKILL)
            if fault.delay:
                time.sleep(fault.delay)
            if fault.status < 300 and result is not None:
                return _json({"data": {"id": result, "text": call["json"]["text"]}}, 201)
            body = fault.body or {
                "title": "Service Unavailable",
                "detail": "Service Unavailable",
                "status": fault.status,
            }
            return _json(body, fault.status, fault.headers)
        return self._answer(endpoint, args, call)

    def _route(self, request: Request) -> tuple[str, dict[str, Any]]:
        path = request.path
        if path == "/2/tweets" and request.method == "POST":
            return "create", {}
        if m := re.fullmatch(r"/2/tweets/(\w+)", path):
            return "delete", {"id": m.group(1)}
        if path == "/2/users/me":
            return "me", {}
        if m := re.fullmatch(r"/2/users/(\w+)/tweets", path):
            return "timeline", {"user": m.group(1), "query": dict(request.args)}
        if path == "/2/media/upload":
            return "upload", {}
        if path == "/2/media/metadata":
            return "metadata", {}
        return "unknown", {}

    def _answer(self, endpoint: str, args: dict[str, Any], call: dict[str, Any]) -> Response:
        with self.lock:
            if endpoint == "create":
                body = call["json"]
                for tweet in self.live():
                    if tweet["text"] == body["text"]:
                        return _json(
                            {
                                "title": "Forbidden",
                                "status": 403,
                                "detail": "You are not allowed to create a Tweet with duplicate content.",
                            },
                            403,
                        )
                new_id = self._create(body)
                return _json({"data": {"id": new_id, "text": body["text"]}}, 201)
            if endpoint == "delete":
                tweet = self.tweets.get(args["id"])
                if tweet is None or tweet["deleted"]:
                    return _json({"title": "Not Found", "status": 404, "detail": "Not Found"}, 404)
                tweet["deleted"] = True
                return _json({"data": {"deleted": True}}, 200)
            if endpoint == "me":
                return _json({"data": {"id": USER_ID, "username": USERNAME, "name": "PN 44"}}, 200)
            if endpoint == "timeline":
                limit = int(args["query"].get("max_results", 10))
                shown = [t for t in reversed(self.live()) if t["id"] not in self.hidden_once]
                self.hidden_once.clear()
                data = [
                    {
                        "id": t["id"],
                        "text": t["text"],
                        "created_at": t["created_at"],
                        **(
                            {"referenced_tweets": [{"type": "replied_to", "id": t["reply_to"]}]}
                            if t["reply_to"]
                            else {}
                        ),
                    }
                    for t in shown[:limit]
                ]
                return _json({"data": data, "meta": {"result_count": len(data)}}, 200)
            if endpoint == "upload":
                media_id = str(self.next_id)
                self.next_id += 1
                self.media[media_id] = {"bytes": call["files"]["media"], "form": call["form"]}
                return _json({"data": {"id": media_id, "media_key": f"3_{media_id}"}}, 200)
            if endpoint == "metadata":
                body = call["json"]
                self.media[body["id"]]["alt"] = body["metadata"]["alt_text"]["text"]
                return _json({"data": {"associated_metadata": True}}, 200)
        return _json({"title": "Not Found", "status": 404}, 404)

    def _create(self, body: dict[str, Any]) -> str:
        new_id = str(self.next_id)
        self.next_id += 1
        reply = (body.get("reply") or {}).get("in_reply_to_tweet_id")
        self.tweets[new_id] = {
            "id": new_id,
            "text": body["text"],
            "reply_to": reply,
            "media_ids": (body.get("media") or {}).get("media_ids", []),
            "reply_settings": body.get("reply_settings"),
            "created_at": clock.now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
            "deleted": False,
        }
        return new_id


def _json(body: Any, status: int, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(body), status=status, headers=headers or {}, content_type="application/json"
    )


def credentials(account: str) -> dict[str, str]:
    """The four X secrets of ``account`` (``pn44``, ``pn06``…), as the fake accepts them."""
    prefix = f"GAZOUILLE_{account.upper()}_X_"
    return {
        f"{prefix}API_KEY": CONSUMER_KEY,
        f"{prefix}API_SECRET": "secret-test",
        f"{prefix}ACCESS_TOKEN": "jeton-test",
        f"{prefix}ACCESS_TOKEN_SECRET": "jeton-secret-test",
    }


def env_for(url: str, **extra: str) -> dict[str, str]:
    """The environment of a publish run against ``url`` with pn44's secrets, retries made instant."""
    env = {
        "GAZOUILLE_X_API_URL": url,
        **credentials("pn44"),
        "GAZOUILLE_X_BACKOFF": "0.001",
        "GAZOUILLE_X_TIMEOUT": "5",
        "GAZOUILLE_X_RETRIES": "3",
    }
    env.update(extra)
    return env
