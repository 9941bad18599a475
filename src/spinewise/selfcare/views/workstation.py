"""Workstation and posture check: the guided checklist, the result with a personal list
of changes, and what improved since the last check."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from spinewise.core.errors import InputError
from spinewise.core.selfcare import compare_workstation, load_workstation_checklist
from spinewise.sharing.access import get_owned_or_404, patient_required

from ..forms import WorkstationForm
from ..models import WorkstationCheck
from ..services import previous_check, record_workstation


@patient_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    form = WorkstationForm(request.POST or None, initial={"token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        saved = record_workstation(patient, form.answers(), form.cleaned_data["token"])
        return redirect("selfcare:workstation_result", pk=saved.pk)
    history = WorkstationCheck.objects.filter(patient=patient).order_by("-created_at")[:20]
    return render(
        request,
        "selfcare/workstation.html",
        {"form": form, "checklist": load_workstation_checklist(), "history": history},
    )


@patient_required
@require_GET
def result(request: HttpRequest, pk: int) -> HttpResponse:
    saved = get_owned_or_404(request.user, WorkstationCheck, pk=pk)
    before = previous_check(saved)
    try:
        comparison = compare_workstation(before.to_core(), saved.to_core()) if before else None
    except InputError:  # an answer the checklist no longer has: nothing fair to compare
        comparison = None
    return render(
        request,
        "selfcare/workstation_result.html",
        {"check": saved, "result": saved.to_core(), "before": before, "comparison": comparison},
    )
