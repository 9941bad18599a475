"""The programme page (this week's sessions, what is done, any pause) and a version's
"what changed and why": they read the programme and the sessions done, so they live here,
above both; their URLs keep the ``programmes`` namespace under /programme/."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from spinewise.programmes.models import ProgrammeVersion
from spinewise.programmes.services import current_programme, sessions_with_items
from spinewise.screening.safety import safety_state
from spinewise.sharing.access import get_owned_or_404, patient_required
from spinewise.training.flare import FLARE_HOLD, FLARE_LESSON, active_pause
from spinewise.training.models import changes_first
from spinewise.training.progression import pause_reason
from spinewise.training.services import done_this_week, next_session_number


@patient_required
@require_GET
def current(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    state = safety_state(patient)
    if state.latest is None:
        return redirect("screening:start")
    if state.gate.code == "programme_blocked":
        return render(request, "programmes/blocked.html", {"safety": state})
    programme = current_programme(patient)
    if programme is None:
        return redirect("patients:baseline")
    if programme.blocked:
        return render(request, "programmes/blocked.html", {"safety": state, "programme": programme})
    version = programme.current_version()
    if version is None:
        return redirect("patients:baseline")
    sessions = sessions_with_items(version)
    paused = pause_reason(patient, state)
    return render(
        request,
        "programmes/current.html",
        {
            "programme": programme,
            "version": version,
            "sessions": sessions,
            "next_number": next_session_number(patient, version),
            "done_this_week": done_this_week(patient, timezone.localdate()),
            "safety": state,
            # The flare-up notice says it all when the flare-up is the only reason.
            "pause_reason": "" if paused == FLARE_HOLD else paused,
            "flare_pause": active_pause(patient),
            "flare_lesson": FLARE_LESSON,
        },
    )


@patient_required
@require_GET
def version(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_owned_or_404(
        request.user, ProgrammeVersion.objects.select_related("programme__patient"), pk=pk
    )
    return render(
        request,
        "programmes/version.html",
        {
            "version": found,
            "sessions": sessions_with_items(found),
            "decisions": changes_first(found.decisions.all()),
            "history": list(found.programme.versions.order_by("-number")),
        },
    )
