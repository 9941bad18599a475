"""Care links: a clinician invites, the patient consents, either of them ends the link.

Every rule lives in the clinic app (``clinic.invitations``, ``clinic.links``); this router
only speaks JSON. Clinician endpoints are under ``/clinician/…`` (403 for anyone who is
not a clinician); the patient's side is under ``/sharing/…`` (403 for anyone who is not
a patient). A link that is not the caller's is 404, so nobody learns it exists.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.decorators import decorate_view
from pydantic import ConfigDict

from spinewise.patients.models import Patient
from spinewise.sharing.access import own_patient
from spinewise.sharing.commands import (
    EMAIL_MAX,
    InviteCommand,
    check_invitation,
    send_invitation,
)
from spinewise.sharing.invitations import (
    INVITATION_DAYS,
    accept,
    claim,
    display_name,
    find_by_code,
    find_by_token,
)
from spinewise.sharing.links import ACTIVE, end_link, is_clinician
from spinewise.sharing.models import AccessEvent, CareLink

from ..errors import ApiError, documented_errors
from ..idempotency import IdempotencyKey, idempotent
from ..idempotency import claim as claim_key
from ..pagination import Page, PageParams, paginate
from ..params import Bool, Text, object_id

router = Router(tags=["care links"])

LinkStatus = Literal["active", "invited", "ended"]


class PersonOut(Schema):
    id: int
    name: str = Field(..., description="Full name and user name, as the other side sees it.")


class LinkOut(Schema):
    id: int
    status: LinkStatus = Field(..., description="invited, then active once consented; ended.")
    channel: Literal["email", "code"]
    clinician: PersonOut
    patient: PersonOut | None = Field(None, description="Null until the invitation is used.")
    clinic: str | None = Field(None, description="The clinic the invitation was made for.")
    invited_email: str
    invited_at: datetime
    expires_at: datetime = Field(..., description="The invitation's secret works until then.")
    consent_at: datetime | None
    ended_at: datetime | None
    end_reason: str


class InvitationIn(Schema):
    channel: Literal["email", "code"] = Field(
        ..., description="email: send a link; code: a one-time code to give the patient."
    )
    email: Text(EMAIL_MAX) | None = Field(None, description="For an e-mail invitation.")  # type: ignore[valid-type]
    clinic_id: int | None = Field(
        None, ge=1, le=2**63 - 1, description="On behalf of one of your clinics."
    )


class InvitationOut(Schema):
    link: LinkOut
    code: str | None = Field(
        None, description="The one-time code (code invitations), shown only in this answer."
    )
    valid_days: int


class AcceptIn(Schema):
    """The invitation's secret, exactly one of ``code`` and ``token``, and consent."""

    model_config = ConfigDict(
        json_schema_extra={"oneOf": [{"required": ["code"]}, {"required": ["token"]}]}
    )

    code: Text(40) = Field(  # type: ignore[valid-type]
        None, min_length=1, description="A one-time code, e.g. ABCD-EFGH-JKMN."
    )
    token: Text(100) = Field(  # type: ignore[valid-type]
        None,
        min_length=1,
        description="From an e-mailed invitation: the last part of its link, "
        "/sharing/invitation/<token>/.",
    )
    consent: Bool = Field(
        ...,
        description="true: I agree to share my Spinewise record with this clinician; "
        "I can end this at any time. Nothing is shared without it.",
    )


class AccessEventOut(Schema):
    id: int
    created_at: datetime
    actor: str = Field(..., description="Who it was (kept after their account is deleted).")
    action: Literal["view", "change"]
    detail: str
    method: str
    path: str


def _person(user: Any, pk: int) -> dict[str, Any]:
    return {"id": pk, "name": display_name(user)}


def link_out(link: CareLink) -> dict[str, Any]:
    patient = link.patient
    return {
        "id": link.pk,
        "status": link.status,
        "channel": link.channel,
        "clinician": _person(link.clinician, link.clinician_id),
        "patient": _person(patient.user, patient.pk) if patient is not None else None,
        "clinic": link.clinic.name if link.clinic is not None else None,
        "invited_email": link.invited_email,
        "invited_at": link.invited_at,
        "expires_at": link.expires_at,
        "consent_at": link.consent_at,
        "ended_at": link.ended_at,
        "end_reason": link.end_reason,
    }


def event_out(event: AccessEvent) -> dict[str, Any]:
    return {
        "id": event.pk,
        "created_at": event.created_at,
        "actor": event.actor_name,
        "action": event.action,
        "detail": event.detail,
        "method": event.method,
        "path": event.path,
    }


def clinician_of(request: HttpRequest) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    if not is_clinician(user):
        raise ApiError(403, "This is for clinicians.", code="not_a_clinician")
    return user


def patient_self(request: HttpRequest) -> Patient:
    patient = own_patient(request.auth)  # type: ignore[attr-defined]
    if patient is None:
        raise ApiError(403, "This is for patients, about their own record.", code="not_a_patient")
    return patient


def _links() -> QuerySet[CareLink]:
    return CareLink.objects.select_related("clinician", "clinic", "patient__user")


def _by_status(links: QuerySet[CareLink], status: str | None) -> QuerySet[CareLink]:
    if status == "active":
        return links.filter(ACTIVE)
    if status == "invited":
        return links.filter(status=CareLink.Status.INVITED, expires_at__gt=timezone.now())
    if status == "ended":
        return links.filter(status=CareLink.Status.ENDED)
    return links


class LinkFilter(Schema):
    status: LinkStatus | None = Field(
        None, description="Only links in this state (invited: not yet expired)."
    )


@router.post(
    "/clinician/invitations",
    response={201: InvitationOut, **documented_errors(400, 401, 403, 409, 413, 422)},
    url_name="invitations_create",
    summary="Invite a patient by e-mail or with a one-time code",
)
def create_invitation(
    request: HttpRequest, payload: InvitationIn, idempotency_key: str | None = IdempotencyKey
) -> Any:
    """The invitation works once, for 14 days; the patient's consent makes it a link.

    A code is shown only in this answer and never stored, so a retry with the same
    ``Idempotency-Key`` is refused (409) instead of replayed: list your links to find it.
    """
    clinician = clinician_of(request)
    command = InviteCommand(
        channel=payload.channel, email=payload.email or "", clinic_id=payload.clinic_id
    )
    checked = check_invitation(clinician, command)  # Invalid: 422 naming the field
    claim_key(clinician, idempotency_key, request)

    def build_url(token: str) -> str:
        return request.build_absolute_uri(reverse("sharing:invitation", args=[token]))

    link, code = send_invitation(checked, build_url)
    link = _links().get(pk=link.pk)
    return Status(
        201, {"link": link_out(link), "code": code or None, "valid_days": INVITATION_DAYS}
    )


@router.get(
    "/clinician/links",
    response={200: Page[LinkOut], **documented_errors(401, 403, 422)},
    url_name="clinician_links",
    summary="Your links and invitations, newest first",
)
def clinician_links(
    request: HttpRequest, page: Query[PageParams], filters: Query[LinkFilter]
) -> Any:
    clinician = clinician_of(request)
    rows = _by_status(_links().filter(clinician=clinician), filters.status)
    return paginate(request, rows.order_by("-invited_at", "-id"), page, link_out)


@router.delete(
    "/clinician/links/{link_id}",
    response={204: None, **documented_errors(401, 403, 404, 422)},
    url_name="clinician_link",
    summary="End a link, or withdraw an invitation",
)
def clinician_end_link(request: HttpRequest, link_id: int = object_id("The link's id.")) -> Any:
    """You stop seeing the patient's record at once. 404 if it is not yours or has ended."""
    clinician = clinician_of(request)
    link = (
        _links()
        .filter(
            pk=link_id,
            clinician=clinician,
            status__in=[CareLink.Status.ACTIVE, CareLink.Status.INVITED],
        )
        .first()
    )
    if link is None:
        raise ApiError(404, "You have no open link or invitation with this id.")
    end_link(link, clinician, "Ended by the clinician")
    return Status(204, None)


@router.post(
    "/sharing/accept",
    response={
        200: LinkOut,
        201: LinkOut,
        **documented_errors(400, 401, 403, 409, 413, 422),
    },
    url_name="sharing_accept",
    summary="Accept a clinician's invitation (code or e-mailed link): share your record",
)
@decorate_view(idempotent)
def accept_invitation(
    request: HttpRequest, payload: AcceptIn, idempotency_key: str | None = IdempotencyKey
) -> Any:
    """Send the one-time ``code`` or the e-mailed link's ``token``, not both (422).
    ``consent`` must be true. 201 with the new link; 200 if you already share your record
    with this clinician; 409 ``invitation_not_usable`` (expired, used, withdrawn)."""
    patient = patient_self(request)
    if (payload.code is None) == (payload.token is None):
        problem = (
            "Send either the code or the invitation link's token, not both."
            if payload.code is not None
            else "Send the code, or the token from the invitation link."
        )
        raise ApiError(422, fields={"code": problem, "token": problem})
    if payload.consent is not True:
        raise ApiError(
            422,
            fields={"consent": "Agree to share your record (true), or do not send this."},
        )
    if payload.code is not None:
        link = find_by_code(payload.code)
        if link is None:
            raise ApiError(
                422, fields={"code": "That code is not valid. Check it, or ask for a new one."}
            )
    else:
        link = find_by_token(payload.token or "")
        if link is None:
            raise ApiError(
                422,
                fields={
                    "token": "That invitation link is not valid. Check it, or ask for a new one."
                },
            )
    found = claim(link, patient)
    active = None
    if found.usable:
        active, found = accept(link, patient)
    elif found.already:
        active = link
    if active is None:
        raise ApiError(409, found.problem, code="invitation_not_usable")
    return Status(200 if found.already else 201, link_out(_links().get(pk=active.pk)))


@router.get(
    "/sharing/links",
    response={200: Page[LinkOut], **documented_errors(401, 403, 422)},
    url_name="sharing_links",
    summary="Who can see your record (active links), newest consent first",
)
def sharing_links(request: HttpRequest, page: Query[PageParams], filters: Query[LinkFilter]) -> Any:
    """By default the clinicians who can see your record now; ``status`` for the others."""
    patient = patient_self(request)
    rows = _by_status(_links().filter(patient=patient), filters.status or "active")
    return paginate(request, rows.order_by("-consent_at", "-invited_at", "-id"), page, link_out)


@router.delete(
    "/sharing/links/{link_id}",
    response={204: None, **documented_errors(401, 403, 404, 422)},
    url_name="sharing_link",
    summary="Stop sharing your record with a clinician",
)
def sharing_end_link(request: HttpRequest, link_id: int = object_id("The link's id.")) -> Any:
    """The clinician can no longer see your record, at once. 404 unless active and yours."""
    patient = patient_self(request)
    link = _links().filter(ACTIVE, pk=link_id, patient=patient).first()
    if link is None:
        raise ApiError(404, "You share nothing through a link with this id.")
    end_link(link, request.auth, "Ended by the patient")  # type: ignore[attr-defined]
    return Status(204, None)


@router.get(
    "/sharing/access-log",
    response={200: Page[AccessEventOut], **documented_errors(401, 403, 422)},
    url_name="sharing_access_log",
    summary="Who looked at or changed your record, newest first",
)
def access_log(request: HttpRequest, page: Query[PageParams]) -> Any:
    patient = patient_self(request)
    return paginate(request, patient.access_events.all(), page, event_out)
