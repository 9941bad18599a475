"""The in-app notification list (reminders sent "in Spinewise") and marking them read."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from spinewise.sharing.access import get_owned_or_404, patient_required

from ..models import Notification

PER_PAGE = 20


@patient_required
@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    notes = Notification.objects.filter(patient=patient)
    page = Paginator(notes, PER_PAGE).get_page(request.GET.get("page"))
    unread = notes.filter(read_at__isnull=True).count()
    return render(request, "selfcare/notifications.html", {"page": page, "unread": unread})


@patient_required
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_owned_or_404(request.user, Notification, pk=pk, change=True)
    if note.read_at is None:
        note.read_at = timezone.now()
        note.save(update_fields=["read_at"])
    # "Open" marks read and goes where the reminder points; only our own paths.
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return redirect(target)
    return redirect("selfcare:notifications")


@patient_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    patient = request.patient  # type: ignore[attr-defined]
    Notification.objects.filter(patient=patient, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("selfcare:notifications")
