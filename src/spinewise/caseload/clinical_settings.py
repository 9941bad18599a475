"""Clinical settings a clinician changes: the pain ceiling and see-clinician clearance.

Both are recorded as a :class:`ProgrammeEdit` and, when the patient has a programme, as a
new version, so the patient sees them with every other change.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from spinewise.core import planner
from spinewise.patients.models import Patient
from spinewise.programmes.services import SessionPlan, current_programme
from spinewise.screening.models import CLEARABLE_LEVEL, latest_screening

from .alerts import resolve_cleared_warning
from .editing import Draft, EditError, EditResult, Kind, commit, record

REASON_NEEDED = "Say why you are making this change: the patient will see it."


def set_pain_ceiling(
    patient: Patient, clinician: Any, *, seen: int, ceiling: int, reason: str
) -> EditResult:
    """Set the highest acceptable pain during exercise (NRS 0-10; the default is 5).

    With a programme this is a new version (same sessions) so the patient sees the change
    with the others; ``seen`` is the version number the clinician saw (0: no programme).
    """
    if isinstance(ceiling, bool) or not isinstance(ceiling, int) or not 0 <= ceiling <= 10:
        raise EditError("The pain limit is a whole number from 0 to 10.", "ceiling")
    before = patient.pain_ceiling
    if ceiling == before:
        raise EditError(f"The pain limit is {before}/10 already.", "ceiling")
    words = f"Pain limit during exercise: {before}/10 -> {ceiling}/10"

    def change(draft: Draft) -> None:
        draft.changes.append(words)

    with transaction.atomic():
        programme = current_programme(patient)
        if programme is None or programme.blocked or programme.current_version() is None:
            if not reason.strip():
                raise EditError(REASON_NEEDED, "reason")
            result = EditResult(
                record(
                    patient,
                    clinician,
                    Kind.PAIN_CEILING,
                    reason.strip(),
                    [words],
                    timezone.now(),
                    None,
                ),
                None,
            )
        else:
            result = commit(patient, clinician, seen, Kind.PAIN_CEILING, reason, change)
        patient.pain_ceiling = ceiling
        patient.save(update_fields=["pain_ceiling"])
    return result


def clearable(patient: Patient) -> bool:
    """The latest screening says "see a clinician" and no clinician has cleared it yet."""
    screening = latest_screening(patient)
    return bool(
        screening is not None
        and screening.level == CLEARABLE_LEVEL
        and screening.allows_programme
        and not screening.is_cleared
    )


def clear_for_full_programme(
    patient: Patient, clinician: Any, *, seen: int, reason: str
) -> EditResult:
    """A clinician has seen the person: lift the see-clinician limit (gentle mobility only).

    The current programme is planned again in full from the baseline (a new version), and
    progression may step up again.
    """
    screening = latest_screening(patient)
    if screening is None or not clearable(patient):
        raise EditError(
            "Only a patient whose latest safety check says “see a clinician” can be cleared."
        )
    now = timezone.now()

    def change(draft: Draft) -> None:
        profile = planner.profile_from_dict(
            draft.baseline.profile_data("self_manage", seed=patient.pk)
        )
        plan = planner.plan_programme(profile, draft.library)
        draft.sessions = [SessionPlan(s.number, s.title, list(s.items)) for s in plan.sessions]
        draft.programme.warnings = list(plan.warnings)
        draft.programme.advice = plan.advice
        draft.programme.save(update_fields=["warnings", "advice"])
        draft.changes.append(
            "Cleared for a full programme: planned again in full from your answers"
        )

    reason = reason.strip()
    if not reason:
        raise EditError(REASON_NEEDED, "reason")
    with transaction.atomic():
        screening.cleared_at = now
        screening.cleared_by = clinician
        screening.clearance_note = reason.strip()[:300]
        screening.save(update_fields=["cleared_at", "cleared_by", "clearance_note"])
        programme = current_programme(patient)
        if programme is None or programme.blocked:
            words = ["Cleared for a full programme"]
            edit = record(patient, clinician, Kind.CLEARANCE, reason, words, now, None)
            result = EditResult(edit, None)
        else:
            result = commit(patient, clinician, seen, Kind.CLEARANCE, reason, change, now=now)
    resolve_cleared_warning(patient, clinician, f"Cleared for a full programme: {reason}")
    return result
