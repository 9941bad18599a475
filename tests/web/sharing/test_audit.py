"""The access log: append-only from the application, and what each entry keeps."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from spinewise.sharing.audit import record_access
from spinewise.sharing.models import AccessEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(patient: Patient, clinician: User) -> AccessEvent:
    return record_access(None, patient, "view", "patient record", actor=clinician)


def test_an_entry_cannot_be_edited(event: AccessEvent) -> None:
    event.detail = "nothing to see"
    with pytest.raises(PermissionError):
        event.save()
    event.refresh_from_db()
    assert event.detail == "patient record"


def test_an_entry_cannot_be_deleted(event: AccessEvent) -> None:
    with pytest.raises(PermissionError):
        event.delete()
    assert AccessEvent.objects.filter(pk=event.pk).exists()


def test_entries_cannot_be_updated_or_deleted_in_bulk(event: AccessEvent) -> None:
    with pytest.raises(PermissionError):
        AccessEvent.objects.filter(pk=event.pk).update(detail="x")
    with pytest.raises(PermissionError):
        AccessEvent.objects.all().delete()
    assert AccessEvent.objects.get(pk=event.pk).detail == "patient record"


def test_reusing_an_entrys_id_cannot_overwrite_it(
    event: AccessEvent, patient: Patient, clinician: User
) -> None:
    from django.db import IntegrityError, transaction

    forged = AccessEvent(
        pk=event.pk, patient=patient, actor=clinician, actor_name="x", action="view"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        forged.save()
    assert AccessEvent.objects.get(pk=event.pk).actor_name == "dr"


def test_the_admin_may_look_but_not_add_change_or_delete(event: AccessEvent) -> None:
    model_admin = admin.site._registry[AccessEvent]
    request = RequestFactory().get("/admin/")
    request.user = User.objects.create_superuser("root", "root@example.org", "x")
    assert model_admin.has_view_permission(request, event)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, event)
    assert not model_admin.has_delete_permission(request, event)


def test_an_entry_keeps_the_name_after_the_account_is_deleted(
    event: AccessEvent, clinician: User
) -> None:
    clinician.delete()
    event.refresh_from_db()
    assert event.actor is None
    assert event.actor_name == "dr"


def test_an_entry_names_the_clinician_by_full_name_and_user_name(
    patient: Patient, clinician: User
) -> None:
    clinician.first_name, clinician.last_name = "Ada", "Lovelace"
    entry = record_access(None, patient, "view", actor=clinician)
    assert entry.actor_name == "Ada Lovelace (dr)"


def test_the_address_behind_a_trusted_proxy_is_the_clients(
    settings: object, patient: Patient, clinician: User
) -> None:
    settings.PROXY_COUNT = 1  # type: ignore[attr-defined]
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.9")
    request.user = clinician
    assert record_access(request, patient, "view").ip_address == "192.0.2.9"


def test_an_unknown_action_is_refused(patient: Patient, clinician: User) -> None:
    with pytest.raises(ValueError):
        record_access(None, patient, "peek", actor=clinician)
