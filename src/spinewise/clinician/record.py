"""Everything the clinician's patient page shows, gathered for one patient."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.core.errors import Invalid
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import Programme, ProgrammeVersion
from spinewise.programmes.services import current_programme
from spinewise.progress.charts import Chart, peg_chart, progress_charts
from spinewise.screening.models import Screening
from spinewise.sharing.invitations import display_name
from spinewise.sharing.links import active_link
from spinewise.sharing.models import CareLink
from spinewise.training.flare import active_pause
from spinewise.training.models import ExerciseLog, FlarePause, SessionLog

from .alerts import UNRESOLVED, sync_alerts
from .clinical_settings import clearable
from .models import Alert, ClinicalNote, ProgrammeEdit

LOGS_PER_PAGE = 10
RESOLVED_SHOWN = 10


@dataclass(frozen=True)
class PatientRecord:
    patient: Patient
    link: CareLink | None
    baseline: Baseline | None
    programme: Programme | None
    version: ProgrammeVersion | None
    charts: list[Chart]
    logs: Page  # of SessionLog, with exercise logs and morning check
    screenings: list[Screening]
    checkins: list[WeeklyCheckIn]
    alerts: list[Alert]
    resolved: list[Alert]
    notes: list[ClinicalNote]
    edits: list[ProgrammeEdit]
    clearable: bool
    flare_pause: FlarePause | None


def session_logs(patient: Patient) -> Any:
    return (
        SessionLog.objects.filter(patient=patient)
        .select_related("morning_check")
        .prefetch_related(Prefetch("exercise_logs", ExerciseLog.objects.order_by("position")))
        .order_by("-performed_on", "-id")
    )


def patient_record(clinician: Any, patient: Patient, logs_page: Any = 1) -> PatientRecord:
    """The record as a linked clinician sees it (the caller has checked access)."""
    rows = sync_alerts(Patient.objects.filter(pk=patient.pk))
    programme = current_programme(patient)
    version = programme.current_version() if programme and not programme.blocked else None
    resolved = patient.alerts.exclude(state__in=UNRESOLVED).select_related("acted_by")
    return PatientRecord(
        patient=patient,
        link=active_link(clinician, patient),
        baseline=patient.latest_baseline(),
        programme=programme,
        version=version,
        charts=[*progress_charts(patient), peg_chart(patient)],
        logs=Paginator(session_logs(patient), LOGS_PER_PAGE).get_page(logs_page),
        screenings=list(
            patient.screenings.select_related("clearance").order_by("-created_at", "-id")
        ),
        checkins=list(WeeklyCheckIn.objects.filter(patient=patient).order_by("-created_at")),
        alerts=rows[0].alerts if rows else [],
        resolved=list(resolved.order_by("-acted_at", "-id")[:RESOLVED_SHOWN]),
        notes=list(patient.clinical_notes.all()),
        edits=list(patient.programme_edits.select_related("version")[:10]),
        clearable=clearable(patient),
        flare_pause=active_pause(patient),
    )


NOTE_MAX = 5000


def add_note(patient: Patient, author: Any, text: str) -> ClinicalNote:
    """A private clinical note (the caller checked the author's access); Invalid naming
    ``text`` when it is empty or longer than ``NOTE_MAX`` characters."""
    text = text.strip()
    if not text:
        raise Invalid({"text": "Write something first."})
    if len(text) > NOTE_MAX:
        raise Invalid({"text": f"Keep the note under {NOTE_MAX} characters."})
    return ClinicalNote.objects.create(
        patient=patient, author=author, author_name=display_name(author)[:300], text=text
    )
