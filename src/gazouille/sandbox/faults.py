"""What tests make the sandbox do wrong, and what it saw: faults and the request log.

Both live in memory: they describe one test run, not the account.
"""

from __future__ import annotations

import fnmatch
import itertools
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any

MAX_LOG = 10_000
ERROR_STATUSES = (400, 401, 403, 404, 429, 500, 502, 503, 504)


@dataclass
class Fault:
    """One injected failure, applied to the next ``times`` matching requests.

    ``path`` is a shell-style pattern (``/2/tweets``, ``/2/tweets/*``); ``method``
    ``*`` matches any. Without ``status`` nor ``drop``, only ``delay`` applies.
    ``after_commit`` lets the request do its work first, then fails the answer:
    X posted it but the client never learnt so.
    """

    method: str = "POST"
    path: str = "/2/tweets"
    status: int | None = None
    times: int = 1
    delay: float = 0.0
    after_commit: bool = False
    drop: bool = False
    reset_in: int = 900
    id: int = 0
    applied: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (self.method == "*" or self.method.upper() == method.upper()) and (
            fnmatch.fnmatchcase(path, self.path)
        )

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class FaultError(ValueError):
    """A fault description that cannot be applied."""


def parse_fault(raw: object) -> Fault:
    if not isinstance(raw, dict):
        raise FaultError("a fault is a JSON object")
    known = {"method", "path", "status", "times", "delay", "after_commit", "drop", "reset_in"}
    unknown = set(raw) - known
    if unknown:
        raise FaultError(f"unknown fault fields: {', '.join(sorted(unknown))}")
    fault = Fault()
    if "method" in raw:
        fault.method = str(raw["method"]).upper()
    if "path" in raw:
        fault.path = str(raw["path"])
    status = raw.get("status")
    if status is not None:
        if not isinstance(status, int) or status not in ERROR_STATUSES:
            raise FaultError(f"status must be one of {ERROR_STATUSES}")
        fault.status = status
    for name in ("times", "reset_in"):
        if name in raw:
            value = raw[name]
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise FaultError(f"{name} must be a non-negative integer")
            setattr(fault, name, value)
    if "delay" in raw:
        delay = raw["delay"]
        if not isinstance(delay, int | float) or isinstance(delay, bool) or delay < 0:
            raise FaultError("delay must be a non-negative number of seconds")
        fault.delay = float(delay)
    for name in ("after_commit", "drop"):
        if name in raw:
            if not isinstance(raw[name], bool):
                raise FaultError(f"{name} must be true or false")
            setattr(fault, name, raw[name])
    if fault.status is None and not fault.drop and not fault.delay:
        raise FaultError("give a status, drop or delay")
    return fault


@dataclass
class LoggedRequest:
    id: int
    time: str
    method: str
    path: str
    query: dict[str, str]
    json: Any = None
    form: dict[str, Any] | None = None
    user: str | None = None
    status: int | None = None
    dropped: bool = False
    fault: int | None = None
    response: Any = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Faults:
    """The pending faults and the log, shared by every request thread."""

    _faults: list[Fault] = field(default_factory=list)
    _log: list[LoggedRequest] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _log_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            fault.id = next(self._ids)
            self._faults.append(fault)
        return fault

    def pending(self) -> list[Fault]:
        with self._lock:
            return [f for f in self._faults if f.times > f.applied]

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault matching the request, counted as applied."""
        with self._lock:
            for fault in self._faults:
                if fault.applied < fault.times and fault.matches(method, path):
                    fault.applied += 1
                    return fault
        return None

    def log(self, entry: LoggedRequest) -> LoggedRequest:
        with self._lock:
            entry.id = next(self._log_ids)
            self._log.append(entry)
            if len(self._log) > MAX_LOG:  # a trainer's sandbox may run for days
                del self._log[: len(self._log) - MAX_LOG]
        return entry

    def requests(self, method: str | None = None, path: str | None = None) -> list[LoggedRequest]:
        with self._lock:
            return [
                e
                for e in self._log
                if (method is None or e.method == method.upper())
                and (path is None or fnmatch.fnmatchcase(e.path, path))
            ]

    def clear_requests(self) -> None:
        with self._lock:
            self._log.clear()


def reset_epoch(reset_in: int) -> int:
    """``x-rate-limit-reset``: the UTC epoch second when the window reopens."""
    return int(time.time()) + reset_in
