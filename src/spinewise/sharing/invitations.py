"""Inviting a patient and the patient's consent.

An invitation is a ``CareLink`` in the ``invited`` state with one secret: a long token
sent in an e-mail link, or a short code the clinician reads out or writes down. Only a
keyed hash of the secret is stored (HMAC-SHA256 with the site's secret key, so a copy of
the database alone cannot be used to try codes). A secret works for 14 days and once:
the first patient to present it claims the invitation, and only their consent turns it
into an active link. Codes have 12 characters from a 32-letter alphabet (60 bits), far
beyond guessing.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac

from spinewise.patients.models import Patient

from .links import active_link, is_clinician
from .models import CareLink, Clinic

INVITATION_DAYS = 14
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O or U
CODE_LENGTH = 12
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _hash(kind: str, secret: str) -> str:
    return salted_hmac(
        f"spinewise.sharing.invitation.{kind}", secret, algorithm="sha256"
    ).hexdigest()


def normalise_code(text: str) -> str:
    """A code as typed (any case, spaces, dashes, O for 0) in its canonical form."""
    kept = "".join(ch for ch in text.upper() if ch not in " -\t")
    return kept.translate(_LOOKALIKES)


def format_code(code: str) -> str:
    """ABCD-EFGH-JKMN: easier to read out and to type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _new_link(clinician: Any, clinic: Clinic | None, channel: str, secret_hash: str) -> CareLink:
    now = timezone.now()
    return CareLink(
        clinician=clinician,
        clinic=clinic,
        channel=channel,
        secret_hash=secret_hash,
        invited_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )


def invite_with_code(clinician: Any, clinic: Clinic | None = None) -> tuple[CareLink, str]:
    """A new code invitation; returns the link and the code, formatted, shown only once."""
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    link = _new_link(clinician, clinic, CareLink.Channel.CODE, _hash("code", code))
    link.save()
    return link, format_code(code)


def invite_by_email(
    clinician: Any, email: str, build_url: Callable[[str], str], clinic: Clinic | None = None
) -> CareLink:
    """Create an e-mail invitation and send it. ``build_url(token)`` makes the absolute link."""
    token = secrets.token_urlsafe(32)
    link = _new_link(clinician, clinic, CareLink.Channel.EMAIL, _hash("token", token))
    link.invited_email = email
    link.save()
    context = {
        "clinician": clinician,
        "clinic": clinic,
        "url": build_url(token),
        "expires_at": link.expires_at,
        "days": INVITATION_DAYS,
    }
    send_mail(
        subject=render_to_string("clinic/invitation_subject.txt", context).strip(),
        message=render_to_string("clinic/invitation_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[email],
    )
    return link


def find_by_code(text: str) -> CareLink | None:
    code = normalise_code(text)
    if len(code) != CODE_LENGTH:
        return None
    return _find(_hash("code", code))


def find_by_token(token: str) -> CareLink | None:
    return _find(_hash("token", token)) if 20 <= len(token) <= 100 else None


def _find(secret_hash: str) -> CareLink | None:
    return (
        CareLink.objects.select_related("clinician", "clinic", "patient")
        .filter(secret_hash=secret_hash)
        .first()
    )


@dataclass(frozen=True)
class Verdict:
    """Whether ``patient`` may use this invitation now; ``already`` if it is theirs and done."""

    problem: str = ""
    already: bool = False

    @property
    def usable(self) -> bool:
        return not self.problem and not self.already


def verdict(link: CareLink, patient: Patient | None) -> Verdict:
    """Why this patient (None: someone not yet signed in) cannot use the invitation, if not."""
    mine = patient is not None and link.patient_id == patient.pk
    if link.status == CareLink.Status.ACTIVE:
        if mine:
            return Verdict(already=True)
        return Verdict("This invitation has already been used.")
    if link.status == CareLink.Status.ENDED:
        if mine and link.consent_at is not None:
            return Verdict("You ended this link. Ask your clinician for a new invitation.")
        return Verdict("This invitation was withdrawn or declined. Ask for a new one.")
    if link.patient_id is not None and not mine:
        return Verdict("This invitation has already been used.")
    if link.expires_at <= timezone.now():
        return Verdict(
            f"This invitation expired on {timezone.localtime(link.expires_at):%d %B %Y}. "
            f"Ask {display_name(link.clinician)} for a new one."
        )
    if not is_clinician(link.clinician):
        return Verdict("This invitation is no longer valid.")
    return Verdict()


def claim(link: CareLink, patient: Patient) -> Verdict:
    """Tie an unclaimed invitation to the patient who presented its secret (no consent yet)."""
    with transaction.atomic():
        locked = CareLink.objects.select_for_update().get(pk=link.pk)
        found = verdict(locked, patient)
        if found.usable and locked.patient_id is None:
            locked.patient = patient
            locked.save(update_fields=["patient"])
    link.refresh_from_db()
    return found


def accept(link: CareLink, patient: Patient) -> tuple[CareLink | None, Verdict]:
    """The patient consents: the link becomes active. Safe to repeat.

    Returns the active link (this one, or an existing active link with the same clinician,
    in which case this invitation is closed) and the verdict; the link is None when the
    invitation cannot be used.
    """
    with transaction.atomic():
        locked = CareLink.objects.select_for_update().get(pk=link.pk)
        found = verdict(locked, patient)
        if found.already:
            return locked, found
        if found.problem:
            return None, found
        existing = active_link(locked.clinician, patient)
        now = timezone.now()
        if existing is not None:
            _close(locked, patient, now, "Already linked")
            return existing, Verdict(already=True)
        locked.patient = patient
        locked.status = CareLink.Status.ACTIVE
        locked.consent_at = now
        try:
            with transaction.atomic():
                locked.save(update_fields=["patient", "status", "consent_at"])
        except IntegrityError:  # another invitation from this clinician was accepted meanwhile
            _close(locked, patient, now, "Already linked")
            return active_link(locked.clinician, patient), Verdict(already=True)
    return locked, found


def _close(link: CareLink, patient: Patient, now: Any, reason: str) -> None:
    link.refresh_from_db()
    link.patient = patient
    link.status = CareLink.Status.ENDED
    link.ended_at = now
    link.ended_by = patient.user
    link.end_reason = reason
    link.save(update_fields=["patient", "status", "ended_at", "ended_by", "end_reason"])


def display_name(user: Any) -> str:
    """How a clinician is named to patients: full name and user name."""
    full = user.get_full_name()
    return f"{full} ({user.get_username()})" if full else user.get_username()
