"""The home page: a landing page, the patient's "today", or the staff home."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from spinewise.jobs.queue import pending_for
from spinewise.sharing.access import own_patient

from .journey import today_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "web/landing.html")
    patient = own_patient(request.user)
    if patient is None:
        return render(request, "web/staff_home.html")
    return render(request, "web/today.html", today_for(patient))


@require_GET
@login_required
def updating(request: HttpRequest) -> HttpResponse:
    """Polled by the Today page while the programme is being updated after a session:
    the same notice while work is waiting, then a reload (``HX-Refresh``) to show the
    updated programme."""
    patient = own_patient(request.user)
    if patient is None:
        raise Http404("Only a patient's own Today page is updated.")
    if pending_for(patient.pk):
        return render(request, "today/_updating.html")
    if not request.headers.get("HX-Request"):
        return redirect("today:home")
    response = HttpResponse()
    response["HX-Refresh"] = "true"
    return response
