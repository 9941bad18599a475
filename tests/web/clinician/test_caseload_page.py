"""The caseload page: what needs attention first, one line why, paging, acting on alerts."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.clinician.caseload import PAGE_SIZE
from spinewise.clinician.models import Alert
from spinewise.patients.models import Patient
from spinewise.sharing.models import AccessEvent

from .bulk import build_caseload
from .conftest import ago, check_in, linked_patient, train

pytestmark = pytest.mark.django_db

URL = reverse("clinician:caseload")


def names_in_order(page: str) -> list[str]:
    return re.findall(r'<h2><a href="/clinic/patients/\d+/">([^<]+)</a></h2>', page)


@pytest.fixture
def varied(dr: User) -> dict[str, Patient]:
    """One patient per situation, made through the real services."""
    people = {}
    people["calm"] = linked_patient(dr, "calm")
    for days in (5, 3, 1):
        train(people["calm"], ago(days), morning=3)
    people["quiet"] = linked_patient(dr, "quiet")
    train(people["quiet"], ago(10), morning=3)
    people["sharp"] = linked_patient(dr, "sharp")
    train(people["sharp"], ago(1), sharp=True)
    people["flag"] = linked_patient(dr, "flag")
    train(people["flag"], ago(2), symptoms=["fever_or_chills"])
    people["rising"] = linked_patient(dr, "rising")
    for days in (5, 3, 1):
        train(people["rising"], ago(days), pain=8, morning=5)
    return people


def test_patients_are_sorted_by_what_needs_attention_first(
    dr_client: Client, varied: dict[str, Patient]
) -> None:
    page = dr_client.get(URL).content.decode()
    assert names_in_order(page) == ["flag", "sharp", "rising", "quiet", "calm"]


def test_each_patient_has_a_one_line_reason(dr_client: Client, varied: dict[str, Patient]) -> None:
    page = dr_client.get(URL).content.decode()
    assert "Reported sharp pain once in the last week." in page
    assert "Reported a warning sign (urgent)" in page
    assert "Pain during exercise averaged 8.0/10 this week" in page
    assert "No activity for 9 days." in page
    assert "Nothing needs attention." in page
    assert "4 need action today" in page


def test_an_acknowledged_alert_moves_below_the_open_ones(
    dr: User, dr_client: Client, varied: dict[str, Patient]
) -> None:
    dr_client.get(URL)
    flag = Alert.objects.get(patient=varied["flag"])
    dr_client.post(
        reverse("clinician:alert_action", args=[flag.pk]), {"action": "acknowledge", "note": ""}
    )
    order = names_in_order(dr_client.get(URL).content.decode())
    assert order == ["sharp", "rising", "quiet", "flag", "calm"]


def test_a_resolved_alert_leaves_the_caseload(
    dr_client: Client, varied: dict[str, Patient]
) -> None:
    dr_client.get(URL)
    sharp = Alert.objects.get(patient=varied["sharp"])
    dr_client.post(
        reverse("clinician:alert_action", args=[sharp.pk]),
        {"action": "resolve", "note": "Spoke on the phone: cramp, settled."},
    )
    page = dr_client.get(URL).content.decode()
    assert "Reported sharp pain" not in page
    # Without alerts, the one quiet for longest comes first (sharp trained yesterday, calm's
    # morning check came today).
    assert names_in_order(page)[-2:] == ["sharp", "calm"]


def test_the_caseload_comes_a_page_at_a_time(dr: User, dr_client: Client) -> None:
    build_caseload(dr, PAGE_SIZE + 5, prefix="p")
    first = dr_client.get(URL).content.decode()
    second = dr_client.get(URL, {"page": 2}).content.decode()
    assert len(names_in_order(first)) == PAGE_SIZE
    assert len(names_in_order(second)) == 5
    assert not set(names_in_order(first)) & set(names_in_order(second))
    assert "Page 2 of 2" in second


def test_viewing_the_caseload_is_in_each_shown_patients_access_log(
    dr_client: Client, varied: dict[str, Patient]
) -> None:
    dr_client.get(URL)
    for patient in varied.values():
        event = AccessEvent.objects.get(patient=patient)
        assert (event.actor_name, event.action, event.detail) == (
            "Ana Jones (dr-jones)",
            "view",
            "caseload summary",
        )


def test_resolving_needs_a_note(dr_client: Client, varied: dict[str, Patient]) -> None:
    dr_client.get(URL)
    alert = Alert.objects.get(patient=varied["sharp"])
    response = dr_client.post(
        reverse("clinician:alert_action", args=[alert.pk]), {"action": "resolve", "note": "  "}
    )
    assert response.status_code == 400
    assert "Say how this was resolved." in response.content.decode()
    alert.refresh_from_db()
    assert alert.state == Alert.State.OPEN


def test_with_htmx_the_alert_is_redrawn_in_place(
    dr_client: Client, varied: dict[str, Patient]
) -> None:
    dr_client.get(URL)
    alert = Alert.objects.get(patient=varied["sharp"])
    response = dr_client.post(
        reverse("clinician:alert_action", args=[alert.pk]),
        {"action": "acknowledge", "note": "Will call tomorrow."},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<li class="alert alert-sharp_pain state-acknowledged"')
    assert "Acknowledged by Ana Jones (dr-jones)" in body and "Will call tomorrow." in body
    assert "<html" not in body


def test_with_htmx_a_missing_note_shows_the_error_in_place(
    dr_client: Client, varied: dict[str, Patient]
) -> None:
    dr_client.get(URL)
    alert = Alert.objects.get(patient=varied["sharp"])
    response = dr_client.post(
        reverse("clinician:alert_action", args=[alert.pk]),
        {"action": "resolve", "note": ""},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200  # htmx swaps only successful answers
    assert "Say how this was resolved." in response.content.decode()


def test_without_javascript_acting_returns_to_the_page_it_came_from(
    dr_client: Client, varied: dict[str, Patient]
) -> None:
    dr_client.get(URL)
    alert = Alert.objects.get(patient=varied["sharp"])
    response = dr_client.post(
        reverse("clinician:alert_action", args=[alert.pk]),
        {"action": "resolve", "note": "Reviewed.", "next": f"{URL}?page=1"},
    )
    assert response.status_code == 302 and response["Location"] == f"{URL}?page=1"
    alert.refresh_from_db()
    assert (alert.state, alert.acted_by_name, alert.note) == (
        "resolved",
        "Ana Jones (dr-jones)",
        "Reviewed.",
    )


def test_acting_never_redirects_to_another_site(
    dr_client: Client, varied: dict[str, Patient]
) -> None:
    dr_client.get(URL)
    alert = Alert.objects.get(patient=varied["sharp"])
    response = dr_client.post(
        reverse("clinician:alert_action", args=[alert.pk]),
        {"action": "acknowledge", "note": "", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("clinician:patient", args=[varied["sharp"].pk])


def test_a_resolved_alert_cannot_be_acted_on_again(
    dr_client: Client, varied: dict[str, Patient]
) -> None:
    dr_client.get(URL)
    alert = Alert.objects.get(patient=varied["sharp"])
    url = reverse("clinician:alert_action", args=[alert.pk])
    dr_client.post(url, {"action": "resolve", "note": "Done."})
    again = dr_client.post(url, {"action": "acknowledge", "note": ""})
    assert "already been resolved" in again.content.decode()
    alert.refresh_from_db()
    assert alert.note == "Done."


def test_a_check_in_counts_as_activity(dr: User, dr_client: Client) -> None:
    patient = linked_patient(dr, "reader")
    train(patient, ago(12), morning=3)
    check_in(patient, ago(1))
    page = dr_client.get(URL).content.decode()
    assert "No activity for" not in page
    assert f"Last active {ago(1):%-d %b}" in page
