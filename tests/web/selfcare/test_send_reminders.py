"""The reminder job, one channel at a time, on top of the core's schedule."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from django.core import mail

from spinewise.patients.models import Patient
from spinewise.selfcare.models import Notification, SentReminder
from spinewise.selfcare.reminders import sending
from spinewise.selfcare.reminders.sending import send_due_reminders
from tests.web.conftest import give_programme, log_session, session_of
from tests.web.selfcare.conftest import reminders_for

pytestmark = pytest.mark.django_db

# Monday 10 March 2025, 18:01 in London (GMT, so also 18:01 UTC).
AT_SIX = datetime(2025, 3, 10, 18, 1, tzinfo=UTC)


def test_in_app_reminder_lands_in_the_notification_list_once(patient: Patient) -> None:
    reminders_for(patient, channels=["in_app"])
    assert send_due_reminders(AT_SIX) == 1
    assert send_due_reminders(AT_SIX) == 0
    note = Notification.objects.get(patient=patient)
    assert note.title == "Time for your Spinewise session"
    assert note.url == "/programme/"
    assert note.read_at is None


def test_email_reminder_is_sent_once_with_a_link_and_no_health_details(patient: Patient) -> None:
    reminders_for(patient, channels=["email"])
    send_due_reminders(AT_SIX)
    send_due_reminders(AT_SIX)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [patient.user.email]
    assert message.subject == "Time for your Spinewise session"
    assert "/programme/" in message.body
    assert "/self-care/reminders/" in message.body
    assert "pain" not in message.body.lower()
    assert SentReminder.objects.get().email_status == "sent"
    assert not Notification.objects.exists()


def test_calendar_only_sends_nothing_the_calendar_app_reminds(patient: Patient) -> None:
    reminders_for(patient, channels=["calendar"])
    assert send_due_reminders(AT_SIX) == 0
    assert not SentReminder.objects.exists()
    assert not mail.outbox


def test_nothing_is_sent_in_quiet_hours(patient: Patient) -> None:
    reminders_for(patient, session_time=time(12), quiet_start=time(12, 30), quiet_end=time(14))
    in_quiet_hours = datetime(2025, 3, 10, 13, 0, tzinfo=UTC)
    assert send_due_reminders(in_quiet_hours) == 0
    assert not Notification.objects.exists()


def test_reminders_follow_the_persons_time_zone(patient: Patient) -> None:
    reminders_for(patient, timezone="America/New_York")
    assert send_due_reminders(AT_SIX) == 0  # 14:01 in New York
    six_in_new_york = datetime(2025, 3, 10, 22, 1, tzinfo=UTC)
    assert send_due_reminders(six_in_new_york) == 1


def test_a_failed_email_is_recorded_and_not_sent_again(
    patient: Patient, monkeypatch: pytest.MonkeyPatch
) -> None:
    reminders_for(patient, channels=["email", "in_app"])

    def broken(*args: object, **kwargs: object) -> int:
        raise OSError("mail server down")

    monkeypatch.setattr(sending, "send_mail", broken)
    assert send_due_reminders(AT_SIX) == 1
    sent = SentReminder.objects.get()
    assert sent.email_status == "failed"
    assert "mail server down" in sent.error
    assert send_due_reminders(AT_SIX) == 0
    assert Notification.objects.count() == 1


def test_morning_check_comes_only_after_a_logged_session(patient: Patient) -> None:
    programme = give_programme(patient)
    reminders_for(
        patient,
        session_reminders=True,
        morning_check=True,
        morning_check_time=time(8),
    )
    tuesday_morning = datetime(2025, 3, 11, 8, 5, tzinfo=UTC)
    assert send_due_reminders(tuesday_morning) == 0
    log_session(patient, session_of(programme), day=date(2025, 3, 10))
    assert send_due_reminders(tuesday_morning) == 1
    assert Notification.objects.get().kind == "morning_check"


def test_inactive_accounts_get_no_reminders(patient: Patient) -> None:
    reminders_for(patient)
    patient.user.is_active = False
    patient.user.save()
    assert send_due_reminders(AT_SIX) == 0
