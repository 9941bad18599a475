"""``{% selfcare_card %}``: the self-care entry on the patient's home page."""

from __future__ import annotations

from typing import Any

from django import template

from spinewise.sharing.access import own_patient

register = template.Library()


@register.inclusion_tag("selfcare/_home_card.html", takes_context=True)
def selfcare_card(context: dict[str, Any]) -> dict[str, Any]:
    from ..context import local_today
    from ..models import Notification
    from ..services import today_lesson

    request = context.get("request")
    # The Today page hands over its patient and the lesson it keeps with its answer.
    patient = context.get("patient") or own_patient(getattr(request, "user", None))
    if patient is None:
        return {"show": False}
    lesson = context.get("lesson") or today_lesson(patient, local_today(patient))[0]
    unread = Notification.objects.filter(patient=patient, read_at__isnull=True).count()
    return {"show": True, "lesson": lesson, "unread": unread}


@register.filter
def thousands(value: object) -> str:
    """4321 -> "4,321" (step counts and goals)."""
    return f"{value:,}" if isinstance(value, int) else ""
