"""The guided player's progress kept on the server as a draft, so another device, a closed
tab or a browser that lost its storage resumes at the same exercise and set.

One draft per patient, planned session and day. The state is the player's own record
(``player/session.js``): the server checks only that it is a JSON object of at most
``DRAFT_MAX_BYTES`` with a numeric ``updatedAt`` if any, and never reads it otherwise.
A draft is deleted when its session is logged (``record_session`` calls
:func:`discard_draft` in the log's transaction), and drafts older than ``KEEP_DAYS``
are deleted whenever the patient saves one.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from spinewise.core.errors import Invalid
from spinewise.patients.models import Patient
from spinewise.programmes.models import PlannedSession

from .models import DRAFT_MAX_BYTES, SessionDraft, SessionLog

KEEP_DAYS = 2  # a draft of an earlier day cannot be resumed (the player's key is per day)


class DraftRefused(Exception):
    """The draft was not stored, for a reason that is not the request's fault
    (the session is logged already, or a newer draft is saved)."""


def draft_size(state: Any) -> int:
    """Bytes of ``state`` encoded as the player sends it (compact UTF-8 JSON)."""
    return len(json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode())


def check_state(state: Any) -> dict[str, Any]:
    """The state if it can be stored; Invalid({"state": problem}) otherwise."""
    if not isinstance(state, dict):
        raise Invalid({"state": "The draft's state must be a JSON object."})
    size = draft_size(state)
    if size > DRAFT_MAX_BYTES:
        raise Invalid(
            {"state": f"The draft's state is too large ({size} bytes; at most {DRAFT_MAX_BYTES})."}
        )
    stamp = state.get("updatedAt")
    if stamp is not None and (isinstance(stamp, bool) or not isinstance(stamp, int | float)):
        raise Invalid({"state.updatedAt": "updatedAt must be a number (milliseconds)."})
    return state


def _stamp(state: Any) -> float:
    value = state.get("updatedAt") if isinstance(state, dict) else None
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def find_draft(patient: Patient, session: PlannedSession, day: date) -> SessionDraft | None:
    return SessionDraft.objects.filter(patient=patient, planned_session=session, day=day).first()


def save_draft(
    patient: Patient,
    session: PlannedSession,
    day: date,
    state: Any,
    now: datetime | None = None,
) -> SessionDraft:
    """Store (or replace) the draft of ``session`` on ``day``; one row per session and day.

    Raises Invalid when the state cannot be stored (not an object, too large), and
    DraftRefused when the session is already logged that day (a late save from the page
    that logged it must not bring the draft back) or the stored draft is newer (a save
    that arrives after a later one).
    """
    state = check_state(state)
    now = now or timezone.now()
    with transaction.atomic():
        if _logged(patient, session, day):
            raise DraftRefused("This session is logged already: there is nothing to resume.")
        draft = (
            SessionDraft.objects.select_for_update()
            .filter(patient=patient, planned_session=session, day=day)
            .first()
        )
        if draft is not None and _stamp(draft.state) > _stamp(state):
            raise DraftRefused("A newer draft of this session is saved already.")
        draft, _created = SessionDraft.objects.update_or_create(
            patient=patient,
            planned_session=session,
            day=day,
            defaults={"state": state, "updated_at": now},
        )
        SessionDraft.objects.filter(
            patient=patient, day__lt=timezone.localdate(now) - timedelta(days=KEEP_DAYS)
        ).delete()
    return draft


def discard_draft(patient: Patient, session: PlannedSession, day: date) -> None:
    """Delete the drafts of this planned session (any version of its programme) on ``day``:
    the session is logged, so there is nothing left to resume."""
    SessionDraft.objects.filter(
        patient=patient,
        planned_session__version__programme_id=session.version.programme_id,
        planned_session__number=session.number,
        day=day,
    ).delete()


def _logged(patient: Patient, session: PlannedSession, day: date) -> bool:
    # As services.logged_on (which imports this module, so the query is repeated here).
    return SessionLog.objects.filter(
        patient=patient,
        version__programme_id=session.version.programme_id,
        session_number=session.number,
        performed_on=day,
    ).exists()
