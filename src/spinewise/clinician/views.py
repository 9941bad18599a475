"""The caseload page and acting on alerts.

Clinician pages only (403 for anyone else signed in, login for visitors). An alert that is
not about a patient linked to this clinician gives 404. Showing a page of the caseload
writes one access-log entry per patient on it (a single insert).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from spinewise.clinician.sharing_views import clinician_required
from spinewise.core.errors import Invalid
from spinewise.sharing.access import get_owned_or_404
from spinewise.sharing.audit import record_accesses

from .alerts import AlertActionError, act_on_alert
from .caseload import caseload_for
from .forms import AlertActionForm
from .models import Alert


def is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


@clinician_required
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    found = caseload_for(request.user, request.GET.get("page"))
    record_accesses(request, [row.patient for row in found.page], "view", "caseload summary")
    return render(request, "caseload/caseload.html", {"caseload": found, "form": AlertActionForm()})


def _back(request: HttpRequest, alert: Alert) -> str:
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("clinician:patient", args=[alert.patient_id])


@clinician_required
@require_POST
def alert_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Acknowledge or resolve an alert with a note; with htmx the alert is redrawn in place."""
    alert = get_owned_or_404(
        request.user,
        Alert.objects.select_related("patient__user"),
        change=True,
        clinical=True,
        request=request,
        pk=pk,
    )
    form = AlertActionForm(request.POST)
    problem = ""
    if form.is_valid():
        try:
            alert = act_on_alert(
                alert, request.user, form.cleaned_data["action"], form.cleaned_data["note"]
            )
        except AlertActionError as exc:
            problem = str(exc)
            alert.refresh_from_db()
        except Invalid as invalid:
            for name, text in invalid.errors.items():
                form.add_error(name if name in form.fields else None, text)
        else:
            form = AlertActionForm()
            if not is_htmx(request):
                messages.success(request, f"{alert.label}: {alert.get_state_display().lower()}.")
                return redirect(_back(request, alert))
    context = {"alert": alert, "form": form, "problem": problem, "next": _back(request, alert)}
    if is_htmx(request):
        return render(request, "caseload/_alert.html", context)  # htmx swaps only 2xx answers
    return render(request, "caseload/alert_action.html", context, status=400)
