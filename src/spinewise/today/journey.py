"""What a patient should do next: the "today" page's one clear call to action.

Today reads every room (safety, programme, sessions, check-ins), so it lives in the layer
above them all; the API's Today answer uses the same facts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from spinewise.checkins.models import WeeklyCheckIn
from spinewise.core.selfcare import load_lessons
from spinewise.jobs.queue import pending_for
from spinewise.patients.kept import kept, revisions_key
from spinewise.patients.models import Patient
from spinewise.programmes.services import current_programme
from spinewise.screening.safety import safety_state
from spinewise.selfcare.services import today_lesson
from spinewise.training.flare import active_pause
from spinewise.training.forms import MorningCheckForm
from spinewise.training.services import done_this_week, next_session_number, pending_morning_check

CHECKIN_EVERY_DAYS = 7
MISSING: Any = object()


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    text: str
    url: str
    button: str
    # The "session" step's planned session (its items read with it), for the Today answer.
    session: Any = None


def checkin_due(patient: Patient, today: date, programme: Any = MISSING) -> bool:
    """A weekly check-in is due 7 days after the last one (or after the programme began).

    ``programme``: the patient's current programme when the caller has already read it.
    """

    if programme is MISSING:
        programme = current_programme(patient)
    if programme is None or programme.blocked:
        return False
    last = WeeklyCheckIn.objects.filter(patient=patient).order_by("-created_at").first()
    since = timezone.localtime(last.created_at if last else programme.created_at).date()
    return today - since >= timedelta(days=CHECKIN_EVERY_DAYS)


FLARE_NOTE = (
    " Progression is paused after a flare-up: ease off, do what feels comfortable, and see "
    "your programme page for first aid for a flare-up."
)


def next_step(patient: Patient, today: date, programme: Any = MISSING) -> Step:
    """The one thing to do next. ``programme``: the current one, when the caller read it."""

    state = safety_state(patient)
    if state.gate.code == "programme_blocked":  # an open warning wins over everything
        return Step("blocked", state.headline, state.advice, state.next_url, "Read the advice")
    if state.gate.code in ("screening_required", "rescreen_required"):
        return Step(
            "screening",
            "Start with the safety questions"
            if state.latest is None
            else "Answer the safety questions again",
            "A few questions to check that exercise is safe for you right now.",
            reverse("screening:start"),
            "Answer the safety questions",
        )
    if programme is MISSING:
        programme = current_programme(patient)
    if programme is None:
        return Step(
            "baseline",
            "Tell us about your back",
            "Where it hurts, what is hard, what equipment you have and how much time.",
            reverse("patients:baseline"),
            "Continue",
        )
    version = programme.current_version()
    if programme.blocked or version is None:
        return Step(
            "blocked",
            "Your programme is paused",
            programme.advice,
            reverse("programmes:current"),
            "See why",
        )
    flare = FLARE_NOTE if active_pause(patient) is not None else ""
    if checkin_due(patient, today, programme):
        return Step(
            "checkin",
            "Time for your weekly check-in",
            "Two minutes on how your week went: it keeps your programme right for you." + flare,
            reverse("checkins:new"),
            "Start the check-in",
        )
    number = next_session_number(patient, version)
    session = version.sessions.prefetch_related("items").filter(number=number).first()
    title = session.title if session else f"Session {number}"
    minutes = f"about {session.minutes:.0f} minutes" if session else ""
    text = f"Session {number} of {version.sessions.count()}, {minutes}." + flare
    return Step(
        "session",
        f"Next: {title}",
        text,
        reverse("training:player", args=[number]),
        "Start the session",
        session,
    )


@dataclass(frozen=True)
class Today:
    """What the Today page (and the API's Today) shows on ``day``."""

    step: Step
    morning_log: Any  # the session whose next-morning check is waiting, or None
    done_this_week: int
    sessions_per_week: int


def today_facts(patient: Patient, day: date) -> Today:

    programme = current_programme(patient)
    version = None if programme is None or programme.blocked else programme.current_version()
    morning = pending_morning_check(patient, day)
    if morning is not None and morning.performed_on >= day:
        morning = None  # offered from the next morning on
    return Today(
        step=next_step(patient, day, programme),
        morning_log=morning,
        done_this_week=done_this_week(patient, day),
        sessions_per_week=version.sessions.count() if version else 0,
    )


def today_for(patient: Patient) -> dict[str, Any]:
    """The Today page's context, from the answer kept under the patient's revision
    (``patients.kept``), so a page read works nothing out again until the record changes.
    Whether background work for the patient is still running is read afresh each time."""
    day = timezone.localdate()
    key = revisions_key("today-page", patient.pk, day, [(patient.pk, patient.revision)])
    page = kept(key, lambda: _today_page(patient, day))
    return {
        "patient": patient,
        **page,
        "lesson": load_lessons().get(page["lesson_id"]),
        "morning_form": MorningCheckForm(),
        "updating": pending_for(patient.pk),
    }


def _today_page(patient: Patient, day: date) -> dict[str, Any]:
    """Plain data only: it is kept in the cache (Redis between processes)."""
    facts = today_facts(patient, day)
    lesson, _choice = today_lesson(patient, day)
    morning = facts.morning_log
    return {
        "step": replace(facts.step, session=None),
        "morning_log": {"pk": morning.pk} if morning is not None else None,
        "done_this_week": facts.done_this_week,
        "sessions_per_week": facts.sessions_per_week,
        "lesson_id": lesson.id,
    }
