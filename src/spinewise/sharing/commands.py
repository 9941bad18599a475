"""A clinician's invitation as one typed command: the invite page and the API build it,
``check_invitation`` checks it once, and only a checked one can be sent (``send_invitation``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from spinewise.core.errors import Invalid

from .clinics import clinics_of
from .invitations import invite_by_email, invite_with_code
from .models import CareLink, Clinic

CHANNELS = ("email", "code")
EMAIL_MAX = 254  # characters (RFC 5321)


@dataclass(frozen=True, kw_only=True)
class InviteCommand:
    """``channel`` "email" (send a link to ``email``) or "code" (a one-time code to give
    the patient); ``clinic_id``: one of the clinician's clinics, or None for just them."""

    channel: str
    email: str = ""
    clinic_id: int | None = None


@dataclass(frozen=True)
class CheckedInvitation:
    clinician: Any
    channel: str
    email: str
    clinic: Clinic | None


def check_invitation(clinician: Any, command: InviteCommand) -> CheckedInvitation:
    """Invalid naming ``channel``, ``email`` or ``clinic_id`` when one is wrong."""
    errors: dict[str, str] = {}
    if command.channel not in CHANNELS:
        errors["channel"] = "Choose email or code."
    email = command.email.strip()
    if command.channel == "email":
        if not email:
            errors["email"] = "Give the patient's e-mail address, or choose a code."
        elif len(email) > EMAIL_MAX or not _valid_email(email):
            errors["email"] = "Enter a valid e-mail address."
    clinic = None
    if command.clinic_id is not None:
        clinic = clinics_of(clinician).filter(pk=command.clinic_id).first()
        if clinic is None:
            errors["clinic_id"] = "Select a valid choice: you belong to no clinic with this id."
    if errors:
        raise Invalid(errors)
    return CheckedInvitation(clinician, command.channel, email, clinic)


def send_invitation(
    checked: CheckedInvitation, build_url: Callable[[str], str]
) -> tuple[CareLink, str]:
    """Send the invitation: (link, code) for a code invitation, (link, "") for an e-mail
    one, whose link ``build_url(token)`` makes absolute."""
    if checked.channel == "code":
        return invite_with_code(checked.clinician, checked.clinic)
    return invite_by_email(checked.clinician, checked.email, build_url, checked.clinic), ""


def _valid_email(email: str) -> bool:
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True
