"""gazouille: tweets as code for the public accounts of French police departments."""

from __future__ import annotations

__version__ = "0.1.0"
