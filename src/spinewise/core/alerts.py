"""Which patients need a clinician's attention, and why.

The caseload rules live here once; the clinic pages gather each patient's recent
activity into a :class:`PatientActivity` and call :func:`alerts_for` and
:func:`attention_order`. Dates are calendar dates in the patient's own time zone.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import mean
from typing import Final

# Most urgent first: the position in this tuple is the alert's priority.
ALERT_KINDS: Final = (
    "red_flag",
    "sharp_pain",
    "flare_up",
    "pain_rising",
    "morning_pain_not_settling",
    "missed_sessions",
    "no_activity",
)

PAIN_RISE_POINTS: Final = 2  # NRS points above baseline that count as a meaningful rise
PAIN_WINDOW_DAYS: Final = 7
MISSED_IN_A_ROW: Final = 3
INACTIVE_DAYS: Final = 7
RECENT_DAYS: Final = 7  # sharp pain and red flags older than this are history, not news
SEVERITY: Final = ("emergency", "urgent", "see_clinician")
# What needs action first on the caseload: a warning sign by its level, sharp pain between
# urgent and see-clinician warnings, then the rest by kind.
ATTENTION_ORDER: Final = (
    "emergency",
    "urgent",
    "sharp_pain",
    "see_clinician",
    "flare_up",
    "pain_rising",
    "morning_pain_not_settling",
    "missed_sessions",
    "no_activity",
)


def priority_of(kind: str, level: str = "") -> int:
    """0 (act first) to 7: a ``red_flag`` alert ranks by its screening ``level``
    (a warning without a known level counts as see_clinician), every other kind by kind."""
    if kind == "red_flag":
        return ATTENTION_ORDER.index(level if level in SEVERITY else "see_clinician")
    return ATTENTION_ORDER.index(kind)


@dataclass(frozen=True)
class PatientActivity:
    """What the caseload needs to know about one patient.

    ``baseline_pain`` is NRS 0-10 from the baseline (None when not given).
    ``pain_during`` holds (date, NRS 0-10) per logged session; ``morning_pain``
    (date, NRS 0-10) per next-morning check. ``planned`` are the dates sessions
    were planned for, ``done`` the dates sessions were logged. ``red_flags`` holds
    (date, screening level) for every screening or log that raised a red flag.
    """

    today: date
    baseline_pain: int | None = None
    pain_during: Sequence[tuple[date, int]] = ()
    morning_pain: Sequence[tuple[date, int]] = ()
    sharp_pain: Sequence[date] = ()
    red_flags: Sequence[tuple[date, str]] = ()
    planned: Sequence[date] = ()
    done: Sequence[date] = ()
    last_activity: date | None = None
    # When the programme's progression was paused for a flare-up (None: not paused).
    flare_paused_on: date | None = None


@dataclass(frozen=True, order=True)
class Alert:
    """One reason for attention. Sorting alerts puts the most urgent first.

    ``level``: for a ``red_flag``, the most severe screening level behind it.
    """

    priority: int
    kind: str = field(compare=False)
    reason: str = field(compare=False)
    since: date | None = field(default=None, compare=False)
    level: str = field(default="", compare=False)


def _alert(kind: str, reason: str, since: date | None = None, level: str = "") -> Alert:
    return Alert(priority_of(kind, level), kind, reason, since, level)


def _recent(day: date, today: date, days: int) -> bool:
    return today - timedelta(days=days) < day <= today


def red_flag_alert(a: PatientActivity) -> Alert | None:
    recent = sorted(d for d, level in a.red_flags if _recent(d, a.today, RECENT_DAYS))
    if not recent:
        return None
    levels = {level for d, level in a.red_flags if d in recent}
    worst = next((lvl for lvl in SEVERITY if lvl in levels), "see_clinician")
    return _alert(
        "red_flag",
        f"Reported a warning sign ({worst.replace('_', ' ')}) on {recent[-1]:%d %b}.",
        recent[-1],
        worst,
    )


def sharp_pain_alert(a: PatientActivity) -> Alert | None:
    recent = sorted(d for d in a.sharp_pain if _recent(d, a.today, RECENT_DAYS))
    if not recent:
        return None
    times = "once" if len(recent) == 1 else f"{len(recent)} times"
    return _alert("sharp_pain", f"Reported sharp pain {times} in the last week.", recent[-1])


def flare_up_alert(a: PatientActivity) -> Alert | None:
    """Progression is paused for a flare-up (pain 7/10 or more in 2 of the last 3 sessions)."""
    if a.flare_paused_on is None:
        return None
    return _alert(
        "flare_up",
        f"Flare-up: pain 7/10 or more in 2 of the last 3 sessions; progression paused since "
        f"{a.flare_paused_on:%d %b}.",
        a.flare_paused_on,
    )


def pain_rising_alert(a: PatientActivity) -> Alert | None:
    """7-day average of logged pain (NRS 0-10) 2+ points above baseline."""
    if a.baseline_pain is None:
        return None
    window = [p for d, p in a.pain_during if _recent(d, a.today, PAIN_WINDOW_DAYS)]
    if not window:
        return None
    average = mean(window)
    if average < a.baseline_pain + PAIN_RISE_POINTS:
        return None
    return _alert(
        "pain_rising",
        f"Pain during exercise averaged {average:.1f}/10 this week, "
        f"up from {a.baseline_pain}/10 at baseline.",
    )


def morning_pain_alert(a: PatientActivity) -> Alert | None:
    """The last two next-morning checks both 2+ points above baseline: pain is not settling."""
    if a.baseline_pain is None:
        return None
    recent = sorted(x for x in a.morning_pain if _recent(x[0], a.today, PAIN_WINDOW_DAYS))[-2:]
    threshold = a.baseline_pain + PAIN_RISE_POINTS
    if len(recent) < 2 or any(p < threshold for _, p in recent):
        return None
    return _alert(
        "morning_pain_not_settling",
        f"Next-morning pain {recent[0][1]}/10 and {recent[1][1]}/10, "
        f"not settling back towards {a.baseline_pain}/10.",
        recent[0][0],
    )


def missed_in_a_row(planned: Iterable[date], done: Iterable[date], today: date) -> int:
    """How many planned sessions in a row, up to today, were not done.

    A planned session counts as done when a session was logged on its date or
    before the next planned date. Today's session is not missed yet.
    """
    slots = sorted({d for d in planned if d < today})
    done_sorted = sorted(set(done))
    missed = 0
    for i in range(len(slots) - 1, -1, -1):
        end = slots[i + 1] if i + 1 < len(slots) else today + timedelta(days=1)
        j = bisect.bisect_left(done_sorted, slots[i])
        if j < len(done_sorted) and done_sorted[j] < end:
            break
        missed += 1
    return missed


def missed_sessions_alert(a: PatientActivity) -> Alert | None:
    missed = missed_in_a_row(a.planned, a.done, a.today)
    if missed < MISSED_IN_A_ROW:
        return None
    return _alert("missed_sessions", f"Missed the last {missed} planned sessions.")


def no_activity_alert(a: PatientActivity) -> Alert | None:
    if a.last_activity is None:
        return _alert("no_activity", "No activity recorded yet.")
    quiet = (a.today - a.last_activity).days
    if quiet < INACTIVE_DAYS:
        return None
    return _alert("no_activity", f"No activity for {quiet} days.", a.last_activity)


RULES: Final = (
    red_flag_alert,
    sharp_pain_alert,
    flare_up_alert,
    pain_rising_alert,
    morning_pain_alert,
    missed_sessions_alert,
    no_activity_alert,
)


def alerts_for(activity: PatientActivity) -> list[Alert]:
    """Every alert that applies to one patient, most urgent first."""
    return sorted(alert for rule in RULES if (alert := rule(activity)) is not None)


def attention_key(alerts: Sequence[Alert], last_activity: date | None) -> tuple[int, int, int]:
    """Sort key for the caseload: patients with the most urgent alert first (by
    :data:`ATTENTION_ORDER`: emergency, urgent, sharp pain, see clinician, then the rest);

    within the same priority the newest alert comes first (a new emergency above an older
    one); then, and for patients with no alert, the one quiet for longest, since they are
    the likeliest to be drifting away.
    """
    priority = min((a.priority for a in alerts), default=len(ATTENTION_ORDER))
    dated = [a.since for a in alerts if a.priority == priority and a.since is not None]
    newest = -max(dated).toordinal() if dated else 0
    quiet_since = last_activity.toordinal() if last_activity else 0
    return (priority, newest, quiet_since)


def attention_order(
    caseload: Iterable[tuple[str, PatientActivity]],
) -> list[tuple[str, list[Alert]]]:
    """Patients (by any id) with their alerts, sorted by what needs attention first."""
    rows = [(pid, act, alerts_for(act)) for pid, act in caseload]
    rows.sort(key=lambda r: (*attention_key(r[2], r[1].last_activity), r[0]))
    return [(pid, alerts) for pid, _, alerts in rows]
