"""Plain dictionaries of an exercise's content for the database mirror and the player."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from spinewise.core.exercises import Exercise


def exercise_content(ex: Exercise) -> dict[str, Any]:
    data = asdict(ex)
    data["doses"] = {
        level: {
            "sets": [d.sets.low, d.sets.high],
            ex.amount_key: [d.amount.low, d.amount.high],
            "rest_seconds": d.rest_seconds,
        }
        for level, d in ex.doses.items()
    }
    return data
