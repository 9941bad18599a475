"""The progression engine's decisions, in the order of the rules in
:mod:`spinewise.core.progression` (read its docstring first).

Part of the progression engine's contract; import from :mod:`spinewise.core.progression`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from .model import ProgrammeItem
from .progression_dates import (
    GAP_BACK_DAYS,
    GAP_RESTART_DAYS,
    Gap,
    find_gap,
    step_wait,
    week_on_week,
)
from .progression_logs import ExerciseLog
from .progression_rules import (
    EASY_RPE,
    HARD_RPE,
    STRUGGLE_SESSIONS,
    Limits,
    completed,
    flare_up,
    morning,
    rising,
    shortfall,
    usual_for,
)
from .progression_steps import (
    Context,
    describe_changes,
    step_back,
    step_up_options,
    switch_to,
    trim_to_fit,
)

DECISIONS = ("progress", "hold", "regress", "replace", "pause")
QUALIFYING_SESSIONS = 2  # sessions in a row that met every rule before a step up


@dataclass(frozen=True)
class Progression:
    """The engine's answer: ``decision`` one of :data:`DECISIONS`, the next ``item`` (None
    when removed), a plain-language ``reason`` naming the numbers, the ``changes`` made,
    ``alert_clinician`` and ``flare_up`` (the whole programme's progression must pause)."""

    decision: str
    item: ProgrammeItem | None
    reason: str
    alert_clinician: bool = False
    changes: tuple[str, ...] = ()

    @property
    def flare_up(self) -> bool:
        return self.decision == "pause"

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "item": self.item.to_dict() if self.item is not None else None,
            "reason": self.reason,
            "alert_clinician": self.alert_clinician,
            "changes": list(self.changes),
        }


def decide(
    ctx: Context,
    item: ProgrammeItem,
    logs: Sequence[ExerciseLog],
    earlier_logs: Sequence[ExerciseLog],
    *,
    pain_ceiling: int,
    usual_pain: int | None,
    today: date | None,
    last_changed_on: date | None,
) -> Progression:
    """The decision for validated input (see :func:`spinewise.core.progression.progress_item`)."""
    ex = ctx.exercise
    if logs and logs[-1].sharp_pain:
        return _replace(ctx, item, f"You felt sharp pain during {ex.name}.", alert=True)
    ruled_out = _ruled_out(ctx)
    if ruled_out:
        return _replace(
            ctx, item, ruled_out, alert=bool(ctx.conditions & set(ex.contraindications))
        )
    if item.locked:
        return _locked(item, logs, pain_ceiling)
    every = (*earlier_logs, *logs)
    if not logs:
        gap = find_gap(every, today, last_changed_on)
        if gap is not None:
            return _after_gap(ctx, item, gap)
        return Progression("hold", item, "No session logged at this dose yet: keep this dose.")
    limits = Limits(pain_ceiling, usual_for(every, usual_pain), ctx.band_levels)
    week = week_on_week(every, today)
    result = _decide(ctx, item, logs, every, limits, today, last_changed_on, week)
    if week is None:
        return result
    before, last = week
    told = (
        f" Your pain the next morning rose week on week (on average {last:.1f}/10 in the last "
        f"7 days, {before:.1f}/10 the 7 days before), so your clinician will be told."
    )
    return replace(result, reason=result.reason + told, alert_clinician=True)


def _ruled_out(ctx: Context) -> str:
    ex = ctx.exercise
    clash = sorted(ctx.conditions & set(ex.contraindications))
    if clash:
        return f"{ex.name} is not suitable with {', '.join(c.replace('_', ' ') for c in clash)}."
    if ctx.equipment is not None and not set(ex.equipment) <= ctx.equipment:
        missing = sorted(set(ex.equipment) - ctx.equipment)
        return f"{ex.name} needs equipment you do not have ({', '.join(m.replace('_', ' ') for m in missing)})."
    return ""


def _replace(ctx: Context, item: ProgrammeItem, why: str, *, alert: bool) -> Progression:
    told = " Your clinician will be told." if alert else ""
    until = " until your clinician has reviewed it" if alert else ""
    if item.locked:
        return Progression(
            "hold",
            item,
            f"{why} Your clinician locked this exercise, so it stays in your programme until "
            f"they review it; do not do it again until then.{told}",
            alert_clinician=True,
        )
    easier = ctx.neighbour(ctx.exercise.easier)
    if easier is None:
        return Progression(
            "replace",
            None,
            f"{why} Stop this exercise: there is no easier version that suits you, so it is "
            f"removed from your programme{until}.{told}",
            alert_clinician=alert,
        )
    band = ctx.band_levels[0] if ctx.band_levels else item.band_level
    new = trim_to_fit(ctx, item, switch_to(item, easier, band))
    return Progression(
        "replace",
        new,
        f"{why} Stop this exercise; it is replaced by an easier one, {easier.name}.{told}",
        alert_clinician=alert,
        changes=describe_changes(item, new, ctx.library),
    )


def _locked(item: ProgrammeItem, logs: Sequence[ExerciseLog], pain_ceiling: int) -> Progression:
    over = bool(logs) and logs[-1].pain_during > pain_ceiling
    extra = " Your pain went above your limit, so your clinician will be told." if over else ""
    return Progression(
        "hold", item, f"Your clinician has locked this exercise at this dose.{extra}", over
    )


def _decide(
    ctx: Context,
    item: ProgrammeItem,
    logs: Sequence[ExerciseLog],
    every: Sequence[ExerciseLog],
    limits: Limits,
    today: date | None,
    last_changed_on: date | None,
    week: tuple[float, float] | None,
) -> Progression:
    latest = logs[-1]
    flare = flare_up(every)
    if flare:
        return _pause(ctx, item, flare)
    gap = find_gap(every, today, last_changed_on)
    if gap is not None:
        return _after_gap(ctx, item, gap)
    if latest.pain_during > limits.ceiling:
        why = f"Pain during the exercise ({latest.pain_during}/10) went above your limit of {limits.ceiling}/10."
        return _regress(ctx, item, why)
    status, morning_why = morning(latest, limits)
    if status == "worse":
        return _regress(ctx, item, morning_why)
    banded = ctx.exercise.uses_band_level
    recent = logs[-STRUGGLE_SESSIONS:]
    if len(recent) == STRUGGLE_SESSIONS and not any(
        completed(item, log, limits.bands, banded) for log in recent
    ):
        why = f"You could not finish this dose in the last {STRUGGLE_SESSIONS} sessions."
        return _regress(ctx, item, why)
    finished = completed(item, latest, limits.bands, banded)
    if finished and latest.rpe >= HARD_RPE:
        why = f"The effort was {latest.rpe}/10, very hard ({HARD_RPE}/10 or more), even though you finished the dose."
        return _regress(ctx, item, why)
    if not finished:
        return Progression(
            "hold",
            item,
            f"You did not finish the whole dose last time ({_done_words(ctx, item, latest)}): "
            "keep it until you can.",
        )
    if status != "settled":
        return Progression("hold", item, morning_why)
    if week is not None:
        return Progression("hold", item, "Nothing steps up while your pain is rising week on week.")
    trend = rising(every)
    if trend:
        return Progression("hold", item, trend)
    if latest.rpe > EASY_RPE:
        return Progression(
            "hold",
            item,
            f"The effort was {latest.rpe}/10: keep this dose until it feels easy "
            f"({EASY_RPE}/10 or less).",
        )
    if len(logs) < QUALIFYING_SESSIONS:
        return Progression(
            "hold",
            item,
            f"This session went well. A dose steps up after {QUALIFYING_SESSIONS} good sessions "
            "in a row (pain within your limit, settled by the next morning, easy effort): "
            "keep this dose for one more.",
        )
    before = shortfall(item, logs[-2], limits, banded)
    if before:
        return Progression(
            "hold",
            item,
            f"This session went well, but the one before did not count ({before}). A dose "
            f"steps up after {QUALIFYING_SESSIONS} good sessions in a row: keep this dose for "
            "one more.",
        )
    wait = step_wait(logs, today, last_changed_on)
    if wait:
        return Progression("hold", item, f"Your last two sessions went well. {wait}")
    return _progress(ctx, item, logs[-QUALIFYING_SESSIONS:], limits)


def _done_words(ctx: Context, item: ProgrammeItem, log: ExerciseLog) -> str:
    """E.g. "8, 6 reps of 2 x 10"; or the easier band used."""
    unit = {"reps": "reps", "hold": "s", "breaths": "breaths"}[ctx.exercise.tracking]
    done = ", ".join(str(n) for n in log.done) or "nothing"
    words = f"{done} {unit} of {item.sets} x {item.amount}"
    if log.band_level and item.band_level and log.band_level != item.band_level:
        words += f", with the {log.band_level} band instead of {item.band_level}"
    return words


def _pause(ctx: Context, item: ProgrammeItem, flare: str) -> Progression:
    lowered = step_back(ctx, item)
    new = trim_to_fit(ctx, item, lowered) if lowered is not None else item
    changes = describe_changes(item, new, ctx.library)
    eased = f" This exercise steps back ({', '.join(changes)})." if changes else ""
    return Progression(
        "pause",
        new,
        f"{flare}: this looks like a flare-up. Progression of your whole programme is paused "
        f"until your pain settles or your clinician lifts the pause.{eased} Your clinician "
        "will be told. Read the flare-up lesson and answer the warning-sign questions again.",
        alert_clinician=True,
        changes=changes,
    )


def _after_gap(ctx: Context, item: ProgrammeItem, gap: Gap) -> Progression:
    until = "today" if gap.to_today else f"your session on {gap.end.isoformat()}"
    since = f"It was {gap.days} days from {gap.start.isoformat()} to {until} without this exercise"
    if gap.restart:
        band = ctx.band_levels[0] if ctx.band_levels else item.band_level
        entry = replace(switch_to(item, ctx.exercise, band), reason=item.reason)
        entry = trim_to_fit(ctx, item, entry)
        changes = describe_changes(item, entry, ctx.library)
        # Below the starting dose already (stepped back below the range): never raise it.
        below = entry.sets > item.sets or entry.amount > item.amount
        if not changes or below:
            return Progression(
                "hold", item, f"{since}; this is already at or below the starting dose: keep it."
            )
        return Progression(
            "regress",
            entry,
            f"{since} ({GAP_RESTART_DAYS} days or more), so it starts again at its starting "
            f"dose: {', '.join(changes)}.",
            changes=changes,
        )
    return _regress(ctx, item, f"{since} ({GAP_BACK_DAYS}-{GAP_RESTART_DAYS - 1} days).")


def _regress(ctx: Context, item: ProgrammeItem, why: str) -> Progression:
    new = step_back(ctx, item)
    if new is None:
        return _replace(ctx, item, f"{why} This is already the smallest dose.", alert=True)
    new = trim_to_fit(ctx, item, new)
    changes = describe_changes(item, new, ctx.library)
    return Progression(
        "regress", new, f"{why} The dose steps back: {', '.join(changes)}.", changes=changes
    )


def _progress(
    ctx: Context, item: ProgrammeItem, good: Sequence[ExerciseLog], limits: Limits
) -> Progression:
    options = step_up_options(ctx, item)
    usual = next(options, None)
    if usual is None:
        return Progression(
            "hold",
            item,
            "You have reached the top of this exercise and there is no harder step that suits "
            "you: keep it up as it is, and ask your clinician for a new challenge.",
        )
    usual_changes = ", ".join(describe_changes(item, usual, ctx.library))
    new = usual if ctx.fits(item, usual) else next((o for o in options if ctx.fits(item, o)), None)
    if new is None:
        return Progression("hold", item, _no_room(usual_changes))
    changes = describe_changes(item, new, ctx.library)
    why = _good_sessions(good, limits)
    if new is not usual:
        why += (
            f" The usual next step ({usual_changes}) would make your session longer than "
            "the time you chose, so a harder version takes its place."
        )
    return Progression("progress", new, f"{why} Next step: {', '.join(changes)}.", changes=changes)


def _good_sessions(good: Sequence[ExerciseLog], limits: Limits) -> str:
    def listed(values: Sequence[int | None]) -> str:
        return " and ".join(f"{v}/10" for v in values)

    usual = f", your usual pain {limits.usual}/10" if limits.usual is not None else ""
    return (
        f"Your last {len(good)} sessions went well: pain during {listed([g.pain_during for g in good])} "
        f"(your limit {limits.ceiling}/10), next morning {listed([g.pain_next_morning for g in good])}"
        f"{usual}, effort {listed([g.rpe for g in good])}."
    )


def _no_room(step: str) -> str:
    return (
        f"You're ready for more, but the next step ({step}) would make your session longer "
        "than the time you chose. Keep this dose for now: it still does you good. If you want "
        "more of a challenge, choose longer sessions when you next update your answers."
    )
