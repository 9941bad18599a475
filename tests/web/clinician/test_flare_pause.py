"""A flare-up (pain 7/10 or more in 2 of the last 3 sessions) pauses the whole programme's
progression, tells the clinician, offers the flare-up lesson and asks the warning-sign
questions again; the pause ends when pain settles or a clinician lifts it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.clinician.alerts import sync_alerts
from spinewise.clinician.models import ProgrammeEdit
from spinewise.patients.models import Patient
from spinewise.screening.models import Screening
from spinewise.screening.safety import safety_state
from spinewise.screening.services import record_screening
from spinewise.sharing.models import AccessEvent
from spinewise.training.flare import FLARE_LESSON, active_pause
from spinewise.training.models import ProgressionDecision
from tests.api.conftest import ApiClient
from tests.web.clinician.conftest import ago, linked_patient, today, train
from tests.web.conftest import SAFE_ANSWERS, client_for

pytestmark = pytest.mark.django_db

ALL_NO = {**SAFE_ANSWERS, "chest_pain_or_pressure": False, "saddle_numbness": False}


def flared(dr: User, username: str = "fay") -> Patient:
    """Calm sessions, then two at 8/10 during and the next morning."""
    patient = linked_patient(dr, username, days_ago=21)
    for days in (16, 12):
        train(patient, ago(days), morning=3)
    train(patient, ago(6), pain=8, morning=8)
    train(patient, ago(4), pain=8, morning=8)
    return patient


def answer_again(patient: Patient) -> None:
    patient.refresh_from_db()  # as a request would read it: the flare-up asked to rescreen
    record_screening(patient, ALL_NO, Screening.Source.RECHECK)
    patient.refresh_from_db()
    assert not patient.rescreen_reason


def kinds(patient: Patient) -> list[str]:
    rows = sync_alerts(Patient.objects.filter(pk=patient.pk), today())
    return [a.kind for a in rows[0].alerts]


def test_one_bad_session_is_not_a_flare_up(dr: User) -> None:
    patient = linked_patient(dr, "gus", days_ago=21)
    train(patient, ago(12), morning=3)
    train(patient, ago(4), pain=8, morning=8)
    assert active_pause(patient) is None
    assert "flare_up" not in kinds(patient)


def test_two_of_three_sessions_at_seven_or_more_pause_progression(dr: User) -> None:
    patient = flared(dr)
    pause = active_pause(patient)
    assert pause is not None and "7/10 or more in 2 of the last 3 sessions" in pause.reason
    decisions = ProgressionDecision.objects.filter(session_log=pause.session_log)
    assert decisions.filter(decision="pause", alert_clinician=True).exists()
    assert not decisions.filter(decision="progress").exists()


def test_a_flare_up_asks_the_warning_sign_questions_again(dr: User) -> None:
    patient = flared(dr)
    patient.refresh_from_db()
    assert "flare-up" in patient.rescreen_reason
    assert safety_state(patient).gate.code == "rescreen_required"


def test_the_clinician_sees_a_flare_up_alert(dr: User) -> None:
    assert "flare_up" in kinds(flared(dr))


def test_the_programme_page_offers_the_flare_up_lesson_and_the_questions(dr: User) -> None:
    patient = flared(dr)
    page = client_for(patient.user).get(reverse("programmes:current")).content.decode()
    assert 'id="flare-pause"' in page
    assert reverse("selfcare:lesson", args=[FLARE_LESSON]) in page
    assert reverse("screening:start") in page


def test_an_exercise_eased_for_the_flare_up_is_not_eased_again(dr: User) -> None:
    patient = flared(dr)
    pause = active_pause(patient)
    eased = set(
        ProgressionDecision.objects.filter(
            session_log=pause.session_log, decision="pause"
        ).values_list("exercise_id", flat=True)
    )
    answer_again(patient)
    for days in (3, 2, 1):  # every session of the week again, still at 8/10
        log = train(patient, ago(days), pain=8, morning=8)
        again = log.decisions.filter(exercise_id__in=eased)
        assert set(again.values_list("decision", flat=True)) <= {"hold"}
        assert not log.decisions.filter(decision__in=("pause", "progress")).exists()
        answer_again(patient)


def test_the_pause_ends_once_pain_has_settled(dr: User) -> None:
    patient = flared(dr)
    answer_again(patient)
    train(patient, ago(3), morning=3)
    assert active_pause(patient) is not None  # 2 of the last 3 still at 8/10
    train(patient, ago(2), morning=3)
    assert active_pause(patient) is None
    assert "flare_up" not in kinds(patient)


def test_a_missing_morning_check_does_not_end_the_pause(dr: User) -> None:
    patient = flared(dr)
    answer_again(patient)
    train(patient, ago(3), morning=3)
    train(patient, ago(2))
    train(patient, ago(1))  # the log before runs without its morning check
    assert active_pause(patient) is not None


def test_nothing_steps_up_while_paused(dr: User) -> None:
    patient = flared(dr)
    answer_again(patient)
    log = train(patient, ago(3), morning=3)
    assert not log.decisions.filter(decision="progress").exists()


def test_a_linked_clinician_lifts_the_pause_with_a_reason(dr: User, dr_client: Client) -> None:
    patient = flared(dr)
    url = reverse("clinician:flare_lift", args=[patient.pk])
    assert "Lift the pause" in dr_client.get(url).content.decode()
    refused = dr_client.post(url, {"version": "1", "reason": " ", "confirm": "on"})
    assert refused.status_code == 400 and active_pause(patient) is not None
    done = dr_client.post(
        url, {"version": "1", "reason": "Reviewed: a muscle strain", "confirm": "on"}
    )
    assert done.status_code == 302
    assert active_pause(patient) is None
    edit = ProgrammeEdit.objects.get(patient=patient, kind="flare_lift")
    assert edit.reason == "Reviewed: a muscle strain"
    assert AccessEvent.objects.filter(
        patient=patient, detail__startswith="Lifted a flare-up"
    ).exists()
    assert "flare_up" not in kinds(patient)


def test_lifting_twice_says_there_is_no_pause(dr: User, dr_client: Client) -> None:
    patient = flared(dr)
    url = reverse("clinician:flare_lift", args=[patient.pk])
    body = {"version": "1", "reason": "Reviewed", "confirm": "on"}
    dr_client.post(url, body)
    again = dr_client.post(url, body)
    assert again.status_code == 400
    assert "not paused" in again.content.decode()


def test_an_unlinked_clinician_cannot_lift_the_pause(dr: User) -> None:
    patient = flared(dr)
    other = User.objects.create_user("dr-other", "o@example.org", "pw-Other-123", role="clinician")
    url = reverse("clinician:flare_lift", args=[patient.pk])
    body = {"version": "1", "reason": "Reviewed", "confirm": "on"}
    assert client_for(other).post(url, body).status_code == 404
    assert client_for(patient.user).post(url, body).status_code in (302, 403, 404)
    assert active_pause(patient) is not None


def test_the_api_shows_the_pause_and_lifts_it(dr: User) -> None:
    patient = flared(dr)
    me = ApiClient(user=patient.user)
    state = me.get(f"/api/v1/patients/{patient.pk}/safety").json()
    assert state["flare_pause"]["lesson"] == FLARE_LESSON
    clinician = ApiClient(user=dr)
    lifted = clinician.post(
        f"/api/v1/patients/{patient.pk}/flare-pause/lift",
        {"reason": "Reviewed by phone"},
        headers={"If-Match": "*"},
    )
    assert lifted.status_code == 200, lifted.content
    assert me.get(f"/api/v1/patients/{patient.pk}/safety").json()["flare_pause"] is None
    again = clinician.post(
        f"/api/v1/patients/{patient.pk}/flare-pause/lift",
        {"reason": "Reviewed by phone"},
        headers={"If-Match": "*"},
    )
    assert again.status_code == 422


def test_today_says_progression_is_paused_once_the_questions_are_answered(dr: User) -> None:
    patient = flared(dr)
    page = client_for(patient.user).get(reverse("today:home")).content.decode()
    assert "Answer the safety questions again" in page
    answer_again(patient)
    page = client_for(patient.user).get(reverse("today:home")).content.decode()
    assert "Progression is paused after a flare-up" in page
