"""X's per-user rate-limit windows and their ``x-rate-limit-*`` headers.

Every answer carries the headers, counted against X's documented 15-minute
user limits; a limit is only enforced (429) once a test sets it through
``POST /_sandbox/rate-limits``, so that a long demo never trips by surprise.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

WINDOW = 900
DEFAULT_LIMITS = {
    "POST /2/tweets": 100,
    "DELETE /2/tweets/:id": 50,
    "GET /2/tweets/:id": 900,
    "GET /2/users/me": 75,
    "GET /2/users/:id/tweets": 900,
    "POST /2/media/upload": 500,
    "POST /2/media/metadata": 500,
}


@dataclass(frozen=True)
class Window:
    limit: int
    remaining: int
    reset: int
    exceeded: bool

    def headers(self) -> dict[str, str]:
        return {
            "x-rate-limit-limit": str(self.limit),
            "x-rate-limit-remaining": str(self.remaining),
            "x-rate-limit-reset": str(self.reset),
        }


class RateLimits:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._enforced: dict[str, tuple[int, int]] = {}
        self._counters: dict[tuple[int, str], tuple[float, int]] = {}

    def enforce(self, route: str, limit: int, window: int = WINDOW) -> None:
        if route not in DEFAULT_LIMITS:
            raise ValueError(f"unknown route {route!r}; known: {', '.join(DEFAULT_LIMITS)}")
        with self._lock:
            self._enforced[route] = (limit, window)

    def clear(self) -> None:
        with self._lock:
            self._enforced.clear()
            self._counters.clear()

    def hit(self, user_id: int, route: str) -> Window:
        """Count one request of ``user_id`` on ``route``; ``exceeded`` when it must get a 429."""
        now = time.time()
        with self._lock:
            limit, window = self._enforced.get(route, (DEFAULT_LIMITS.get(route, 900), WINDOW))
            start, count = self._counters.get((user_id, route), (now, 0))
            if now - start >= window:
                start, count = now, 0
            exceeded = route in self._enforced and count >= limit
            if not exceeded:
                count += 1
            self._counters[(user_id, route)] = (start, count)
        remaining = max(limit - count, 0)
        return Window(limit, remaining, int(start + window), exceeded)
