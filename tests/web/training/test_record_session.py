"""Recording a session: one transaction, one log per form even when sent twice at once."""

from __future__ import annotations

import uuid

import pytest

from spinewise.patients.models import Patient
from spinewise.training.models import ExerciseLog, SessionLog
from tests.web.conftest import give_programme, log_session, session_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_submissions_of_one_form_keep_one_log(
    patient: Patient, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = session_of(give_programme(patient))
    token = uuid.uuid4()
    first = log_session(patient, session, token=token)
    # The second request checked before the first had committed: only the constraint is left.
    monkeypatch.setattr("spinewise.training.services._already_logged", lambda *args: None)
    second = log_session(patient, session, token=token)
    assert second == first
    assert SessionLog.objects.count() == 1
    assert ExerciseLog.objects.count() == session.items.count()
