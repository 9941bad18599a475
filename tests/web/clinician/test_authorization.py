"""Every clinician workspace page against everyone who must not use it: refused, nothing leaked,
nothing changed.

Visitors: anonymous (sent to log in), the patient and another patient (403: not clinician
pages), and clinicians without an active link to the patient (404, so an id reveals
nothing): never linked, link ended, a clinician of another clinic, and a colleague in the
linked clinician's own clinic (membership alone never grants access).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import Role, User
from spinewise.clinician.alerts import sync_alerts
from spinewise.clinician.models import Alert, ClinicalNote
from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedItem, ProgrammeVersion
from spinewise.sharing.clinics import create_clinic
from spinewise.sharing.links import end_link
from spinewise.sharing.models import AccessEvent, ClinicMembership
from tests.web.conftest import PASSWORD, client_for
from tests.web.sharing.conftest import link

from .conftest import ago, new_patient, start, train

pytestmark = pytest.mark.django_db

SECRET_NOTE = "Confidential: discussed her divorce"
VISITORS = (
    "anonymous",
    "patient",
    "other_patient",
    "unlinked_clinician",
    "ended_clinician",
    "other_clinic_clinician",
    "clinic_colleague",
)


@dataclass
class World:
    patient: Patient
    alert: Alert
    item: PlannedItem
    people: dict[str, User | None]


@pytest.fixture
def world(dr: User) -> World:
    def clinician(name: str) -> User:
        return User.objects.create_user(name, f"{name}@example.org", PASSWORD, role=Role.CLINICIAN)

    patient = start(new_patient("zelda", "Zelda Quist"))
    clinic = create_clinic(dr, "Riverside")
    link(dr, patient, clinic)
    train(patient, ago(1), sharp=True)
    alert = sync_alerts(Patient.objects.filter(pk=patient.pk))[0].alerts[0]
    ClinicalNote.objects.create(
        patient=patient, author=dr, author_name="Ana Jones", text=SECRET_NOTE
    )
    ended = clinician("ended-dr")
    end_link(link(ended, patient), patient.user, "test")
    outsider = clinician("outsider")
    create_clinic(outsider, "Hilltop")
    colleague = clinician("colleague")
    ClinicMembership.objects.create(clinic=clinic, user=colleague)
    item = PlannedItem.objects.filter(session__version__programme__patient=patient).last()
    people = {
        "anonymous": None,
        "patient": patient.user,
        "other_patient": new_patient("sam").user,
        "unlinked_clinician": clinician("stranger"),
        "ended_clinician": ended,
        "other_clinic_clinician": outsider,
        "clinic_colleague": colleague,
    }
    return World(patient, alert, item, people)


def pages(w: World) -> list[tuple[str, str, dict[str, str]]]:
    pk = w.patient.pk
    version = str(w.item.session.version.number)
    change = {"version": version, "reason": "Because", "note": "done", "action": "resolve"}
    rows = [
        ("post", reverse("clinician:alert_action", args=[w.alert.pk]), change),
        ("get", reverse("clinician:patient", args=[pk]), {}),
        ("post", reverse("clinician:note_add", args=[pk]), {"text": "Sneaky note"}),
        ("get", reverse("clinician:programme", args=[pk]), {}),
        ("get", reverse("clinician:programme_add", args=[pk]), {}),
        (
            "post",
            reverse("clinician:programme_add", args=[pk]),
            {**change, "exercise_id": "bird-dog", "session": "1"},
        ),
        ("get", reverse("clinician:pain_limit", args=[pk]), {}),
        ("post", reverse("clinician:pain_limit", args=[pk]), {**change, "ceiling": "2"}),
        ("get", reverse("clinician:clearance", args=[pk]), {}),
        ("post", reverse("clinician:clearance", args=[pk]), {**change, "confirm": "on"}),
    ]
    for action in ("dose", "lock", "swap", "remove"):
        url = reverse("clinician:programme_item", args=[pk, w.item.pk, action])
        data = {**change, "sets": "3", "amount": "10", "locked": "on", "exercise_id": "bird-dog"}
        rows += [("get", url, {}), ("post", url, data)]
    return rows


def client_of(w: World, visitor: str) -> Client:
    user = w.people[visitor]
    return Client() if user is None else client_for(user)


def expected(visitor: str) -> int:
    if visitor == "anonymous":
        return 302
    return 403 if visitor in ("patient", "other_patient") else 404


@pytest.mark.parametrize("visitor", VISITORS)
def test_every_patient_page_refuses_everyone_but_a_linked_clinician(
    world: World, visitor: str
) -> None:
    client = client_of(world, visitor)
    versions = ProgrammeVersion.objects.count()
    for method, url, data in pages(world):
        response = getattr(client, method)(url, data)
        assert response.status_code == expected(visitor), f"{visitor} {method} {url}"
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("accounts:login"))
        body = response.content.decode()
        for secret in ("Zelda", "zelda", SECRET_NOTE, "sharp pain", "Riverside"):
            assert secret not in body, f"{visitor} {method} {url} leaked {secret!r}"
    world.alert.refresh_from_db()
    world.patient.refresh_from_db()
    assert world.alert.state == Alert.State.OPEN
    assert world.patient.pain_ceiling == 5
    assert ProgrammeVersion.objects.count() == versions
    assert ClinicalNote.objects.count() == 1
    assert not AccessEvent.objects.exclude(actor__username="dr-jones").exists()


@pytest.mark.parametrize("visitor", ["unlinked_clinician", "ended_clinician", "clinic_colleague"])
def test_their_own_caseload_does_not_show_the_patient(world: World, visitor: str) -> None:
    body = client_of(world, visitor).get(reverse("clinician:caseload")).content.decode()
    assert "Zelda" not in body and "zelda" not in body


@pytest.mark.parametrize("visitor", ["anonymous", "patient"])
def test_the_caseload_refuses_non_clinicians(world: World, visitor: str) -> None:
    response = client_of(world, visitor).get(reverse("clinician:caseload"))
    assert response.status_code == expected(visitor)


def test_an_unknown_patient_id_looks_like_an_unlinked_one(world: World, dr_client: Client) -> None:
    missing = dr_client.get(reverse("clinician:patient", args=[999999]))
    assert missing.status_code == 404


def test_the_linked_clinician_may_use_every_page(world: World, dr_client: Client) -> None:
    for method, url, _data in pages(world):
        if method == "get":
            assert dr_client.get(url).status_code == 200, url


def test_ending_the_link_removes_access_at_once(world: World, dr: User, dr_client: Client) -> None:
    url = reverse("clinician:patient", args=[world.patient.pk])
    assert dr_client.get(url).status_code == 200
    end_link(world.patient.care_links.get(clinician=dr), world.patient.user, "Ended by the patient")
    assert dr_client.get(url).status_code == 404
    assert "Zelda" not in dr_client.get(reverse("clinician:caseload")).content.decode()
