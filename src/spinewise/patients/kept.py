"""Answers kept in the cache under the patients' revisions they were worked out from.

A kept answer is found again only while none of its patients' records changed (see
``patients.revision``: every write to a patient-owned object gives a new revision) and on
the same local day (day-based steps: a weekly check-in falling due, a morning check, a
caseload patient going quiet). So it never hides new data: a red flag, a session or a new
programme version makes the next read work the answer out afresh. The revisions are read
before the answer is worked out, so a kept answer is never older than its key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

from django.core.cache import cache

T = TypeVar("T")

KEEP_SECONDS = 24 * 3600  # a new day makes a new key anyway


def revisions_key(kind: str, owner: int, day: date, revisions: Iterable[tuple[int, int]]) -> str:
    """A cache key for ``kind`` (e.g. "today") of ``owner`` on ``day`` from (patient id,
    revision) pairs; hashed, as a caseload has many."""
    stamp = hashlib.blake2b(digest_size=16)
    for patient_id, revision in sorted(revisions):
        stamp.update(f"{patient_id}:{revision};".encode())
    return f"spinewise:{kind}:{owner}:{day.isoformat()}:{stamp.hexdigest()}"


def kept(key: str, work_out: Callable[[], T]) -> T:
    """The answer kept under ``key``, or ``work_out()`` kept there now."""
    found: Any = cache.get(key)
    if found is None:
        found = work_out()
        cache.set(key, found, KEEP_SECONDS)
    return found  # type: ignore[no-any-return]
