"""The baseline questionnaire ("about you"); saving it plans the programme."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from spinewise.core.errors import Invalid
from spinewise.patients.forms import BaselineForm, initial_from
from spinewise.screening.safety import SafetyBlocked, safety_state
from spinewise.sharing.access import patient_required

from .baseline import record_baseline


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
    form = BaselineForm(request.POST or None, initial=initial_from(previous))
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
