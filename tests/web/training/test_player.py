from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedSession
from spinewise.screening.models import Screening
from spinewise.training.models import ExerciseLog, SessionLog
from tests.web.conftest import give_programme, player_post, screen_as, session_of

pytestmark = pytest.mark.django_db
URL = reverse("training:player", args=[1])


@pytest.fixture
def session(patient: Patient) -> PlannedSession:
    return session_of(give_programme(patient))


def test_the_page_embeds_the_player_with_the_session_data(
    patient_client: Client, session: PlannedSession
) -> None:
    page = patient_client.get(URL).content.decode()
    assert '<div id="player" data-log-form="session-log-form"' in page
    assert 'id="session-log-form"' in page
    data = json.loads(
        page.split('<script id="session-data" type="application/json">')[1].split("</script>")[0]
    )
    assert data["title"] == session.title
    first = data["items"][0]
    item = session.items.first()
    assert first["index"] == 0
    assert first["exercise_id"] == item.exercise_id
    assert first["figure_url"] == reverse("exercises:animated", args=[item.exercise_id])
    assert set(first["instructions"]) == {"setup", "steps", "breathing"}
    assert first["reason"] == item.reason


def test_the_log_form_works_without_javascript(
    patient_client: Client, session: PlannedSession
) -> None:
    page = patient_client.get(URL).content.decode()
    assert 'name="items-0-sets_done"' in page
    assert 'name="items-0-rpe"' in page
    assert 'name="items-0-pain_during"' in page
    assert 'name="items-0-sharp_pain"' in page
    # a date field a browser can show: ISO format, whatever the language
    assert f'type="date" name="performed_on" value="{timezone.localdate().isoformat()}"' in page


def test_logging_a_session_records_every_exercise(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    response = patient_client.post(URL, player_post(session))
    log = SessionLog.objects.get(patient=patient)
    assert response["Location"] == reverse("training:log", args=[log.pk])
    assert log.exercise_logs.count() == session.items.count()
    first = log.exercise_logs.first()
    assert first.rpe == 4 and first.pain_during == 2 and first.sets_done > 0


def test_submitting_the_same_form_twice_records_one_session(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    data = player_post(session)
    first = patient_client.post(URL, data)
    second = patient_client.post(URL, data)
    assert SessionLog.objects.filter(patient=patient).count() == 1
    assert first["Location"] == second["Location"]


def test_saving_a_session_again_the_same_day_keeps_one_log(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    # Back, then Save again: the page after Back carries a new form token.
    patient_client.post(URL, player_post(session))
    again = patient_client.post(URL, player_post(session))
    first = SessionLog.objects.get(patient=patient)
    assert again.status_code == 409
    page = again.content.decode()
    assert "You have already logged this session today" in page
    assert reverse("training:log", args=[first.pk]) in page
    assert reverse("training:correct", args=[first.pk]) in page


def test_the_player_says_when_the_session_was_logged_today(
    patient_client: Client, session: PlannedSession
) -> None:
    patient_client.post(URL, player_post(session))
    page = patient_client.get(URL).content.decode()
    assert 'id="logged-today"' in page


def test_the_same_session_on_another_day_is_a_second_log(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    patient_client.post(URL, player_post(session, performed_on=yesterday))
    patient_client.post(URL, player_post(session))
    assert SessionLog.objects.filter(patient=patient).count() == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("items-0-rpe", "11"),
        ("items-0-pain_during", "-1"),
        ("items-0-sets_done", "11"),
        ("items-0-sets_done", "two"),
        ("performed_on", "not a date"),
    ],
)
def test_out_of_range_values_are_rejected_next_to_the_field(
    patient_client: Client, session: PlannedSession, field: str, value: str
) -> None:
    response = patient_client.post(URL, player_post(session, **{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'id="field-{field}"' in response.content.decode()
    assert not SessionLog.objects.exists()


def done_field(session: PlannedSession) -> str:
    data = player_post(session)
    return next(
        k for k in data if k.startswith("items-0-") and k.endswith("_done") and "sets" not in k
    )


def test_one_number_per_set_is_required(patient_client: Client, session: PlannedSession) -> None:
    name = done_field(session)
    data = player_post(session, **{"items-0-sets_done": "3", name: "10,10"})
    response = patient_client.post(URL, data)
    assert name in response.context["form"].errors
    assert not SessionLog.objects.exists()


def test_amounts_must_be_whole_numbers(patient_client: Client, session: PlannedSession) -> None:
    name = done_field(session)
    response = patient_client.post(URL, player_post(session, **{name: "ten"}))
    assert name in response.context["form"].errors


def test_an_amount_beyond_what_anyone_could_do_is_rejected(
    patient_client: Client, session: PlannedSession
) -> None:
    name = done_field(session)
    sets = player_post(session)["items-0-sets_done"]
    response = patient_client.post(
        URL, player_post(session, **{name: ",".join(["5000"] * int(sets))})
    )
    assert name in response.context["form"].errors


def test_effort_and_pain_are_required_for_an_exercise_that_was_done(
    patient_client: Client, session: PlannedSession
) -> None:
    data = player_post(session)
    del data["rpe"], data["pain_during"]
    response = patient_client.post(URL, data)
    errors = response.context["form"].errors
    assert errors["rpe"] == ["Effort is missing: rate how hard the session was, from 0 to 10."]
    assert errors["pain_during"] == [
        "Pain is missing: rate your pain during the session, from 0 to 10."
    ]
    assert not SessionLog.objects.exists()


def test_the_session_ratings_missing_name_the_exercises_without_their_own(
    patient_client: Client, session: PlannedSession
) -> None:
    rated = {f"items-{i}-rpe": "5" for i in range(1, session.items.count())}
    data = player_post(session, **rated)
    del data["rpe"]
    response = patient_client.post(URL, data)
    first = session.items.all()[0].name
    assert response.context["form"].errors["rpe"] == [
        f"Effort is missing: rate how hard the session was, from 0 to 10 (for {first})."
    ]


def test_the_session_ratings_go_to_every_exercise_done(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    patient_client.post(URL, player_post(session, rpe="6", pain_during="3"))
    logged = ExerciseLog.objects.filter(session_log__patient=patient)
    assert logged.count() == session.items.count()
    assert {(e.rpe, e.pain_during) for e in logged} == {(6, 3)}


def test_an_exercise_rated_on_its_own_keeps_its_ratings(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    data = player_post(session, **{"items-1-rpe": "9", "items-1-pain_during": "5"})
    patient_client.post(URL, data)
    logged = {e.position: e for e in ExerciseLog.objects.filter(session_log__patient=patient)}
    assert (logged[1].rpe, logged[1].pain_during) == (9, 5)
    assert (logged[0].rpe, logged[0].pain_during) == (4, 2)


def test_a_skipped_exercise_needs_no_ratings(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    patient_client.post(URL, player_post(session, **{"items-0-sets_done": "0"}))
    skipped = ExerciseLog.objects.get(session_log__patient=patient, position=0)
    assert skipped.sets_done == 0 and skipped.rpe is None and skipped.pain_during is None


def test_a_session_with_nothing_done_needs_no_ratings(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    skipped = {f"items-{i}-sets_done": "0" for i in range(session.items.count())}
    data = player_post(session, **skipped)
    del data["rpe"], data["pain_during"]
    response = patient_client.post(URL, data)
    assert response.status_code == 302
    assert SessionLog.objects.filter(patient=patient).count() == 1


def test_a_future_date_is_rejected(patient_client: Client, session: PlannedSession) -> None:
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = patient_client.post(URL, player_post(session, performed_on=tomorrow))
    assert "performed_on" in response.context["form"].errors


def test_a_red_flag_in_the_log_shows_the_advice_and_stops_the_programme(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    response = patient_client.post(
        URL, player_post(session, new_symptoms="saddle_numbness"), follow=True
    )
    screening = Screening.objects.filter(patient=patient).first()
    assert screening.level == "emergency"
    assert screening.source == Screening.Source.SESSION
    assert "Get emergency help now" in response.content.decode()
    programme_page = patient_client.get(reverse("programmes:current")).content.decode()
    assert reverse("training:player", args=[1]) not in programme_page


def test_another_new_symptom_asks_for_the_safety_questions_again(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    patient_client.post(URL, player_post(session, other_symptom="tingling in my left foot"))
    patient.refresh_from_db()
    assert "tingling in my left foot" in patient.rescreen_reason


def test_the_player_stop_for_sharp_pain_counts_as_sharp_pain(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    data = player_post(session, **{"items-0-stopped": "1", "items-0-stop_reason": "sharp_pain"})
    patient_client.post(URL, data)
    logged = ExerciseLog.objects.get(session_log__patient=patient, position=0)
    assert logged.sharp_pain and logged.stopped


def test_logging_is_one_transaction(
    patient_client: Client,
    patient: Patient,
    session: PlannedSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the progression engine failed half-way")

    monkeypatch.setattr("spinewise.training.services.apply_progression", fail)
    patient_client.raise_request_exception = False
    data = player_post(session, **{"items-0-sharp_pain": "on"})
    response = patient_client.post(URL, data)
    assert response.status_code == 500
    assert not SessionLog.objects.exists()
    assert not ExerciseLog.objects.exists()


def test_a_post_without_a_version_is_a_bad_request(
    patient_client: Client, session: PlannedSession
) -> None:
    data = player_post(session)
    del data["version"]
    assert patient_client.post(URL, data).status_code == 400


def test_an_unknown_session_number_is_not_found(
    patient_client: Client, session: PlannedSession
) -> None:
    assert patient_client.get(reverse("training:player", args=[9])).status_code == 404


def test_an_urgent_screening_sends_the_player_back_to_the_advice(
    patient_client: Client, patient: Patient, session: PlannedSession
) -> None:
    screening = screen_as(patient, "urgent")
    assert patient_client.get(URL)["Location"] == reverse("screening:result", args=[screening.pk])


def test_another_patient_cannot_log_into_this_programme(
    other_client: Client, other_patient: Patient, session: PlannedSession
) -> None:
    give_programme(other_patient)
    response = other_client.post(URL, player_post(session))
    assert response.status_code == 404
    assert not SessionLog.objects.filter(patient=other_patient).exists()


def test_anonymous_visitors_are_sent_to_log_in(client: Client, session: PlannedSession) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    response = client.post(URL, player_post(session))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not SessionLog.objects.exists()
