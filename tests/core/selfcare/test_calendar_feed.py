"""The calendar feed is real iCalendar: parsed back, complete, stable and DST-correct."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from spinewise.core.errors import InputError
from spinewise.core.selfcare._time import DailyWindow
from spinewise.core.selfcare.breaks import BreakSettings
from spinewise.core.selfcare.calendar_feed import calendar_feed
from spinewise.core.selfcare.reminder_prefs import ReminderPrefs, WeeklyCheckin

GENERATED = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
STARTS = date(2025, 3, 1)  # a Saturday


def prefs(**changes) -> ReminderPrefs:
    base = {
        "person_id": "p42",
        "timezone": "Europe/London",
        "channels": ("calendar",),
        "session_days": (0, 2, 4),
        "session_time": time(18),
        "morning_check_time": time(8),
        "weekly_checkin": WeeklyCheckin(6, time(19)),
        "movement_breaks": BreakSettings(time(9), time(17), 60),
        "quiet_hours": (DailyWindow(time(12), time(13)),),
    }
    return ReminderPrefs(**{**base, **changes})


def parse(p: ReminderPrefs | None = None, **kwargs) -> Calendar:
    args = {"generated_at": GENERATED, "starts_on": STARTS, **kwargs}
    return Calendar.from_ical(calendar_feed(p or prefs(), "Ann Example", **args))


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_feed_is_a_valid_calendar_with_a_time_zone():
    cal = parse()
    assert cal["VERSION"] == "2.0" and "Spinewise" in str(cal["PRODID"])
    assert str(cal["X-WR-CALNAME"]) == "Spinewise: Ann Example"
    (vtimezone,) = cal.walk("VTIMEZONE")
    assert vtimezone["TZID"] == "Europe/London"
    assert {c.name for c in vtimezone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_every_event_has_the_required_properties_and_an_alarm():
    for event in parse().walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "DURATION", "SUMMARY", "RRULE"):
            assert prop in event, prop
        assert event.decoded("DTSTAMP") == GENERATED
        assert event["DTSTART"].params["TZID"] == "Europe/London"
        (alarm,) = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY" and alarm["DESCRIPTION"]
        assert alarm.decoded("TRIGGER") == timedelta(0)


def test_sessions_recur_weekly_on_the_chosen_days_from_the_first_one():
    session = events(parse())["p42-session@spinewise"]
    rule = session["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    assert session.decoded("DTSTART") == datetime(2025, 3, 3, 18, tzinfo=ZoneInfo("Europe/London"))
    assert session.decoded("DURATION") == timedelta(minutes=20)


def test_morning_checks_fall_the_day_after_sessions():
    check = events(parse(prefs(session_days=(6,))))["p42-morning-check@spinewise"]
    assert check["RRULE"]["BYDAY"] == ["MO"]


def test_weekly_checkin_has_its_own_event():
    checkin = events(parse())["p42-weekly-checkin@spinewise"]
    assert checkin["RRULE"]["BYDAY"] == ["SU"]
    assert checkin.decoded("DTSTART").date() == date(2025, 3, 2)


def test_movement_breaks_in_quiet_hours_are_left_out():
    uids = [u for u in events(parse()) if "movement-break" in u]
    assert "p42-movement-break-1200@spinewise" not in uids
    assert "p42-movement-break-1000@spinewise" in uids
    assert len(uids) == 6  # 10:00 to 16:00 hourly, without 12:00


def test_night_shift_breaks_after_midnight_fall_on_the_next_day():
    night = prefs(
        session_days=(),
        weekly_checkin=None,
        movement_breaks=BreakSettings(time(22), time(6), 60, days=(4,)),  # Friday night
        day_window=DailyWindow(time(18), time(9)),
        quiet_hours=(),
    )
    found = events(parse(night))
    assert found["p42-movement-break-2300@spinewise"]["RRULE"]["BYDAY"] == ["FR"]
    assert found["p42-movement-break-0100@spinewise"]["RRULE"]["BYDAY"] == ["SA"]


def test_uids_are_unique_and_stable_between_generations():
    first = events(parse())
    again = events(parse(generated_at=GENERATED + timedelta(days=3)))
    assert len(first) == len(parse().walk("VEVENT"))
    assert first.keys() == again.keys()
    some = next(iter(again.values()))
    assert some.decoded("DTSTAMP") == GENERATED + timedelta(days=3)


@pytest.mark.parametrize(
    ("zone", "before", "after"),
    [
        ("Europe/London", date(2025, 3, 28), date(2025, 3, 31)),
        ("America/New_York", date(2025, 3, 7), date(2025, 3, 10)),
        ("America/New_York", date(2025, 10, 31), date(2025, 11, 3)),
        ("Australia/Sydney", date(2025, 10, 3), date(2025, 10, 6)),
        ("Asia/Kolkata", date(2025, 3, 28), date(2025, 3, 31)),
    ],
)
def test_recurring_sessions_keep_their_local_time_across_dst(zone, before, after):
    p = prefs(timezone=zone, session_days=(0, 4))  # Mondays and Fridays
    cal = parse(p, starts_on=before - timedelta(days=7))
    session = events(cal)["p42-session@spinewise"]
    start = session.decoded("DTSTART")
    rule = rrulestr(session["RRULE"].to_ical().decode(), dtstart=start)
    window = [
        o for o in rule.between(start, start + timedelta(days=400))
        if before <= o.date() <= after
    ]  # fmt: skip
    tz = ZoneInfo(zone)
    assert [o.date() for o in window] == [before, after]
    for occurrence in window:
        assert occurrence.astimezone(tz).time() == time(18)
    offsets = {o.astimezone(tz).utcoffset() for o in window}
    assert len(offsets) == (1 if zone == "Asia/Kolkata" else 2)


def test_feed_carries_no_health_details():
    text = calendar_feed(prefs(), "Ann Example", generated_at=GENERATED, starts_on=STARTS)
    for word in (b"pain", b"screening", b"diagnos"):
        assert word not in text.lower()


def test_generated_at_must_carry_a_time_zone():
    with pytest.raises(InputError) as info:
        calendar_feed(prefs(), "Ann", generated_at=datetime(2025, 3, 1), starts_on=STARTS)
    assert info.value.field == "generated_at"


def test_session_length_is_checked():
    with pytest.raises(InputError) as info:
        calendar_feed(prefs(), "Ann", generated_at=GENERATED, starts_on=STARTS, session_minutes=240)
    assert info.value.field == "session_minutes"


def test_reminders_in_quiet_hours_are_left_out_of_the_feed():
    quiet_evening = prefs(quiet_hours=(DailyWindow(time(17, 30), time(18, 30)),))
    uids = events(parse(quiet_evening))
    assert "p42-session@spinewise" not in uids
    assert "p42-weekly-checkin@spinewise" in uids
