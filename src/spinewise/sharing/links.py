"""Which patients a clinician may follow: active, consented care links only.

These are the names the clinician workspace builds on. Clinic membership never appears
here: access comes from the patient's own consent to one clinician, nothing else.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from spinewise.patients.models import Patient

from .models import CareLink


def active_rule(via: str = "") -> Q:
    """The one rule for a link that gives access: active and consented. ``via`` reaches the
    link from another model (``"care_links__"`` from Patient)."""
    return Q(**{f"{via}status": CareLink.Status.ACTIVE, f"{via}consent_at__isnull": False})


ACTIVE = active_rule()


def is_clinician(user: Any) -> bool:
    """A signed-in, active account with the clinician role."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "is_clinician", False)
    )


def active_links(clinician: Any) -> QuerySet[CareLink]:
    """The clinician's active, consented links (none for anyone who is not a clinician)."""
    if not is_clinician(clinician):
        return CareLink.objects.none()
    return CareLink.objects.filter(ACTIVE, clinician=clinician)


def active_link(clinician: Any, patient: Patient) -> CareLink | None:
    """The active, consented link between this clinician and patient, or None."""
    if patient.pk is None:
        return None
    return active_links(clinician).filter(patient=patient).first()


def linked_patients(clinician: Any) -> QuerySet[Patient]:
    """The patients this clinician may follow now: one row per active, consented link.

    A plain queryset (one query, no ``distinct``: at most one active link per pair), so
    callers can annotate, order and page it.
    """
    if not is_clinician(clinician):
        return Patient.objects.none()
    # One filter() call: the clinician and the rule apply to the same link row.
    return Patient.objects.filter(active_rule("care_links__"), care_links__clinician=clinician)


def end_link(link: CareLink, by: Any, reason: str = "") -> bool:
    """End a link (or withdraw an invitation) at once. False if it had already ended."""
    with transaction.atomic():
        locked = CareLink.objects.select_for_update().get(pk=link.pk)
        if locked.status == CareLink.Status.ENDED:
            return False
        locked.status = CareLink.Status.ENDED
        locked.ended_at = timezone.now()
        locked.ended_by = by
        locked.end_reason = reason[:200]
        locked.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
    link.refresh_from_db()
    return True
