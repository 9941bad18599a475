"""Heat and cold: safety guidance, a 15-20 minute timer, a log and which has helped."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from spinewise.core.selfcare import load_heat_cold_guidance, summarise_heat_cold
from spinewise.core.selfcare.heatcold import RECOMMENDED_MINUTES
from spinewise.sharing.access import patient_required

from ..context import local_today
from ..forms import HeatColdForm
from ..models import HeatColdLog
from ..services import record_heat_cold


@patient_required
@require_http_methods(["GET", "POST"])
def heat_cold(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    today = local_today(patient)
    form = HeatColdForm(request.POST or None, today=today, initial={"token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        saved = record_heat_cold(
            patient, form.log, form.cleaned_data["used_on"], form.cleaned_data["token"]
        )
        advice = " ".join(saved.to_core().advice())
        messages.success(request, f"Saved. {advice}".strip())
        return redirect("selfcare:heat_cold")
    logs = list(HeatColdLog.objects.filter(patient=patient))
    guidance = load_heat_cold_guidance()
    return render(
        request,
        "selfcare/heat_cold.html",
        {
            "guidance": guidance,
            "kinds": (guidance.heat, guidance.cold),
            "minutes": RECOMMENDED_MINUTES,
            "timer_choices": range(RECOMMENDED_MINUTES[0], RECOMMENDED_MINUTES[1] + 1),
            "timer_seconds": RECOMMENDED_MINUTES[0] * 60,
            "form": form,
            "logs": logs[:10],
            "summary": summarise_heat_cold([log.to_core() for log in logs]),
        },
    )
