"""One command for a logged session: the page and the API are checked by the same service,
so they refuse the same things with the same words, and a refused log stores nothing."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.core.exercises import load_library
from spinewise.core.progression import DONE_FOR
from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedSession
from spinewise.training.commands import InvalidLog, LogSession
from spinewise.training.models import ExerciseLog, SessionLog
from spinewise.training.services import record_session
from tests.api.conftest import ApiClient
from tests.web.conftest import entries_for, give_programme, player_post, session_of

pytestmark = pytest.mark.django_db


def command(session: PlannedSession, **changes: object) -> LogSession:
    items = entries_for(session)
    items[1] = replace(items[1], **changes)
    return LogSession(token=uuid.uuid4(), performed_on=timezone.localdate(), items=tuple(items))


def nothing_stored() -> bool:
    return not SessionLog.objects.exists() and not ExerciseLog.objects.exists()


def test_every_problem_is_named_at_once_and_nothing_is_stored(patient: Patient) -> None:
    session = session_of(give_programme(patient))
    with pytest.raises(InvalidLog) as refused:
        record_session(patient, session, command(session, rpe=None, pain_during=None))
    assert refused.value.errors == {
        "items[1].rpe": "Please rate how hard it was from 0 to 10.",
        "items[1].pain_during": "Please rate your pain from 0 to 10.",
    }
    assert nothing_stored()


def test_a_band_the_person_does_not_have_is_refused(patient: Patient) -> None:
    session = session_of(give_programme(patient))
    with pytest.raises(InvalidLog) as refused:
        record_session(patient, session, command(session, band_level="gold"))
    assert list(refused.value.errors) == ["items[1].band_level"]
    assert "Choose one of your bands" in refused.value.errors["items[1].band_level"]
    assert nothing_stored()


def test_an_item_reported_twice_is_refused(patient: Patient) -> None:
    session = session_of(give_programme(patient))
    items = entries_for(session)
    twice = LogSession(
        token=uuid.uuid4(), performed_on=timezone.localdate(), items=(*items, items[0])
    )
    with pytest.raises(InvalidLog) as refused:
        record_session(patient, session, twice)
    assert refused.value.errors == {"items[0].position": "Logged twice."}
    assert nothing_stored()


def test_the_page_and_the_api_refuse_a_wrong_dose_count_in_the_same_words(
    patient: Patient, patient_client: Client
) -> None:
    session = session_of(give_programme(patient))
    item = session.items.all()[0]
    name = f"items-0-{DONE_FOR[load_library().get(item.exercise_id).tracking]}"
    # One number more than the sets done.
    post = player_post(session, **{name: ",".join(["5"] * (item.sets + 1))})
    page = patient_client.post(reverse("training:player", args=[session.number]), post)
    assert page.status_code == 200
    page_error = page.context["form"].errors[name]
    body = {
        "session_number": session.number,
        "version_id": session.version_id,
        "exercises": [
            {
                "position": 0,
                "sets_done": item.sets,
                "done": [5] * (item.sets + 1),
                "rpe": 4,
                "pain_during": 2,
            }
        ],
    }
    api = ApiClient(user=patient.user).post("patients/me/session-logs", body)
    assert api.status_code == 422
    assert api.json()["error"]["fields"] == {"exercises[0].done": page_error[0]}
    assert nothing_stored()
