from __future__ import annotations

from typing import Any

from django import template

from spinewise.programmes.display import dose_text
from spinewise.programmes.models import PlannedItem
from spinewise.programmes.services import current_items_for
from spinewise.sharing.access import own_patient

register = template.Library()


@register.simple_tag(takes_context=True)
def my_items(context: Any, exercise_id: str) -> list[PlannedItem]:
    """The signed-in patient's planned items of this exercise in their current programme
    (none for anyone else): pages of other rooms, like the exercise library, show the
    person's own dose without importing the programme."""
    request = context.get("request")
    patient = own_patient(request.user) if request is not None else None
    return current_items_for(patient, exercise_id) if patient else []


@register.filter
def dose(item: Any) -> str:
    return dose_text(item)
