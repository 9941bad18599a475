"""Who may see and change a patient's data: one rule, used by every view.

Every object that belongs to a patient answers one question, ``owner_patient()``.
:func:`can_access` asks the object for its owner and applies the single rule in
:func:`can_access_patient`. Views never compare users themselves; they call
:func:`patient_for` (pages about "my" data, or a patient chosen by id) or
:func:`get_owned_or_404` (one object by id).

The rule (:func:`can_access_patient`): the patient themselves, or a clinician with an
active care link the patient consented to (``spinewise.sharing.links.active_link``).
Clinic membership alone never grants access. Whenever :func:`patient_for` or
:func:`get_owned_or_404` hands a patient's data to someone who is not that patient, an
``AccessEvent`` is written (``spinewise.sharing.audit.record_access``), so no clinician view
can forget the audit. Clinician views fetch the patient with
:func:`audited_patient_for` (``request`` gives the log the address and browser); other
callers may pass ``request=``, and without it the clinic middleware's current request is
used.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Protocol, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from spinewise.patients.models import Patient

from .audit import record_access
from .links import active_link

M = TypeVar("M", bound=Model)


class Owned(Protocol):
    def owner_patient(self) -> Patient: ...


def can_access_patient(
    user: Any, patient: Patient, *, change: bool = False, clinical: bool = False
) -> bool:
    """The one rule: may ``user`` see (``change=False``) or change this patient's data?

    - The patient: everything of their own.
    - A clinician with an active care link the patient consented to: may view everything;
      may change only clinical settings, asked for with ``change=True, clinical=True``
      (programme exercises, doses and band levels, progression locks, the pain ceiling,
      clearance after a "see a clinician" screening). The patient's own records (session
      logs, morning checks, check-ins, screening and baseline answers) stay the patient's
      word: ``change=True`` without ``clinical`` is refused to everyone but the patient.
    - Nobody else: not other patients, not administrators, not members of the clinician's
      clinic, not a clinician whose link has ended.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if patient.user_id == user.pk:
        return True
    if change and not clinical:
        return False

    return active_link(user, patient) is not None


def can_access(user: Any, obj: Owned, *, change: bool = False, clinical: bool = False) -> bool:
    """May ``user`` see or change ``obj``? Asks the object who owns it."""
    return can_access_patient(user, obj.owner_patient(), change=change, clinical=clinical)


def _audit(
    user: Any, patient: Patient, *, change: bool, detail: str, request: HttpRequest | None
) -> None:
    """Log an access by anyone but the patient (the one audit hook; see module docstring)."""
    if patient.user_id == user.pk:
        return

    record_access(request, patient, "change" if change else "view", detail, actor=user)


def own_patient(user: Any) -> Patient | None:
    """The patient record of a signed-in patient, created on first use (admin-made accounts)."""
    if not getattr(user, "is_authenticated", False) or not user.is_patient:
        return None
    patient, _ = Patient.objects.get_or_create(user=user)
    return patient


def patient_for(
    user: Any,
    patient_id: int | None = None,
    *,
    change: bool = False,
    clinical: bool = False,
    request: HttpRequest | None = None,
) -> Patient:
    """The patient whose data ``user`` is working with.

    Without ``patient_id``: the user's own record (PermissionDenied for non-patients).
    With it: that patient, if :func:`can_access_patient` allows; otherwise Http404, so
    nobody learns that another person's record exists. Access by anyone but the patient
    is written to the access log.
    """
    if patient_id is None:
        patient = own_patient(user)
        if patient is None:
            raise PermissionDenied("These pages are for patients.")
        return patient
    found = Patient.objects.select_related("user").filter(pk=patient_id).first()
    if found is None or not can_access_patient(user, found, change=change, clinical=clinical):
        raise Http404("No such patient.")
    _audit(user, found, change=change, detail="patient record", request=request)
    return found


def audited_patient_for(
    request: HttpRequest, patient_id: int, *, change: bool = False, clinical: bool = False
) -> Patient:
    """The one way clinician views fetch a patient: the rule, then the access log entry."""
    user = getattr(request, "auth", None) or request.user
    return patient_for(user, patient_id, change=change, clinical=clinical, request=request)


def get_owned_or_404(
    user: Any,
    queryset: type[M] | QuerySet[M],
    *,
    change: bool = False,
    clinical: bool = False,
    request: HttpRequest | None = None,
    **lookup: Any,
) -> M:
    """One patient-owned object by lookup; Http404 if missing or not the user's to see.

    Access by anyone but the owning patient is written to the access log.
    """
    obj = get_object_or_404(queryset, **lookup)
    if not can_access(user, obj, change=change, clinical=clinical):  # type: ignore[arg-type]
        raise Http404("Not found.")
    owner = obj.owner_patient()  # type: ignore[attr-defined]
    detail = f"{obj._meta.verbose_name} {obj.pk}"
    _audit(user, owner, change=change, detail=detail, request=request)
    return obj


View = Callable[..., HttpResponse]


def patient_required(view: View) -> View:
    """Sign-in required; sets ``request.patient`` to the user's own patient record."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        request.patient = patient_for(request.user)  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper
