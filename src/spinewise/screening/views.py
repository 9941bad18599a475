"""The safety questions and the advice that follows from the answers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from spinewise.core.errors import InputError
from spinewise.sharing.access import get_owned_or_404, patient_required

from .forms import DoctorSeenForm, ScreeningForm
from .models import Clearance, Screening, latest_screening
from .safety import ClearanceError, record_clearance, safety_state
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
    screening = get_owned_or_404(
        request.user, Screening.objects.select_related("patient", "clearance"), pk=pk
    )
    context = {
        "screening": screening,
        "safety": safety_state(screening.patient),
        "has_baseline": screening.patient.baselines.exists(),
    }
    return render(request, "screening/result.html", context)


@patient_required
def doctor_seen(request: HttpRequest) -> HttpResponse:
    """The person tells us a doctor has seen them: the open warnings are cleared."""
    patient = request.patient  # type: ignore[attr-defined]
    state = safety_state(patient)
    form = DoctorSeenForm(request.POST or None)
    if request.method == "POST" and state.open_results and form.is_valid():
        try:
            record_clearance(
                patient,
                kind=Clearance.Kind.DOCTOR_SEEN,
                recorded_by=request.user,
                **{k: form.cleaned_data[k] for k in ("seen_by", "seen_on", "ruled_out")},
            )
        except ClearanceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("screening:start")
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request, "screening/doctor_seen.html", {"form": form, "safety": state}, status=status
    )
