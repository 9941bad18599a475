"""The numbers behind the progress charts, gathered from one patient's records."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.patients.models import Patient
from spinewise.training.models import ExerciseLog, MorningCheck

Point = tuple[date, float]


def _day(moment: object) -> date:
    return timezone.localtime(moment).date()  # type: ignore[arg-type]


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Week:
    start: date
    planned: int
    done: int
    reps: int
    hold_minutes: float

    @property
    def label(self) -> str:
        return f"{self.start.day} {self.start:%b}"


def pain_series(patient: Patient) -> dict[str, list[Point]]:
    """NRS 0-10 over time: next-morning checks and weekly check-ins, from the baseline on."""
    baselines = list(patient.baselines.order_by("created_at"))
    checkins = list(WeeklyCheckIn.objects.filter(patient=patient).order_by("created_at"))
    mornings = MorningCheck.objects.filter(patient=patient).values_list(
        "session_log__performed_on", "pain_now"
    )
    weekly = [(_day(b.created_at), float(b.pain_last_week)) for b in baselines[:1]]
    weekly += [(_day(c.created_at), float(c.peg_pain)) for c in checkins]
    return {
        "Average pain over the week": weekly,
        "Pain the morning after a session": sorted(
            (performed_on + timedelta(days=1), float(pain)) for performed_on, pain in mornings
        ),
    }


def psfs_series(patient: Patient) -> dict[str, list[Point]]:
    """PSFS score 0-10 (mean of the three activities): baseline, then each check-in."""
    points = [
        (_day(b.created_at), b.psfs_score) for b in patient.baselines.order_by("created_at")[:1]
    ]
    points += [
        (_day(c.created_at), c.psfs_score)
        for c in WeeklyCheckIn.objects.filter(patient=patient).order_by("created_at")
        if c.psfs_score is not None
    ]
    return {"Activities score (PSFS)": points}


def peg_series(patient: Patient) -> dict[str, list[Point]]:
    """PEG score 0-10 (mean of pain, enjoyment and activity interference) at each check-in."""
    checkins = WeeklyCheckIn.objects.filter(patient=patient).order_by("created_at")
    return {"PEG score": [(_day(c.created_at), c.peg_score) for c in checkins]}


def weekly(patient: Patient, today: date | None = None) -> list[Week]:
    """Planned vs done sessions and training volume for each week since the first programme.

    A year of history is a few thousand exercise logs, so they are read as plain values
    (no model instances) and bucketed by week in one pass.
    """
    today = today or timezone.localdate()
    first = patient.programmes.order_by("created_at").first()
    if first is None:
        return []
    start_day = _day(first.created_at)
    start = week_start(start_day)
    totals: dict[date, _WeekTotals] = defaultdict(_WeekTotals)
    rows = ExerciseLog.objects.filter(
        session_log__patient=patient, session_log__performed_on__gte=start
    ).values_list(
        "session_log_id", "session_log__performed_on", "sets_done", "reps_done", "hold_seconds_done"
    )
    for log_id, performed_on, sets_done, reps_done, hold_done in rows:
        week = totals[week_start(performed_on)]
        week.reps += sum(reps_done or [])
        week.hold += sum(hold_done or [])
        if sets_done > 0:
            week.completed.add(log_id)
    per_week = _sessions_per_week(patient)
    weeks: list[Week] = []
    while start <= today:
        end = start + timedelta(days=7)
        planned = per_week
        if start <= start_day < end:  # the first week only counts from the programme's start
            planned = min(per_week, (end - start_day).days)
        found = totals.get(start, _WeekTotals())
        weeks.append(
            Week(start, planned, len(found.completed), found.reps, round(found.hold / 60, 1))
        )
        start = end
    return weeks


@dataclass
class _WeekTotals:
    reps: int = 0
    hold: int = 0
    completed: set[int] = field(default_factory=set)  # logs with at least one set done


def _sessions_per_week(patient: Patient) -> int:
    baseline = patient.latest_baseline()
    return baseline.sessions_per_week if baseline else 0
