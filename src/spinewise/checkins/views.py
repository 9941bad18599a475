"""The weekly check-in. A new symptom re-opens the safety questions."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from spinewise.core.errors import Invalid
from spinewise.sharing.access import get_owned_or_404, patient_required

from .forms import CheckInForm
from .models import WeeklyCheckIn
from .services import record_checkin


@patient_required
def new(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    baseline = patient.latest_baseline()
    if baseline is None:
        return redirect("patients:baseline")
    form = CheckInForm(request.POST or None, activities=list(baseline.psfs_activities))
    if request.method == "POST" and form.is_valid():
        try:
            checkin = record_checkin(patient, form.answers())
        except Invalid as invalid:
            form.add_invalid(invalid)
        else:
            if checkin.new_symptom:
                return redirect("screening:start")
            return redirect("checkins:done", pk=checkin.pk)
    recent = WeeklyCheckIn.objects.filter(patient=patient).order_by("-created_at")[:5]
    return render(request, "checkins/new.html", {"form": form, "recent": recent})


@patient_required
def done(request: HttpRequest, pk: int) -> HttpResponse:
    checkin = get_owned_or_404(request.user, WeeklyCheckIn, pk=pk)
    previous = (
        WeeklyCheckIn.objects.filter(patient=checkin.patient, created_at__lt=checkin.created_at)
        .order_by("-created_at")
        .first()
    )
    return render(request, "checkins/done.html", {"checkin": checkin, "previous": previous})
