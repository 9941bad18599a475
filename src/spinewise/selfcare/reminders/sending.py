"""The periodic job: send every due reminder exactly once, by e-mail and/or in-app.

Which reminders are due (and never in quiet hours or outside the person's day) is the
core's decision (``due_reminders``). Exactly once, even with several workers running the
job at the same moment, comes from the database: each reminder's dedupe key is inserted
into ``SentReminder`` (UNIQUE) in a transaction of its own *before* anything is sent. The
worker whose insert commits sends; the other gets an IntegrityError and skips it. The
in-app notification is created in that same transaction; the e-mail goes out after it
commits, so a failed e-mail is recorded on the row and never sent twice.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from spinewise.core.errors import InputError
from spinewise.core.selfcare import Reminder, due_reminders
from spinewise.core.selfcare.reminders import GRACE
from spinewise.training.models import SessionLog

from ..models import Notification, ReminderPreference, SentReminder

logger = logging.getLogger("spinewise.reminders")

# Keys older than the longest grace period cannot be due again; a margin for DST days.
LOOKBACK = max(GRACE.values()) + timedelta(hours=2)
# Morning checks follow sessions logged on the day before (local dates).
SESSION_DAYS_BACK = 3
LINKS = {
    "session": "programmes:current",
    "movement_break": "selfcare:break_now",
    "morning_check": "training:morning_check_pending",
    "weekly_checkin": "checkins:new",
}


def send_due_reminders(now: datetime | None = None) -> int:
    """Send everything due at ``now`` (default: the current time) for every person with
    reminder settings; returns how many reminders this call sent. Safe to run from any
    number of workers at once, and as often as you like (every minute is the plan)."""
    now = now or timezone.now()
    prefs = ReminderPreference.objects.select_related("patient__user").filter(
        patient__user__is_active=True
    )
    return sum(send_for(pref, now) for pref in prefs.iterator())


def send_for(pref: ReminderPreference, now: datetime) -> int:
    """Send one person's due reminders; returns how many this call sent."""
    try:
        prefs = pref.to_core()
    except InputError as err:
        logger.warning("Reminder settings of patient %s are not usable: %s", pref.patient_id, err)
        return 0
    if not prefs.push_channels:
        return 0
    due = due_reminders(
        prefs,
        now,
        already_sent(pref.patient_id, now),
        sessions_done_on=sessions_done_on(pref.patient_id, now),
    )
    return sum(1 for reminder in due if deliver(pref, reminder))


def already_sent(patient_id: int, now: datetime) -> Collection[str]:
    """Keys sent recently: saves work; the UNIQUE constraint is what guarantees once."""
    return set(
        SentReminder.objects.filter(patient_id=patient_id, due_at__gte=now - LOOKBACK).values_list(
            "key", flat=True
        )
    )


def sessions_done_on(patient_id: int, now: datetime) -> set[date]:
    since = (now - timedelta(days=SESSION_DAYS_BACK)).date()
    logs = SessionLog.objects.filter(patient_id=patient_id, performed_on__gte=since)
    return set(logs.values_list("performed_on", flat=True))


def claim(pref: ReminderPreference, reminder: Reminder) -> SentReminder | None:
    """Insert the reminder's key (and its in-app notification) in one transaction.

    None when another worker has already claimed this key.
    """
    try:
        with transaction.atomic():
            sent = SentReminder.objects.create(
                key=reminder.key,
                patient_id=pref.patient_id,
                kind=reminder.kind,
                due_at=reminder.due_utc,
                channels=list(reminder.channels),
            )
            if "in_app" in reminder.channels:
                Notification.objects.create(
                    patient_id=pref.patient_id,
                    kind=reminder.kind,
                    title=reminder.title,
                    message=reminder.message,
                    url=reverse(LINKS[reminder.kind]),
                    reminder_key=reminder.key,
                )
    except IntegrityError:
        return None
    return sent


def deliver(pref: ReminderPreference, reminder: Reminder) -> bool:
    """Claim, then send. False when another worker had it already."""
    sent = claim(pref, reminder)
    if sent is None:
        return False
    if "email" in reminder.channels:
        status, error = email(pref, reminder)
        SentReminder.objects.filter(pk=sent.pk).update(email_status=status, error=error)
    return True


def email(pref: ReminderPreference, reminder: Reminder) -> tuple[str, str]:
    """(status, error) after sending the reminder e-mail. Text stays generic: no health
    details in a mailbox others may see."""
    address = pref.patient.user.email
    if not address:
        return SentReminder.EmailStatus.NO_ADDRESS, ""
    site = settings.SITE_URL
    body = (
        f"{reminder.message}\n\n"
        f"Open Spinewise: {site}{reverse(LINKS[reminder.kind])}\n\n"
        f"You asked for this reminder. Change or stop reminders: "
        f"{site}{reverse('selfcare:reminders')}\n"
    )
    try:
        send_mail(reminder.title, body, None, [address])
    except Exception as exc:  # any mail failure is recorded; the job goes on with the rest
        logger.exception("Reminder e-mail %s could not be sent", reminder.key)
        return SentReminder.EmailStatus.FAILED, str(exc)[:300]
    return SentReminder.EmailStatus.SENT, ""
