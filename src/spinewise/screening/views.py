"""The safety questions and the advice that follows from the answers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from spinewise.core.errors import InputError
from spinewise.patients.access import get_owned_or_404, patient_required

from .forms import ScreeningForm
from .models import Screening, latest_screening
from .services import question_schema, record_screening, screening_source

# Carried over when screening again, so nobody re-types their age and where it hurts.
CARRIED_OVER = ("age", "regions")


@patient_required
def start(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    previous = latest_screening(patient)
    initial = {k: v for k, v in (previous.answers if previous else {}).items() if k in CARRIED_OVER}
    form = ScreeningForm(request.POST or None, schema=question_schema(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            screening = record_screening(patient, form.answers(), screening_source(patient))
        except InputError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.problem)
        else:
            return redirect("screening:result", pk=screening.pk)
    return render(
        request,
        "screening/start.html",
        {"form": form, "previous": previous, "rescreen_reason": patient.rescreen_reason},
    )


@patient_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    screening = get_owned_or_404(request.user, Screening.objects.select_related("patient"), pk=pk)
    has_baseline = screening.patient.baselines.exists()
    return render(
        request, "screening/result.html", {"screening": screening, "has_baseline": has_baseline}
    )
