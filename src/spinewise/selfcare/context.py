"""The core's inputs built from a person's records: their day, pain history and sessions."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from spinewise.accounts.time_zones import zone_of
from spinewise.checkins.models import WeeklyCheckIn
from spinewise.core.selfcare import PainRecord, SessionRecord
from spinewise.core.selfcare.lesson_choice import (
    ADHERENCE_WINDOW_DAYS,
    BASELINE_DAYS,
    FLARE_WINDOW_DAYS,
    LessonContext,
    recent_flare_up,
)
from spinewise.core.selfcare.lesson_choice import LessonRead as CoreRead
from spinewise.patients.models import Patient
from spinewise.programmes.services import current_version
from spinewise.training.models import MorningCheck, SessionLog

# Enough pain history for the core's flare-up rule (7-day window plus 28-day baseline).
PAIN_HISTORY_DAYS = FLARE_WINDOW_DAYS + BASELINE_DAYS


def person_zone(patient: Patient) -> ZoneInfo:
    """The person's own time zone (their account's), else the site's."""
    return zone_of(patient.user)


def local_today(patient: Patient, now: datetime | None = None) -> date:
    """Today's date where the person lives."""
    return (now or timezone.now()).astimezone(person_zone(patient)).date()


def started_on(patient: Patient, today: date) -> date:
    """The day the person's first programme began (or they joined), never after today."""
    first = patient.programmes.order_by("created_at").values_list("created_at", flat=True).first()
    began = timezone.localtime(first or patient.created_at).date()
    return min(began, today)


def pain_records(patient: Patient, today: date, days: int = PAIN_HISTORY_DAYS) -> list[PainRecord]:
    """Pain reports 0-10 from sessions (worst during, and sharp pain), morning checks,
    weekly check-ins and the baseline, over the ``days`` up to ``today``."""
    since = today - timedelta(days=days)
    records: list[PainRecord] = []
    logs = SessionLog.objects.filter(
        patient=patient, performed_on__gte=since, performed_on__lte=today
    ).prefetch_related("exercise_logs")
    for log in logs:
        pains = [e.pain_during for e in log.exercise_logs.all() if e.pain_during is not None]
        sharp = log.had_sharp_pain
        if pains or sharp:
            records.append(PainRecord(log.performed_on, max(pains, default=0), sharp))

    def dated(created_at: datetime) -> date:
        return timezone.localtime(created_at).date()

    for check in MorningCheck.objects.filter(patient=patient):
        if since <= dated(check.created_at) <= today:
            records.append(PainRecord(dated(check.created_at), check.pain_now))
    for checkin in WeeklyCheckIn.objects.filter(patient=patient):
        if since <= dated(checkin.created_at) <= today:
            records.append(PainRecord(dated(checkin.created_at), checkin.pain_now))
    for baseline in patient.baselines.all():
        if since <= dated(baseline.created_at) <= today:
            records.append(PainRecord(dated(baseline.created_at), baseline.pain_now))
    return sorted(records, key=lambda r: r.on)


def flare_up_on(patient: Patient, today: date) -> date | None:
    """The latest day of a flare-up in the last week, by the core's rule, or None."""
    flare = recent_flare_up(pain_records(patient, today), today)
    return flare.on if flare else None


def session_records(patient: Patient, today: date, began: date) -> list[SessionRecord]:
    """Planned sessions and whether they were done, week by week over the last 14 days.

    Programmes plan N sessions a week, not dates: each full week since the programme
    began counts N planned sessions, the first ``done`` of them marked done.
    """
    version = current_version(patient)
    per_week = version.sessions.count() if version else 0
    if not per_week:
        return []
    records: list[SessionRecord] = []
    window_start = today - timedelta(days=ADHERENCE_WINDOW_DAYS)
    for week in range(ADHERENCE_WINDOW_DAYS // 7):
        start = window_start + timedelta(days=7 * week)
        if start < began:
            continue  # a week before the programme began says nothing about adherence
        end = start + timedelta(days=7)
        logs = SessionLog.objects.filter(
            patient=patient, performed_on__gte=start, performed_on__lt=end
        ).prefetch_related("exercise_logs")
        done = min(sum(1 for log in logs if log.completed), per_week)
        for i in range(per_week):
            planned_on = start + timedelta(days=i * 7 // per_week)
            records.append(SessionRecord(planned_on, i < done))
    return records


def lesson_context(patient: Patient, today: date) -> LessonContext:
    """Everything the core's lesson choice needs, from the person's records."""
    from .models import LessonRead

    began = started_on(patient, today)
    reads = tuple(
        CoreRead(lesson_id, read_on)
        for lesson_id, read_on in LessonRead.objects.filter(
            patient=patient, read_on__lte=today
        ).values_list("lesson_id", "read_on")
    )
    return LessonContext(
        today=today,
        started_on=began,
        reads=reads,
        pain=tuple(pain_records(patient, today)),
        sessions=tuple(session_records(patient, today, began)),
    )
