"""Dose steps for the progression engine: one step up, one step back, or a neighbour.

Step up (double progression, CLINICAL.md section 4): the amount climbs the exercise's range
(reps and breaths +2, holds along 20 -> 30 -> 45 -> 60 s...), then one more set back at the
bottom of the amount range, then the next band level from the person's own list, then the
harder variation, each of those two restarting at the bottom of the range (fewest sets,
smallest amount). Step back undoes the same ladder in reverse.

When the person's time is short (``Context.minutes_available``), a rung that would make the
item longer than the minutes it may take is skipped: at the top of the amount range the set
rung gives way to the next band level or the harder variation; below the top only more of the
amount is offered, so there is no step when that does not fit. Doses that step back or
replace an exercise are trimmed (fewer sets, then a smaller amount) to fit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from . import vocab
from .exercises import AMOUNT_BOUNDS, Dose, Exercise, Library
from .model import ProgrammeItem, estimate_minutes
from .planning_rules import reason_for, role_of, starting_item
from .session_time import EPSILON

# Hold-time ladder in seconds; a step moves to the next rung within the exercise's range.
HOLD_STEPS = (5, 10, 15, 20, 30, 45, 60, 75, 90, 120, 150, 180, 240, 300)
COUNT_STEP = 2  # reps or breaths added (or removed) per step

UNIT = {"reps": ("reps", ""), "hold": ("hold", " s"), "breaths": ("breaths", "")}


@dataclass(frozen=True)
class Context:
    """What the engine knows about the person beyond the item: bands, equipment, conditions.

    ``equipment`` None means unknown: a neighbour may then only use equipment the current
    exercise already uses (the person evidently has it). ``minutes_available`` is the most
    minutes the item may take in its session (None: no limit).
    """

    library: Library
    exercise: Exercise
    band_levels: tuple[str, ...]
    equipment: frozenset[str] | None
    conditions: frozenset[str]
    minutes_available: float | None = None

    def fits(self, old: ProgrammeItem, new: ProgrammeItem) -> bool:
        """True when ``new`` fits the minutes available, or takes no longer than ``old``
        (a session already over the person's time must not block a step that adds none)."""
        if self.minutes_available is None:
            return True
        return new.minutes <= max(self.minutes_available, old.minutes) + EPSILON

    def allows(self, other: Exercise) -> bool:
        """True when ``other`` suits the person's conditions and equipment and has a dose."""
        if not self.conditions.isdisjoint(other.contraindications) or not other.doses:
            return False
        owned = self.equipment if self.equipment is not None else set(self.exercise.equipment)
        return set(other.equipment) <= owned

    def neighbour(self, ids: Sequence[str]) -> Exercise | None:
        """The first of ``ids`` (easier or harder links) the person may do."""
        for other_id in ids:
            other = self.library.get(other_id)
            if self.allows(other):
                return other
        return None


def dose_near(exercise: Exercise, level: str) -> tuple[str, Dose]:
    """The dose range at ``level``, else the nearest level (easier first) that has one."""
    rank = vocab.LEVELS.index(level)
    by_distance = sorted(range(len(vocab.LEVELS)), key=lambda i: (abs(i - rank), i))
    for candidate in (vocab.LEVELS[i] for i in by_distance):
        dose = exercise.dose_for(candidate)
        if dose is not None:
            return candidate, dose
    raise ValueError(f"{exercise.id} has no dose")  # the loader refuses such exercises


def amount_up(tracking: str, amount: int, ceiling: int) -> int:
    if tracking == "hold":
        return min(next((s for s in HOLD_STEPS if s > amount), ceiling), ceiling)
    return min(amount + COUNT_STEP, ceiling)


def amount_down(tracking: str, amount: int, floor: int) -> int:
    if tracking == "hold":
        return max(next((s for s in reversed(HOLD_STEPS) if s < amount), floor), floor)
    return max(amount - COUNT_STEP, floor)


def _with_dose(
    exercise: Exercise, item: ProgrammeItem, sets: int, amount: int, **changes: Any
) -> ProgrammeItem:
    minutes = estimate_minutes(exercise, sets, amount, item.rest_seconds)
    return item.with_amount(exercise, amount, sets=sets, minutes=minutes, **changes)


def switch_to(item: ProgrammeItem, other: Exercise, band: str | None) -> ProgrammeItem:
    """``other`` at the bottom of its range, at the item's level or the nearest one."""
    level, dose = dose_near(other, item.level)
    return starting_item(other, level, dose, reason_for(other, role_of(other), other.regions), band)


def _band_index(ctx: Context, item: ProgrammeItem) -> int | None:
    if not ctx.exercise.uses_band_level or item.band_level not in ctx.band_levels:
        return None
    return ctx.band_levels.index(item.band_level)


def _start_band(ctx: Context, item: ProgrammeItem) -> str | None:
    return ctx.band_levels[0] if ctx.band_levels else item.band_level


def step_up(ctx: Context, item: ProgrammeItem) -> ProgrammeItem | None:
    """The next harder dose, or None at the top of everything available."""
    return next(step_up_options(ctx, item), None)


def step_up_options(ctx: Context, item: ProgrammeItem) -> Iterator[ProgrammeItem]:
    """Harder doses, the preferred first: the first is the usual step up; the others are the
    rungs above it, for when the person's time does not allow it.

    Below the top of the amount range only more of the amount is offered (reps before sets
    before bands, CLINICAL.md section 4). At the top: one more set, the next band level, the
    harder variation, then the next level's dose of this exercise.
    """
    ex = ctx.exercise
    _, dose = dose_near(ex, item.level)
    if item.amount < dose.amount.high:
        yield _with_dose(ex, item, item.sets, amount_up(ex.tracking, item.amount, dose.amount.high))
        return
    if item.sets < dose.sets.high:
        yield _with_dose(ex, item, item.sets + 1, dose.amount.low)
    band = _band_index(ctx, item)
    if band is not None and band + 1 < len(ctx.band_levels):
        yield _with_dose(
            ex, item, dose.sets.low, dose.amount.low, band_level=ctx.band_levels[band + 1]
        )
    harder = ctx.neighbour(ex.harder)
    if harder is not None:
        yield switch_to(item, harder, _start_band(ctx, item))
    level_up = _level_up(ctx, item)
    if level_up is not None:
        yield level_up


def _level_up(ctx: Context, item: ProgrammeItem) -> ProgrammeItem | None:
    ex = ctx.exercise
    rank = vocab.LEVELS.index(item.level)
    for level in vocab.LEVELS[rank + 1 :]:
        dose = ex.dose_for(level)
        if dose is None:
            continue
        sets = min(max(item.sets, dose.sets.low), dose.sets.high)
        amount = min(max(item.amount, dose.amount.low), dose.amount.high)
        if sets * amount > item.sets * item.amount:
            return _with_dose(ex, item, sets, amount, level=level)
        if amount < dose.amount.high:
            return _with_dose(
                ex, item, sets, amount_up(ex.tracking, amount, dose.amount.high), level=level
            )
        if sets < dose.sets.high:
            return _with_dose(ex, item, sets + 1, dose.amount.low, level=level)
    return None


def step_back(ctx: Context, item: ProgrammeItem) -> ProgrammeItem | None:
    """The next easier dose, or None when nothing easier remains."""
    ex = ctx.exercise
    _, dose = dose_near(ex, item.level)
    if item.amount > dose.amount.low:
        return _with_dose(
            ex, item, item.sets, amount_down(ex.tracking, item.amount, dose.amount.low)
        )
    if item.sets > dose.sets.low:
        return _with_dose(ex, item, item.sets - 1, item.amount)
    band = _band_index(ctx, item)
    if band is not None and band > 0:
        return _with_dose(ex, item, item.sets, item.amount, band_level=ctx.band_levels[band - 1])
    easier = ctx.neighbour(ex.easier)
    if easier is not None:
        return switch_to(item, easier, _start_band(ctx, item))
    return _below_range(ex, item)


def _below_range(ex: Exercise, item: ProgrammeItem) -> ProgrammeItem | None:
    """Below the bottom of the range: a smaller amount, then fewer sets, down to the minimum."""
    floor = AMOUNT_BOUNDS[ex.tracking][0]
    if item.amount > floor:
        return _with_dose(ex, item, item.sets, amount_down(ex.tracking, item.amount, floor))
    if item.sets > 1:
        return _with_dose(ex, item, item.sets - 1, item.amount)
    return None


def trim_to_fit(ctx: Context, old: ProgrammeItem, new: ProgrammeItem) -> ProgrammeItem:
    """``new`` (an easier dose than ``old``) with fewer sets, then a smaller amount, until it
    fits the minutes available; the smallest dose when nothing smaller fits."""
    ex = ctx.library.get(new.exercise_id)
    floor = AMOUNT_BOUNDS[ex.tracking][0]
    while not ctx.fits(old, new):
        if new.sets > 1:
            new = _with_dose(ex, new, new.sets - 1, new.amount)
        elif new.amount > floor:
            new = _with_dose(ex, new, new.sets, amount_down(ex.tracking, new.amount, floor))
        else:
            break
    return new


def describe_changes(old: ProgrammeItem, new: ProgrammeItem, library: Library) -> tuple[str, ...]:
    """Human-readable differences, e.g. ``("reps 10 -> 12",)``."""
    changes: list[str] = []
    if new.exercise_id != old.exercise_id:
        changes.append(f"exercise {old.exercise_id} -> {new.exercise_id}")
    if new.level != old.level:
        changes.append(f"level {old.level} -> {new.level}")
    if new.sets != old.sets:
        changes.append(f"sets {old.sets} -> {new.sets}")
    old_ex, new_ex = library.get(old.exercise_id), library.get(new.exercise_id)
    if new.amount != old.amount or old_ex.tracking != new_ex.tracking:
        old_name, old_unit = UNIT[old_ex.tracking]
        new_name, new_unit = UNIT[new_ex.tracking]
        if old_name == new_name:
            changes.append(f"{old_name} {old.amount}{old_unit} -> {new.amount}{new_unit}")
        else:
            changes.append(
                f"{old_name} {old.amount}{old_unit} -> {new_name} {new.amount}{new_unit}"
            )
    if new.band_level != old.band_level:
        changes.append(f"band {old.band_level or 'none'} -> {new.band_level or 'none'}")
    return tuple(changes)
