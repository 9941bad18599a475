"""Reminders go out once each, at the right local time, across time zones and DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinewise.core.errors import InputError
from spinewise.core.selfcare._time import DailyWindow
from spinewise.core.selfcare.breaks import BreakSettings
from spinewise.core.selfcare.reminder_prefs import (
    ReminderPrefs,
    WeeklyCheckin,
    reminder_prefs_from_dict,
)
from spinewise.core.selfcare.reminders import due_reminders, reminder_schedule
from tests.hypothesis_budget import examples

ALL_DAYS = (0, 1, 2, 3, 4, 5, 6)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def prefs(**changes) -> ReminderPrefs:
    base = {
        "person_id": "p42",
        "timezone": "Europe/London",
        "channels": ("email", "in_app"),
        "session_days": ALL_DAYS,
        "session_time": time(18),
    }
    return ReminderPrefs(**{**base, **changes})


def sessions_on(p: ReminderPrefs, day: date) -> list:
    tz = ZoneInfo(p.timezone)
    start = datetime.combine(day, time(0), tz).astimezone(UTC)
    return [
        r for r in reminder_schedule(p, start, start + timedelta(days=1)) if r.kind == "session"
    ]


# --- due now, once ---------------------------------------------------------------------


def test_session_reminder_is_due_at_local_time_in_summer():
    (r,) = due_reminders(prefs(), utc(2025, 6, 2, 17, 0), ())
    assert r.kind == "session" and r.key == "p42:session:2025-06-02T18:00"
    assert r.local_time.isoformat() == "2025-06-02T18:00:00+01:00"
    assert r.channels == ("email", "in_app")
    assert r.title == "Time for your Spinewise session"


def test_nothing_is_due_before_the_time():
    assert due_reminders(prefs(), utc(2025, 6, 2, 16, 59), ()) == []


def test_a_sent_reminder_is_not_sent_again():
    p = prefs()
    first = due_reminders(p, utc(2025, 6, 2, 17, 0), ())
    later = due_reminders(p, utc(2025, 6, 2, 17, 5), {r.key for r in first})
    assert first and later == []


def test_the_key_is_the_same_on_every_run():
    p = prefs()
    runs = [utc(2025, 6, 2, 17, 0) + timedelta(minutes=m) for m in (0, 5, 30, 90)]
    keys = {r.key for now in runs for r in due_reminders(p, now, ())}
    assert keys == {"p42:session:2025-06-02T18:00"}


def test_a_stale_reminder_is_dropped_after_its_grace_period():
    assert due_reminders(prefs(), utc(2025, 6, 2, 19, 1), ()) == []


def test_a_late_job_never_sends_after_the_reminder_hours():
    p = prefs(session_time=time(21, 30))
    assert due_reminders(p, utc(2025, 6, 2, 20, 45), ())  # 21:45 local
    assert due_reminders(p, utc(2025, 6, 2, 21, 5), ()) == []  # 22:05 local


def test_calendar_only_means_nothing_to_send():
    assert due_reminders(prefs(channels=("calendar",)), utc(2025, 6, 2, 17, 0), ()) == []


def test_now_must_carry_a_time_zone():
    with pytest.raises(InputError) as info:
        due_reminders(prefs(), datetime(2025, 6, 2, 17, 0), ())
    assert info.value.field == "now_utc"


def test_morning_check_comes_the_morning_after_a_session_day():
    p = prefs(session_days=(0,), morning_check_time=time(8))  # Mondays
    (r,) = due_reminders(p, utc(2025, 6, 3, 7, 0), ())  # Tuesday 08:00 BST
    assert r.key == "p42:morning_check:2025-06-03T08:00"
    assert due_reminders(p, utc(2025, 6, 4, 7, 0), ()) == []  # Wednesday


def test_morning_check_skips_days_without_a_done_session():
    p = prefs(session_days=(0,), morning_check_time=time(8))
    now = utc(2025, 6, 3, 7, 0)
    assert due_reminders(p, now, (), sessions_done_on={date(2025, 5, 26)}) == []
    assert due_reminders(p, now, (), sessions_done_on={date(2025, 6, 2)})


def test_weekly_checkin_on_its_day():
    p = prefs(session_days=(), weekly_checkin=WeeklyCheckin(6, time(19)))
    (r,) = due_reminders(p, utc(2025, 6, 8, 18, 0), ())
    assert r.key == "p42:weekly_checkin:2025-06-08T19:00"


def test_movement_breaks_skip_quiet_hours():
    p = prefs(
        session_days=(),
        movement_breaks=BreakSettings(time(9), time(17), 45),
        quiet_hours=(DailyWindow(time(12), time(13)),),
    )
    day = utc(2025, 6, 2, 0, 0)
    breaks = reminder_schedule(p, day, day + timedelta(days=1))
    local = [r.local_time.strftime("%H:%M") for r in breaks]
    assert "12:00" not in local and "12:45" not in local
    assert local[:3] == ["09:45", "10:30", "11:15"] and len(local) == 8
    assert due_reminders(p, utc(2025, 6, 2, 11, 0), ()) == []  # 12:00 local: quiet


def test_quiet_hours_can_run_past_midnight():
    night_worker = prefs(
        session_days=(),
        movement_breaks=BreakSettings(time(20), time(8), 60, days=ALL_DAYS),
        day_window=DailyWindow(time(18), time(9)),
        quiet_hours=(DailyWindow(time(2), time(4)),),
    )
    start = utc(2025, 6, 2, 18, 0)
    local = [
        r.local_time.hour
        for r in reminder_schedule(night_worker, start, start + timedelta(hours=12))
    ]
    assert 2 not in local and 3 not in local and 4 in local


# --- DST and time zones ----------------------------------------------------------------


def test_london_session_keeps_its_local_time_when_the_clocks_go_forward():
    p = prefs()
    saturday, sunday = sessions_on(p, date(2025, 3, 29)), sessions_on(p, date(2025, 3, 30))
    assert saturday[0].due_utc == utc(2025, 3, 29, 18, 0)  # GMT
    assert sunday[0].due_utc == utc(2025, 3, 30, 17, 0)  # BST
    assert sunday[0].key == "p42:session:2025-03-30T18:00"


def test_london_session_keeps_its_local_time_when_the_clocks_go_back():
    p = prefs()
    assert sessions_on(p, date(2025, 10, 25))[0].due_utc == utc(2025, 10, 25, 17, 0)
    assert sessions_on(p, date(2025, 10, 26))[0].due_utc == utc(2025, 10, 26, 18, 0)


def test_new_york_time_skipped_by_the_clocks_moves_on_and_keeps_its_key():
    p = prefs(timezone="America/New_York", session_time=time(2, 30),
              day_window=DailyWindow(time(0), time(23, 59)))  # fmt: skip
    (r,) = sessions_on(p, date(2025, 3, 9))
    assert r.local_time.isoformat() == "2025-03-09T03:30:00-04:00"
    assert r.key == "p42:session:2025-03-09T02:30"


def test_new_york_repeated_hour_sends_once():
    p = prefs(timezone="America/New_York", session_time=time(1, 30),
              day_window=DailyWindow(time(0), time(23, 59)))  # fmt: skip
    (r,) = sessions_on(p, date(2025, 11, 2))
    assert r.due_utc == utc(2025, 11, 2, 5, 30)  # the first 01:30, still EDT
    second_pass = utc(2025, 11, 2, 6, 35)  # 01:35 EST
    assert due_reminders(p, second_pass, {r.key}) == []


def test_new_york_evening_session_moves_an_hour_in_utc_at_fall_back():
    p = prefs(timezone="America/New_York")
    assert sessions_on(p, date(2025, 11, 1))[0].due_utc == utc(2025, 11, 1, 22, 0)
    assert sessions_on(p, date(2025, 11, 2))[0].due_utc == utc(2025, 11, 2, 23, 0)


def test_sydney_key_uses_the_local_date_while_utc_is_still_yesterday():
    p = prefs(timezone="Australia/Sydney", session_time=time(8))
    (r,) = due_reminders(p, utc(2025, 10, 4, 21, 0), ())  # Sunday 08:00 AEDT
    assert r.key == "p42:session:2025-10-05T08:00"
    # The day before DST began, 08:00 was still AEST (UTC+10).
    assert sessions_on(p, date(2025, 10, 4))[0].due_utc == utc(2025, 10, 3, 22, 0)


def test_kolkata_half_hour_offset():
    p = prefs(timezone="Asia/Kolkata", session_time=time(7))
    (r,) = due_reminders(p, utc(2025, 6, 2, 1, 30), ())
    assert r.local_time.isoformat() == "2025-06-02T07:00:00+05:30"


def test_night_shift_breaks_through_the_repeated_hour_get_distinct_keys():
    p = prefs(
        session_days=(),
        movement_breaks=BreakSettings(time(22), time(6), 60, days=(5,)),
        day_window=DailyWindow(time(18), time(9)),
    )
    start = utc(2025, 10, 25, 18, 0)
    keys = [r.key for r in reminder_schedule(p, start, start + timedelta(hours=14))]
    assert "p42:movement_break:2025-10-26T01:00" in keys
    assert "p42:movement_break:2025-10-26T01:00~2" in keys
    assert len(keys) == len(set(keys)) == 8


# --- a job running every five minutes ---------------------------------------------------

ZONES = ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"]
DST_DAYS = [date(2025, 3, 29), date(2025, 3, 8), date(2025, 10, 25), date(2025, 11, 1),
            date(2025, 10, 4), date(2025, 4, 5), date(2025, 6, 14)]  # fmt: skip
five_minutes = st.integers(0, 287).map(lambda n: time(n * 5 // 60, n * 5 % 60))


@st.composite
def reminder_prefs(draw) -> ReminderPrefs:
    window = DailyWindow(time(draw(st.integers(5, 9))), time(draw(st.integers(20, 23))))

    def inside(t: time) -> bool:
        return window.contains(t)

    session = draw(five_minutes.filter(inside))
    interval = draw(st.sampled_from([30, 45, 60]))
    return ReminderPrefs(
        person_id="p1",
        timezone=draw(st.sampled_from(ZONES)),
        channels=("in_app",),
        session_days=tuple(sorted(draw(st.sets(st.sampled_from(ALL_DAYS), min_size=1)))),
        session_time=session,
        movement_breaks=BreakSettings(time(9), time(17), interval, ALL_DAYS),
        morning_check_time=draw(five_minutes.filter(inside)),
        weekly_checkin=WeeklyCheckin(
            draw(st.sampled_from(ALL_DAYS)), draw(five_minutes.filter(inside))
        ),
        day_window=window,
    )


@settings(max_examples=examples(25), deadline=None)
@given(reminder_prefs(), st.sampled_from(DST_DAYS))
def test_a_job_every_five_minutes_sends_each_reminder_exactly_once(p, day):
    start = datetime.combine(day, time(0), UTC)
    sent: dict[str, datetime] = {}
    now = start
    while now < start + timedelta(days=2):
        for r in due_reminders(p, now, sent.keys()):
            assert r.key not in sent
            local = now.astimezone(p.tz).time()
            assert p.allows(local) and p.allows(r.local_time.time())
            assert timedelta(0) <= now - r.due_utc <= timedelta(hours=12)
            sent[r.key] = now
        now += timedelta(minutes=5)
    # Every reminder scheduled in the middle of the run went out (times are on the
    # five-minute grid and inside the reminder hours, so nothing blocks them).
    expected = reminder_schedule(p, start + timedelta(hours=12), start + timedelta(hours=36))
    assert {r.key for r in expected} <= sent.keys()


# --- preferences from a form ------------------------------------------------------------

FULL = {
    "person_id": "p42",
    "timezone": "Europe/London",
    "channels": ["email", "in_app", "calendar"],
    "session": {"days": ["mon", "wed", "fri"], "time": "18:00"},
    "movement_breaks": {"start": "09:00", "end": "17:00", "interval_minutes": 45},
    "morning_check": {"time": "08:00"},
    "weekly_checkin": {"day": "sun", "time": "19:00"},
    "day_window": {"start": "07:30", "end": "21:30"},
    "quiet_hours": [{"start": "12:00", "end": "13:00"}],
}


def test_preferences_round_trip_through_a_dict():
    p = reminder_prefs_from_dict(FULL)
    assert p.session_days == (0, 2, 4) and p.weekly_checkin == WeeklyCheckin(6, time(19))
    assert reminder_prefs_from_dict(p.to_dict()) == p


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"timezone": "Europe/Atlantis"}, "prefs.timezone", "unknown time zone"),
        ({"channels": ["pigeon"]}, "prefs.channels", "pigeon"),
        ({"session": {"days": ["mon"], "time": "06:00"}}, "prefs.session.time", "reminder hours"),
        ({"session": {"days": ["mon"], "time": "12:30"}}, "prefs.session.time", "quiet hours"),
        ({"session": {"days": [], "time": "18:00"}}, "prefs.session.days", "empty"),
        ({"quiet_hours": [{"start": "12:00", "end": "12:00"}]}, "prefs.quiet_hours[0].end", "differ"),
        ({"movement_breaks": {"start": "09:00", "end": "17:00", "interval_minutes": 90}},
         "prefs.movement_breaks.interval_minutes", "out of range"),
        ({"weekly_checkin": {"day": "funday", "time": "19:00"}}, "prefs.weekly_checkin.day", "funday"),
        ({"person_id": "Ann Example"}, "prefs.person_id", "letters"),
    ],
)  # fmt: skip
def test_bad_preferences_name_the_field(change, field, words):
    with pytest.raises(InputError) as info:
        reminder_prefs_from_dict({**FULL, **change})
    assert info.value.field == field and words in info.value.problem


def test_morning_check_needs_session_days():
    data = {k: v for k, v in FULL.items() if k != "session"}
    with pytest.raises(InputError) as info:
        reminder_prefs_from_dict(data)
    assert info.value.field == "prefs.morning_check.time"
