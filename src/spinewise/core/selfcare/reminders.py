"""Which reminders are due now: pure scheduling a periodic job can call.

Every reminder has a stable dedupe key, ``<person>:<kind>:<local slot>``, built
from the local date and wall-clock time it was planned for, so a job that runs
every few minutes sends each reminder exactly once, even across DST changes
(a slot skipped by the clocks moves on by the gap; a repeated hour is used once,
except for movement breaks, which follow real elapsed time).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from ..errors import InputError
from ._time import local_instant
from .breaks import break_times
from .reminder_prefs import ReminderPrefs

# How late a reminder may still go out if the job was delayed; after that it is stale.
GRACE = {
    "movement_break": timedelta(minutes=15),
    "session": timedelta(hours=2),
    "morning_check": timedelta(hours=3),
    "weekly_checkin": timedelta(hours=12),
}

TEXTS = {
    "session": (
        "Time for your Spinewise session",
        "Your exercises for today are ready. Even a short session counts.",
    ),
    "movement_break": (
        "Time for a movement break",
        "Stand up and move for a minute or two. Your break routine is ready if you want it.",
    ),
    "morning_check": (
        "How is your back this morning?",
        "One tap tells us how yesterday's session settled, so your programme can adjust.",
    ),
    "weekly_checkin": (
        "Your weekly check-in",
        "A few quick questions about your week help keep your programme right for you.",
    ),
}


@dataclass(frozen=True)
class Reminder:
    """One reminder. ``due_utc`` is aware UTC; ``local_time`` the same moment in the
    person's zone; ``channels`` the channels to send it on (email, in_app)."""

    key: str
    person_id: str
    kind: str
    due_utc: datetime
    local_time: datetime
    channels: tuple[str, ...]
    title: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "person_id": self.person_id,
            "kind": self.kind,
            "due_utc": self.due_utc.isoformat(),
            "local_time": self.local_time.isoformat(),
            "channels": list(self.channels),
            "title": self.title,
            "message": self.message,
        }


def dedupe_key(person_id: str, kind: str, slot: datetime) -> str:
    """``person:kind:YYYY-MM-DDTHH:MM``; a second pass through a repeated hour gets ``~2``."""
    text = f"{person_id}:{kind}:{slot:%Y-%m-%dT%H:%M}"
    return f"{text}~2" if slot.fold else text


def _aware_utc(value: datetime, field: str) -> datetime:
    if not isinstance(value, datetime) or value.tzinfo is None or value.utcoffset() is None:
        raise InputError(field, "must be a date and time with a time zone (UTC)")
    return value.astimezone(UTC)


def _slots(prefs: ReminderPrefs, day: date, tz: tzinfo) -> Iterator[tuple[str, datetime, datetime]]:
    """(kind, planned wall-clock slot, real local moment) for reminders on local ``day``."""

    def fixed(kind: str, at: time) -> tuple[str, datetime, datetime]:
        return kind, datetime.combine(day, at), local_instant(day, at, tz)

    if day.weekday() in prefs.session_days:
        yield fixed("session", prefs.session_time)
    yesterday = (day - timedelta(days=1)).weekday()
    if prefs.morning_check_time is not None and yesterday in prefs.session_days:
        yield fixed("morning_check", prefs.morning_check_time)
    if prefs.weekly_checkin is not None and day.weekday() == prefs.weekly_checkin.weekday:
        yield fixed("weekly_checkin", prefs.weekly_checkin.at)
    if prefs.movement_breaks is not None:
        for moment in break_times(prefs.movement_breaks, day, tz):
            yield "movement_break", moment.replace(tzinfo=None), moment


def _session_before(kind: str, day: date, sessions_done_on: Collection[date] | None) -> bool:
    """False for a morning check when we know no session was done the day before."""
    if kind != "morning_check" or sessions_done_on is None:
        return True
    return day - timedelta(days=1) in sessions_done_on


def reminder_schedule(
    prefs: ReminderPrefs,
    start_utc: datetime,
    end_utc: datetime,
    *,
    sessions_done_on: Collection[date] | None = None,
) -> list[Reminder]:
    """Every reminder due from ``start_utc`` (inclusive) to ``end_utc`` (exclusive),
    in time order, skipping any outside the reminder hours or inside quiet hours.

    ``sessions_done_on`` (local dates), when given, limits morning checks to the
    mornings after sessions actually done.
    """
    start = _aware_utc(start_utc, "start_utc")
    end = _aware_utc(end_utc, "end_utc")
    tz = prefs.tz
    channels = prefs.push_channels
    first = start.astimezone(tz).date() - timedelta(days=1)  # a night shift starts the day before
    last = end.astimezone(tz).date()
    found: dict[str, Reminder] = {}
    day = first
    while day <= last:
        for kind, slot, moment in _slots(prefs, day, tz):
            due = moment.astimezone(UTC)
            if not start <= due < end or not prefs.allows(moment.time()):
                continue
            if not _session_before(kind, day, sessions_done_on):
                continue
            key = dedupe_key(prefs.person_id, kind, slot.replace(fold=moment.fold))
            title, message = TEXTS[kind]
            found.setdefault(
                key, Reminder(key, prefs.person_id, kind, due, moment, channels, title, message)
            )
        day += timedelta(days=1)
    return sorted(found.values(), key=lambda r: (r.due_utc, r.kind))


def due_reminders(
    prefs: ReminderPrefs,
    now_utc: datetime,
    already_sent_keys: Collection[str],
    *,
    sessions_done_on: Collection[date] | None = None,
) -> list[Reminder]:
    """Reminders to send at ``now_utc`` on the email / in-app channels.

    A reminder is due from its time until its grace period runs out (15 minutes
    for movement breaks, 2-12 hours for the others), and never when ``now`` itself
    falls outside the reminder hours or inside quiet hours. Reminders whose key is
    in ``already_sent_keys`` are left out, so each is sent exactly once.
    """
    now = _aware_utc(now_utc, "now_utc")
    if not prefs.push_channels or not prefs.allows(now.astimezone(prefs.tz).time()):
        return []
    window_start = now - max(GRACE.values())
    schedule = reminder_schedule(
        prefs, window_start, now + timedelta(microseconds=1), sessions_done_on=sessions_done_on
    )
    sent = set(already_sent_keys)
    return [r for r in schedule if r.key not in sent and now - r.due_utc <= GRACE[r.kind]]
