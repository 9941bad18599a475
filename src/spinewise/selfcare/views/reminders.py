"""Reminder preferences (what, how, time zone, quiet hours) and the calendar address."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from spinewise.accounts.time_zones import zone_name
from spinewise.sharing.access import patient_required

from ..models import MovementBreakSettings, ReminderPreference, new_calendar_token
from ..reminders.forms import ReminderPreferenceForm, default_preference, save_preference


def fingerprint(token: str | None) -> str:
    """A short digest naming the address a "new address" form was shown for, so sending
    that form twice replaces the address once."""
    return hashlib.sha256((token or "").encode()).hexdigest()[:16]


@patient_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    pref = ReminderPreference.objects.filter(patient=patient).first()
    shown = pref or default_preference(patient)
    form = ReminderPreferenceForm(
        request.POST or None,
        patient=patient,
        has_break_settings=MovementBreakSettings.objects.filter(patient=patient).exists(),
        initial=ReminderPreferenceForm.initial_from(shown, zone_name(patient.user)),
    )
    if request.method == "POST" and form.is_valid():
        save_preference(form, pref or ReminderPreference(patient=patient))
        messages.success(request, "Your reminder settings are saved.")
        return redirect("selfcare:reminders")
    feed_url = (
        request.build_absolute_uri(reverse("calendar:feed", args=[pref.calendar_token]))
        if pref and pref.wants_calendar and pref.calendar_token
        else ""
    )
    return render(
        request,
        "selfcare/reminders.html",
        {
            "form": form,
            "saved": pref is not None,
            "feed_url": feed_url,
            "fingerprint": fingerprint(pref.calendar_token if pref else None),
        },
    )


@patient_required
@require_POST
def regenerate(request: HttpRequest) -> HttpResponse:
    """A new calendar address; the old one stops working at once."""
    patient = request.patient  # type: ignore[attr-defined]
    pref = ReminderPreference.objects.filter(patient=patient).first()
    if pref is None or not pref.wants_calendar:
        return redirect("selfcare:reminders")
    if request.POST.get("replace") == fingerprint(pref.calendar_token):
        pref.calendar_token = new_calendar_token()
        pref.updated_at = timezone.now()
        pref.save(update_fields=["calendar_token", "updated_at"])
        messages.success(
            request,
            "Your calendar has a new address. The old one no longer works: subscribe again "
            "with the new one.",
        )
    return redirect(f"{reverse('selfcare:reminders')}#calendar")
