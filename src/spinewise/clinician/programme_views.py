"""Editing a patient's programme: the editor page and one page per change.

Viewing fetches the patient with ``audited_patient_for`` (a "view" in the access log);
every change with ``change=True, clinical=True`` (a "change"). A change that fails
validation re-renders its form with the reason (400); a stale one says the programme
moved on (409) and saves nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from spinewise.clinician.sharing_views import clinician_required
from spinewise.exercises.library import enabled_library
from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedItem, ProgrammeVersion
from spinewise.programmes.services import current_version, sessions_with_items
from spinewise.sharing.access import audited_patient_for

from . import programme_edits as edits
from .clinical_settings import (
    clear_after_review,
    clearable,
    flare_paused,
    lift_flare_pause,
    set_pain_ceiling,
)
from .editing import EditError, EditResult, PrescriptionRefused, StaleEdit
from .forms import (
    AddForm,
    CeilingForm,
    ChooseForm,
    ClearanceForm,
    DoseForm,
    EditForm,
    FlareLiftForm,
    LockForm,
    SearchForm,
)
from .search import neighbours, search

ITEM_ACTIONS = ("dose", "lock", "remove", "swap")


def _version_number(patient: Patient) -> int:
    version = current_version(patient)
    return version.number if version else 0


def _saved(request: HttpRequest, pk: int, result: EditResult) -> HttpResponse:
    number = f" Version {result.version.number}." if result.version else ""
    messages.success(request, f"Saved: {'; '.join(result.edit.changes)}.{number}")
    return redirect("clinician:programme", pk=pk)


def _refused(form: Any, exc: EditError) -> int:
    """Put the service's reason on the form; the HTTP status to answer with."""
    if isinstance(exc, StaleEdit):
        form.add_error(None, exc.message)
        return 409
    field = exc.field if exc.field in form.fields else None
    if isinstance(exc, PrescriptionRefused) and not any(p.overridable for p in exc.problems):
        field = None
    form.add_error(field, exc.message)
    return 400


@clinician_required
@require_GET
def editor(request: HttpRequest, pk: int) -> HttpResponse:
    patient = audited_patient_for(request, pk)
    version = current_version(patient)
    context = {
        "patient": patient,
        "version": version,
        "sessions": sessions_with_items(version) if version else [],
        "baseline": patient.latest_baseline(),
        "clearable": clearable(patient),
        "edits": patient.programme_edits.select_related("version")[:10],
        "seen": version.number if version else 0,
    }
    return render(request, "caseload/programme.html", context)


def _item(patient: Patient, item_pk: int) -> tuple[PlannedItem, ProgrammeVersion]:
    item = (
        PlannedItem.objects.select_related("session__version__programme")
        .filter(pk=item_pk, session__version__programme__patient=patient)
        .first()
    )
    if item is None:
        raise Http404("No such exercise in this patient's programme.")
    return item, item.session.version


def _item_form(action: str, item: PlannedItem, data: Any, patient: Patient) -> Any:
    version = item.session.version
    initial: dict[str, Any] = {"version": version.number}
    if action == "dose":
        baseline = version.programme.baseline
        initial.update(sets=item.sets, amount=item.reps or item.hold_seconds or item.breaths)
        initial["band_level"] = item.band_level
        return DoseForm(
            data,
            initial=initial,
            exercise=enabled_library().get(item.exercise_id),
            band_levels=list(baseline.band_levels),
        )
    if action == "lock":
        return LockForm(data, initial={**initial, "locked": not item.locked})
    if action == "swap":
        return ChooseForm(data, initial=initial)
    return EditForm(data, initial=initial)


def _apply_item(
    action: str, patient: Patient, user: Any, item: PlannedItem, data: dict[str, Any]
) -> EditResult:
    where = {
        "seen": data["version"],
        "session": item.session.number,
        "position": item.position,
        "reason": data["reason"],
    }
    if action == "dose":
        return edits.set_dose(
            patient,
            user,
            sets=data["sets"],
            amount=data["amount"],
            band_level=data.get("band_level") or None,
            **where,
        )
    if action == "lock":
        return edits.set_lock(patient, user, locked=data["locked"], **where)
    if action == "swap":
        return edits.swap_item(
            patient,
            user,
            exercise_id=data["exercise_id"],
            override_reason=data.get("override_reason", ""),
            **where,
        )
    return edits.remove_item(patient, user, **where)


@clinician_required
@require_http_methods(["GET", "POST"])
def item_action(request: HttpRequest, pk: int, item_pk: int, action: str) -> HttpResponse:
    if action not in ITEM_ACTIONS:
        raise Http404("No such change.")
    changing = request.method == "POST"
    patient = audited_patient_for(request, pk, change=changing, clinical=changing)
    item, version = _item(patient, item_pk)
    form = _item_form(action, item, request.POST if changing else None, patient)
    status = 200
    if changing and form.is_valid():
        if form.cleaned_data["version"] != version.number:
            raise BadRequest("The form does not match the exercise it changes.")
        try:
            return _saved(
                request, pk, _apply_item(action, patient, request.user, item, form.cleaned_data)
            )
        except EditError as exc:
            status = _refused(form, exc)
    elif changing:
        status = 400
    library = enabled_library()
    context = {
        "patient": patient,
        "item": item,
        "version": version,
        "action": action,
        "form": form,
        "current": version.number == _version_number(patient),
        "options": _swap_options(request, patient, item) if action == "swap" else [],
        "search": SearchForm(request.GET or None),
        "exercise": library.get(item.exercise_id) if item.exercise_id in library else None,
    }
    return render(request, "caseload/item_action.html", context, status=status)


def _search_results(request: HttpRequest, patient: Patient, exclude: set[str]) -> list[Any]:
    form = SearchForm(request.GET or None)
    if not request.GET or not form.is_valid():
        return []
    return search(
        enabled_library(),
        patient.latest_baseline(),
        exclude=exclude,
        words=form.cleaned_data["q"],
        region=form.cleaned_data["region"],
        modality=form.cleaned_data["modality"],
        equipment=form.cleaned_data["equipment"],
    )


def _swap_options(request: HttpRequest, patient: Patient, item: PlannedItem) -> list[Any]:
    near = neighbours(enabled_library(), item.exercise_id, patient.latest_baseline())
    skip = {item.exercise_id, *(o.exercise.id for o in near)}
    return near + _search_results(request, patient, skip)


@clinician_required
@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, pk: int) -> HttpResponse:
    changing = request.method == "POST"
    patient = audited_patient_for(request, pk, change=changing, clinical=changing)
    version = current_version(patient)
    if version is None:
        messages.error(request, "This patient has no programme to change yet.")
        return redirect("clinician:programme", pk=pk)
    numbers = list(version.sessions.order_by("number").values_list("number", flat=True))
    initial = {"version": version.number, "session": request.GET.get("session", numbers[0])}
    form = AddForm(request.POST if changing else None, initial=initial, sessions=numbers)
    status = 200
    if changing and form.is_valid():
        data = form.cleaned_data
        try:
            result = edits.add_exercise(
                patient,
                request.user,
                seen=data["version"],
                session=data["session"],
                exercise_id=data["exercise_id"],
                reason=data["reason"],
                override_reason=data["override_reason"],
            )
            return _saved(request, pk, result)
        except EditError as exc:
            status = _refused(form, exc)
    elif changing:
        status = 400
    context = {
        "patient": patient,
        "version": version,
        "form": form,
        "search": SearchForm(request.GET or None),
        "options": _search_results(request, patient, set()),
        "searched": bool(request.GET),
    }
    return render(request, "caseload/add.html", context, status=status)


def _setting(
    request: HttpRequest, pk: int, form_class: type[EditForm], template: str, apply: Any
) -> HttpResponse:
    changing = request.method == "POST"
    patient = audited_patient_for(request, pk, change=changing, clinical=changing)
    initial = {"version": _version_number(patient), "ceiling": patient.pain_ceiling}
    form = form_class(request.POST if changing else None, initial=initial)
    status = 200
    if changing and form.is_valid():
        try:
            return _saved(request, pk, apply(patient, request.user, form.cleaned_data))
        except EditError as exc:
            status = _refused(form, exc)
    elif changing:
        status = 400
    context = {
        "patient": patient,
        "form": form,
        "clearable": clearable(patient),
        "flare_paused": flare_paused(patient),
    }
    return render(request, template, context, status=status)


@clinician_required
@require_http_methods(["GET", "POST"])
def pain_limit(request: HttpRequest, pk: int) -> HttpResponse:
    def apply(patient: Patient, user: Any, data: dict[str, Any]) -> EditResult:
        return set_pain_ceiling(
            patient, user, seen=data["version"], ceiling=data["ceiling"], reason=data["reason"]
        )

    return _setting(request, pk, CeilingForm, "caseload/pain_limit.html", apply)


@clinician_required
@require_http_methods(["GET", "POST"])
def clearance(request: HttpRequest, pk: int) -> HttpResponse:
    def apply(patient: Patient, user: Any, data: dict[str, Any]) -> EditResult:
        return clear_after_review(patient, user, seen=data["version"], reason=data["reason"])

    return _setting(request, pk, ClearanceForm, "caseload/clearance.html", apply)


@clinician_required
@require_http_methods(["GET", "POST"])
def flare_lift(request: HttpRequest, pk: int) -> HttpResponse:
    def apply(patient: Patient, user: Any, data: dict[str, Any]) -> EditResult:
        return lift_flare_pause(patient, user, reason=data["reason"])

    return _setting(request, pk, FlareLiftForm, "caseload/flare_lift.html", apply)
