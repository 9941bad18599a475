"""Each person's day runs in their own time zone: guessed by the browser at sign-up,
changed on the account page, and used for "today" and the next-morning check."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from tests.web.conftest import give_programme, log_session, session_of

pytestmark = pytest.mark.django_db
ACCOUNT = reverse("accounts:account")


def signup(client: Client, **extra: str) -> User:
    data = {
        "username": "kai",
        "email": "kai@example.org",
        "password1": "a-long-secret-phrase-7",
        "password2": "a-long-secret-phrase-7",
        "understands": "on",
        **extra,
    }
    assert client.post(reverse("accounts:signup"), data).status_code == 302
    return User.objects.get(username="kai")


def test_sign_up_keeps_the_time_zone_the_browser_reports(client: Client) -> None:
    page = client.get(reverse("accounts:signup")).content.decode()
    assert "data-browser-time-zone" in page and "accounts/time_zone" in page
    assert signup(client, time_zone="America/Chicago").time_zone == "America/Chicago"


@pytest.mark.parametrize("guess", ["", "Mars/Olympus", "<script>"])
def test_a_missing_or_unknown_guess_leaves_the_site_zone(client: Client, guess: str) -> None:
    user = signup(client, time_zone=guess)
    assert user.time_zone == ""
    page = client.get(ACCOUNT).content.decode()
    assert f'<option value="{settings.TIME_ZONE}" selected>' in page


def test_the_account_page_shows_and_changes_the_time_zone(
    patient: Patient, patient_client: Client
) -> None:
    patient.user.time_zone = "Asia/Tokyo"
    patient.user.save()
    page = patient_client.get(ACCOUNT).content.decode()
    assert '<option value="Asia/Tokyo" selected>' in page
    data = {"full_name": "", "email": patient.user.email, "time_zone": "Australia/Perth"}
    assert patient_client.post(ACCOUNT, data)["Location"] == ACCOUNT
    patient.user.refresh_from_db()
    assert patient.user.time_zone == "Australia/Perth"


def test_a_zone_not_in_the_list_is_refused_by_name(
    patient: Patient, patient_client: Client
) -> None:
    data = {"full_name": "", "email": patient.user.email, "time_zone": "Mars/Olympus"}
    response = patient_client.post(ACCOUNT, data)
    assert response.status_code == 400
    assert response.context["account_form"].errors["time_zone"] == [
        "Choose a time zone from the list."
    ]
    patient.user.refresh_from_db()
    assert patient.user.time_zone == ""


def far_zone() -> tuple[str, date]:
    """A zone whose date is not the site's date right now, and that date."""
    now = timezone.now()
    site = now.astimezone(ZoneInfo(settings.TIME_ZONE)).date()
    for name in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):  # UTC+14 and UTC-11
        there = now.astimezone(ZoneInfo(name)).date()
        if there != site:
            return name, there
    raise AssertionError("one of them is always on another day")


def test_the_morning_check_follows_the_persons_own_day(
    patient: Patient, patient_client: Client
) -> None:
    zone, their_today = far_zone()
    patient.user.time_zone = zone
    patient.user.save()
    programme = give_programme(patient)
    # A session on the day before theirs: in their zone it is the next morning now.
    log = log_session(patient, session_of(programme), their_today - timedelta(days=1))
    page = patient_client.get(reverse("training:morning_check", args=[log.pk]))
    assert page.context["too_early"] is False
    # And one on their today waits for their tomorrow, whatever the site's date says.
    log.performed_on = their_today
    log.save(update_fields=["performed_on"])
    page = patient_client.get(reverse("training:morning_check", args=[log.pk]))
    assert page.context["too_early"] is True


def test_the_api_uses_the_callers_zone_for_today(patient: Patient) -> None:
    from spinewise.api import tokens

    zone, their_today = far_zone()
    patient.user.time_zone = zone
    patient.user.save()
    give_programme(patient)
    _, secret = tokens.create_token(patient.user, name="phone", scope="read")
    response = Client().get(
        "/api/v1/patients/me/today", headers={"Authorization": f"Bearer {secret}"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["date"] == their_today.isoformat()


def test_times_on_pages_are_in_the_persons_zone(patient: Patient, patient_client: Client) -> None:
    patient.user.time_zone = "Asia/Kolkata"
    patient.user.save()
    patient_client.get(ACCOUNT)
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE  # reset after the page
    assert datetime.now(ZoneInfo("Asia/Kolkata")).utcoffset() == timedelta(hours=5, minutes=30)
