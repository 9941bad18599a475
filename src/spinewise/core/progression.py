"""The progression engine: an item and how the last sessions went in, the next dose out.

Rules (CLINICAL.md section 4, pain-monitoring model and double progression), first match wins:

1. Sharp, shooting or radiating pain in the latest session -> ``replace`` with the first easier
   neighbour the person may do (conditions, equipment), or remove the exercise when there is
   none; always ``alert_clinician``. A locked item is kept as it is, still with the alert.
2. The exercise is ruled out by the person's conditions or equipment -> ``replace`` likewise.
3. A locked item (a clinician froze the dose) -> ``hold``; never a dose change.
4. Pain during the latest session above the ceiling (default 5/10), or next-morning pain
   ``SETTLE_MARGIN`` (2) or more points above baseline (not settled) -> ``regress`` one step.
5. The prescribed dose not completed in each of the last ``STRUGGLE_SESSIONS`` (3) sessions
   -> ``regress`` one step: a dose the person can finish.
6. The dose not completed last time -> ``hold``.
7. Pain rising session on session (two rises in a row, or a jump of 2+ points), during the
   exercise or the next morning -> ``hold``.
8. Effort above ``EASY_RPE`` (RPE 5/10, about 3 or more reps in reserve) -> ``hold``.
9. Otherwise -> ``progress`` one step (see :mod:`progression_steps`). When the person's time
   is short (``minutes_available``) the step must fit it: at the top of the amount range a set
   that does not fit gives way to the next band level or the harder variation; more reps (or
   seconds, or breaths) are added only if they fit; with no step that fits -> ``hold``, saying
   the session has no room. A dose that steps back or replaces an exercise is trimmed (fewer
   sets, then a smaller amount) to fit the time as well.

So the dose never rises when pain exceeded the ceiling, when next-morning pain had not
settled, or when the dose was not completed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import InputError
from .exercises import Library, load_library
from .model import ProgrammeItem, item_from_dict
from .planner import band_levels_from
from .progression_checks import (
    MINUTES_AVAILABLE_BOUNDS,
    check_arguments,
    check_tracking,
    minutes_from_request,
)
from .progression_logs import ExerciseLog, log_from_dict
from .progression_steps import (
    Context,
    describe_changes,
    step_back,
    step_up_options,
    switch_to,
    trim_to_fit,
)

EASY_RPE = 5
SETTLE_MARGIN = 2
STRUGGLE_SESSIONS = 3


@dataclass(frozen=True)
class Progression:
    """The engine's answer: ``decision`` progress / hold / regress / replace, the next
    ``item`` (None when removed), a plain-language ``reason`` and the ``changes`` made."""

    decision: str
    item: ProgrammeItem | None
    reason: str
    alert_clinician: bool = False
    changes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "item": self.item.to_dict() if self.item is not None else None,
            "reason": self.reason,
            "alert_clinician": self.alert_clinician,
            "changes": list(self.changes),
        }


def progress_item(
    item: ProgrammeItem,
    logs: Sequence[ExerciseLog],
    *,
    pain_ceiling: int = 5,
    baseline_pain: int | None = None,
    band_levels: Sequence[str] = (),
    library: Library | None = None,
    equipment: Collection[str] | None = None,
    conditions: Collection[str] = (),
    minutes_available: float | None = None,
) -> Progression:
    """Decide the next dose of ``item`` from ``logs`` (oldest first; the latest drives it).

    ``pain_ceiling`` 0-10: the most pain during exercise that is acceptable (default 5/10).
    ``baseline_pain`` 0-10: the person's usual pain; when None, the lowest next-morning pain
    of the earlier logs stands in, and without one only next-morning pain above the ceiling
    counts as not settled. ``band_levels`` the person's bands, easiest first. ``equipment``
    (None: unknown) and ``conditions`` restrict which neighbour exercises may be offered.
    Pass the logs since the dose last changed; older ones only add to the pain trend.
    ``minutes_available`` (minutes, 0 or more; None: no limit) is the most this item may
    take: the person's session length plus 5 % less the other items' estimated minutes (see
    :func:`spinewise.core.session_time.minutes_available_for`). A new dose never takes longer
    than that, unless it takes no longer than the current dose or is the smallest easier dose.
    """
    lib = library if library is not None else load_library()
    ex = lib.get(item.exercise_id, field="item.exercise_id")
    check_arguments(pain_ceiling, baseline_pain, equipment, conditions, minutes_available)
    if isinstance(band_levels, str):
        raise InputError("band_levels", "must be a list of band level names, easiest first")
    for i, log in enumerate(logs):
        check_tracking(ex.tracking, log, i)
    ctx = Context(
        library=lib,
        exercise=ex,
        band_levels=band_levels_from(list(band_levels)),
        equipment=None if equipment is None else frozenset(equipment),
        conditions=frozenset(conditions),
        minutes_available=minutes_available,
    )
    if logs and logs[-1].sharp_pain:
        return _replace(ctx, item, f"You felt sharp pain during {ex.name}.", alert=True)
    ruled_out = _ruled_out(ctx)
    if ruled_out:
        return _replace(
            ctx, item, ruled_out, alert=bool(ctx.conditions & set(ex.contraindications))
        )
    if item.locked:
        return _locked(item, logs, pain_ceiling)
    if not logs:
        return Progression("hold", item, "No session logged yet: keep this dose.")
    return _decide(ctx, item, logs, pain_ceiling, baseline_pain)


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
    pain_ceiling: int,
    baseline_pain: int | None,
) -> Progression:
    latest = logs[-1]
    not_settled = _not_settled(logs, pain_ceiling, baseline_pain)
    if latest.pain_during > pain_ceiling:
        why = f"Pain during the exercise ({latest.pain_during}/10) went above your limit of {pain_ceiling}/10."
        return _regress(ctx, item, why)
    if not_settled:
        return _regress(ctx, item, not_settled)
    recent = logs[-STRUGGLE_SESSIONS:]
    if len(recent) == STRUGGLE_SESSIONS and not any(_completed(item, log, ctx) for log in recent):
        why = f"You could not finish this dose in the last {STRUGGLE_SESSIONS} sessions."
        return _regress(ctx, item, why)
    if not _completed(item, latest, ctx):
        return Progression(
            "hold", item, "You did not finish the whole dose last time: keep it until you can."
        )
    rising = _rising(logs)
    if rising:
        return Progression("hold", item, rising)
    if latest.rpe > EASY_RPE:
        return Progression(
            "hold",
            item,
            f"The effort was {latest.rpe}/10: keep this dose until it feels easy "
            f"({EASY_RPE}/10 or less).",
        )
    return _progress(ctx, item, latest)


def _not_settled(logs: Sequence[ExerciseLog], pain_ceiling: int, baseline: int | None) -> str:
    morning = logs[-1].pain_next_morning
    if morning is None:
        return ""
    if baseline is None:
        earlier = [log.pain_next_morning for log in logs[:-1] if log.pain_next_morning is not None]
        baseline = min(earlier) if earlier else None
    if baseline is not None and morning >= baseline + SETTLE_MARGIN:
        return (
            f"Pain the next morning ({morning}/10) had not settled: it was {morning - baseline} "
            f"points above your usual {baseline}/10."
        )
    if baseline is None and morning > pain_ceiling:
        return f"Pain the next morning ({morning}/10) was above your limit of {pain_ceiling}/10."
    return ""


def _completed(item: ProgrammeItem, log: ExerciseLog, ctx: Context) -> bool:
    done = log.done
    if log.sets_done < item.sets or len(done) < item.sets:
        return False
    if any(amount < item.amount for amount in done[: item.sets]):
        return False
    return not _easier_band(ctx, item.band_level, log.band_level)


def _easier_band(ctx: Context, prescribed: str | None, used: str | None) -> bool:
    levels = ctx.band_levels
    if prescribed not in levels or used not in levels:
        return False
    return levels.index(used) < levels.index(prescribed)


def _rising(logs: Sequence[ExerciseLog]) -> str:
    during = [log.pain_during for log in logs]
    morning = [log.pain_next_morning for log in logs if log.pain_next_morning is not None]
    for values, what in ((during, "during the exercise"), (morning, "the next morning")):
        if len(values) >= 2 and values[-1] > values[-2]:
            jump = values[-1] - values[-2] >= 2
            twice = len(values) >= 3 and values[-2] > values[-3]
            if jump or twice:
                return f"Your pain {what} has been rising from session to session: keep this dose until it settles."
    return ""


def _regress(ctx: Context, item: ProgrammeItem, why: str) -> Progression:
    new = step_back(ctx, item)
    if new is None:
        return _replace(ctx, item, f"{why} This is already the smallest dose.", alert=True)
    new = trim_to_fit(ctx, item, new)
    changes = describe_changes(item, new, ctx.library)
    return Progression(
        "regress", new, f"{why} The dose steps back: {', '.join(changes)}.", changes=changes
    )


def _progress(ctx: Context, item: ProgrammeItem, latest: ExerciseLog) -> Progression:
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
    settled = " and settled by the next morning" if latest.pain_next_morning is not None else ""
    why = f"Pain stayed within your limit{settled}, and the effort was easy ({latest.rpe}/10)."
    if new is not usual:
        why += (
            f" The usual next step ({usual_changes}) would make your session longer than "
            "the time you chose, so a harder version takes its place."
        )
    return Progression("progress", new, f"{why} Next step: {', '.join(changes)}.", changes=changes)


def _no_room(step: str) -> str:
    return (
        f"You're ready for more, but the next step ({step}) would make your session longer "
        "than the time you chose. Keep this dose for now: it still does you good. If you want "
        "more of a challenge, choose longer sessions when you next update your answers."
    )


def progress_from_dict(data: Any, library: Library | None = None) -> Progression:
    """Validate a whole progression request (as the CLI and API receive it) and decide.

    Keys: ``item`` (a programme item), ``logs`` (list, oldest first), optional
    ``pain_ceiling``, ``baseline_pain``, ``band_levels``, ``equipment``, ``conditions``,
    ``minutes_available`` (minutes, 1-120: the most this item may take in its session).
    """
    if not isinstance(data, Mapping):
        raise InputError("input", "must be an object")
    allowed = (
        "item",
        "logs",
        "pain_ceiling",
        "baseline_pain",
        "band_levels",
        "equipment",
        "conditions",
        "minutes_available",
    )
    for key in data:
        if key not in allowed:
            raise InputError(str(key), "unknown field")
    lib = library if library is not None else load_library()
    item = item_from_dict(data.get("item"), lib, prefix="item.")
    raw_logs = data.get("logs", [])
    if not isinstance(raw_logs, list):
        raise InputError("logs", "must be a list of session logs, oldest first")
    logs = [log_from_dict(raw, f"logs[{i}].") for i, raw in enumerate(raw_logs)]
    equipment = data.get("equipment")
    conditions = data.get("conditions", [])
    for field, value in (("equipment", equipment), ("conditions", conditions)):
        if value is not None and not isinstance(value, list):
            raise InputError(field, "must be a list")
    return progress_item(
        item,
        logs,
        pain_ceiling=data.get("pain_ceiling", 5),
        baseline_pain=data.get("baseline_pain"),
        band_levels=band_levels_from(data.get("band_levels", [])),
        library=lib,
        equipment=equipment,
        conditions=conditions,
        minutes_available=minutes_from_request(data.get("minutes_available")),
    )


__all__ = [
    "EASY_RPE",
    "MINUTES_AVAILABLE_BOUNDS",
    "SETTLE_MARGIN",
    "STRUGGLE_SESSIONS",
    "ExerciseLog",
    "Progression",
    "log_from_dict",
    "progress_from_dict",
    "progress_item",
]
