"""Mirror the YAML exercise library into the database (``manage.py sync_exercises``)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from spinewise.core.exercises import Library, load_library

from .content import exercise_content
from .models import Exercise


@dataclass(frozen=True)
class SyncReport:
    created: int
    updated: int
    unchanged: int
    removed: int


@transaction.atomic
def sync_library(library: Library | None = None) -> SyncReport:
    """Create or update one row per exercise; mark rows whose file is gone.

    Idempotent: a second run changes nothing. Never touches ``enabled``: that is the
    admin's decision.
    """
    library = library or load_library()
    existing = {row.slug: row for row in Exercise.objects.all()}
    created = updated = unchanged = 0
    now = timezone.now()
    for ex in library:
        content = exercise_content(ex)
        digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
        fields = {
            "name": ex.name,
            "summary": ex.summary,
            "modality": ex.modality,
            "tracking": ex.tracking,
            "regions": list(ex.regions),
            "equipment": list(ex.equipment),
            "content": content,
            "content_hash": digest,
            "in_library": True,
        }
        row = existing.pop(ex.id, None)
        if row is None:
            Exercise.objects.create(slug=ex.id, synced_at=now, **fields)
            created += 1
        elif row.content_hash != digest or not row.in_library:
            for key, value in fields.items():
                setattr(row, key, value)
            row.synced_at = now
            row.save()
            updated += 1
        else:
            unchanged += 1
    removed = Exercise.objects.filter(slug__in=list(existing), in_library=True).update(
        in_library=False, synced_at=now
    )
    return SyncReport(created, updated, unchanged, removed)
