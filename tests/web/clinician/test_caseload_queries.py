"""The caseload costs a fixed number of queries, whatever the number of patients."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spinewise.accounts.models import Role, User
from spinewise.clinician.models import Alert
from spinewise.patients.models import Patient
from tests.web.conftest import PASSWORD, client_for

from .bulk import build_caseload

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseload_of() -> Callable[[int], Client]:
    def make(count: int) -> Client:
        clinician = User.objects.create_user(
            f"dr{count}", f"dr{count}@example.org", PASSWORD, role=Role.CLINICIAN
        )
        build_caseload(clinician, count, prefix=f"c{count}-")
        return client_for(clinician)

    return make


def queries(client: Client, page: int = 1) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("clinician:caseload"), {"page": page})
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_the_caseload_costs_the_same_queries_for_10_and_500_patients(caseload_of) -> None:
    small, large = caseload_of(10), caseload_of(500)
    queries(small)  # the first load creates the alert records
    queries(large)
    small_count, _ = queries(small)
    large_count, page = queries(large)
    assert small_count == large_count
    assert small_count <= 12
    assert "Page 1 of 20" in page


def test_a_later_page_costs_the_same_queries(caseload_of) -> None:
    client = caseload_of(60)
    queries(client)  # the first load runs the rules for everyone
    again, _ = queries(client)
    third_page, page = queries(client, page=3)
    third_again, _ = queries(client, page=3)
    # A page seen before is kept rendered: the page's patients and alerts are not read.
    assert third_page == again + 2
    assert third_again == again
    assert "Page 3 of 3" in page


def test_a_kept_page_shows_a_change_to_one_of_its_patients_at_once(caseload_of) -> None:
    client = caseload_of(10)
    _, before = queries(client)
    patient = Patient.objects.filter(user__username__startswith="c10-").first()
    assert patient is not None
    patient.user.first_name = "Renamed"
    patient.user.save()  # a new revision for the patient
    _, after = queries(client)
    assert "Renamed" not in before
    assert "Renamed" in after


def test_each_response_of_a_kept_page_has_a_working_csrf_token(caseload_of) -> None:
    client = caseload_of(3)
    queries(client)
    _, page = queries(client)
    assert "spinewise-csrf-placeholder" not in page
    assert 'name="csrfmiddlewaretoken" value="' in page


def test_the_first_load_writes_alerts_in_bulk(caseload_of) -> None:
    small, large = caseload_of(10), caseload_of(500)
    small_count, _ = queries(small)
    large_count, _ = queries(large)
    if connection.vendor == "sqlite":
        # SQLite takes at most 999 parameters a query, so Django splits one insert of
        # hundreds of alerts into a few: about one more query per 66 new alerts (15 columns), and
        # the day each patient was checked in batches of 499 (one more for 500); the kept
        # caseload rows (14 columns) likewise, about one more query per 70 patients.
        created = Alert.objects.filter(patient__user__username__startswith="c500-").count()
        assert large_count <= small_count + created // 60 + 1 + 500 // 70 + 1
    else:
        assert large_count == small_count
    assert Alert.objects.filter(patient__user__username__startswith="c500-").count() >= 400
