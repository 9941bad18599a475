"""Each person's own time zone: the day they live in decides "today", "this morning"
and when reminders come. Guessed from the browser at sign-up and editable on the
account page; empty means the site's zone (``TIME_ZONE``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone


@lru_cache(maxsize=1)
def zone_names() -> frozenset[str]:
    """Every zone a person may choose: the IANA names of places, plus UTC."""
    places = {n for n in available_timezones() if "/" in n and not n.startswith("Etc/")}
    return frozenset(places | {"UTC"})


@lru_cache(maxsize=1)
def zone_choices() -> list[tuple[str, str]]:
    """The zones as form choices, by region and city ("Europe/London" as "Europe / London")."""
    return [(n, n.replace("_", " ").replace("/", " / ")) for n in sorted(zone_names())]


@lru_cache(maxsize=1)
def _all_zones() -> frozenset[str]:
    return frozenset(available_timezones())


def known_zone(name: object) -> str:
    """``name`` when it is an IANA zone (the list offers places; "Etc/GMT+5" also works),
    else ""."""
    return name if isinstance(name, str) and name in _all_zones() else ""


def zone_name(user: Any) -> str:
    """The zone ``user`` lives in: theirs, else the site's."""
    return known_zone(getattr(user, "time_zone", "")) or settings.TIME_ZONE


def zone_of(user: Any) -> ZoneInfo:
    try:
        return ZoneInfo(zone_name(user))
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


def local_today(user: Any) -> date:
    """The date it is now where ``user`` lives (for someone else's day, e.g. a patient's
    Today seen by their clinician)."""
    return timezone.localdate(timezone=zone_of(user))


def activate_for(user: Any) -> None:
    """Make ``timezone.localdate()`` and templates use ``user``'s zone for this request."""
    if getattr(user, "is_authenticated", False) and known_zone(getattr(user, "time_zone", "")):
        timezone.activate(zone_of(user))
    else:
        timezone.deactivate()


def person_time_zone(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable:
    """Middleware: each signed-in person's pages are in their own time zone."""

    def middleware(request: HttpRequest) -> HttpResponse:
        activate_for(getattr(request, "user", None))
        try:
            return get_response(request)
        finally:
            timezone.deactivate()

    return middleware
