"""A patient's safety state from their record, the one gate every way in asks, and the
writes that change it (clearances). The rules are ``core.safety``; this module reads and
keeps the record they work on.

Every path that plans, logs, edits or progresses a programme calls :func:`require_exercise`
(or reads :func:`safety_state` when it only shows something), so no page, API operation or
background step can let a person exercise past an open warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from spinewise.core import safety as rules
from spinewise.core.screening import standing_codes
from spinewise.core.screening_data import load_screening
from spinewise.patients.models import Patient

from .models import WARNING_LEVELS, Clearance, Screening, latest_screening

RESCREEN_AFTER_DOCTOR = (
    "a doctor has seen you: please answer the safety questions again, so your programme "
    "fits how you are now"
)
SEEN_BY_MAX = 200
RULED_OUT_MAX = 2000


@dataclass(frozen=True)
class SafetyState:
    """What the record says now: the latest result, the warnings still open (newest
    first), a pending re-screen, and the gate that follows from them."""

    latest: Screening | None
    open_results: tuple[Screening, ...]
    rescreen_reason: str
    gate: rules.Gate

    @property
    def level(self) -> str:
        """The level in force: the most severe open warning, else ``self_manage``."""
        return self.gate.level

    @property
    def may_exercise(self) -> bool:
        return self.gate.allowed

    @property
    def planning_level(self) -> str | None:
        return self.gate.planning_level

    @property
    def progression_paused(self) -> bool:
        return self.gate.progression_paused

    @property
    def worst(self) -> Screening | None:
        """The open result that sets the level (the newest of the most severe)."""
        return next((s for s in self.open_results if s.level == self.level), None)

    @property
    def advice_screening(self) -> Screening | None:
        """The result whose advice the person must see: the worst open one, else the latest."""
        return self.worst or self.latest

    @property
    def headline(self) -> str:
        return load_screening().levels[self.level].headline

    @property
    def advice(self) -> str:
        return load_screening().levels[self.level].advice

    @property
    def planner_conditions(self) -> list[str]:
        """Conditions the latest answers' cautions add to the person's own (never fewer)."""
        return self.latest.planner_conditions if self.latest else []

    @property
    def refusal(self) -> str:
        """Why exercise is refused, in the person's words ("" when it is allowed)."""
        code = self.gate.code
        if code == "screening_required":
            return "Please answer the safety questions first, so we know exercise is safe for you."
        if code == "programme_blocked":
            worst = self.worst
            since = f" (from {timezone.localtime(worst.created_at):%d %b %Y})" if worst else ""
            return f"{self.headline}{since}. {self.advice}"
        if code == "rescreen_required":
            return (
                f"You told us about something new: {self.rescreen_reason}. Please answer the "
                "safety questions again before you carry on."
            )
        return ""

    @property
    def next_url(self) -> str:
        """Where the person goes to do something about a refusal."""
        if self.gate.code == "programme_blocked" and self.advice_screening is not None:
            return reverse("screening:result", args=[self.advice_screening.pk])
        return reverse("screening:start")


class SafetyBlocked(Exception):
    """Exercise refused by the safety gate; ``code`` is a ``core.safety.GATE_CODES`` id."""

    def __init__(self, state: SafetyState) -> None:
        super().__init__(state.refusal)
        self.state = state
        self.code = state.gate.code
        self.advice = state.refusal


class ClearanceError(Exception):
    """A clearance that cannot be recorded; ``field`` names the input at fault, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def safety_state(patient: Patient) -> SafetyState:
    """The patient's safety state from their record (two small queries)."""
    latest = latest_screening(patient)
    open_results: tuple[Screening, ...] = ()
    if latest is not None:
        open_results = tuple(
            patient.screenings.filter(level__in=WARNING_LEVELS, clearance__isnull=True).order_by(
                "-created_at", "-id"
            )
        )
    level = rules.level_in_force(s.level for s in open_results)
    gate = rules.gate(latest is not None, level, bool(patient.rescreen_reason))
    return SafetyState(latest, open_results, patient.rescreen_reason, gate)


def require_exercise(patient: Patient) -> SafetyState:
    """The safety gate: the state when the patient may plan, log or progress now;
    otherwise :class:`SafetyBlocked` with the advice to follow."""
    state = safety_state(patient)
    if not state.may_exercise:
        raise SafetyBlocked(state)
    return state


def in_force_clearance(patient: Patient) -> Clearance | None:
    return patient.clearances.filter(lapsed_at__isnull=True).order_by("-created_at", "-id").first()


def cover_or_lapse(screening: Screening, now: datetime) -> None:
    """Called as a screening is recorded: a warning result whose every reason the clearance
    in force covers is cleared by it; one with any other reason is a new symptom, and the
    clearance lapses."""
    if screening.level not in WARNING_LEVELS:
        return
    clearance = in_force_clearance(screening.patient)
    if clearance is None:
        return
    if rules.covered_by(clearance.covers, screening.reason_codes):
        screening.clearance = clearance
        screening.save(update_fields=["clearance"])
    else:
        clearance.lapsed_at = now
        clearance.save(update_fields=["lapsed_at"])


@transaction.atomic
def record_clearance(
    patient: Patient,
    *,
    kind: str,
    recorded_by: Any,
    seen_by: str,
    seen_on: date,
    ruled_out: str,
    now: datetime | None = None,
) -> Clearance:
    """Close every open warning result after a medical review; ClearanceError when there is
    none, or an input is missing or wrong (``field`` names it).

    ``kind``: ``clinician`` (a linked clinician after a medical review) or ``doctor_seen``
    (the person's statement that a doctor has seen them: who and when). The clearance
    covers the standing reasons (history, not new symptoms) of what it closed.
    """
    if kind not in rules.CLEARANCE_KINDS:
        raise ClearanceError(f"Unknown kind of clearance {kind!r}.", "kind")
    now = now or timezone.now()
    Patient.objects.select_for_update().filter(pk=patient.pk).first()  # one at a time
    open_results = list(
        patient.screenings.filter(level__in=WARNING_LEVELS, clearance__isnull=True).order_by(
            "created_at", "id"
        )
    )
    if not open_results:
        raise ClearanceError("There is no open warning to clear.")
    seen_by, ruled_out = _checked_text(seen_by, ruled_out)
    _check_seen_on(seen_on, open_results[-1], now)
    patient.clearances.filter(lapsed_at__isnull=True).update(lapsed_at=now)
    codes = [code for s in open_results for code in s.reason_codes]
    clearance = Clearance.objects.create(
        patient=patient,
        kind=kind,
        created_at=now,
        recorded_by=recorded_by,
        recorded_by_name=_name_of(recorded_by),
        seen_by=seen_by,
        seen_on=seen_on,
        ruled_out=ruled_out,
        covers=sorted(standing_codes(codes)),
        levels=sorted({s.level for s in open_results}, key=rules.WARNING_LEVELS.index),
    )
    patient.screenings.filter(pk__in=[s.pk for s in open_results]).update(clearance=clearance)
    if kind == Clearance.Kind.DOCTOR_SEEN and not patient.rescreen_reason:
        patient.rescreen_reason = RESCREEN_AFTER_DOCTOR
        patient.save(update_fields=["rescreen_reason"])
    return clearance


def _checked_text(seen_by: str, ruled_out: str) -> tuple[str, str]:
    seen_by, ruled_out = (seen_by or "").strip(), (ruled_out or "").strip()
    if not seen_by:
        raise ClearanceError("Say who saw the person (a name, or the service).", "seen_by")
    if len(seen_by) > SEEN_BY_MAX:
        raise ClearanceError(f"Keep who saw them under {SEEN_BY_MAX} characters.", "seen_by")
    if not ruled_out:
        raise ClearanceError("Say what the medical review found or ruled out.", "ruled_out")
    if len(ruled_out) > RULED_OUT_MAX:
        raise ClearanceError(f"Keep this under {RULED_OUT_MAX} characters.", "ruled_out")
    return seen_by, ruled_out


def _check_seen_on(seen_on: date, newest_open: Screening, now: datetime) -> None:
    if not isinstance(seen_on, date):
        raise ClearanceError("Give the date of the medical review.", "seen_on")
    if seen_on > timezone.localtime(now).date():
        raise ClearanceError("The date of the review cannot be in the future.", "seen_on")
    reported = timezone.localtime(newest_open.created_at).date()
    if seen_on < reported:
        raise ClearanceError(
            f"The review must be on or after {reported:%d %b %Y}, when the warning sign "
            "was reported.",
            "seen_on",
        )


def _name_of(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())
