"""Value objects passed between the planner, the progression engine and the apps.

A :class:`ProgrammeItem` is one exercise at one dose inside a session. The
planner creates them, the progression engine returns the next one, the web
application stores them (``to_dict``) and reads them back (``from_dict``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from . import vocab
from .errors import InputError
from .exercises import AMOUNT_BOUNDS, REST_BOUNDS, SETS_BOUNDS, Exercise, Library


@dataclass(frozen=True)
class ProgrammeItem:
    """One exercise at one dose.

    Exactly one of ``reps`` (per set), ``hold_seconds`` (per hold, seconds) or
    ``breaths`` (per set) is set, matching the exercise's tracking.
    ``band_level`` is the person's own band name, for band and cord exercises only.
    ``minutes`` is the estimated duration including rest. ``locked`` means a
    clinician froze the dose: the engine never changes it.
    """

    exercise_id: str
    level: str
    sets: int
    rest_seconds: int
    minutes: float
    reason: str
    reps: int | None = None
    hold_seconds: int | None = None
    breaths: int | None = None
    band_level: str | None = None
    locked: bool = False

    @property
    def amount(self) -> int:
        """Reps, hold seconds or breaths: whichever this item tracks."""
        for value in (self.reps, self.hold_seconds, self.breaths):
            if value is not None:
                return value
        raise ValueError("item has no amount")  # impossible for a validated item

    def with_amount(self, exercise: Exercise, amount: int, **changes: Any) -> ProgrammeItem:
        updates: dict[str, Any] = {exercise.amount_key: amount, **changes}
        return replace(self, **updates)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "exercise_id": self.exercise_id,
            "level": self.level,
            "sets": self.sets,
        }
        for key in ("reps", "hold_seconds", "breaths"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        data["band_level"] = self.band_level
        data["rest_seconds"] = self.rest_seconds
        data["minutes"] = self.minutes
        data["reason"] = self.reason
        data["locked"] = self.locked
        return data


def estimate_minutes(exercise: Exercise, sets: int, amount: int, rest_seconds: int) -> float:
    """Estimated minutes for ``sets`` sets of ``amount`` (reps, hold s or breaths).

    Counts both sides for one-sided exercises, rest between sets and ~10 s to set up.
    """
    per_set = amount * (exercise.seconds_per_rep if exercise.tracking != "hold" else 1)
    sides = 2 if exercise.per_side else 1
    seconds = sets * per_set * sides + max(sets * sides - 1, 0) * rest_seconds + 10
    return round(seconds / 60, 2)


def _int(data: Mapping[str, Any], key: str, prefix: str, low: int, high: int) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{prefix}{key}", "must be a whole number")
    if not low <= value <= high:
        raise InputError(f"{prefix}{key}", f"{value} is out of range {low}-{high}")
    return value


def item_from_dict(data: Any, library: Library, prefix: str = "item.") -> ProgrammeItem:
    """Validate and build a :class:`ProgrammeItem`; InputError names the bad field."""
    if not isinstance(data, Mapping):
        raise InputError(prefix.rstrip("."), "must be an object")
    ex = library.get(data.get("exercise_id"), field=f"{prefix}exercise_id")  # type: ignore[arg-type]
    level = data.get("level", "beginner")
    if level not in vocab.LEVELS:
        raise InputError(f"{prefix}level", f"must be one of {', '.join(vocab.LEVELS)}")
    amount_key = ex.amount_key
    for other in ("reps", "hold_seconds", "breaths"):
        if other != amount_key and data.get(other) is not None:
            raise InputError(f"{prefix}{other}", f"{ex.id} is tracked by {amount_key}, not {other}")
    sets = _int(data, "sets", prefix, *SETS_BOUNDS)
    amount = _int(data, amount_key, prefix, *AMOUNT_BOUNDS[ex.tracking])
    rest = _int(
        {"rest_seconds": data.get("rest_seconds", 30)}, "rest_seconds", prefix, *REST_BOUNDS
    )
    band = data.get("band_level")
    if band is not None and (not isinstance(band, str) or not band.strip()):
        raise InputError(f"{prefix}band_level", "must be the name of a band level")
    locked = data.get("locked", False)
    if not isinstance(locked, bool):
        raise InputError(f"{prefix}locked", "must be true or false")
    reason = data.get("reason", "")
    if not isinstance(reason, str):
        raise InputError(f"{prefix}reason", "must be text")
    return ProgrammeItem(
        exercise_id=ex.id,
        level=level,
        sets=sets,
        rest_seconds=rest,
        minutes=estimate_minutes(ex, sets, amount, rest),
        reason=reason,
        band_level=band if ex.uses_band_level else None,
        locked=locked,
        **{amount_key: amount},
    )


@dataclass(frozen=True)
class Decision:
    """A reasoned decision: ``kind`` is a short code, ``reason`` plain language."""

    kind: str
    reason: str
    details: Mapping[str, Any] = field(default_factory=dict)
