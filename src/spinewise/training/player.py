"""The data island the guided player reads (see training/static/spinewise/player/main.js)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from spinewise.core.exercises import load_library
from spinewise.programmes.models import PlannedSession


def session_data(session: PlannedSession) -> dict[str, Any]:
    library = load_library()
    pain_limit = session.version.programme.patient.pain_ceiling
    items = []
    for index, item in enumerate(session.items.all()):
        if item.exercise_id not in library:
            continue
        ex = library.get(item.exercise_id)
        items.append(
            {
                "index": index,
                "exercise_id": ex.id,
                "name": ex.name,
                "tracking": ex.tracking,
                "sets": item.sets,
                "reps": item.reps,
                "hold_seconds": item.hold_seconds,
                "breaths": item.breaths,
                "rest_seconds": item.rest_seconds,
                "band_level": item.band_level,
                "per_side": ex.per_side,
                "seconds_per_rep": ex.seconds_per_rep,
                "instructions": {
                    "setup": ex.instructions.setup,
                    "steps": list(ex.instructions.steps),
                    "breathing": ex.instructions.breathing,
                },
                "feel": ex.feel,
                "stop_if": list(ex.stop_signs(pain_limit)),
                "figure_url": reverse("exercises:animated", args=[ex.id]),
                "reason": item.reason,
            }
        )
    return {"title": session.title, "items": items}
