"""What each patient did recently, gathered for many patients in a fixed number of queries.

The caseload needs a ``core.alerts.PatientActivity`` per patient. Building them one patient
at a time would cost queries per patient; here four queries cover any number of patients
(one for each patient's latest baseline, programme and last activity, then the recent
session logs, morning checks and warning-sign screenings of all of them together). Patient
sets are passed as querysets and used as SQL subqueries, never as lists of ids.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.core.alerts import (
    INACTIVE_DAYS,
    MISSED_IN_A_ROW,
    RECENT_DAYS,
    SEVERITY,
    PatientActivity,
)
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import Programme
from spinewise.screening.models import Screening
from spinewise.training.models import FlarePause, MorningCheck, SessionLog

# Long enough for MISSED_IN_A_ROW planned sessions at one session a week, plus a margin.
PLANNED_LOOKBACK_DAYS = 7 * (MISSED_IN_A_ROW + 2)
# The rules look back RECENT_DAYS; a day more covers any time-zone edge.
EVENT_LOOKBACK_DAYS = max(RECENT_DAYS, INACTIVE_DAYS) + 1


@dataclass
class PatientRow:
    """One patient with what the caseload shows besides alerts."""

    patient: Patient
    # What the rules need (None where only the caseload's list was read, see caseload.py).
    activity: PatientActivity | None
    last_activity: date | None
    # How many warning signs / sharp-pain reports fall on the latest such date: a new one
    # on the same day is a new event, even though the date is the same.
    red_flag_count: int = 0
    sharp_pain_count: int = 0
    alerts: list[Any] = field(default_factory=list)

    @property
    def pk(self) -> int:
        return int(self.patient.pk)


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def planned_dates(start: date, per_week: int, today: date, since: date) -> list[date]:
    """The dates sessions were planned for, from ``since`` up to ``today``.

    A programme plans ``per_week`` sessions (1-7) in each 7-day block from its ``start``,
    spread evenly through the block (3 a week: days 0, 2 and 5).
    """
    if per_week < 1:
        return []
    offsets = sorted({(i * 7) // per_week for i in range(per_week)})
    first_block = max(0, (since - start).days // 7)
    days: list[date] = []
    block = first_block
    while True:
        block_start = start + timedelta(days=7 * block)
        if block_start > today:
            return days
        days += [
            d
            for d in (block_start + timedelta(days=o) for o in offsets)
            if since <= d <= today and d >= start
        ]
        block += 1


def _latest(model: type, value: str, order: str = "-created_at") -> Subquery:
    rows = model.objects.filter(patient=OuterRef("pk")).order_by(order, "-id")  # type: ignore[attr-defined]
    return Subquery(rows.values(value)[:1])


def annotated(patients: QuerySet[Patient]) -> QuerySet[Patient]:
    """``patients`` with their user and the latest of everything the caseload needs."""
    return patients.select_related("user").annotate(
        baseline_pain=_latest(Baseline, "pain_now"),
        baseline_at=_latest(Baseline, "created_at"),
        programme_at=_latest(Programme, "created_at"),
        programme_blocked=_latest(Programme, "blocked"),
        per_week=_latest(Programme, "baseline__sessions_per_week"),
        last_session=_latest(SessionLog, "performed_on", "-performed_on"),
        last_morning=_latest(MorningCheck, "created_at"),
        last_checkin=_latest(WeeklyCheckIn, "created_at"),
        last_screening=_latest(Screening, "created_at"),
        flare_paused_at=Subquery(
            FlarePause.objects.filter(patient=OuterRef("pk"), ended_at__isnull=True)
            .order_by("-started_at")
            .values("started_at")[:1]
        ),
    )


def last_activity_of(p: Patient) -> date | None:
    days = [getattr(p, "last_session", None)]
    for name in ("baseline_at", "last_morning", "last_checkin", "last_screening"):
        moment = getattr(p, name, None)
        days.append(local_day(moment) if moment is not None else None)
    known = [d for d in days if d is not None]
    return max(known) if known else None


def gather(patients: QuerySet[Patient], today: date | None = None) -> list[PatientRow]:
    """A :class:`PatientRow` for every patient in ``patients`` (four queries in all)."""
    today = today or timezone.localdate()
    ids = patients.values("pk")
    people = list(annotated(patients))
    logs = _session_logs(ids, today)
    mornings = _morning_checks(ids, today)
    flags = _warning_signs(ids, today)
    rows = []
    for p in people:
        rows.append(_row(p, today, logs.get(p.pk, []), mornings.get(p.pk, []), flags.get(p.pk, [])))
    return rows


def _session_logs(ids: QuerySet[Patient], today: date) -> dict[int, list[dict[str, object]]]:
    since = today - timedelta(days=PLANNED_LOOKBACK_DAYS)
    rows = (
        SessionLog.objects.filter(patient__in=ids, performed_on__gte=since, performed_on__lte=today)
        .values("id", "patient_id", "performed_on")
        .annotate(
            pain=Max("exercise_logs__pain_during"),
            sharp=Count("exercise_logs", filter=Q(exercise_logs__sharp_pain=True)),
            done=Count("exercise_logs", filter=Q(exercise_logs__sets_done__gt=0)),
        )
        .order_by()
    )
    found: dict[int, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        found[int(row["patient_id"])].append(row)
    return found


def _morning_checks(ids: QuerySet[Patient], today: date) -> dict[int, list[tuple[date, int]]]:
    since = day_start(today - timedelta(days=EVENT_LOOKBACK_DAYS))
    rows = MorningCheck.objects.filter(patient__in=ids, created_at__gte=since).values_list(
        "patient_id", "created_at", "pain_now"
    )
    found: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for patient_id, created_at, pain in rows:
        found[patient_id].append((local_day(created_at), pain))
    return found


def _warning_signs(ids: QuerySet[Patient], today: date) -> dict[int, list[tuple[date, str]]]:
    """Screenings with a warning sign that no clearance has closed."""
    since = day_start(today - timedelta(days=EVENT_LOOKBACK_DAYS))
    rows = Screening.objects.filter(
        patient__in=ids, created_at__gte=since, level__in=SEVERITY, clearance__isnull=True
    ).values_list("patient_id", "created_at", "level")
    found: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for patient_id, created_at, level in rows:
        found[patient_id].append((local_day(created_at), level))
    return found


def _day_or_none(moment: datetime | None) -> date | None:
    return local_day(moment) if moment is not None else None


def _planned(p: Patient, today: date) -> list[date]:
    started = getattr(p, "programme_at", None)
    if started is None or getattr(p, "programme_blocked", False):
        return []
    since = today - timedelta(days=PLANNED_LOOKBACK_DAYS)
    return planned_dates(local_day(started), getattr(p, "per_week", 0) or 0, today, since)


def _row(
    p: Patient,
    today: date,
    logs: list[dict[str, object]],
    mornings: list[tuple[date, int]],
    flags: list[tuple[date, str]],
) -> PatientRow:
    pain = [(log["performed_on"], log["pain"]) for log in logs if log["pain"] is not None]
    sharp = [log["performed_on"] for log in logs if log["sharp"]]
    done = [log["performed_on"] for log in logs if log["done"]]
    activity = PatientActivity(
        today=today,
        baseline_pain=getattr(p, "baseline_pain", None),
        pain_during=pain,  # type: ignore[arg-type]
        morning_pain=mornings,
        sharp_pain=sharp,  # type: ignore[arg-type]
        red_flags=flags,
        planned=_planned(p, today),
        done=done,  # type: ignore[arg-type]
        flare_paused_on=_day_or_none(getattr(p, "flare_paused_at", None)),
        last_activity=last_activity_of(p),
    )
    last_flag = max((d for d, _ in flags), default=None)
    last_sharp = max(sharp, default=None)
    return PatientRow(
        patient=p,
        activity=activity,
        last_activity=activity.last_activity,
        red_flag_count=sum(1 for d, _ in flags if d == last_flag),
        sharp_pain_count=sum(1 for d in sharp if d == last_sharp),
    )
