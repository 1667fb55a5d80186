"""A local stand-in for the part of the X API v2 gazouille uses.

``start()`` serves it on 127.0.0.1 in a background thread; ``gazouille sandbox``
serves it in the foreground. See docs/sandbox.md for the endpoints, the
credentials it accepts and the admin API tests use to inject failures.
"""

from __future__ import annotations

from gazouille.sandbox.faults import Fault
from gazouille.sandbox.server import (
    CONSUMER_KEY,
    CONSUMER_SECRET,
    TOKEN_PREFIX,
    TOKEN_SECRET,
    Sandbox,
    sandbox_credentials,
    start,
)
from gazouille.sandbox.store import Credentials, User

__all__ = [
    "CONSUMER_KEY",
    "CONSUMER_SECRET",
    "TOKEN_PREFIX",
    "TOKEN_SECRET",
    "Credentials",
    "Fault",
    "Sandbox",
    "User",
    "sandbox_credentials",
    "start",
]
