"""Reminder preferences: what to remind about, how, when, and when never.

All times are local wall-clock times in the person's IANA time zone. A fixed
reminder time (session, morning check, weekly check-in) must fall inside the
person's reminder hours and outside their quiet hours; movement breaks that
land in quiet hours are simply skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import time
from typing import Any, Final
from zoneinfo import ZoneInfo

from ._fields import Fields
from ._time import WEEKDAYS, DailyWindow, zone
from .breaks import BreakSettings, break_settings_from_dict, parse_days

KINDS: Final = ("session", "movement_break", "morning_check", "weekly_checkin")
CHANNELS: Final = ("email", "in_app", "calendar")
# The calendar channel is delivered by the calendar feed, not by a sending job.
PUSH_CHANNELS: Final = ("email", "in_app")
PERSON_ID = re.compile(r"^[A-Za-z0-9_.@+-]{1,100}$")
MAX_QUIET_SPANS = 4

DEFAULT_DAY_WINDOW = DailyWindow(time(7), time(22))


@dataclass(frozen=True)
class WeeklyCheckin:
    weekday: int  # 0 = Monday
    at: time


@dataclass(frozen=True)
class ReminderPrefs:
    """One person's reminder settings. Session and morning-check reminders need
    ``session_days``; the morning check comes the day after each session day."""

    person_id: str
    timezone: str
    channels: tuple[str, ...] = ("in_app",)
    session_days: tuple[int, ...] = ()
    session_time: time = time(18)
    movement_breaks: BreakSettings | None = None
    morning_check_time: time | None = None
    weekly_checkin: WeeklyCheckin | None = None
    day_window: DailyWindow = DEFAULT_DAY_WINDOW
    quiet_hours: tuple[DailyWindow, ...] = ()

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.timezone)

    @property
    def push_channels(self) -> tuple[str, ...]:
        return tuple(c for c in self.channels if c in PUSH_CHANNELS)

    def allows(self, at: time) -> bool:
        """True when a reminder may be delivered at local wall-clock time ``at``."""
        return self.day_window.contains(at) and not any(q.contains(at) for q in self.quiet_hours)

    def to_dict(self) -> dict[str, Any]:
        return {
            "person_id": self.person_id,
            "timezone": self.timezone,
            "channels": list(self.channels),
            "session": (
                {"days": [WEEKDAYS[d] for d in self.session_days], "time": _hhmm(self.session_time)}
                if self.session_days
                else None
            ),
            "movement_breaks": self.movement_breaks.to_dict() if self.movement_breaks else None,
            "morning_check": (
                {"time": _hhmm(self.morning_check_time)} if self.morning_check_time else None
            ),
            "weekly_checkin": (
                {
                    "day": WEEKDAYS[self.weekly_checkin.weekday],
                    "time": _hhmm(self.weekly_checkin.at),
                }
                if self.weekly_checkin
                else None
            ),
            "day_window": self.day_window.to_dict(),
            "quiet_hours": [q.to_dict() for q in self.quiet_hours],
        }


def _hhmm(at: time) -> str:
    return at.strftime("%H:%M")


def _window(f: Fields, what: str) -> DailyWindow:
    f.exact_keys(("start", "end"))
    start, end = f.clock("start"), f.clock("end")
    if start == end:
        raise f.error("end", f"must differ from the start of the {what}")
    return DailyWindow(start, end)


def reminder_prefs_from_dict(data: Any, prefix: str = "prefs.") -> ReminderPrefs:
    """Validate reminder preferences (InputError names the field, e.g. ``prefs.session.time``).

    ``{"person_id", "timezone": "Europe/London", "channels": ["email", "in_app", "calendar"],
    "session": {"days": ["mon", ...], "time": "HH:MM"} | null,
    "movement_breaks": {"start", "end", "interval_minutes", "days"} | null,
    "morning_check": {"time": "HH:MM"} | null, "weekly_checkin": {"day": "sun", "time"} | null,
    "day_window": {"start", "end"} (default 07:00-22:00), "quiet_hours": [{"start", "end"}]}``
    """
    f = Fields(data, prefix)
    optional = ("channels", "session", "movement_breaks", "morning_check", "weekly_checkin")
    f.exact_keys(("person_id", "timezone"), (*optional, "day_window", "quiet_hours"))
    person_id = f.text("person_id")
    if not PERSON_ID.match(person_id):
        raise f.error("person_id", "may hold only letters, digits and _ . @ + -")
    zone(f.raw["timezone"], f"{prefix}timezone")
    window = _window(f.mapping("day_window"), "reminder hours") if f.has("day_window") else None
    quiet = (
        tuple(_window(q, "quiet hours") for q in f.items("quiet_hours", allow_empty=True))
        if f.has("quiet_hours")
        else ()
    )
    if len(quiet) > MAX_QUIET_SPANS:
        raise f.error("quiet_hours", f"at most {MAX_QUIET_SPANS} spans")
    prefs = ReminderPrefs(
        person_id=person_id,
        timezone=f.text("timezone"),
        channels=f.choices("channels", CHANNELS, allow_empty=False)
        if f.has("channels")
        else ("in_app",),
        day_window=window or DEFAULT_DAY_WINDOW,
        quiet_hours=quiet,
    )
    return _with_reminders(f, prefs)


def _with_reminders(f: Fields, prefs: ReminderPrefs) -> ReminderPrefs:
    def allowed_time(fields: Fields, name: str) -> time:
        at = fields.clock(name)
        if not prefs.day_window.contains(at):
            w = prefs.day_window
            raise fields.error(
                name,
                f"{_hhmm(at)} is outside your reminder hours ({_hhmm(w.start)}-{_hhmm(w.end)})",
            )
        if any(q.contains(at) for q in prefs.quiet_hours):
            raise fields.error(name, f"{_hhmm(at)} falls in your quiet hours")
        return at

    changes: dict[str, Any] = {}
    if f.has("session"):
        s = f.mapping("session")
        s.exact_keys(("days", "time"))
        changes["session_days"] = parse_days(s, "days", ())
        changes["session_time"] = allowed_time(s, "time")
    if f.has("movement_breaks"):
        changes["movement_breaks"] = break_settings_from_dict(
            f.raw["movement_breaks"], f"{f.prefix}movement_breaks."
        )
    if f.has("morning_check"):
        m = f.mapping("morning_check")
        m.exact_keys(("time",))
        if "session" not in changes and not f.has("session"):
            raise m.error("time", "needs session days: the check comes the morning after a session")
        changes["morning_check_time"] = allowed_time(m, "time")
    if f.has("weekly_checkin"):
        w = f.mapping("weekly_checkin")
        w.exact_keys(("day", "time"))
        weekday = WEEKDAYS.index(w.choice("day", WEEKDAYS))
        changes["weekly_checkin"] = WeeklyCheckin(weekday, allowed_time(w, "time"))
    return replace(prefs, **changes)
