"""The numbers behind the progress charts, gathered from one patient's records."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.patients.models import Patient
from spinewise.training.models import MorningCheck, SessionLog

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
    mornings = MorningCheck.objects.filter(patient=patient).select_related("session_log")
    weekly = [(_day(b.created_at), float(b.pain_last_week)) for b in baselines[:1]]
    weekly += [(_day(c.created_at), float(c.peg_pain)) for c in checkins]
    return {
        "Average pain over the week": weekly,
        "Pain the morning after a session": sorted(
            (m.session_log.performed_on + timedelta(days=1), float(m.pain_now)) for m in mornings
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
    """Planned vs done sessions and training volume for each week since the first programme."""
    today = today or timezone.localdate()
    first = patient.programmes.order_by("created_at").first()
    if first is None:
        return []
    start_day = _day(first.created_at)
    logs = list(
        SessionLog.objects.filter(patient=patient, performed_on__gte=week_start(start_day))
        .prefetch_related("exercise_logs")
        .select_related("version")
    )
    per_week = _sessions_per_week(patient)
    weeks: list[Week] = []
    start = week_start(start_day)
    while start <= today:
        end = start + timedelta(days=7)
        in_week = [log for log in logs if start <= log.performed_on < end]
        planned = per_week
        if start <= start_day < end:  # the first week only counts from the programme's start
            planned = min(per_week, (end - start_day).days)
        reps = hold = 0
        for log in in_week:
            for e in log.exercise_logs.all():
                reps += sum(e.reps_done or [])
                hold += sum(e.hold_seconds_done or [])
        done = sum(1 for log in in_week if log.completed)
        weeks.append(Week(start, planned, done, reps, round(hold / 60, 1)))
        start = end
    return weeks


def _sessions_per_week(patient: Patient) -> int:
    baseline = patient.latest_baseline()
    return baseline.sessions_per_week if baseline else 0
