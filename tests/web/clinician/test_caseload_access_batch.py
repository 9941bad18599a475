"""A page of the caseload is in each shown patient's access log, written off the request in
one batch with the time of the read; nothing is lost when the batch is written late, and a
patient erased in between leaves no broken row."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from spinewise.sharing import audit_batch
from spinewise.sharing.models import AccessEvent

from .conftest import linked_patient

pytestmark = pytest.mark.django_db(transaction=True)
URL = reverse("clinician:caseload")


@pytest.fixture
def batched(settings: Any, monkeypatch: pytest.MonkeyPatch) -> audit_batch.AccessBatch:
    settings.SPINEWISE_JOBS = "queue"
    fresh = audit_batch.AccessBatch()
    monkeypatch.setattr(audit_batch, "batch", fresh)
    monkeypatch.setattr(audit_batch, "FLUSH_SECONDS", 3600)  # only when the test flushes
    return fresh


def summary_views(patient: Patient) -> int:
    return AccessEvent.objects.filter(patient=patient, detail="caseload summary").count()


def test_a_caseload_read_is_logged_for_every_shown_patient_once_the_batch_is_written(
    batched: audit_batch.AccessBatch, dr: User, dr_client: Client
) -> None:
    people = [linked_patient(dr, name) for name in ("amy", "ben")]
    assert dr_client.get(URL).status_code == 200
    assert batched.waiting == 2
    assert all(summary_views(p) == 0 for p in people)  # not in the read's transaction
    assert batched.flush() == 2
    assert all(summary_views(p) == 1 for p in people)
    event = AccessEvent.objects.filter(patient=people[0]).latest("created_at")
    assert event.actor == dr
    assert event.path == URL
    assert batched.flush() == 0  # written once


def test_a_patient_erased_before_the_batch_is_written_leaves_no_row(
    batched: audit_batch.AccessBatch, dr: User, dr_client: Client
) -> None:
    amy, ben = linked_patient(dr, "amy"), linked_patient(dr, "ben")
    dr_client.get(URL)
    ben.user.delete()
    assert batched.flush() == 1
    assert summary_views(amy) == 1
    assert not AccessEvent.objects.filter(patient_id=ben.pk).exists()


def test_the_batch_thread_writes_without_being_asked(
    settings: Any, monkeypatch: pytest.MonkeyPatch, dr: User, dr_client: Client
) -> None:
    import time

    settings.SPINEWISE_JOBS = "queue"
    fresh = audit_batch.AccessBatch()
    monkeypatch.setattr(audit_batch, "batch", fresh)
    monkeypatch.setattr(audit_batch, "FLUSH_SECONDS", 0.05)
    amy = linked_patient(dr, "amy")
    dr_client.get(URL)
    deadline = time.monotonic() + 10
    while summary_views(amy) == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert summary_views(amy) == 1
