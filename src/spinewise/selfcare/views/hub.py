"""The self-care hub: today's lesson and a way into every habit and the reminders."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from spinewise.sharing.access import patient_required

from ..context import local_today
from ..models import Notification
from ..services import today_lesson


@patient_required
@require_GET
def hub(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    lesson, choice = today_lesson(patient, local_today(patient))
    unread = Notification.objects.filter(patient=patient, read_at__isnull=True).count()
    return render(
        request,
        "selfcare/hub.html",
        {"lesson": lesson, "choice": choice, "unread": unread},
    )
