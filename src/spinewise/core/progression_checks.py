"""Argument checks for the progression engine; InputError names the bad field.

Part of the progression engine's contract; import from :mod:`spinewise.core.progression`.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Any

from . import vocab
from .errors import InputError
from .progression_logs import DONE_FOR, DONE_KEYS, ExerciseLog

# What a request may give as the minutes an item may take (a session lasts 10-60 minutes).
MINUTES_AVAILABLE_BOUNDS = (1, 120)


def check_arguments(
    pain_ceiling: int,
    usual_pain: int | None,
    equipment: Collection[str] | None,
    conditions: Collection[str],
    minutes_available: float | None,
) -> None:
    """Pain ceiling and usual pain 0-10, known equipment and conditions, minutes >= 0."""
    for field, value in (("pain_ceiling", pain_ceiling), ("usual_pain", usual_pain)):
        if value is None and field == "usual_pain":
            continue
        if not vocab.is_nrs(value):
            raise InputError(field, "must be a whole number 0-10")
    for field, values, allowed in (
        ("equipment", equipment or (), vocab.EQUIPMENT),
        ("conditions", conditions, vocab.CONTRAINDICATIONS),
    ):
        for i, v in enumerate(values):
            if v not in allowed:
                raise InputError(
                    f"{field}[{i}]", f"unknown value {v!r}; expected one of {', '.join(allowed)}"
                )
    if minutes_available is not None and (
        not _is_number(minutes_available) or minutes_available < 0
    ):
        raise InputError("minutes_available", "must be a number of minutes, 0 or more")


def check_tracking(tracking: str, log: ExerciseLog, name: str) -> None:
    """The log (``name``, e.g. ``logs[2]``) gives amounts of the kind the exercise tracks
    (reps, hold seconds, breaths)."""
    expected = DONE_FOR[tracking]
    for key in DONE_KEYS:
        if key != expected and getattr(log, key) is not None:
            raise InputError(f"{name}.{key}", f"this exercise is tracked by {expected}")


def minutes_from_request(value: Any) -> float | None:
    """A request's ``minutes_available``: absent (None) or a number of minutes, 1-120."""
    if value is None:
        return None
    if not _is_number(value):
        raise InputError("minutes_available", "must be a number of minutes")
    low, high = MINUTES_AVAILABLE_BOUNDS
    if not low <= value <= high:
        raise InputError("minutes_available", f"{value} is out of range {low}-{high} minutes")
    return float(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
