"""How a dose reads to a person: "2 sets of 10 · red band · rest 30 s"."""

from __future__ import annotations

from typing import Any

from spinewise.core.exercises import load_library


def dose_text(item: Any) -> str:
    """Plain-language dose of a PlannedItem or core ProgrammeItem."""
    library = load_library()
    per_side = item.exercise_id in library and library.get(item.exercise_id).per_side
    side = " each side" if per_side else ""
    sets = f"{item.sets} set{'s' if item.sets != 1 else ''}"
    if item.reps is not None:
        amount = f"{sets} of {item.reps} reps{side}"
    elif item.hold_seconds is not None:
        holds = f"{item.sets} hold{'s' if item.sets != 1 else ''}"
        amount = f"{holds} of {item.hold_seconds} s{side}"
    elif item.breaths is not None:
        amount = f"{sets} of {item.breaths} breaths"
    else:
        amount = sets
    parts = [amount]
    if item.band_level:
        parts.append(f"{item.band_level} band")
    if item.rest_seconds:
        parts.append(f"rest {item.rest_seconds} s")
    return " · ".join(parts)
