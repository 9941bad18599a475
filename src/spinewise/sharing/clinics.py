"""Clinic membership: who belongs to a clinic and who manages it.

Membership decides who may invite on a clinic's behalf and who manages its clinicians;
it never grants access to a patient (that takes the patient's consent to a link).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from spinewise.accounts.models import Role, User

from .links import end_link
from .models import CareLink, Clinic, ClinicMembership


class MembershipError(Exception):
    """A membership change that cannot be made, with the reason in plain words."""


def clinics_of(user: Any) -> QuerySet[Clinic]:
    if not getattr(user, "is_authenticated", False):
        return Clinic.objects.none()
    return Clinic.objects.filter(memberships__user=user)


def membership(user: Any, clinic_id: int) -> ClinicMembership | None:
    """The user's membership of that clinic, or None (then the clinic is "not found")."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        ClinicMembership.objects.select_related("clinic")
        .filter(user=user, clinic_id=clinic_id)
        .first()
    )


@transaction.atomic
def create_clinic(user: Any, name: str) -> Clinic:
    """A new clinic, with its creator as its first admin."""
    clinic = Clinic.objects.create(name=name, created_by=user)
    ClinicMembership.objects.create(
        clinic=clinic, user=user, role=ClinicMembership.Role.ADMIN, added_by=user
    )
    return clinic


def add_member(clinic: Clinic, by: Any, email: str, role: str) -> ClinicMembership:
    """Add an existing clinician account, found by e-mail address."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or user.role != Role.CLINICIAN:
        raise MembershipError("There is no clinician account with that e-mail address.")
    if ClinicMembership.objects.filter(clinic=clinic, user=user).exists():
        raise MembershipError(f"{user.get_username()} already belongs to {clinic.name}.")
    return ClinicMembership.objects.create(clinic=clinic, user=user, role=role, added_by=by)


@transaction.atomic
def remove_member(member: ClinicMembership, by: Any) -> int:
    """Remove a clinician from the clinic; ends the links they made for it.

    Patients agreed to share with this clinician at this clinic, so their data does not
    follow the clinician out of it. Returns how many links ended.
    """
    admins = ClinicMembership.objects.filter(clinic=member.clinic, role=ClinicMembership.Role.ADMIN)
    if member.is_admin and admins.count() == 1:
        raise MembershipError("A clinic needs at least one admin: make someone else admin first.")
    links = CareLink.objects.filter(clinic=member.clinic, clinician=member.user).exclude(
        status=CareLink.Status.ENDED
    )
    ended = sum(end_link(link, by, f"Left {member.clinic.name}") for link in links)
    member.delete()
    return ended
