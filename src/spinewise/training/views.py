"""The guided session with its log form, the logged session, history and the morning check."""

from __future__ import annotations

import json
import uuid

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from spinewise.core.errors import Invalid
from spinewise.programmes.models import PlannedSession, ProgrammeVersion
from spinewise.programmes.services import current_version
from spinewise.screening.models import Screening
from spinewise.screening.safety import safety_state
from spinewise.screening.services import (
    red_flag_questions,
    rescreen_with_symptoms,
    warning_sign_questions,
)
from spinewise.sharing.access import get_owned_or_404, patient_required

from .commands import InvalidLog
from .corrections import CorrectionClosed, correct_session, correctable, planned_session_of
from .drafts import DraftRefused, save_draft
from .forms import MorningCheckForm, SessionLogForm, UnwellForm, initial_from_log
from .models import DRAFT_MAX_BYTES, SessionDraft, SessionLog, changes_first
from .player import session_data
from .services import (
    AlreadyLogged,
    logged_on,
    morning_check_due,
    pending_morning_check,
    record_morning_check,
    record_session,
)


def _log_form(request: HttpRequest, session: PlannedSession) -> SessionLogForm:
    baseline = session.version.programme.baseline
    return SessionLogForm(
        request.POST if request.method == "POST" else None,
        items=list(session.items.all()),
        band_levels=list(baseline.band_levels),
        symptoms=red_flag_questions(),
        today=timezone.localdate(),
        initial={"token": uuid.uuid4()},
    )


@patient_required
@require_http_methods(["GET", "POST"])
def player(request: HttpRequest, number: int) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    state = safety_state(patient)
    if not state.may_exercise:
        return redirect(state.next_url)
    if request.method == "POST":
        # The version the person saw: logging stays right even if the programme changed since.
        version_id = request.POST.get("version", "")
        if not version_id.isdigit():
            raise BadRequest("The form did not say which programme it belongs to.")
        version = get_owned_or_404(request.user, ProgrammeVersion, pk=int(version_id))
    else:
        version = current_version(patient)
        if version is None:
            return redirect("programmes:current")
    session = get_object_or_404(
        PlannedSession.objects.prefetch_related("items"), version=version, number=number
    )
    form = _log_form(request, session)
    if request.method == "POST" and form.is_valid():
        try:
            log, _created = record_session(patient, session, form.command())
        except InvalidLog as invalid:
            form.add_log_errors(invalid)
        except AlreadyLogged as already:
            return _already_logged(request, already.log)
        else:
            return redirect("training:log", pk=log.pk)
    return render(
        request,
        "training/player.html",
        {
            "session": session,
            "version": version,
            "form": form,
            "player_data": session_data(session),
            "session_key": f"{patient.pk}-{version.pk}-{session.number}-{timezone.localdate()}",
            "logged_today": logged_on(patient, session, timezone.localdate()),
        },
    )


def _already_logged(request: HttpRequest, log: SessionLog) -> HttpResponse:
    # 409: the second save of one session never becomes a second log.
    context = {"log": log, "correctable": correctable(log)}
    return render(request, "training/already_logged.html", context, status=409)


@patient_required
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a logged session (until the engine has read it): one log, never two."""
    log = get_owned_or_404(request.user, SessionLog, change=True, pk=pk)
    if not correctable(log):
        return _already_logged(request, log)
    session = planned_session_of(log)
    form = SessionLogForm(
        request.POST if request.method == "POST" else None,
        items=list(session.items.all()),
        band_levels=list(session.version.programme.baseline.band_levels),
        symptoms=red_flag_questions(),
        today=log.performed_on,
        initial=initial_from_log(log),
    )
    problem = ""
    if request.method == "POST" and form.is_valid():
        try:
            correct_session(log, form.command(log.token))
        except InvalidLog as invalid:
            form.add_log_errors(invalid)
        except CorrectionClosed as closed:
            problem = str(closed)
        else:
            messages.success(request, "Your session is corrected.")
            return redirect("training:log", pk=log.pk)
    context = {"log": log, "session": session, "form": form, "problem": problem}
    return render(request, "training/correct.html", context)


@patient_required
@require_GET
def log_detail(request: HttpRequest, pk: int) -> HttpResponse:
    log = get_owned_or_404(
        request.user,
        SessionLog.objects.select_related("patient", "screening", "resulting_version"),
        pk=pk,
    )
    exercise_logs = list(log.exercise_logs.all())
    return render(
        request,
        "training/log_detail.html",
        {
            "log": log,
            "exercise_logs": exercise_logs,
            "decisions": changes_first(log.decisions.all()),
            "morning_form": MorningCheckForm(),
            "morning_check": getattr(log, "morning_check", None),
            "had_sharp_pain": any(e.sharp_pain for e in exercise_logs),
            "correctable": correctable(log),
            "morning_too_early": not morning_check_due(log, timezone.localdate()),
        },
    )


@patient_required
@require_GET
def history(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    logs = (
        SessionLog.objects.filter(patient=patient)
        .select_related("morning_check")
        .prefetch_related("exercise_logs")
        .order_by("-performed_on", "-id")[:100]
    )
    return render(request, "training/history.html", {"logs": logs})


@patient_required
@require_http_methods(["GET", "POST"])
def morning_check(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """One tap: pain this morning. With htmx the result replaces the form in place."""
    patient = request.patient  # type: ignore[attr-defined]
    if pk is None:
        log = pending_morning_check(patient, timezone.localdate())
        if log is None:
            return render(request, "training/morning_none.html")
    else:
        log = get_owned_or_404(request.user, SessionLog, pk=pk)
    existing = getattr(log, "morning_check", None)
    too_early = not morning_check_due(log, timezone.localdate())
    form = MorningCheckForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and existing is None and not too_early and form.is_valid():
        record_morning_check(log, form.cleaned_data["pain_now"])
        log.refresh_from_db()
        if request.headers.get("HX-Request"):
            return render(request, "training/_morning_result.html", _result_context(log))
        return redirect("training:log", pk=log.pk)
    if existing is not None and request.method == "POST":
        # Tapped twice (or in two tabs): the first answer stands.
        if request.headers.get("HX-Request"):
            return render(request, "training/_morning_result.html", _result_context(log))
        return redirect("training:log", pk=log.pk)
    template = (
        "training/_morning_form.html"
        if request.headers.get("HX-Request")
        else "training/morning.html"
    )
    context = {"log": log, "form": form, "existing": existing, "too_early": too_early}
    return render(request, template, context)


def _result_context(log: SessionLog) -> dict[str, object]:
    return {
        "log": log,
        "decisions": changes_first(log.decisions.all()),
        "morning_check": getattr(log, "morning_check", None),
    }


@patient_required
@require_http_methods(["GET", "POST"])
def unwell(request: HttpRequest) -> HttpResponse:
    """The player's "Stop: I feel unwell": the session ends here and the warning-sign
    questions open.

    A warning sign is screened at once (the linked clinician's caseload shows the alert
    on their next look, as for any red flag) and the person sees the advice; anything
    else asks for the safety questions again before the next session.
    """
    patient = request.patient  # type: ignore[attr-defined]
    posted = request.POST if request.method == "POST" else None
    form = UnwellForm(posted, symptoms=warning_sign_questions())
    if request.method == "POST" and form.is_valid():
        symptoms = form.cleaned_data["symptoms"]
        other = form.cleaned_data["other"].strip()
        screening = None
        if symptoms:
            screening = rescreen_with_symptoms(patient, symptoms, Screening.Source.SESSION)
        if screening is not None:
            return redirect("screening:result", pk=screening.pk)
        if symptoms or other:
            what = other or "a possible warning sign"
            patient.rescreen_reason = f"“{what}” (you stopped a session feeling unwell)"[:200]
            patient.save(update_fields=["rescreen_reason"])
            return redirect("screening:start")
        return render(request, "training/unwell_done.html")
    return render(request, "training/unwell.html", {"form": form})


def _json_error(status: int, message: str, fields: dict[str, str] | None = None) -> JsonResponse:
    body: dict[str, object] = {"error": message}
    if fields:
        body["fields"] = fields
    return JsonResponse(body, status=status)


def _not_a_number(constant: str) -> float:
    raise ValueError(f"{constant} is not a JSON number")


@patient_required
@require_http_methods(["GET", "PUT"])
def draft(request: HttpRequest, number: int) -> HttpResponse:
    """The guided player's progress through today's session ``number``, as JSON.

    GET answers ``{"state": {...}, "updated_at": "..."}`` or 404 when there is none. PUT
    takes ``{"state": {...}}`` (with the ``X-CSRFToken`` header) and stores it through
    ``drafts.save_draft``: 400 names what is wrong with the body, 409 says why it was not
    kept (the session is logged, or a newer draft is saved).
    """
    patient = request.patient  # type: ignore[attr-defined]
    version = current_version(patient)
    session = PlannedSession.objects.filter(version=version, number=number).first()
    if version is None or session is None:
        return _json_error(404, "There is no such session in your programme.")
    today = timezone.localdate()
    if request.method == "GET":
        try:
            found = get_owned_or_404(
                request.user, SessionDraft, patient=patient, planned_session=session, day=today
            )
        except Http404:
            return _json_error(404, "There is no draft of this session today.")
        return JsonResponse({"state": found.state, "updated_at": found.updated_at.isoformat()})
    if len(request.body) > DRAFT_MAX_BYTES + 100:
        return _json_error(
            400, f"The draft is too large ({len(request.body)} bytes; at most {DRAFT_MAX_BYTES})."
        )
    try:
        body = json.loads(request.body, parse_constant=_not_a_number)
    except (ValueError, UnicodeDecodeError) as bad:
        return _json_error(400, f"The body is not valid JSON ({bad}).")
    if not isinstance(body, dict) or "state" not in body:
        return _json_error(400, 'The body must be a JSON object with a "state".')
    try:
        saved = save_draft(patient, session, today, body["state"])
    except Invalid as invalid:
        return _json_error(400, " ".join(invalid.errors.values()), invalid.errors)
    except DraftRefused as refused:
        return _json_error(409, str(refused))
    return JsonResponse({"saved": True, "updated_at": saved.updated_at.isoformat()})
