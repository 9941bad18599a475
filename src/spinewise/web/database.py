"""What the database said, read the same way everywhere."""

from __future__ import annotations

from django.db import OperationalError


def database_busy(exc: BaseException) -> bool:
    """SQLite refused a write for its single write lock: a write that waited its whole turn
    and gave up, or a deferred transaction whose reads someone else's commit made stale.
    The transaction was rolled back, so trying again is safe."""
    text = str(exc).lower()
    return isinstance(exc, OperationalError) and ("locked" in text or "busy" in text)
