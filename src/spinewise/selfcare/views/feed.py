"""The personal calendar feed (iCalendar) at a secret address.

No sign-in: calendar apps cannot log in, so the long random token in the address is the
only key. An unknown or replaced token, or a person who no longer wants the calendar,
gets the same 404, so the address reveals nothing. The feed stays generic (no health
details) because addresses get shared.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from spinewise.core.errors import InputError
from spinewise.core.selfcare.calendar_feed import SESSION_MINUTES_BOUNDS, calendar_feed

from ..models import ReminderPreference

TOKEN_LENGTH_BOUNDS = (40, 64)
FEED_NAME = "my reminders"


def feed_bytes(pref: ReminderPreference) -> bytes:
    """The core's iCalendar feed for these settings; InputError when they are unusable."""
    prefs = pref.to_core()
    baseline = pref.patient.latest_baseline()
    low, high = SESSION_MINUTES_BOUNDS
    minutes = min(max(baseline.minutes_per_session if baseline else 20, low), high)
    # Series start on the day the settings last changed, so every fetch gives the same events.
    starts_on = pref.updated_at.astimezone(prefs.tz).date()
    return calendar_feed(
        prefs, FEED_NAME, generated_at=timezone.now(), starts_on=starts_on, session_minutes=minutes
    )


@require_safe
def calendar(request: HttpRequest, token: str) -> HttpResponse:
    if not TOKEN_LENGTH_BOUNDS[0] <= len(token) <= TOKEN_LENGTH_BOUNDS[1]:
        raise Http404("No such calendar.")
    pref = (
        ReminderPreference.objects.select_related("patient__user")
        .filter(calendar_token=token, patient__user__is_active=True)
        .first()
    )
    if pref is None or not pref.wants_calendar:
        raise Http404("No such calendar.")
    try:
        body = feed_bytes(pref)
    except InputError:
        raise Http404("No such calendar.") from None
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="spinewise.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
