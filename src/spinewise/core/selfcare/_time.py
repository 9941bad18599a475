"""Local wall-clock times in a person's IANA time zone, correct across DST changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import InputError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def zone(name: object, field: str = "timezone") -> ZoneInfo:
    """The IANA time zone ``name`` (e.g. ``Europe/London``); InputError naming ``field``."""
    if isinstance(name, ZoneInfo):
        return name
    if not isinstance(name, str) or not name.strip():
        raise InputError(field, "must be a time zone name such as Europe/London")
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            field, f"unknown time zone {name!r}; use a name such as Europe/London"
        ) from None


def local_instant(day: date, at: time, tz: tzinfo) -> datetime:
    """The moment the clocks in ``tz`` show ``at`` on ``day``, as an aware datetime.

    A time skipped when the clocks go forward moves on by the gap (01:30 on the
    UK spring-forward night becomes 02:30 BST); a time that happens twice when the
    clocks go back is its first occurrence.
    """
    wall = datetime.combine(day, at).replace(tzinfo=tz, fold=0)
    # The round trip through UTC turns a non-existent wall time into a real one.
    return wall.astimezone(UTC).astimezone(tz)


@dataclass(frozen=True)
class DailyWindow:
    """A span of wall-clock time each day, ``start`` inclusive, ``end`` exclusive.

    When ``end`` is earlier than ``start`` the window runs past midnight
    (quiet hours 22:00-07:00).
    """

    start: time
    end: time

    def contains(self, at: time) -> bool:
        at = at.replace(tzinfo=None, fold=0)
        if self.start < self.end:
            return self.start <= at < self.end
        return at >= self.start or at < self.end

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start.strftime("%H:%M"), "end": self.end.strftime("%H:%M")}
