"""Clinical settings a clinician changes: the pain ceiling, clearance after a review and
lifting a flare-up pause.

Both are recorded as a :class:`ProgrammeEdit` and, when the patient has a programme, as a
new version, so the patient sees them with every other change.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from spinewise.core import planner
from spinewise.core.vocab import is_nrs
from spinewise.patients.models import Patient
from spinewise.programmes.services import SessionPlan, current_programme
from spinewise.screening.models import Clearance
from spinewise.screening.safety import ClearanceError, record_clearance, safety_state
from spinewise.sharing.audit import record_access
from spinewise.training.flare import FlarePauseError, active_pause, lift_pause

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
    if not is_nrs(ceiling):
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
    """A warning result is open (see a clinician, urgent or emergency): a linked clinician
    may clear it after a medical review."""
    return bool(safety_state(patient).open_results)


def clear_after_review(
    patient: Patient, clinician: Any, *, seen: int, reason: str, seen_on: date | None = None
) -> EditResult:
    """A clinician has reviewed the person: close every open warning result.

    ``reason`` says what the review found or ruled out (the patient sees it). It is recorded
    as a :class:`~spinewise.screening.models.Clearance` (who, when, what), which also covers
    the standing answers it closed (a past cancer) until a new symptom is reported. With a
    programme, it is planned again in full from the baseline (a new version), and
    progression may step up again.
    """
    if not clearable(patient):
        raise EditError("This patient has no open warning result to clear.")
    reason = reason.strip()
    if not reason:
        raise EditError(REASON_NEEDED, "reason")
    now = timezone.now()
    cautions = safety_state(patient).planner_conditions

    def change(draft: Draft) -> None:
        profile = planner.profile_from_dict(
            draft.baseline.profile_data("self_manage", seed=patient.pk, extra_conditions=cautions)
        )
        plan = planner.plan_programme(profile, draft.library)
        draft.sessions = [SessionPlan(s.number, s.title, list(s.items)) for s in plan.sessions]
        draft.programme.warnings = list(plan.warnings)
        draft.programme.advice = plan.advice
        draft.programme.save(update_fields=["warnings", "advice"])
        draft.changes.append(
            "Cleared after a medical review: planned again in full from your answers"
        )

    with transaction.atomic():
        try:
            record_clearance(
                patient,
                kind=Clearance.Kind.CLINICIAN,
                recorded_by=clinician,
                seen_by=clinician.get_full_name() or clinician.get_username(),
                seen_on=seen_on or timezone.localdate(),
                ruled_out=reason,
                now=now,
            )
        except ClearanceError as exc:
            field = "reason" if exc.field == "ruled_out" else exc.field
            raise EditError(exc.message, field) from None
        programme = current_programme(patient)
        if programme is None or programme.blocked:
            words = ["Cleared after a medical review"]
            edit = record(patient, clinician, Kind.CLEARANCE, reason, words, now, None)
            result = EditResult(edit, None)
        else:
            result = commit(patient, clinician, seen, Kind.CLEARANCE, reason, change, now=now)
    resolve_cleared_warning(patient, clinician, f"Cleared after a medical review: {reason}")
    detail = f"Cleared open warnings after a medical review: {reason}"[:300]
    record_access(None, patient, "change", detail, actor=clinician)
    return result


def flare_paused(patient: Patient) -> bool:
    """Progression is paused for a flare-up: a linked clinician may lift the pause."""
    return active_pause(patient) is not None


def lift_flare_pause(patient: Patient, clinician: Any, *, reason: str) -> EditResult:
    """Lift the flare-up pause in force: progression may step up again.

    ``reason`` (the patient sees it) says why, e.g. what a review found. Recorded as a
    :class:`ProgrammeEdit` and in the audit log; the caseload's flare-up alert clears.
    """
    reason = reason.strip()
    if not reason:
        raise EditError(REASON_NEEDED, "reason")
    now = timezone.now()
    with transaction.atomic():
        try:
            pause = lift_pause(patient, clinician, reason, now)
        except FlarePauseError as exc:
            raise EditError(str(exc)) from None
        words = [f"Lifted the flare-up pause of {timezone.localtime(pause.started_at):%d %b}"]
        edit = record(patient, clinician, Kind.FLARE_LIFT, reason, words, now, None)
        # No new version (the plan is unchanged), but tie the edit to the programme so
        # the patient sees why with every other change (the lift form promises it).
        edit.programme = current_programme(patient)
        edit.save(update_fields=["programme"])
    record_access(
        None, patient, "change", f"Lifted a flare-up pause: {reason}"[:300], actor=clinician
    )
    return EditResult(edit, None)
