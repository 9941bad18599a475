"""An iCalendar feed of a person's reminders, for their own calendar app.

Each kind of reminder becomes a weekly recurring VEVENT in the person's time
zone (with its VTIMEZONE), an alarm at the start, and a UID that stays the same
every time the feed is generated, so calendar apps update events instead of
duplicating them. Descriptions stay generic: a feed URL is easily shared, so it
never carries health details.

Movement breaks appear at their wall-clock times; on a DST night a night-shift
break may differ by the hour the clocks moved, where the in-app reminders follow
real elapsed time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vRecur

from ..errors import InputError
from ._fields import check_int
from .breaks import END_MARGIN, BreakSettings
from .reminder_prefs import ReminderPrefs
from .reminders import TEXTS

PRODID = "-//Spinewise//Reminders//EN"
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
SESSION_MINUTES_BOUNDS = (5, 90)
EVENT_MINUTES = {"movement_break": 2, "morning_check": 5, "weekly_checkin": 10}
SUMMARIES = {
    "session": "Spinewise session",
    "movement_break": "Movement break",
    "morning_check": "Spinewise morning check",
    "weekly_checkin": "Spinewise weekly check-in",
}


@dataclass(frozen=True)
class _Series:
    kind: str
    uid_part: str
    at: time
    weekdays: tuple[int, ...]
    minutes: int


def calendar_feed(
    prefs: ReminderPrefs,
    person_name: str,
    *,
    generated_at: datetime,
    starts_on: date,
    session_minutes: int = 20,
    uid_domain: str = "spinewise",
) -> bytes:
    """The person's reminders as an RFC 5545 VCALENDAR (UTF-8 bytes).

    Reminders outside the person's reminder hours or inside quiet hours are left out.
    ``generated_at`` (aware) becomes every DTSTAMP; series start on the first
    matching day on or after ``starts_on``; sessions last ``session_minutes``
    (5-90). UIDs are ``<person>-<kind>[-HHMM]@<uid_domain>``.
    """
    if generated_at.tzinfo is None or generated_at.utcoffset() is None:
        raise InputError("generated_at", "must be a date and time with a time zone (UTC)")
    if not isinstance(person_name, str) or not person_name.strip():
        raise InputError("person_name", "must be a non-empty name")
    minutes = check_int(session_minutes, *SESSION_MINUTES_BOUNDS, "session_minutes")
    stamp = generated_at.astimezone(UTC).replace(microsecond=0)
    tz = prefs.tz

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Spinewise: {' '.join(person_name.split())}")
    cal.add("x-wr-timezone", prefs.timezone)
    for series in _series(prefs, minutes):
        if not prefs.allows(series.at):
            continue
        first = _first_day(starts_on, series.weekdays)
        start = datetime.combine(first, series.at).replace(tzinfo=tz)
        cal.add_component(_event(prefs, series, start, stamp, uid_domain))
    # VTIMEZONE definitions for the person's zone, covering the years the feed is used.
    cal.add_missing_timezones(
        first_date=date(starts_on.year - 1, 1, 1), last_date=date(starts_on.year + 10, 12, 31)
    )
    return bytes(cal.to_ical())


def _series(prefs: ReminderPrefs, session_minutes: int) -> list[_Series]:
    series = []
    if prefs.session_days:
        series.append(
            _Series("session", "session", prefs.session_time, prefs.session_days, session_minutes)
        )
        if prefs.morning_check_time is not None:
            mornings = tuple(sorted((d + 1) % 7 for d in prefs.session_days))
            series.append(
                _Series(
                    "morning_check",
                    "morning-check",
                    prefs.morning_check_time,
                    mornings,
                    EVENT_MINUTES["morning_check"],
                )
            )
    if prefs.weekly_checkin is not None:
        checkin = prefs.weekly_checkin
        series.append(
            _Series(
                "weekly_checkin",
                "weekly-checkin",
                checkin.at,
                (checkin.weekday,),
                EVENT_MINUTES["weekly_checkin"],
            )
        )
    if prefs.movement_breaks is not None:
        for offset, at in _break_slots(prefs.movement_breaks):
            days = tuple(sorted((d + offset) % 7 for d in prefs.movement_breaks.days))
            uid_part = f"movement-break-{at:%H%M}"
            series.append(
                _Series("movement_break", uid_part, at, days, EVENT_MINUTES["movement_break"])
            )
    return series


def _break_slots(settings: BreakSettings) -> Iterable[tuple[int, time]]:
    """(days after the start of work, wall-clock time) of each break in a working day."""
    start = settings.start.hour * 60 + settings.start.minute
    end = settings.end.hour * 60 + settings.end.minute
    if settings.overnight:
        end += 24 * 60
    last = end - int(END_MARGIN.total_seconds() // 60)
    at = start + settings.interval_minutes
    while at <= last:
        yield at // (24 * 60), time((at // 60) % 24, at % 60)
        at += settings.interval_minutes


def _first_day(starts_on: date, weekdays: tuple[int, ...]) -> date:
    return next(
        starts_on + timedelta(days=i) for i in range(7) if (starts_on.weekday() + i) % 7 in weekdays
    )


def _event(
    prefs: ReminderPrefs, series: _Series, start: datetime, stamp: datetime, uid_domain: str
) -> Event:
    title, message = TEXTS[series.kind]
    event = Event()
    event.add("uid", f"{prefs.person_id}-{series.uid_part}@{uid_domain}")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=series.minutes))
    event.add("summary", SUMMARIES[series.kind])
    event.add("description", message)
    event.add("rrule", vRecur({"FREQ": "WEEKLY", "BYDAY": [ICAL_DAYS[d] for d in series.weekdays]}))
    event.add("transp", "OPAQUE" if series.kind == "session" else "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
