"""Movement breaks: a 1-2 minute routine to do now, and the working hours they fit into."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from spinewise.core.selfcare import break_times
from spinewise.sharing.access import patient_required

from ..context import local_today, person_zone
from ..forms import BreakSettingsForm
from ..models import MovementBreakSettings
from ..services import break_offer


@patient_required
@require_GET
def break_now(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    today = local_today(patient)
    saved = MovementBreakSettings.objects.filter(patient=patient).first()
    now = timezone.now()
    upcoming = (
        [t for t in break_times(saved.to_core(), today, person_zone(patient)) if t >= now]
        if saved
        else []
    )
    return render(
        request,
        "selfcare/break_now.html",
        {"offer": break_offer(patient, today), "settings": saved, "upcoming": upcoming},
    )


@patient_required
@require_http_methods(["GET", "POST"])
def break_settings(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    saved = MovementBreakSettings.objects.filter(patient=patient).first()
    initial = (
        {
            "start": saved.start,
            "end": saved.end,
            "interval_minutes": saved.interval_minutes,
            "days": saved.days,
        }
        if saved
        else {"start": "09:00", "end": "17:00", "interval_minutes": 45}
        | {"days": ["mon", "tue", "wed", "thu", "fri"]}
    )
    form = BreakSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        MovementBreakSettings.objects.update_or_create(
            patient=patient,
            defaults={
                "start": data["start"],
                "end": data["end"],
                "interval_minutes": data["interval_minutes"],
                "days": [
                    d
                    for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
                    if d in data["days"]
                ],
                "updated_at": timezone.now(),
            },
        )
        messages.success(request, "Your working hours are saved.")
        return redirect("selfcare:break_now")
    return render(
        request,
        "selfcare/break_settings.html",
        {"form": form, "zone": person_zone(patient).key},
    )
