"""The progress page: charts of pain, function, adherence and volume.

``?range=4w`` / ``12w`` / ``all`` picks the window; with htmx only the charts are swapped.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from spinewise.sharing.access import patient_required

from .charts import progress_charts

RANGES = {"4w": ("Last 4 weeks", 28), "12w": ("Last 12 weeks", 84), "all": ("Everything", None)}


@patient_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    chosen = request.GET.get("range", "all")
    if chosen not in RANGES:
        chosen = "all"
    days = RANGES[chosen][1]
    since = timezone.localdate() - timedelta(days=days) if days else None
    context = {
        "charts": progress_charts(patient, since),
        "ranges": [(key, label) for key, (label, _) in RANGES.items()],
        "chosen": chosen,
    }
    if request.headers.get("HX-Request"):
        return render(request, "progress/_charts.html", context)
    return render(request, "progress/overview.html", context)
