"""The baseline questionnaire ("about you"); saving it plans the programme."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from spinewise.core import vocab
from spinewise.core.errors import Invalid
from spinewise.patients.forms import BaselineForm, initial_from
from spinewise.patients.models import Patient
from spinewise.screening.models import latest_screening
from spinewise.screening.safety import SafetyBlocked, safety_state
from spinewise.sharing.access import patient_required

from .baseline import record_baseline


def answered_in_screening(patient: Patient) -> dict[str, Any]:
    """Where it hurts and the pain now, as the safety questions just asked them: the first
    baseline starts from those answers instead of asking again from nothing."""
    screening = latest_screening(patient)
    answers = screening.answers if screening is not None else {}
    initial: dict[str, Any] = {}
    regions = [r for r in answers.get("regions") or [] if r in vocab.REGIONS]
    if regions:
        initial["regions"] = regions
    if vocab.is_nrs(answers.get("pain_now")):
        initial["pain_now"] = answers["pain_now"]
    return initial


@patient_required
def baseline(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    state = safety_state(patient)
    if state.gate.code in ("screening_required", "rescreen_required"):
        return redirect("screening:start")
    if not state.may_exercise:
        # An open urgent or emergency warning: no programme, whatever is posted.
        status = 403 if request.method == "POST" else 200
        return render(request, "programmes/blocked.html", {"safety": state}, status=status)
    previous = patient.latest_baseline()
    initial = initial_from(previous) if previous else answered_in_screening(patient)
    form = BaselineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record_baseline(patient, form.answers())
        except SafetyBlocked as exc:
            form.add_error(None, exc.advice)
        except Invalid as invalid:
            form.add_invalid(invalid)
        else:
            return redirect("programmes:current")
    return render(request, "patients/baseline.html", {"form": form, "previous": previous})
