"""What a person reports about a session: the one typed command the web form and the API
both build, and its validation, done once, by ``services.record_session``.

Errors are named in the command's own terms (``performed_on``, ``items[3].done``, where 3
is the item's position in the planned session); each entrance renames them to its own
fields (the form's ``items-3-reps_done``, the API's ``exercises[0].done``).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from spinewise.core.errors import InputError, Invalid
from spinewise.core.exercises import Library
from spinewise.core.progression import DONE_FOR, log_from_dict
from spinewise.programmes.models import PlannedItem

OLDEST_LOG_DAYS = 14  # a session can be logged up to this many days after it happened
MAX_SETS = 10
# How an item's field is named in errors: items[<position>].<field>
ITEM_FIELD = re.compile(r"^items\[(?P<index>\d+)\]\.(?P<field>\w+)$")


@dataclass(frozen=True, kw_only=True)
class ItemReport:
    """How one planned item went. ``done``: repetitions, seconds held or breaths per set
    done (the exercise's tracking); ``rpe`` effort and ``pain_during`` pain 0-10, both
    needed once a set was done."""

    position: int
    sets_done: int
    done: tuple[int, ...] = ()
    band_level: str | None = None
    rpe: int | None = None
    pain_during: int | None = None
    sharp_pain: bool = False
    stopped: bool = False
    stop_reason: str = ""

    @property
    def had_sharp_pain(self) -> bool:
        return self.sharp_pain or self.stop_reason == "sharp_pain"


def as_planned(
    items: Sequence[PlannedItem], *, rpe: int = 4, pain_during: int = 2
) -> list[ItemReport]:
    """Every item done exactly at its planned dose, with this effort and pain (0-10): the
    usual session of the demo data and of tests, to vary with ``dataclasses.replace``."""
    return [
        ItemReport(
            position=position,
            sets_done=item.sets,
            done=(item.reps or item.hold_seconds or item.breaths or 0,) * item.sets,
            band_level=item.band_level or None,
            rpe=rpe,
            pain_during=pain_during,
        )
        for position, item in enumerate(items)
    ]


@dataclass(frozen=True, kw_only=True)
class LogSession:
    """One logged session. ``token`` makes a resubmit idempotent; items not reported count
    as skipped; ``new_symptoms`` holds ids of warning-sign questions answered yes."""

    token: uuid.UUID
    performed_on: date
    items: tuple[ItemReport, ...] = ()
    new_symptoms: tuple[str, ...] = ()
    other_symptom: str = ""
    note: str = ""


class InvalidLog(Invalid):
    """The log cannot be recorded; ``errors`` maps each field to what is wrong with it."""


@dataclass(frozen=True)
class CheckedItem:
    """A reported item, valid, with what the database row needs."""

    report: ItemReport
    item: PlannedItem
    tracking: str

    def row(self) -> dict[str, object]:
        done = {key: None for key in DONE_FOR.values()}
        if self.report.sets_done:
            done[DONE_FOR[self.tracking]] = list(self.report.done)
        return {
            "position": self.report.position,
            "exercise_id": self.item.exercise_id,
            "tracking": self.tracking,
            "sets_done": self.report.sets_done,
            "band_level": self.report.band_level or self.item.band_level or "",
            "rpe": self.report.rpe,
            "pain_during": self.report.pain_during,
            "sharp_pain": self.report.had_sharp_pain,
            "stopped": self.report.stopped,
            **done,
        }


@dataclass
class LogContext:
    """What a log is checked against: the planned items, the person's bands, the warning-sign
    question ids and the day it is now (the patient's local date)."""

    items: list[PlannedItem]
    band_levels: list[str]
    symptom_ids: set[str]
    today: date
    library: Library
    errors: dict[str, str] = field(default_factory=dict)


def check_log(command: LogSession, context: LogContext) -> list[CheckedItem]:
    """Every item of the session, checked (unreported ones as skipped); InvalidLog with
    every problem found when anything is wrong."""
    errors = context.errors
    _check_day(command.performed_on, context.today, errors)
    unknown = [s for s in command.new_symptoms if s not in context.symptom_ids]
    if unknown:
        errors["new_symptoms"] = f"Not a warning-sign question: {', '.join(unknown)}."
    reports = _by_position(command.items, len(context.items), errors)
    checked = []
    for position, item in enumerate(context.items):
        report = reports.get(position) or ItemReport(position=position, sets_done=0)
        one = _check_item(report, item, context)
        if one is not None:
            checked.append(one)
    if errors:
        raise InvalidLog(errors)
    return checked


def _check_day(day: date, today: date, errors: dict[str, str]) -> None:
    if day > today:
        errors["performed_on"] = "The date cannot be in the future."
    elif day < today - timedelta(days=OLDEST_LOG_DAYS):
        errors["performed_on"] = f"You can log sessions from the last {OLDEST_LOG_DAYS} days."


def _by_position(
    reports: tuple[ItemReport, ...], count: int, errors: dict[str, str]
) -> dict[int, ItemReport]:
    found: dict[int, ItemReport] = {}
    for report in reports:
        name = f"items[{report.position}].position"
        if not 0 <= report.position < count:
            errors[name] = "No item at this position."
        elif report.position in found:
            errors[name] = "Logged twice."
        else:
            found[report.position] = report
    return found


def _check_item(report: ItemReport, item: PlannedItem, context: LogContext) -> CheckedItem | None:
    p = f"items[{report.position}]."
    errors = context.errors
    exercise = (
        context.library.get(item.exercise_id) if item.exercise_id in context.library else None
    )
    tracking = exercise.tracking if exercise else "reps"
    if not 0 <= report.sets_done <= MAX_SETS:
        errors[p + "sets_done"] = f"Give a number from 0 to {MAX_SETS}."
        return None
    _check_band(report, item, context, p)
    if report.stop_reason not in ("", "sharp_pain", "other"):
        errors[p + "stop_reason"] = "Give sharp_pain, other or nothing."
    if report.sets_done == 0:
        return CheckedItem(report, item, tracking)
    for key, what in (("rpe", "how hard it was"), ("pain_during", "your pain")):
        if getattr(report, key) is None:
            errors[p + key] = f"Please rate {what} from 0 to 10."
    if len(report.done) != report.sets_done:
        errors[p + "done"] = (
            f"Give one number for each of the {report.sets_done} sets "
            f"(you gave {len(report.done)})."
        )
    if any(p + k in errors for k in ("rpe", "pain_during", "done", "band_level")):
        return None
    try:
        log_from_dict(_core_data(report, tracking), prefix=p)  # the engine's own bounds
    except InputError as exc:
        # items[3].reps_done[1] -> items[3].done: the command has one list, whatever it counts
        key = exc.field.rsplit(".", 1)[-1].split("[", 1)[0]
        errors[p + ("done" if key in DONE_FOR.values() else key)] = exc.problem
        return None
    return CheckedItem(report, item, tracking)


def _check_band(report: ItemReport, item: PlannedItem, context: LogContext, p: str) -> None:
    if not report.band_level:
        return
    levels = context.band_levels or ([item.band_level] if item.band_level else [])
    if report.band_level not in levels:
        choices = ", ".join(levels) or "none: this exercise uses no band"
        errors = context.errors
        errors[p + "band_level"] = f"Choose one of your bands ({choices})."


def _core_data(report: ItemReport, tracking: str) -> dict[str, object]:
    return {
        "sets_done": report.sets_done,
        DONE_FOR[tracking]: list(report.done),
        "band_level": report.band_level,
        "rpe": report.rpe,
        "pain_during": report.pain_during,
        "sharp_pain": report.had_sharp_pain,
    }
