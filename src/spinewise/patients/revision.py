"""A patient's revision: a stamp that changes with every write to their record.

Answers that are costly to work out and read far more often than the record changes (the
Today answer, a clinician's caseload) are kept in the cache under the revisions they were
worked out from. Every write to a patient-owned object (any model with ``owner_patient``,
the one ownership hook) gives the patient a new revision in the same transaction, so a
kept answer can never outlive the data it came from: a new red flag, session or programme
version changes the revision, and the next read works the answer out again.

The stamp is random rather than a counter: a ``Patient.save()`` from an instance read
before someone else's write cannot bring an old value back that an old answer is kept
under. Writes that skip signals (``bulk_create``, ``QuerySet.update``) call ``touch``.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save


def new_revision() -> int:
    """A fresh stamp (62 random bits: fits a signed 64-bit column, never repeats in practice)."""
    return secrets.randbits(62) + 1


def touch(patient_ids: Iterable[int]) -> None:
    """Give these patients a new revision (one UPDATE)."""
    ids = list(set(patient_ids))
    if ids:
        _restamp(pk__in=ids)


def _restamp(**patients: Any) -> None:
    from .models import Patient

    Patient.objects.filter(**patients).update(revision=new_revision())


def owner_id(instance: Any) -> int | None:
    """The id of the patient who owns ``instance`` (without a query where it has one)."""
    patient_id = getattr(instance, "patient_id", None)
    if patient_id is not None:
        return int(patient_id)
    try:
        return int(instance.owner_patient().pk)
    except Exception:  # noqa: BLE001 - an owner already deleted (cascade): nothing to stamp
        return None


def _on_change(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # fixtures
        return
    patient_id = owner_id(instance)
    if patient_id is not None:
        touch([patient_id])


def _on_user_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # names appear in the caseload
        _restamp(user_id=instance.pk)


def connect() -> None:
    """Stamp the owner on every save and delete of a patient-owned model (apps' ready)."""
    from .models import Patient

    for model in apps.get_models():
        if model is Patient or not hasattr(model, "owner_patient"):
            continue
        uid = f"patient-revision-{model._meta.label}"
        post_save.connect(_on_change, sender=model, dispatch_uid=uid)
        post_delete.connect(_on_change, sender=model, dispatch_uid=uid)
    post_save.connect(
        _on_user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="patient-revision-user"
    )
