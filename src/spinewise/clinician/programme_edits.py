"""The programme edits a clinician makes: add, remove, swap, dose and progression locks.

Each is one new version through :func:`editing.commit` (see there for the checks).
Items are named by session number and position in the version the clinician saw; a dose
or a lock belongs to the exercise, so it applies in every session that has it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from spinewise.core.model import ProgrammeItem
from spinewise.core.prescription import default_item
from spinewise.patients.models import Patient
from spinewise.programmes.display import dose_text

from .editing import Draft, EditError, EditResult, Kind, commit, dosed


def add_exercise(
    patient: Patient,
    clinician: Any,
    *,
    seen: int,
    session: int,
    exercise_id: str,
    reason: str,
    sets: int | None = None,
    amount: int | None = None,
    band_level: str | None = None,
    override_reason: str = "",
) -> EditResult:
    """Add an exercise at the end of session ``session`` (its starting dose unless given)."""

    def change(draft: Draft) -> None:
        if exercise_id not in draft.library:
            raise EditError("That exercise is not in the library.", "exercise_id")
        ex = draft.library.get(exercise_id)
        items = draft.items(session)
        if any(i.exercise_id == exercise_id for i in items):
            raise EditError(f"{ex.name} is already in session {session}.", "exercise_id")
        bands = list(draft.baseline.band_levels)
        new = default_item(ex, draft.baseline.level, bands, f"Added by your clinician: {reason}")
        if sets is not None or amount is not None or band_level:
            new = dosed(
                draft, new, sets or new.sets, amount or new.amount, band_level or new.band_level
            )
        draft.put(session, [*items, new])
        draft.new_items.append(new)
        draft.changes.append(f"Added {ex.name} to session {session}: {dose_text(new)}")

    return commit(
        patient, clinician, seen, Kind.ADD, reason, change, override_reason=override_reason
    )


def remove_item(
    patient: Patient, clinician: Any, *, seen: int, session: int, position: int, reason: str
) -> EditResult:
    def change(draft: Draft) -> None:
        items = draft.items(session)
        gone = draft.item(session, position)
        if len(items) == 1:
            raise EditError("A session needs at least one exercise: swap it instead.")
        draft.put(session, items[:position] + items[position + 1 :])
        draft.changes.append(f"Removed {draft.name(gone.exercise_id)} from session {session}")

    return commit(patient, clinician, seen, Kind.REMOVE, reason, change)


def swap_item(
    patient: Patient,
    clinician: Any,
    *,
    seen: int,
    session: int,
    position: int,
    exercise_id: str,
    reason: str,
    override_reason: str = "",
) -> EditResult:
    """Put another exercise in this item's place, at its starting dose."""

    def change(draft: Draft) -> None:
        old = draft.item(session, position)
        if exercise_id not in draft.library:
            raise EditError("That exercise is not in the library.", "exercise_id")
        if exercise_id == old.exercise_id:
            raise EditError("Choose a different exercise to swap in.", "exercise_id")
        ex = draft.library.get(exercise_id)
        items = draft.items(session)
        if any(i.exercise_id == exercise_id for i in items):
            raise EditError(f"{ex.name} is already in session {session}.", "exercise_id")
        why = f"Chosen by your clinician instead of {draft.name(old.exercise_id)}: {reason}"
        new = default_item(ex, draft.baseline.level, list(draft.baseline.band_levels), why)
        items[position] = new
        draft.put(session, items)
        draft.new_items.append(new)
        draft.changes.append(
            f"Swapped {draft.name(old.exercise_id)} for {ex.name} in session {session}: "
            f"{dose_text(new)}"
        )

    return commit(
        patient, clinician, seen, Kind.SWAP, reason, change, override_reason=override_reason
    )


def _each_of(
    draft: Draft, exercise_id: str, update: Callable[[ProgrammeItem], ProgrammeItem]
) -> None:
    """Apply ``update`` to this exercise in every session (a dose belongs to the exercise)."""
    for plan in draft.sessions:
        draft.put(
            plan.number,
            [update(i) if i.exercise_id == exercise_id else i for i in plan.items],
        )


def set_dose(
    patient: Patient,
    clinician: Any,
    *,
    seen: int,
    session: int,
    position: int,
    sets: int,
    amount: int,
    band_level: str | None,
    reason: str,
) -> EditResult:
    """Set sets, reps / hold seconds / breaths and band level of an exercise, in every
    session that has it."""

    def change(draft: Draft) -> None:
        old = draft.item(session, position)
        new = dosed(draft, old, sets, amount, band_level)
        if (new.sets, new.amount, new.band_level) == (old.sets, old.amount, old.band_level):
            raise EditError("That is the dose already prescribed.", "sets")
        _each_of(draft, old.exercise_id, lambda i: dosed(draft, i, sets, amount, band_level))
        draft.changed_items.append(new)
        draft.changes.append(f"{draft.name(old.exercise_id)}: {dose_text(old)} -> {dose_text(new)}")

    return commit(patient, clinician, seen, Kind.DOSE, reason, change)


def set_lock(
    patient: Patient,
    clinician: Any,
    *,
    seen: int,
    session: int,
    position: int,
    locked: bool,
    reason: str,
) -> EditResult:
    """Lock (or unlock) an exercise's progression, in every session that has it."""

    def change(draft: Draft) -> None:
        old = draft.item(session, position)
        if old.locked == locked:
            state = "locked" if locked else "not locked"
            raise EditError(f"{draft.name(old.exercise_id)} is {state} already.")
        _each_of(draft, old.exercise_id, lambda i: replace(i, locked=locked))
        name = draft.name(old.exercise_id)
        draft.changes.append(
            f"Locked {name} at {dose_text(old)}: it stays at this dose"
            if locked
            else f"Unlocked {name}: it may step up or back again"
        )

    kind = Kind.LOCK if locked else Kind.UNLOCK
    return commit(patient, clinician, seen, kind, reason, change)
