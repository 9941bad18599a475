"""The clinician's view of a patient: charts, logs, screenings, questionnaires, alerts, notes."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import Role, User
from spinewise.clinician.models import ClinicalNote
from spinewise.patients.models import Patient
from spinewise.sharing.models import AccessEvent
from tests.web.conftest import PASSWORD, client_for
from tests.web.sharing.conftest import link

from .conftest import ago, check_in, linked_patient, train

pytestmark = pytest.mark.django_db


def page_of(client: Client, patient: Patient, **params: str) -> str:
    response = client.get(reverse("clinician:patient", args=[patient.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def kim(dr: User) -> Patient:
    patient = linked_patient(dr, "kim", days_ago=21)
    train(patient, ago(12), morning=3)
    check_in(patient, ago(8), pain=4)
    train(patient, ago(3), pain=6, rpe=7, sharp=True)
    return patient


def test_the_page_has_charts_of_pain_psfs_peg_adherence_and_volume(
    dr_client: Client, kim: Patient
) -> None:
    page = page_of(dr_client, kim)
    for key in ("pain", "psfs", "peg", "adherence", "volume"):
        assert f'id="chart-{key}"' in page
    assert "Pain and its interference (PEG)" in page


def test_session_logs_show_pain_and_effort_per_exercise(dr_client: Client, kim: Patient) -> None:
    page = page_of(dr_client, kim)
    log = kim.session_logs.order_by("-performed_on").first()
    first = log.exercise_logs.order_by("position").first()
    assert f"<td>{first.name}</td>" in page
    assert "<td>7</td><td>6</td>" in page  # effort 7, pain 6
    assert "sharp pain" in page
    assert "Next-morning pain 3/10." in page


def test_screening_history_shows_the_reasons_that_fired(dr: User, dr_client: Client) -> None:
    patient = linked_patient(dr, "lee")
    train(patient, ago(2), symptoms=["fever_or_chills"])
    page = page_of(dr_client, patient)
    screening = patient.screenings.order_by("-created_at").first()
    assert screening.reasons
    assert screening.reasons[0]["explanation"] in page
    assert "New symptom reported with a session" in page


def test_questionnaire_answers_are_shown(dr_client: Client, kim: Patient) -> None:
    page = page_of(dr_client, kim)
    assert "Putting on socks 3/10" in page  # baseline PSFS
    assert (
        "<td>4</td><td>4</td><td>4</td><td>4</td><td>4</td><td>4 " in page
    )  # PEG items, PEG, PSFS


def test_open_alerts_are_shown_with_their_actions(dr_client: Client, kim: Patient) -> None:
    page = page_of(dr_client, kim)
    assert "Reported sharp pain once in the last week." in page
    assert "Acknowledge or resolve" in page


def test_session_logs_come_a_page_at_a_time(dr: User, dr_client: Client) -> None:
    patient = linked_patient(dr, "busy", days_ago=40)
    for days in range(36, 0, -3):
        train(patient, ago(days), morning=2)
    assert page_of(dr_client, patient).count('class="session-log"') == 10
    assert page_of(dr_client, patient, logs="2").count('class="session-log"') == 2


def test_every_view_is_written_to_the_patients_access_log(dr_client: Client, kim: Patient) -> None:
    page_of(dr_client, kim)
    page_of(dr_client, kim)
    events = AccessEvent.objects.filter(patient=kim, detail="patient record")
    assert events.count() == 2
    assert {e.actor_name for e in events} == {"Ana Jones (dr-jones)"}
    assert events.first().path == reverse("clinician:patient", args=[kim.pk])


# --- notes ------------------------------------------------------------------------------


def add_note(client: Client, patient: Patient, text: str, **headers: str):
    return client.post(reverse("clinician:note_add", args=[patient.pk]), {"text": text}, **headers)


def test_a_clinician_adds_a_note_and_sees_it(dr_client: Client, kim: Patient) -> None:
    response = add_note(dr_client, kim, "Works nights; prefers sessions at 6 pm.")
    assert response.status_code == 302
    note = ClinicalNote.objects.get(patient=kim)
    assert note.author_name == "Ana Jones (dr-jones)"
    assert "Works nights; prefers sessions at 6 pm." in page_of(dr_client, kim)


def test_a_note_is_written_to_the_access_log_as_a_change(dr_client: Client, kim: Patient) -> None:
    add_note(dr_client, kim, "Reviewed.")
    assert AccessEvent.objects.filter(patient=kim, action="change").count() == 1


def test_an_empty_note_is_refused(dr_client: Client, kim: Patient) -> None:
    response = add_note(dr_client, kim, "   ")
    assert response.status_code == 400
    assert not ClinicalNote.objects.exists()


def test_with_htmx_the_notes_are_redrawn_in_place(dr_client: Client, kim: Patient) -> None:
    response = add_note(dr_client, kim, "Gardening again.", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section class="card" id="notes">')
    assert "Gardening again." in body and "<html" not in body


def test_another_linked_clinician_sees_the_note(dr_client: Client, kim: Patient) -> None:
    add_note(dr_client, kim, "Referred for imaging.")
    colleague = User.objects.create_user("dr-b", "b@example.org", PASSWORD, role=Role.CLINICIAN)
    link(colleague, kim)
    assert "Referred for imaging." in page_of(client_for(colleague), kim)


def test_the_patient_never_sees_a_note(dr_client: Client, kim: Patient) -> None:
    add_note(dr_client, kim, "Private: query low mood")
    patient_client = client_for(kim.user)
    for name in (
        "today:home",
        "programmes:current",
        "progress:overview",
        "training:history",
        "sharing:overview",
        "sharing:access_log",
    ):
        body = patient_client.get(reverse(name)).content.decode()
        assert "query low mood" not in body, name
    assert patient_client.get(reverse("clinician:patient", args=[kim.pk])).status_code == 403


def test_an_unlinked_clinician_cannot_see_or_add_notes(dr_client: Client, kim: Patient) -> None:
    add_note(dr_client, kim, "Private: query low mood")
    stranger = User.objects.create_user("dr-x", "x@example.org", PASSWORD, role=Role.CLINICIAN)
    client = client_for(stranger)
    assert client.get(reverse("clinician:patient", args=[kim.pk])).status_code == 404
    assert add_note(client, kim, "Hello").status_code == 404
    assert ClinicalNote.objects.count() == 1
