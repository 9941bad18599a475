"""Session logs: how one session of one exercise went, validated from JSON.

Part of the progression engine's contract; import from :mod:`spinewise.core.progression`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .errors import InputError

DONE_KEYS = ("reps_done", "hold_seconds_done", "breaths_done")
DONE_FOR = {"reps": "reps_done", "hold": "hold_seconds_done", "breaths": "breaths_done"}
DONE_BOUNDS = {"reps_done": 100, "hold_seconds_done": 900, "breaths_done": 100}


@dataclass(frozen=True, kw_only=True)
class ExerciseLog:
    """How one session of one exercise went.

    ``reps_done`` / ``hold_seconds_done`` (seconds) / ``breaths_done``: one number per set
    done, whichever the exercise tracks. ``rpe`` effort 0-10, ``pain_during`` and
    ``pain_next_morning`` pain 0-10 (next morning optional: None when the morning check
    never came), ``sharp_pain`` sharp, shooting or radiating pain during the exercise,
    ``performed_on`` the day of the session (optional; None when not known).
    """

    sets_done: int
    reps_done: tuple[int, ...] | None = None
    hold_seconds_done: tuple[int, ...] | None = None
    breaths_done: tuple[int, ...] | None = None
    band_level: str | None = None
    rpe: int
    pain_during: int
    pain_next_morning: int | None = None
    sharp_pain: bool = False
    performed_on: date | None = None

    @property
    def done(self) -> tuple[int, ...]:
        """Amounts per set, whichever the exercise tracks (empty when no set was done)."""
        return self.reps_done or self.hold_seconds_done or self.breaths_done or ()


def _score(data: Mapping[str, Any], key: str, prefix: str, high: int, required: bool = True) -> Any:
    value = data.get(key)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{prefix}{key}", "must be a whole number")
    if not 0 <= value <= high:
        raise InputError(f"{prefix}{key}", f"{value} is out of range 0-{high}")
    return value


_LOG_FIELDS = (
    "sets_done",
    *DONE_KEYS,
    "band_level",
    "rpe",
    "pain_during",
    "pain_next_morning",
    "sharp_pain",
    "performed_on",
)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(value: Any, field: str) -> date | None:
    """An ISO date (``"2026-12-01"``, or a :class:`datetime.date`) or None; InputError
    naming ``field`` otherwise. A date and time is refused: give the day only."""
    if value is None:
        return None
    if isinstance(value, date) and type(value) is date:
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise InputError(field, f"must be an ISO date like 2026-12-01, not {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(field, f"{value!r} is not a real date") from None


def log_from_dict(data: Any, prefix: str = "logs[0].") -> ExerciseLog:
    """Validate one session log; InputError names the field (e.g. ``logs[2].rpe``).

    ``sets_done`` 0-10; one of the ``*_done`` lists with one whole number per set done;
    ``rpe``, ``pain_during`` 0-10 required; ``pain_next_morning`` 0-10 optional;
    ``sharp_pain`` true/false (default false); ``performed_on`` ISO date (optional).
    """
    if not isinstance(data, Mapping):
        raise InputError(prefix.rstrip("."), "must be an object")
    for key in data:
        if key not in _LOG_FIELDS:
            raise InputError(f"{prefix}{key}", "unknown field")
    sets_done = _score(data, "sets_done", prefix, 10)
    given = [k for k in DONE_KEYS if data.get(k) is not None]
    if len(given) > 1:
        raise InputError(f"{prefix}{given[1]}", f"give only one of {', '.join(DONE_KEYS)}")
    if not given and sets_done:
        raise InputError(f"{prefix}reps_done", f"give one of {', '.join(DONE_KEYS)} per set done")
    lists = {k: _done_list(data[k], f"{prefix}{k}", sets_done, DONE_BOUNDS[k]) for k in given}
    band = data.get("band_level")
    if band is not None and (not isinstance(band, str) or not band.strip()):
        raise InputError(f"{prefix}band_level", "must be the name of a band level")
    sharp = data.get("sharp_pain", False)
    if not isinstance(sharp, bool):
        raise InputError(f"{prefix}sharp_pain", "must be true or false")
    return ExerciseLog(
        sets_done=sets_done,
        band_level=band.strip() if band else None,
        rpe=_score(data, "rpe", prefix, 10),
        pain_during=_score(data, "pain_during", prefix, 10),
        pain_next_morning=_score(data, "pain_next_morning", prefix, 10, required=False),
        sharp_pain=sharp,
        performed_on=parse_date(data.get("performed_on"), f"{prefix}performed_on"),
        **lists,
    )


def _done_list(value: Any, field: str, sets_done: int, high: int) -> tuple[int, ...]:
    if not isinstance(value, list):
        raise InputError(field, "must be a list with one whole number per set")
    if len(value) != sets_done:
        raise InputError(field, f"lists {len(value)} sets but sets_done is {sets_done}")
    for i, v in enumerate(value):
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= high:
            raise InputError(f"{field}[{i}]", f"must be a whole number 0-{high}")
    return tuple(value)
