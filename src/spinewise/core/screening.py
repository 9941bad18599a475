"""Safety screening (red flags) before any exercise.

A person answers the questions from :func:`question_schema`; :func:`screen`
checks the answers and applies the rules in ``library/screening.yaml``. The
outcome level is the most severe among the rules that fire:

- ``emergency``: call emergency services / go to the emergency department now; no programme.
- ``urgent``: see a doctor today; no programme until cleared.
- ``see_clinician``: book a check within days; only gentle mobility until cleared.
- ``self_manage``: no rule fired; the programme may start.

Red flags are prompts to involve a clinician, never diagnoses; the wording in
the data file says what to do, not what the person has.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import vocab
from .errors import InputError
from .screening_data import (
    NUMERIC_TYPES,
    Answer,
    Question,
    ScreeningData,
    load_screening,
)

# see_clinician still allows gentle mobility (the planner restricts the programme).
PROGRAMME_LEVELS = frozenset({"self_manage", "see_clinician"})
NO_RULE_LEVEL = "self_manage"


def severity(level: str) -> int:
    """0 for the most severe level (emergency) up to 3 for self_manage."""
    return vocab.SCREENING_LEVELS.index(level)


@dataclass(frozen=True)
class ScreeningReason:
    """One rule that fired: a stable ``code``, its ``level``, why it matters and what to do.

    ``standing``: the answer describes history, not a new symptom (a clearance covers it).
    """

    code: str
    level: str
    explanation: str
    action: str
    standing: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "level": self.level,
            "explanation": self.explanation,
            "action": self.action,
            "standing": self.standing,
        }


@dataclass(frozen=True)
class ScreeningCaution:
    """A caution that shapes the programme: the planner avoids ``conditions``."""

    code: str
    explanation: str
    conditions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "explanation": self.explanation,
            "conditions": list(self.conditions),
        }


@dataclass(frozen=True)
class ScreeningResult:
    """The outcome: ``level`` (most severe reason wins), every reason, and the advice.

    ``unanswered`` lists the ids of the questions that apply but were not answered (a
    yes/no among them counted as no); ``cautions`` never change the level.
    """

    level: str
    reasons: tuple[ScreeningReason, ...]
    headline: str
    advice: str
    allows_programme: bool
    unanswered: tuple[str, ...] = ()
    cautions: tuple[ScreeningCaution, ...] = ()

    @property
    def planner_conditions(self) -> tuple[str, ...]:
        """Planner condition ids the cautions add, in order, each once."""
        return tuple(dict.fromkeys(c for caution in self.cautions for c in caution.conditions))

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "headline": self.headline,
            "advice": self.advice,
            "allows_programme": self.allows_programme,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "cautions": [caution.to_dict() for caution in self.cautions],
            "unanswered": list(self.unanswered),
        }


def question_schema(data: ScreeningData | None = None) -> list[dict[str, Any]]:
    """The questions in asking order, as plain dicts a front end can render.

    Each has ``id``, ``type`` (boolean, integer, scale or regions), ``text``,
    optional ``help``, ``min``/``max`` for integer and scale, ``choices``
    (``[{"id", "label"}]``) for regions, ``required`` and ``group``; a follow-up has
    ``ask_if`` (the yes/no question whose "yes" makes it apply).
    """
    data = data if data is not None else load_screening()
    return [question.to_dict() for question in data.questions]


def question_groups(data: ScreeningData | None = None) -> list[dict[str, str]]:
    """The question groups in asking order: ``[{"id", "title"}]``."""
    data = data if data is not None else load_screening()
    return [{"id": gid, "title": title} for gid, title in data.groups.items()]


def screen(answers: Mapping[str, Any], data: ScreeningData | None = None) -> ScreeningResult:
    """Screen one person's answers for red flags.

    ``answers`` maps question ids to values: yes/no answers are ``True``/``False``,
    ``age`` whole years (16-120), ``pain_now`` 0-10, ``pain_weeks`` whole weeks,
    ``regions`` a list of region ids. An unanswered (missing or null) yes/no
    question counts as no and is listed in ``unanswered``. Raises :class:`InputError`
    naming the answer id for an unknown id, a wrong type, a value out of range or a
    missing required answer.
    """
    data = data if data is not None else load_screening()
    checked = check_answers(answers, data)
    fired = sorted(
        (rule for rule in data.rules if rule.fires(checked)), key=lambda r: severity(r.level)
    )
    level = fired[0].level if fired else NO_RULE_LEVEL
    text = data.levels[level]
    return ScreeningResult(
        level=level,
        reasons=tuple(
            ScreeningReason(r.code, r.level, r.explanation, r.action, r.standing) for r in fired
        ),
        headline=text.headline,
        advice=text.advice,
        allows_programme=level in PROGRAMME_LEVELS,
        unanswered=unanswered_questions(answers, data),
        cautions=tuple(
            ScreeningCaution(c.code, c.explanation, c.conditions)
            for c in data.cautions
            if c.fires(checked)
        ),
    )


def unanswered_questions(
    answers: Mapping[str, Any], data: ScreeningData | None = None
) -> tuple[str, ...]:
    """Ids of the questions that apply to ``answers`` but have no answer, in asking order.

    A follow-up applies only after a "yes" to its gateway question.
    """
    data = data if data is not None else load_screening()
    return tuple(q.id for q in data.questions if q.applies(answers) and answers.get(q.id) is None)


def check_answers(answers: Mapping[str, Any], data: ScreeningData) -> dict[str, Answer]:
    """Validated answers; unanswered yes/no questions are filled in as ``False``.

    Unanswered optional numbers stay absent: a rule decides what that means.
    """
    if not isinstance(answers, Mapping):
        raise InputError("answers", "must be an object mapping question ids to answers")
    known = {q.id for q in data.questions}
    for key in answers:
        if key not in known:
            raise InputError(str(key), "is not a screening question id")
    checked: dict[str, Answer] = {}
    for question in data.questions:
        value = answers.get(question.id)
        if value is None:
            if question.required:
                raise InputError(question.id, f"is required ({question.text})")
            if question.type == "boolean":
                checked[question.id] = False
            continue
        checked[question.id] = _check_answer(question, value)
    return checked


def standing_codes(codes: Iterable[str], data: ScreeningData | None = None) -> frozenset[str]:
    """The reason codes among ``codes`` that describe history, not a new symptom.

    A clearance after a medical review covers these in later screenings; unknown codes
    (a rule since removed) are never standing.
    """
    data = data if data is not None else load_screening()
    standing = {rule.code for rule in data.rules if rule.standing}
    return frozenset(code for code in codes if code in standing)


def red_flag_answer_ids(
    data: ScreeningData | None = None, *, symptoms_only: bool = False
) -> frozenset[str]:
    """Yes/no answers that by themselves lead to ``emergency`` or ``urgent``.

    ``symptoms_only``: only those that are symptoms (a rule that is not standing), the
    warning signs to ask about when someone feels unwell during a session.
    """
    data = data if data is not None else load_screening()
    flags = set()
    for question in data.questions:
        if question.type != "boolean":
            continue
        alone = {question.id: True}
        if any(
            severity(r.level) <= severity("urgent")
            and r.fires(alone)
            and not (symptoms_only and r.standing)
            for r in data.rules
        ):
            flags.add(question.id)
    return frozenset(flags)


def _check_answer(question: Question, value: Any) -> Answer:
    if question.type == "boolean":
        if isinstance(value, bool):
            return value
        shown = f"the text {value!r}" if isinstance(value, str) else type(value).__name__
        raise InputError(question.id, f"must be true or false, not {shown}")
    if question.type in NUMERIC_TYPES:
        return _check_number(question, value)
    return _check_regions(question, value)


def _check_number(question: Question, value: Any) -> int:
    low, high = question.minimum, question.maximum
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(question.id, f"must be a whole number from {low} to {high}")
    assert low is not None and high is not None  # numeric questions always have a range
    if not low <= value <= high:
        raise InputError(question.id, f"{value} is out of range {low}-{high}")
    return value


def _check_regions(question: Question, value: Any) -> tuple[str, ...]:
    allowed = [cid for cid, _ in question.choices]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise InputError(question.id, f"must be a list of region ids ({', '.join(allowed)})")
    if not value:
        raise InputError(question.id, "must name at least one region")
    for region in value:
        if region not in allowed:
            raise InputError(
                question.id, f"unknown region {region!r}; expected one of {', '.join(allowed)}"
            )
    if len(set(value)) != len(value):
        raise InputError(question.id, "lists a region twice")
    return tuple(value)


RED_FLAG_ANSWER_IDS: frozenset[str] = red_flag_answer_ids()
"""Yes/no answer ids that alone mean emergency or urgent: a session log reporting
one of these as a new symptom must re-trigger screening and alert the clinician."""
