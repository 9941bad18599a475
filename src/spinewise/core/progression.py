"""The progression engine: an item and how the last sessions went in, the next dose out.

The pain-monitoring model in full (CLINICAL.md section 4, Silbernagel 2007) with double
progression. Pain and effort are 0-10; dates are calendar days. First match wins:

1. Sharp, shooting or radiating pain in the latest session -> ``replace`` with the first easier
   neighbour the person may do (conditions, equipment), or remove the exercise when there is
   none; always ``alert_clinician``. A locked item is kept as it is, still with the alert.
2. The exercise is ruled out by the person's conditions or equipment -> ``replace`` likewise.
3. A locked item (a clinician froze the dose) -> ``hold``; never a dose change.
4. Flare-up: pain during or the next morning of 7/10 or more in 2 of the last 3 sessions ->
   ``pause``: the dose steps back one step, progression of the whole programme pauses, the
   clinician is told, the flare-up lesson and the warning-sign questions follow.
5. A gap since the exercise was last done: 28 days or more restarts it at its entry dose
   (``regress``), 14-27 days steps back one step.
6. Pain during above the ceiling (default 5/10), or next-morning pain 2 or more points above
   usual pain (not settled) -> ``regress`` one step.
7. The dose not completed in each of the last 3 sessions -> ``regress``.
8. Effort 9-10/10 on a completed dose -> ``regress``.
9. The dose not completed last time -> ``hold``.
10. No next-morning check, or next-morning pain above the ceiling -> ``hold`` (not settled).
11. Mean next-morning pain of the last 7 days 2 or more points above the 7 days before ->
    ``hold`` and ``alert_clinician`` (the alert also goes with any other decision).
12. Pain rising session on session -> ``hold``. Effort 6-8/10 -> ``hold``.
13. Fewer than two sessions in a row at this dose that met every rule with easy effort
    (RPE 5/10 or less) -> ``hold``.
14. The dose changed less than 7 days ago (or that cannot be shown: no dates) -> ``hold``.
15. Otherwise -> ``progress`` one step (see :mod:`progression_steps`). When the person's time
   is short (``minutes_available``) the step must fit it; with no step that fits -> ``hold``.
   A dose that steps back or replaces an exercise is trimmed to fit the time as well.

So the dose never rises when pain exceeded the ceiling, when next-morning pain had not
settled or was not reported, after a flare-up, or more than once in 7 days.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import Any

from . import vocab
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
from .progression_dates import (
    GAP_BACK_DAYS,
    GAP_RESTART_DAYS,
    STEP_DAYS,
    WEEK_RISE,
    check_dates,
)
from .progression_decide import DECISIONS, QUALIFYING_SESSIONS, Progression, decide
from .progression_logs import (
    DONE_BOUNDS,
    DONE_FOR,
    DONE_KEYS,
    ExerciseLog,
    log_from_dict,
    parse_date,
)
from .progression_rules import (
    EASY_RPE,
    FLARE_COUNT,
    FLARE_PAIN,
    FLARE_SESSIONS,
    HARD_RPE,
    SETTLE_MARGIN,
    STRUGGLE_SESSIONS,
)
from .progression_steps import Context


def progress_item(
    item: ProgrammeItem,
    logs: Sequence[ExerciseLog],
    *,
    pain_ceiling: int = 5,
    usual_pain: int | None = None,
    band_levels: Sequence[str] = (),
    library: Library | None = None,
    equipment: Collection[str] | None = None,
    conditions: Collection[str] = (),
    minutes_available: float | None = None,
    today: date | None = None,
    last_changed_on: date | None = None,
    earlier_logs: Sequence[ExerciseLog] = (),
) -> Progression:
    """Decide the next dose of ``item`` from ``logs`` (oldest first; the latest drives it).

    ``logs``: the sessions at the current dose, each with ``performed_on`` (a date) when
    known. ``earlier_logs``: sessions of this exercise at earlier doses, oldest first; they
    count for gaps, flare-ups and the pain trends, never towards a step up.
    ``today``: the date the decision is for (no step up without it). ``last_changed_on``:
    when the current dose began (optional; else the first log at the dose stands in).
    ``pain_ceiling`` 0-10: the most pain during exercise that is acceptable (default 5/10).
    ``usual_pain`` 0-10: the person's usual pain (their latest weekly check-in, else their
    baseline); when None, the lowest next-morning pain of the earlier logs stands in.
    ``band_levels`` the person's bands, easiest first. ``equipment`` (None: unknown) and
    ``conditions`` restrict which neighbour exercises may be offered.
    ``minutes_available`` (minutes, 0 or more; None: no limit) is the most this item may
    take: the person's session length plus 5 % less the other items' estimated minutes (see
    :func:`spinewise.core.session_time.minutes_available_for`). A new dose never takes longer
    than that, unless it takes no longer than the current dose or is the smallest easier dose.
    """
    lib = library if library is not None else load_library()
    ex = lib.get(item.exercise_id, field="item.exercise_id")
    check_arguments(pain_ceiling, usual_pain, equipment, conditions, minutes_available)
    if isinstance(band_levels, str):
        raise InputError("band_levels", "must be a list of band level names, easiest first")
    for prefix, group in (("logs", logs), ("earlier_logs", earlier_logs)):
        for i, log in enumerate(group):
            check_tracking(ex.tracking, log, f"{prefix}[{i}]")
    check_dates(earlier_logs, logs, today, last_changed_on)
    ctx = Context(
        library=lib,
        exercise=ex,
        band_levels=band_levels_from(list(band_levels)),
        equipment=None if equipment is None else frozenset(equipment),
        conditions=frozenset(conditions),
        minutes_available=minutes_available,
    )
    return decide(
        ctx,
        item,
        logs,
        earlier_logs,
        pain_ceiling=pain_ceiling,
        usual_pain=usual_pain,
        today=today,
        last_changed_on=last_changed_on,
    )


REQUEST_FIELDS = (
    "item",
    "logs",
    "earlier_logs",
    "today",
    "last_changed_on",
    "pain_ceiling",
    "usual_pain",
    "baseline_pain",
    "band_levels",
    "equipment",
    "conditions",
    "minutes_available",
)


def progress_from_dict(data: Any, library: Library | None = None) -> Progression:
    """Validate a whole progression request (as the CLI and API receive it) and decide.

    Keys: ``item`` (a programme item), ``logs`` (list, oldest first: the sessions at the
    current dose), optional ``earlier_logs`` (sessions at earlier doses, oldest first),
    ``today`` and ``last_changed_on`` (ISO dates), ``pain_ceiling``, ``usual_pain`` (0-10;
    ``baseline_pain`` is its older name), ``band_levels``, ``equipment``, ``conditions``,
    ``minutes_available`` (minutes, 1-120: the most this item may take in its session).
    Each log may carry ``performed_on`` (ISO date).
    """
    if not isinstance(data, Mapping):
        raise InputError("input", "must be an object")
    for key in data:
        if key not in REQUEST_FIELDS:
            raise InputError(str(key), "unknown field")
    if "usual_pain" in data and "baseline_pain" in data:
        raise InputError(
            "baseline_pain", "give usual_pain or its older name baseline_pain, not both"
        )
    older = data.get("baseline_pain")
    if older is not None and not vocab.is_nrs(older):
        raise InputError("baseline_pain", "must be a whole number 0-10")
    lib = library if library is not None else load_library()
    item = item_from_dict(data.get("item"), lib, prefix="item.")
    logs = _logs(data, "logs")
    earlier = _logs(data, "earlier_logs")
    equipment = data.get("equipment")
    conditions = data.get("conditions", [])
    for field, value in (("equipment", equipment), ("conditions", conditions)):
        if value is not None and not isinstance(value, list):
            raise InputError(field, "must be a list")
    return progress_item(
        item,
        logs,
        pain_ceiling=data.get("pain_ceiling", 5),
        usual_pain=data.get("usual_pain", data.get("baseline_pain")),
        band_levels=band_levels_from(data.get("band_levels", [])),
        library=lib,
        equipment=equipment,
        conditions=conditions,
        minutes_available=minutes_from_request(data.get("minutes_available")),
        today=parse_date(data.get("today"), "today"),
        last_changed_on=parse_date(data.get("last_changed_on"), "last_changed_on"),
        earlier_logs=earlier,
    )


def _logs(data: Mapping[str, Any], field: str) -> list[ExerciseLog]:
    raw = data.get(field, [])
    if not isinstance(raw, list):
        raise InputError(field, "must be a list of session logs, oldest first")
    return [log_from_dict(entry, f"{field}[{i}].") for i, entry in enumerate(raw)]


__all__ = [
    "DECISIONS",
    "DONE_BOUNDS",
    "DONE_FOR",
    "DONE_KEYS",
    "EASY_RPE",
    "FLARE_COUNT",
    "FLARE_PAIN",
    "FLARE_SESSIONS",
    "GAP_BACK_DAYS",
    "GAP_RESTART_DAYS",
    "HARD_RPE",
    "MINUTES_AVAILABLE_BOUNDS",
    "QUALIFYING_SESSIONS",
    "SETTLE_MARGIN",
    "STEP_DAYS",
    "STRUGGLE_SESSIONS",
    "WEEK_RISE",
    "ExerciseLog",
    "Progression",
    "log_from_dict",
    "progress_from_dict",
    "progress_item",
]
