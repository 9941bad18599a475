"""Template tags the patient's own pages use to show what their clinician changed."""

from __future__ import annotations

from typing import Any

from django import template

from spinewise.clinician.models import ProgrammeEdit

register = template.Library()

SHOWN = 3


@register.inclusion_tag("caseload/_patient_changes.html")
def clinician_changes(programme: Any) -> dict[str, Any]:
    """The latest changes a clinician made to ``programme``: what, when, by whom and why."""
    edits = []
    if programme is not None and getattr(programme, "pk", None):
        edits = list(
            ProgrammeEdit.objects.filter(programme=programme).select_related("version")[:SHOWN]
        )
    return {"edits": edits}
