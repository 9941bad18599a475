"""One safety gate for every way in: a patient whose record blocks them cannot plan, log,
have their programme edited or progress it, by any page, API operation or service; and the
caseload puts a new emergency first."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.clinician.caseload import caseload_for
from spinewise.clinician.editing import EditError
from spinewise.clinician.programme_edits import add_exercise
from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedSession
from spinewise.programmes.services import current_version
from spinewise.screening.models import Screening
from spinewise.screening.safety import SafetyBlocked, safety_state
from spinewise.screening.services import record_screening
from spinewise.selfcare.services import break_offer
from spinewise.training.commands import LogSession
from spinewise.training.models import SessionLog
from spinewise.training.progression import apply_progression, pause_reason
from spinewise.training.services import record_session
from tests.api.conftest import ApiClient, baseline_body
from tests.web.clinician.conftest import ago, at, linked_patient, next_session, today, train
from tests.web.conftest import SAFE_ANSWERS, client_for, entries_for

EMERGENCY = {**SAFE_ANSWERS, "chest_pain_or_pressure": True}
ALL_NO = {**SAFE_ANSWERS, "chest_pain_or_pressure": False, "saddle_numbness": False}


def blocked_patient(dr: User, username: str = "bea") -> Patient:
    """A patient with a programme and logs whose newest answers came after an emergency."""
    patient = linked_patient(dr, username, days_ago=10)
    train(patient, ago(3), morning=2)
    record_screening(patient, EMERGENCY, Screening.Source.RECHECK, at(ago(1), 9))
    record_screening(patient, ALL_NO, Screening.Source.RECHECK)  # answered away
    return patient


def log_of(session: PlannedSession) -> LogSession:
    return LogSession(token=uuid.uuid4(), performed_on=today(), items=tuple(entries_for(session)))


def test_answering_no_to_everything_after_an_emergency_does_not_lift_it(dr: User) -> None:
    patient = blocked_patient(dr)
    state = safety_state(patient)
    assert state.latest.level == "self_manage"
    assert (state.level, state.gate.code, state.may_exercise) == (
        "emergency",
        "programme_blocked",
        False,
    )
    assert "Get emergency help now" in state.refusal


def test_the_pages_refuse_to_plan_or_log_with_the_advice(dr: User) -> None:
    patient = blocked_patient(dr)
    client = client_for(patient.user)
    baselines = patient.baselines.count()
    page = client.get(reverse("patients:baseline"))
    assert "Get emergency help now" in page.content.decode()
    assert 'href="tel:112"' in page.content.decode()
    assert client.post(reverse("patients:baseline"), {}).status_code == 403
    assert patient.baselines.count() == baselines
    session = next_session(patient)
    player = client.get(reverse("training:player", args=[session.number]))
    worst = safety_state(patient).worst
    assert player["Location"] == reverse("screening:result", args=[worst.pk])
    posted = client.post(
        reverse("training:player", args=[session.number]), {"version": session.version_id}
    )
    assert posted.status_code == 302
    assert not SessionLog.objects.filter(patient=patient, performed_on=today()).exists()
    programme = client.get(reverse("programmes:current")).content.decode()
    assert "Get emergency help now" in programme
    today_page = client.get(reverse("today:home")).content.decode()
    assert "Get emergency help now" in today_page


def test_the_api_refuses_to_plan_or_log_with_the_advice(dr: User) -> None:
    patient = blocked_patient(dr)
    api = ApiClient(user=patient.user)
    response = api.post("patients/me/baselines", baseline_body())
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "programme_blocked"
    session = next_session(patient)
    logged = api.post(
        "patients/me/session-logs", {"session_number": session.number, "exercises": []}
    )
    assert logged.status_code == 409
    assert logged.json()["error"]["code"] == "programme_blocked"
    assert "Get emergency help now" in logged.json()["error"]["message"]
    me = api.get("patients/me").json()
    assert (me["safety_level"], me["may_exercise"]) == ("emergency", False)
    safety = api.get("patients/me/safety").json()
    assert safety["gate"] == "programme_blocked"
    assert safety["open_screenings"] == [safety_state(patient).worst.pk]


def test_the_services_refuse_too(dr: User) -> None:
    patient = blocked_patient(dr)
    session = next_session(patient)
    with pytest.raises(SafetyBlocked) as refused:
        record_session(patient, session, log_of(session))
    assert refused.value.code == "programme_blocked"
    version = current_version(patient)
    with pytest.raises(EditError, match="open warning"):
        add_exercise(
            patient,
            dr,
            seen=version.number,
            session=1,
            exercise_id="cat-camel",
            reason="More mobility",
        )
    assert break_offer(patient, today()).blocked
    assert "warning sign is open" in pause_reason(patient)
    log = SessionLog.objects.filter(patient=patient).latest("id")
    log.progressed_at = None
    log.save(update_fields=["progressed_at"])
    versions = version.programme.versions.count()
    apply_progression(log)
    assert version.programme.versions.count() == versions
    log.refresh_from_db()
    assert "paused" in log.progression_note


def test_a_pending_rescreen_stops_logging_until_the_questions_are_answered(
    dr: User,
) -> None:
    patient = linked_patient(dr, "rae", days_ago=10)
    patient.rescreen_reason = "“tingling fingers” (at your weekly check-in)"
    patient.save(update_fields=["rescreen_reason"])
    session = next_session(patient)
    with pytest.raises(SafetyBlocked) as refused:
        record_session(patient, session, log_of(session))
    assert refused.value.code == "rescreen_required"
    assert "tingling fingers" in refused.value.advice
    client = client_for(patient.user)
    player = client.get(reverse("training:player", args=[session.number]))
    assert player["Location"] == reverse("screening:start")
    api = ApiClient(user=patient.user)
    response = api.post("patients/me/baselines", baseline_body())
    assert response.json()["error"]["code"] == "rescreen_required"


def test_a_resubmitted_log_from_before_the_block_still_answers_with_the_first(
    dr: User,
) -> None:
    patient = linked_patient(dr, "ivy", days_ago=10)
    session = next_session(patient)
    command = log_of(session)
    log, created = record_session(patient, session, command)
    record_screening(patient, EMERGENCY, Screening.Source.RECHECK)
    again, created_again = record_session(patient, session, command)
    assert (created, created_again, again.pk) == (True, False, log.pk)


def test_the_caseload_puts_a_new_emergency_above_older_urgent_and_see_clinician(
    dr: User, dr_client: Client
) -> None:
    calm = linked_patient(dr, "calm", days_ago=10)
    train(calm, ago(1), morning=2)
    older_see = linked_patient(dr, "see", days_ago=10)
    record_screening(
        older_see,
        {**SAFE_ANSWERS, "weight_loss_unexplained": True},
        Screening.Source.RECHECK,
        at(ago(5), 9),
    )
    sharp = linked_patient(dr, "sharp", days_ago=10)
    train(sharp, ago(2), sharp=True)
    older_urgent = linked_patient(dr, "urgent", days_ago=10)
    record_screening(
        older_urgent,
        {**SAFE_ANSWERS, "fever_or_chills": True},
        Screening.Source.RECHECK,
        at(ago(3), 9),
    )
    new_emergency = linked_patient(dr, "emergency", days_ago=10)
    record_screening(new_emergency, EMERGENCY, Screening.Source.RECHECK)
    older_emergency = linked_patient(dr, "old-emergency", days_ago=10)
    record_screening(older_emergency, EMERGENCY, Screening.Source.RECHECK, at(ago(4), 9))
    rows = list(caseload_for(dr).page)
    order = [row.patient.user.username for row in rows]
    assert order[:5] == ["emergency", "old-emergency", "urgent", "sharp", "see"]
    page = dr_client.get(reverse("clinician:caseload")).content.decode()
    assert "5 need action today" in page
    assert "2 with an emergency warning" in page


def test_stopping_unwell_with_a_warning_sign_screens_and_alerts_the_clinician(
    dr: User, dr_client: Client
) -> None:
    patient = linked_patient(dr, "una", days_ago=10)
    client = client_for(patient.user)
    session = next_session(patient)
    player = client.get(reverse("training:player", args=[session.number])).content.decode()
    assert 'id="stop-unwell"' in player
    assert "chest pain, tightness or pressure" in player
    form = client.get(reverse("training:unwell")).content.decode()
    assert 'value="neuro_head_symptoms"' in form
    assert 'value="cancer_history"' not in form  # history, not a symptom
    response = client.post(reverse("training:unwell"), {"symptoms": ["chest_pain_or_pressure"]})
    screening = Screening.objects.filter(patient=patient).latest("created_at")
    assert response["Location"] == reverse("screening:result", args=[screening.pk])
    assert (screening.level, screening.source) == ("emergency", "session")
    assert safety_state(patient).gate.code == "programme_blocked"
    page = dr_client.get(reverse("clinician:caseload")).content.decode()
    assert "Reported a warning sign (emergency)" in page


def test_stopping_unwell_with_nothing_listed_rests_and_with_something_else_rescreens(
    dr: User,
) -> None:
    patient = linked_patient(dr, "nia", days_ago=10)
    client = client_for(patient.user)
    rest = client.post(reverse("training:unwell"), {})
    assert "Rest for now" in rest.content.decode()
    other = client.post(reverse("training:unwell"), {"other": "felt faint"})
    assert other["Location"] == reverse("screening:start")
    patient.refresh_from_db()
    assert "felt faint" in patient.rescreen_reason
