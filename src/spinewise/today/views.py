"""The home page: a landing page, the patient's "today", or the staff home."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

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
