"""Relaxation: paced breathing at a chosen rate, the body scan, and a log of both."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from spinewise.core.selfcare import BreathingPattern, load_body_scan
from spinewise.core.selfcare.relaxation import DEFAULT_BREATHING
from spinewise.patients.models import Patient
from spinewise.sharing.access import patient_required

from ..context import local_today
from ..forms import BreathingForm, RelaxationLogForm
from ..models import RelaxationLog
from ..services import record_relaxation

DEFAULT_PACE = {
    "breaths_per_minute": DEFAULT_BREATHING.breaths_per_minute,
    "inhale_parts": DEFAULT_BREATHING.inhale_parts,
    "exhale_parts": DEFAULT_BREATHING.exhale_parts,
    "minutes": DEFAULT_BREATHING.minutes,
}


def _log_form(kind: str, minutes: int, rate: float | None = None) -> RelaxationLogForm:
    return RelaxationLogForm(
        initial={
            "token": uuid.uuid4(),
            "kind": kind,
            "minutes": minutes,
            "breaths_per_minute": rate,
        }
    )


def _breathing_page(
    request: HttpRequest,
    patient: Patient,
    form: BreathingForm,
    pattern: BreathingPattern | None,
    log_form: RelaxationLogForm | None = None,
) -> HttpResponse:
    if log_form is None:
        shown = pattern or DEFAULT_BREATHING
        log_form = _log_form("breathing", shown.minutes, shown.breaths_per_minute)
    context = {"form": form, "pattern": pattern, "log_form": log_form, "recent": _recent(patient)}
    return render(request, "selfcare/breathing.html", context)


def _body_scan_page(
    request: HttpRequest, patient: Patient, log_form: RelaxationLogForm | None = None
) -> HttpResponse:
    scan = load_body_scan()
    minutes = max(1, round(scan.total_seconds / 60))
    context: dict[str, Any] = {
        "scan": scan,
        "minutes": minutes,
        "log_form": log_form or _log_form("body_scan", minutes),
        "recent": _recent(patient),
    }
    return render(request, "selfcare/body_scan.html", context)


def _recent(patient: Patient) -> list[RelaxationLog]:
    return list(RelaxationLog.objects.filter(patient=patient)[:10])


@patient_required
@require_GET
def breathing(request: HttpRequest) -> HttpResponse:
    """The pace comes from the address (``?breaths_per_minute=6&...``): nothing is stored
    until the person logs the exercise."""
    patient = request.patient  # type: ignore[attr-defined]
    if not any(name in request.GET for name in BreathingForm.base_fields):
        return _breathing_page(
            request, patient, BreathingForm(initial=DEFAULT_PACE), DEFAULT_BREATHING
        )
    form = BreathingForm(request.GET)
    return _breathing_page(request, patient, form, form.pattern if form.is_valid() else None)


@patient_required
@require_GET
def body_scan(request: HttpRequest) -> HttpResponse:
    return _body_scan_page(request, request.patient)  # type: ignore[attr-defined]


@patient_required
@require_POST
def log(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    form = RelaxationLogForm(request.POST)
    if not form.is_valid():
        if request.POST.get("kind") == "body_scan":
            return _body_scan_page(request, patient, form)
        pace = BreathingForm(initial=DEFAULT_PACE)
        return _breathing_page(request, patient, pace, DEFAULT_BREATHING, form)
    data = form.cleaned_data
    record_relaxation(
        patient,
        data["kind"],
        data["minutes"],
        local_today(patient),
        data["token"],
        data["breaths_per_minute"] if data["kind"] == "breathing" else None,
    )
    messages.success(request, "Well done. Your relaxation is logged.")
    return redirect("selfcare:body_scan" if data["kind"] == "body_scan" else "selfcare:breathing")
