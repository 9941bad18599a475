"""A clinician's changes to a patient's programme, each one a new version with who and why.

Every change goes through :func:`commit`: it locks the programme, refuses a stale edit
(the clinician saw an older version than the current one), applies the change to a copy
of the current sessions, validates every new or changed item the way the core does
(``core.model.item_from_dict`` for dose bounds, ``core.prescription`` for equipment, band
levels and contraindications) and stores a new ``ProgrammeVersion`` with a
:class:`ProgrammeEdit` saying who, what and why. A contraindication is only set aside with
an explicit override reason, recorded in the edit. The engine then respects the result:
a locked item never changes dose, and the patient's pain ceiling replaces 5/10.

Items are named by session number and position in the version the clinician saw.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from spinewise.core.errors import InputError
from spinewise.core.exercises import Library
from spinewise.core.model import ProgrammeItem, item_from_dict
from spinewise.core.prescription import Problem, blocking, check_prescription
from spinewise.exercises.library import enabled_library
from spinewise.patients.models import Baseline, Patient
from spinewise.programmes.models import Programme, ProgrammeVersion
from spinewise.programmes.services import SessionPlan, current_programme, save_version
from spinewise.screening.safety import safety_state
from spinewise.sharing.invitations import display_name

from .models import ProgrammeEdit

Kind = ProgrammeEdit.Kind


class EditError(Exception):
    """A change that cannot be made; ``field`` names the form field at fault when known."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleEdit(EditError):
    """The programme changed since the clinician opened it."""

    def __init__(self, seen: int, current: int) -> None:
        super().__init__(
            f"The programme has changed since you opened it (you saw version {seen}, it is now "
            f"version {current}). Nothing was saved: look at the current version and make "
            "your change again."
        )
        self.seen = seen
        self.current = current


class PrescriptionRefused(EditError):
    """The change fails the core's checks; ``problems`` say why."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        needs_reason = any(p.overridable for p in problems)
        hint = (
            " To prescribe it anyway, give your reason for overriding the contraindication."
            if needs_reason and all(p.overridable for p in problems)
            else ""
        )
        super().__init__(" ".join(p.problem for p in problems) + hint, "override_reason")
        self.problems = list(problems)


@dataclass
class Draft:
    """The current version's sessions, being changed; ``changes`` in plain words."""

    patient: Patient
    programme: Programme
    version: ProgrammeVersion
    baseline: Baseline
    library: Library
    sessions: list[SessionPlan]
    changes: list[str] = field(default_factory=list)
    new_items: list[ProgrammeItem] = field(default_factory=list)  # exercises new to the programme
    changed_items: list[ProgrammeItem] = field(default_factory=list)  # existing, new dose

    def items(self, number: int) -> list[ProgrammeItem]:
        for plan in self.sessions:
            if plan.number == number:
                return list(plan.items)
        raise EditError(f"There is no session {number} in this programme.", "session")

    def put(self, number: int, items: list[ProgrammeItem]) -> None:
        self.sessions = [
            SessionPlan(p.number, p.title, items) if p.number == number else p
            for p in self.sessions
        ]

    def item(self, number: int, position: int) -> ProgrammeItem:
        items = self.items(number)
        if not 0 <= position < len(items):
            raise EditError("That exercise is no longer in this session.")
        return items[position]

    def name(self, exercise_id: str) -> str:
        return self.library.get(exercise_id).name if exercise_id in self.library else exercise_id

    def exercise_ids(self) -> set[str]:
        return {i.exercise_id for p in self.sessions for i in p.items}


@dataclass(frozen=True)
class EditResult:
    edit: ProgrammeEdit
    version: ProgrammeVersion | None


Change = Callable[[Draft], None]


def _cause(clinician: Any, reason: str) -> str:
    return f"Changed by your clinician {display_name(clinician)}: {reason}"[:300]


def _sessions(version: ProgrammeVersion) -> list[SessionPlan]:
    sessions = version.sessions.prefetch_related("items").order_by("number")
    return [SessionPlan(s.number, s.title, [i.to_core() for i in s.items.all()]) for s in sessions]


def _validate(draft: Draft, override_reason: str) -> list[str]:
    """Check new and changed items; returns the conditions overridden (may be none)."""
    baseline = draft.baseline
    problems: list[Problem] = []
    for item in [*draft.new_items, *draft.changed_items]:
        found = check_prescription(
            item,
            draft.library,
            equipment=list(baseline.equipment),
            conditions=list(baseline.conditions),
            band_levels=list(baseline.band_levels),
        )
        if item in draft.changed_items and item not in draft.new_items:
            # Already in the programme: its contraindications were accepted when it came in.
            found = [p for p in found if not p.overridable]
        problems += found
    standing = blocking(problems, override_reason)
    if standing:
        raise PrescriptionRefused(standing)
    return sorted({c for p in problems if p.overridable for c in p.codes})


def _locked_current(patient: Patient, seen: int) -> tuple[Programme, ProgrammeVersion]:
    programme = current_programme(patient)
    if programme is None or programme.blocked:
        raise EditError("This patient has no programme to change yet.")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    version = programme.current_version()
    if version is None:
        raise EditError("This patient has no programme to change yet.")
    if version.number != seen:
        raise StaleEdit(seen, version.number)
    return programme, version


# Edits that settle safety rather than change the exercises: allowed with a warning open.
SAFETY_SETTINGS = frozenset({"clearance", "pain_ceiling"})


def _refuse_while_blocked(patient: Patient) -> None:
    """The safety gate for programme edits: none while an urgent or emergency warning is
    open (the clinician clears it first, after a medical review)."""
    state = safety_state(patient)
    if state.gate.code == "programme_blocked":
        raise EditError(
            f"{patient.user.get_full_name() or 'This patient'} has an open warning "
            f"({state.level.replace('_', ' ')}): the programme cannot be changed until it is "
            f"cleared after a medical review. {state.advice}"
        )


def commit(
    patient: Patient,
    clinician: Any,
    seen: int,
    kind: str,
    reason: str,
    change: Change,
    *,
    override_reason: str = "",
    now: datetime | None = None,
) -> EditResult:
    reason = reason.strip()
    if not reason:
        raise EditError("Say why you are making this change: the patient will see it.", "reason")
    now = now or timezone.now()
    if kind not in SAFETY_SETTINGS:
        _refuse_while_blocked(patient)
    try:
        with transaction.atomic():
            programme, version = _locked_current(patient, seen)
            draft = Draft(
                patient,
                programme,
                version,
                programme.baseline,
                enabled_library(),
                _sessions(version),
            )
            change(draft)
            overridden = _validate(draft, override_reason)
            new_version = save_version(programme, draft.sessions, _cause(clinician, reason), now)
            edit = record(patient, clinician, kind, reason, draft.changes, now, new_version)
            if overridden:
                edit.overridden = overridden
                edit.override_reason = override_reason.strip()
                edit.save(update_fields=["overridden", "override_reason"])
    except IntegrityError:
        # The engine stored a new version at the same moment: this edit is stale.
        current = current_programme(patient)
        latest = current.current_version() if current else None
        raise StaleEdit(seen, latest.number if latest else seen) from None
    return EditResult(edit, new_version)


def record(
    patient: Patient,
    clinician: Any,
    kind: str,
    reason: str,
    changes: list[str],
    now: datetime,
    version: ProgrammeVersion | None,
) -> ProgrammeEdit:
    return ProgrammeEdit.objects.create(
        patient=patient,
        programme=version.programme if version else None,
        version=version,
        author=clinician,
        author_name=display_name(clinician)[:300],
        kind=kind,
        reason=reason[:300],
        changes=changes,
        created_at=now,
    )


def dosed(
    draft: Draft, item: ProgrammeItem, sets: int, amount: int, band: str | None
) -> ProgrammeItem:
    """``item`` with a new dose, validated like any stored item (InputError -> EditError)."""
    ex = draft.library.get(item.exercise_id)
    data = {**item.to_dict(), "sets": sets, ex.amount_key: amount, "band_level": band or None}
    try:
        return item_from_dict(data, draft.library)
    except InputError as exc:
        name = exc.field.removeprefix("item.")
        form_field = "amount" if name in ("reps", "hold_seconds", "breaths") else name
        raise EditError(exc.problem[:1].upper() + exc.problem[1:] + ".", form_field) from None
