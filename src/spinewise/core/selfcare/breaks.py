"""Movement breaks: when to take them, and a 1-2 minute routine to do at the desk.

Sitting still for long spells is hard on backs; the advice is to get up and
move every 30-60 minutes. Break times follow real elapsed time from the start of
work, so they stay evenly spaced even across a DST change in a night shift.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from .. import vocab
from ..errors import InputError
from ..exercises import Exercise, Library
from ..model import ProgrammeItem, estimate_minutes
from ._fields import Fields
from ._time import WEEKDAYS, local_instant, zone

INTERVAL_BOUNDS = (30, 60)
DEFAULT_INTERVAL = 45
# A break in the last few minutes of work is pointless: the person is about to stop.
END_MARGIN = timedelta(minutes=10)

BREAK_SECONDS = (60, 120)
TARGET_SECONDS = 90
MAX_EXERCISES = 3
DESK_POSITIONS = ("standing", "seated")
GENTLE_MODALITIES = ("mobility", "stretch", "breathing")
REGION_WORDS = {
    "neck": "neck",
    "upper_back": "upper back",
    "mid_back": "mid back",
    "lower_back": "lower back",
}


@dataclass(frozen=True)
class BreakSettings:
    """Working hours (local wall clock), break interval in minutes (30-60) and
    working days (0 = Monday ... 6 = Sunday). ``end`` before ``start`` means the
    working day runs past midnight (a night shift)."""

    start: time
    end: time
    interval_minutes: int = DEFAULT_INTERVAL
    days: tuple[int, ...] = (0, 1, 2, 3, 4)

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
            "interval_minutes": self.interval_minutes,
            "days": [WEEKDAYS[d] for d in self.days],
        }


def working_minutes(start: time, end: time) -> int:
    """Minutes on the wall clock from ``start`` to ``end``, past midnight if needed."""
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return minutes if minutes > 0 else minutes + 24 * 60


def parse_days(f: Fields, name: str, default: Sequence[str]) -> tuple[int, ...]:
    """Weekday names (``mon``-``sun``) as sorted numbers, 0 = Monday; never empty."""
    if name not in f.raw:
        return tuple(sorted(WEEKDAYS.index(d) for d in default))
    names = f.choices(name, WEEKDAYS, allow_empty=False)
    return tuple(sorted(WEEKDAYS.index(d) for d in names))


def break_settings_from_dict(data: Any, prefix: str = "breaks.") -> BreakSettings:
    """Validate ``{"start": "HH:MM", "end": "HH:MM", "interval_minutes": 30-60,
    "days": ["mon", ...]}`` (interval defaults to 45, days to Monday-Friday)."""
    f = Fields(data, prefix)
    f.exact_keys(("start", "end"), ("interval_minutes", "days"))
    start, end = f.clock("start"), f.clock("end")
    if start == end:
        raise f.error("end", "must differ from the start of the working day")
    interval = f.integer("interval_minutes", *INTERVAL_BOUNDS, default=DEFAULT_INTERVAL)
    if working_minutes(start, end) <= interval:
        raise f.error("end", f"working hours are shorter than the {interval}-minute interval")
    return BreakSettings(start, end, interval, parse_days(f, "days", WEEKDAYS[:5]))


def break_times(settings: BreakSettings, day: date, tz: tzinfo | str) -> list[datetime]:
    """Movement-break times for the working day that starts on ``day``, as aware
    datetimes in ``tz``: one every ``interval_minutes`` of elapsed time after the
    start, none in the last 10 minutes of work. Empty on non-working days."""
    zone_ = zone(tz) if isinstance(tz, str) else tz
    if day.weekday() not in settings.days:
        return []
    begin = local_instant(day, settings.start, zone_).astimezone(UTC)
    end_day = day + timedelta(days=1) if settings.overnight else day
    finish = local_instant(end_day, settings.end, zone_).astimezone(UTC)
    step = timedelta(minutes=settings.interval_minutes)
    times = []
    at = begin + step
    while at <= finish - END_MARGIN:
        times.append(at.astimezone(zone_))
        at += step
    return times


@dataclass(frozen=True)
class BreakRoutine:
    """A 1-2 minute desk routine. ``seconds`` counts the exercises (with ~10 s to
    get set for each) plus ``walk_seconds`` of walking that tops it up when needed."""

    items: tuple[ProgrammeItem, ...]
    walk_seconds: int
    seconds: int
    reason: str

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 2)

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [item.to_dict() for item in self.items],
            "walk_seconds": self.walk_seconds,
            "seconds": self.seconds,
            "reason": self.reason,
        }


def _validated(values: Iterable[str], allowed: Sequence[str], field: str) -> frozenset[str]:
    if isinstance(values, str):
        raise InputError(field, "must be a list")
    result = frozenset(values)
    for v in sorted(result):
        if v not in allowed:
            raise InputError(field, f"unknown value {v!r}; expected one of {', '.join(allowed)}")
    return result


def desk_candidates(
    library: Library,
    conditions: frozenset[str],
    equipment: frozenset[str],
    gentle_only: bool = False,
) -> list[Exercise]:
    """Exercises safe for this person to do at a desk, with what they own."""
    return [
        ex
        for ex in library
        if ex.desk_friendly
        and ex.position in DESK_POSITIONS
        and not conditions & set(ex.contraindications)
        and set(ex.equipment) <= equipment
        and (not gentle_only or ex.modality in GENTLE_MODALITIES)
    ]


def _break_dose(ex: Exercise) -> tuple[str, int, int]:
    """(level, amount, amount_max) for one short set at the lowest level the exercise has."""
    level = next(lvl for lvl in vocab.LEVELS if lvl in ex.doses)
    dose = ex.doses[level]
    return level, dose.amount.low, dose.amount.high


def _seconds(ex: Exercise, amount: int) -> int:
    return round(estimate_minutes(ex, 1, amount, 0) * 60)


def _rotation(exercises: list[Exercise], seed: int, day: date) -> list[Exercise]:
    """A per-person order (from ``seed``), started at a different place each day."""
    if not exercises:
        return []
    ordered = sorted(
        exercises, key=lambda ex: hashlib.sha256(f"{seed}:{ex.id}".encode()).hexdigest()
    )
    k = day.toordinal() % len(ordered)
    return ordered[k:] + ordered[:k]


def choose_break_routine(
    library: Library,
    regions: Iterable[str],
    conditions: Iterable[str] = (),
    equipment: Iterable[str] = (),
    *,
    day: date,
    seed: int = 0,
    gentle_only: bool = False,
) -> BreakRoutine:
    """A 60-120 second movement break from desk-friendly exercises.

    Never picks an exercise contraindicated by ``conditions`` or needing
    equipment outside ``equipment``; prefers exercises for the person's
    ``regions``; uses one short set at the lowest level; varies with ``day``.
    ``gentle_only`` keeps to mobility, stretches and breathing (e.g. until a
    clinician has cleared the person). Recent spinal surgery gives a walk only.
    """
    wanted = _validated(regions, vocab.REGIONS, "regions")
    if not wanted:
        raise InputError("regions", "must name at least one region")
    conds = _validated(conditions, vocab.CONTRAINDICATIONS, "conditions")
    owned = _validated(equipment, vocab.EQUIPMENT, "equipment")
    if "recent_spinal_surgery" in conds:
        reason = (
            "After spinal surgery your clinician chooses your exercises, so your break "
            "is a gentle walk: to fetch some water, or just round the room."
        )
        return BreakRoutine((), TARGET_SECONDS, TARGET_SECONDS, reason)
    pool = desk_candidates(library, conds, owned, gentle_only)
    matching = [ex for ex in pool if wanted & set(ex.regions)]
    others = [ex for ex in pool if not wanted & set(ex.regions)]
    ordered = _rotation(matching, seed, day) + _rotation(others, seed, day)
    picked = _fill(ordered)
    return _routine(picked, wanted)


def _fill(ordered: list[Exercise]) -> list[tuple[Exercise, int]]:
    picked: list[tuple[Exercise, int]] = []
    total = 0
    for ex in ordered:
        if len(picked) == MAX_EXERCISES or total >= TARGET_SECONDS:
            break
        amount = _break_dose(ex)[1]
        if total + _seconds(ex, amount) <= BREAK_SECONDS[1]:
            picked.append((ex, amount))
            total += _seconds(ex, amount)
    # Too short: add repetitions or hold time, staying within the beginner range.
    for i, (ex, amount) in enumerate(picked):
        high = _break_dose(ex)[2]
        while total < BREAK_SECONDS[0] and amount < high:
            extra = _seconds(ex, amount + 1) - _seconds(ex, amount)
            if total + extra > BREAK_SECONDS[1]:
                break
            amount, total = amount + 1, total + extra
        picked[i] = (ex, amount)
    return picked


def _routine(picked: list[tuple[Exercise, int]], regions: frozenset[str]) -> BreakRoutine:
    items = []
    for ex, amount in picked:
        level = _break_dose(ex)[0]
        item = ProgrammeItem(
            exercise_id=ex.id,
            level=level,
            sets=1,
            rest_seconds=0,
            minutes=estimate_minutes(ex, 1, amount, 0),
            reason="One short set for a movement break.",
        )
        items.append(item.with_amount(ex, amount))
    work = sum(_seconds(ex, amount) for ex, amount in picked)
    walk = 0 if work >= BREAK_SECONDS[0] else (TARGET_SECONDS if not items else 60 - work)
    where = " and ".join(REGION_WORDS[r] for r in vocab.REGIONS if r in regions)
    if not items:
        reason = (
            "A short walk is your break today: fetch some water, or walk round the room "
            "and loosen up as you go."
        )
    else:
        reason = f"A quick break for your {where}, done standing or sitting at your desk."
        if walk:
            reason += " Finish with a short walk to make up the time."
    return BreakRoutine(tuple(items), walk, work + walk, reason)
