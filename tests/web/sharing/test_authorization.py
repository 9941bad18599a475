"""Every page of the clinic app against every kind of visitor: refused, nothing leaked.

Clinician pages answer 403 to anyone signed in who is not a clinician, and 404 for a link
or clinic id that is not the clinician's (so the id reveals nothing). Patient pages answer
403 to non-patients and 404 for another patient's links and invitations. Visitors who
are not signed in are sent to log in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import Role, User
from spinewise.patients.models import Patient
from spinewise.sharing.clinics import create_clinic
from spinewise.sharing.invitations import claim, invite_with_code
from spinewise.sharing.links import end_link
from spinewise.sharing.models import CareLink, Clinic, ClinicMembership
from tests.web.conftest import PASSWORD, client_for
from tests.web.sharing.conftest import link

pytestmark = pytest.mark.django_db

VISITORS = (
    "anonymous",
    "patient",
    "other_patient",
    "unlinked_clinician",
    "ended_clinician",
    "other_clinic_clinician",
)


@dataclass
class World:
    patient: Patient
    clinician: User
    clinic: Clinic
    link: CareLink
    invitation: CareLink
    member: ClinicMembership
    ended_link: CareLink
    people: dict[str, User | None]


@pytest.fixture
def world(patient: Patient, other_patient: Patient, clinician: User) -> World:
    def make(name: str) -> User:
        return User.objects.create_user(name, f"{name}@example.org", PASSWORD, role=Role.CLINICIAN)

    clinic = create_clinic(clinician, "Riverside")
    member = ClinicMembership.objects.create(clinic=clinic, user=make("colleague"))
    active = link(clinician, patient, clinic)
    invitation, _ = invite_with_code(clinician, clinic)
    claim(invitation, patient)
    ended_dr = make("ended-dr")
    ended_link = link(ended_dr, patient)
    end_link(ended_link, patient.user)
    outsider = make("outsider")
    create_clinic(outsider, "Elsewhere")
    people = {
        "anonymous": None,
        "patient": patient.user,
        "other_patient": other_patient.user,
        "unlinked_clinician": make("unlinked"),
        "ended_clinician": ended_dr,
        "other_clinic_clinician": outsider,
    }
    return World(patient, clinician, clinic, active, invitation, member, ended_link, people)


def client_of(world: World, visitor: str) -> Client:
    user = world.people[visitor]
    return Client() if user is None else client_for(user)


def clinician_pages(w: World) -> list[tuple[str, str]]:
    """(method, url) of every clinician page, naming the clinician's own objects."""
    return [
        ("get", reverse("clinician:caseload")),
        ("get", reverse("clinician:invite")),
        ("post", reverse("clinician:invite")),
        ("get", reverse("clinician:links")),
        ("get", reverse("clinician:end", args=[w.link.pk])),
        ("post", reverse("clinician:end", args=[w.link.pk])),
        ("get", reverse("clinician:end", args=[w.invitation.pk])),
        ("get", reverse("clinician:clinics")),
        ("get", reverse("clinician:clinic", args=[w.clinic.pk])),
        ("post", reverse("clinician:member_add", args=[w.clinic.pk])),
        ("post", reverse("clinician:member_remove", args=[w.clinic.pk, w.member.pk])),
    ]


def patient_pages(w: World) -> list[tuple[str, str]]:
    return [
        ("get", reverse("sharing:overview")),
        ("get", reverse("sharing:accept")),
        ("get", reverse("sharing:access_log")),
        ("get", reverse("sharing:review", args=[w.invitation.pk])),
        ("post", reverse("sharing:review", args=[w.invitation.pk])),
        ("post", reverse("sharing:decline", args=[w.invitation.pk])),
        ("get", reverse("sharing:end", args=[w.link.pk])),
        ("post", reverse("sharing:end", args=[w.link.pk])),
    ]


ID_FREE = {
    reverse("clinician:caseload"),
    reverse("clinician:invite"),
    reverse("clinician:links"),
    reverse("clinician:clinics"),
    reverse("sharing:overview"),
    reverse("sharing:accept"),
    reverse("sharing:access_log"),
}


def expected_refusal(visitor: str, url: str, clinician_page: bool) -> set[int]:
    if visitor == "anonymous":
        return {302}
    wrong_role = (
        (visitor in ("patient", "other_patient"))
        if clinician_page
        else (visitor not in ("patient", "other_patient"))
    )
    if wrong_role:
        return {403}
    return {404} if url not in ID_FREE else set()


def assert_refused(world: World, visitor: str, method: str, url: str, clinician_page: bool) -> None:
    allowed = expected_refusal(visitor, url, clinician_page)
    response = getattr(client_of(world, visitor), method)(url, {"consent": "on"})
    assert response.status_code in allowed, f"{visitor} {method} {url}: {response.status_code}"
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("accounts:login"))
    body = response.content.decode()
    assert "Riverside" not in body and "alex" not in body, f"{visitor} {url} leaked"


@pytest.mark.parametrize("visitor", [v for v in VISITORS if v != "patient"])
def test_clinician_pages_refuse_everyone_but_their_clinician(world: World, visitor: str) -> None:
    for method, url in clinician_pages(world):
        if url in ID_FREE and visitor not in ("anonymous", "other_patient"):
            continue  # a clinician's own list or form: covered by the leak tests below
        assert_refused(world, visitor, method, url, clinician_page=True)
    world.link.refresh_from_db()
    assert world.link.status == CareLink.Status.ACTIVE
    assert world.clinic.memberships.count() == 2


def test_clinician_pages_refuse_the_patient(world: World) -> None:
    for method, url in clinician_pages(world):
        assert_refused(world, "patient", method, url, clinician_page=True)


@pytest.mark.parametrize("visitor", [v for v in VISITORS if v != "patient"])
def test_patient_pages_refuse_everyone_but_the_patient(world: World, visitor: str) -> None:
    for method, url in patient_pages(world):
        if url in ID_FREE and visitor == "other_patient":
            continue  # their own sharing pages: see the leak tests below
        assert_refused(world, visitor, method, url, clinician_page=False)
    world.link.refresh_from_db()
    world.invitation.refresh_from_db()
    assert world.link.status == CareLink.Status.ACTIVE
    assert world.invitation.status == CareLink.Status.INVITED


@pytest.mark.parametrize(
    "visitor", ["unlinked_clinician", "ended_clinician", "other_clinic_clinician"]
)
def test_other_clinicians_own_pages_show_nothing_of_the_patient(world: World, visitor: str) -> None:
    client = client_of(world, visitor)
    for url in (
        reverse("clinician:links"),
        reverse("clinician:invite"),
        reverse("clinician:clinics"),
    ):
        body = client.get(url).content.decode()
        assert "alex" not in body and "Riverside" not in body, f"{visitor} {url}"


def test_another_patients_sharing_pages_show_nothing_of_the_patient(world: World) -> None:
    client = client_of(world, "other_patient")
    overview = client.get(reverse("sharing:overview")).content.decode()
    assert "Only you can see your record." in overview
    for url in (reverse("sharing:overview"), reverse("sharing:access_log")):
        body = client.get(url).content.decode()
        assert "alex" not in body and "Riverside" not in body and "ended-dr" not in body, url


def test_the_linked_clinician_and_the_patient_reach_their_pages(world: World) -> None:
    doctor, patient = client_for(world.clinician), client_for(world.patient.user)
    for url in (
        reverse("clinician:links"),
        reverse("clinician:end", args=[world.link.pk]),
        reverse("clinician:clinic", args=[world.clinic.pk]),
    ):
        assert doctor.get(url).status_code == 200, url
    for url in (
        reverse("sharing:overview"),
        reverse("sharing:review", args=[world.invitation.pk]),
        reverse("sharing:end", args=[world.link.pk]),
        reverse("sharing:access_log"),
    ):
        assert patient.get(url).status_code == 200, url
