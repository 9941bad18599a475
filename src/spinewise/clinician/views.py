"""The caseload page and acting on alerts.

Clinician pages only (403 for anyone else signed in, login for visitors). An alert that is
not about a patient linked to this clinician gives 404. Showing a page of the caseload
writes one access-log entry per patient on it (a single insert).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from spinewise.clinician.sharing_views import clinician_required
from spinewise.core.errors import Invalid
from spinewise.patients.kept import kept, revisions_key
from spinewise.patients.models import Patient
from spinewise.sharing.access import get_owned_or_404
from spinewise.sharing.audit import record_accesses

from .alerts import AlertActionError, act_on_alert
from .caseload import Caseload, caseload_for
from .forms import AlertActionForm
from .models import Alert


def is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


# Stands in for the CSRF token in a kept rendering of the rows; each response gets its own.
CSRF_PLACEHOLDER = "spinewise-csrf-placeholder-7f3a"


@clinician_required
@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    found = caseload_for(request.user, request.GET.get("page"))
    page_rows = found.page.object_list
    shown = [Patient(pk=pk) for pk, _revision in page_rows.stamps]
    record_accesses(request, shown, "view", "caseload summary")
    # The rows' rendering is kept under the shown patients' revisions: any change to one of
    # them (an alert acknowledged, a new session) renders the page afresh.
    where = f"{found.page.number}:{timezone.get_current_timezone_name()}:{request.get_full_path()}"
    key = revisions_key(f"caseload-page:{where}", request.user.pk, found.today, page_rows.stamps)
    rows_html = kept(key, lambda: _render_rows(request, found))
    return render(
        request,
        "caseload/caseload.html",
        {
            "caseload": found,
            "rows_html": mark_safe(rows_html.replace(CSRF_PLACEHOLDER, get_token(request))),  # noqa: S308 - our own rendering
        },
    )


def _render_rows(request: HttpRequest, found: Caseload) -> str:
    context = {
        "page": found.page,
        "form": AlertActionForm(),
        "request": request,
        "csrf_token": CSRF_PLACEHOLDER,
    }
    return render_to_string("caseload/_rows.html", context)


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
