"""The kept caseload table: a read after nothing changed works nothing out again; a change
to one patient reworks that patient's row alone and moves them at once; a link that ends
hides its row at once; a new day works the order out again."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.clinician.caseload import caseload_for
from spinewise.clinician.models import CaseloadRow
from spinewise.patients.models import Patient
from spinewise.sharing.links import end_link
from spinewise.sharing.models import CareLink

from .conftest import ago, linked_patient, today, train

pytestmark = pytest.mark.django_db
URL = reverse("clinician:caseload")


def names(dr: User) -> list[str]:
    return [row.patient.user.username for row in caseload_for(dr).page]


def row_writes(captured: CaptureQueriesContext) -> list[str]:
    return [
        q["sql"]
        for q in captured.captured_queries
        if re.match(r"\s*(INSERT|UPDATE|DELETE)", q["sql"]) and "caseloadrow" in q["sql"]
    ]


@pytest.fixture
def three(dr: User) -> dict[str, Patient]:
    people = {name: linked_patient(dr, name) for name in ("amy", "ben", "cat")}
    for days, person in ((3, "amy"), (2, "ben"), (1, "cat")):
        train(people[person], ago(days), morning=3)
    return people


def test_a_read_after_nothing_changed_writes_no_row(
    dr: User, dr_client: Client, three: dict[str, Patient]
) -> None:
    dr_client.get(URL)
    assert CaseloadRow.objects.filter(clinician=dr).count() == 3
    with CaptureQueriesContext(connection) as captured:
        assert dr_client.get(URL).status_code == 200
    assert row_writes(captured) == []


def test_new_data_moves_that_patient_at_once_and_reworks_only_their_row(
    dr: User, three: dict[str, Patient]
) -> None:
    before = names(dr)
    assert before[0] != "cat"
    kept = {r.patient_id: r.revision for r in CaseloadRow.objects.filter(clinician=dr)}
    train(three["cat"], today(), sharp=True)
    assert names(dr)[0] == "cat"  # sharp pain comes first
    after = {r.patient_id: r.revision for r in CaseloadRow.objects.filter(clinician=dr)}
    assert after[three["cat"].pk] != kept[three["cat"].pk]
    assert {k: v for k, v in after.items() if k != three["cat"].pk} == {
        k: v for k, v in kept.items() if k != three["cat"].pk
    }


def test_a_link_that_ends_hides_its_row_at_once(
    dr: User, dr_client: Client, three: dict[str, Patient]
) -> None:
    assert "ben" in names(dr)
    link = CareLink.objects.get(clinician=dr, patient=three["ben"])
    end_link(link, three["ben"].user)
    assert "ben" not in names(dr)
    page = dr_client.get(URL).content.decode()
    assert "ben" not in re.findall(r'<h2><a href="/clinic/patients/\d+/">([^<]+)</a>', page)
    assert "2 patients share their record" in page


def test_a_new_day_works_the_order_out_again(dr: User, three: dict[str, Patient]) -> None:
    caseload_for(dr)
    tomorrow = today() + timedelta(days=1)
    found = caseload_for(dr, today=tomorrow)
    assert found.total == 3
    assert set(CaseloadRow.objects.filter(clinician=dr).values_list("day", flat=True)) == {tomorrow}


def test_each_clinician_keeps_rows_of_their_own(dr: User, three: dict[str, Patient]) -> None:
    other = User.objects.create_user("dr-two", "two@example.org", "x" * 12, role=dr.role)
    linked_patient(other, "dan")
    assert [row.patient.user.username for row in caseload_for(other).page] == ["dan"]
    assert "dan" not in names(dr)
