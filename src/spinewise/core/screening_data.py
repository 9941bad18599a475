"""Safety-screening questions and rules, loaded from ``library/screening.yaml``.

The clinical content (question wording, which answers lead to which level, the
explanations and advice) lives in the data file so a clinician can review it
without reading code. Loading checks every field; any problem raises
:class:`LibraryError` naming the file and the field (``rules[3].when.all[0]``).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import vocab
from .errors import LibraryError
from .exercises import _Reader as FieldReader

DEFAULT_SCREENING_FILE = Path(__file__).resolve().parent.parent / "library" / "screening.yaml"

QUESTION_TYPES = ("boolean", "integer", "scale", "regions")
NUMERIC_TYPES = ("integer", "scale")
# A rule at self_manage would be meaningless: self_manage is what remains when no rule fires.
RULE_LEVELS = tuple(level for level in vocab.SCREENING_LEVELS if level != "self_manage")
COMPARISONS: Mapping[str, Callable[[int, int], bool]] = {
    "at_least": operator.ge,
    "at_most": operator.le,
    "above": operator.gt,
    "below": operator.lt,
}
INCLUDES = "includes"
YES = "yes"
SNAKE_ID = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
# Wide enough for any whole-number question (weeks of pain over a lifetime).
NUMBER_BOUNDS = (-1_000_000, 1_000_000)

Answer = bool | int | tuple[str, ...]
"""A checked answer: yes/no, a whole number, or the chosen region ids."""


@dataclass(frozen=True)
class Question:
    """One screening question. ``minimum``/``maximum`` bound integer and scale answers."""

    id: str
    type: str
    group: str
    text: str
    help: str | None
    required: bool
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    # A follow-up: asked only after a "yes" to this earlier yes/no question.
    ask_if: str | None = None

    def applies(self, answers: Mapping[str, Any]) -> bool:
        """Whether this question is asked, given the (raw or checked) answers so far."""
        return self.ask_if is None or answers.get(self.ask_if) is True

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type, "text": self.text}
        if self.help:
            data["help"] = self.help
        if self.type in NUMERIC_TYPES:
            data["min"], data["max"] = self.minimum, self.maximum
        if self.choices:
            data["choices"] = [{"id": cid, "label": label} for cid, label in self.choices]
        data["required"] = self.required
        data["group"] = self.group
        if self.ask_if:
            data["ask_if"] = self.ask_if
        return data


@dataclass(frozen=True)
class Condition:
    """One test on one answer: ``yes``, a comparison with ``number``, or ``includes`` ``choice``."""

    answer: str
    test: str
    number: int = 0
    choice: str = ""
    if_unanswered: bool = False

    def met(self, answers: Mapping[str, Answer]) -> bool:
        """Whether the checked ``answers`` meet this condition (missing yes/no = no)."""
        if self.answer not in answers:
            return self.if_unanswered
        given = answers[self.answer]
        if self.test == YES:
            return given is True
        if self.test == INCLUDES:
            return isinstance(given, tuple) and self.choice in given
        return isinstance(given, int) and COMPARISONS[self.test](given, self.number)


@dataclass(frozen=True)
class Rule:
    """Fires when every ``all_of`` condition and (if any are given) one ``any_of`` condition hold."""

    code: str
    level: str
    all_of: tuple[Condition, ...]
    any_of: tuple[Condition, ...]
    explanation: str
    action: str
    rationale: str
    source: str
    # History or a lasting pattern, not a new symptom: a clearance keeps covering it.
    standing: bool = False

    def fires(self, answers: Mapping[str, Answer]) -> bool:
        return all(c.met(answers) for c in self.all_of) and (
            not self.any_of or any(c.met(answers) for c in self.any_of)
        )

    @property
    def answer_ids(self) -> frozenset[str]:
        return frozenset(c.answer for c in (*self.all_of, *self.any_of))


@dataclass(frozen=True)
class Caution:
    """Shapes the programme without blocking it: the planner avoids ``conditions``."""

    code: str
    all_of: tuple[Condition, ...]
    explanation: str
    conditions: tuple[str, ...]
    rationale: str
    source: str

    def fires(self, answers: Mapping[str, Answer]) -> bool:
        return all(c.met(answers) for c in self.all_of)


@dataclass(frozen=True)
class LevelText:
    headline: str
    advice: str


@dataclass(frozen=True)
class ScreeningData:
    """Everything the screening needs: questions in asking order, groups, rules, level texts."""

    questions: tuple[Question, ...]
    groups: Mapping[str, str]
    levels: Mapping[str, LevelText]
    rules: tuple[Rule, ...]
    cautions: tuple[Caution, ...] = ()

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)


def parse_screening(raw: Any, source: str) -> ScreeningData:
    """Build :class:`ScreeningData` from a parsed YAML mapping, or raise LibraryError."""
    if not isinstance(raw, dict):
        raise LibraryError("(file)", "must contain a mapping of fields", source)
    r = FieldReader(raw, source)
    r.exact_keys(("levels", "groups", "questions", "rules"), ("cautions",))
    levels = _parse_levels(r.mapping("levels"))
    groups = _parse_groups(r.mapping("groups"))
    questions = tuple(_parse_question(q, groups) for q in _items(r, "questions"))
    by_id = _unique(questions, r, "questions", lambda q: q.id, "id")
    _check_follow_ups(questions, r)
    rules = tuple(_parse_rule(rule, by_id) for rule in _items(r, "rules"))
    cautions = (
        tuple(_parse_caution(c, by_id) for c in _items(r, "cautions"))
        if "cautions" in r.raw
        else ()
    )
    _unique((*rules, *cautions), r, "rules", lambda rule: rule.code, "code")
    return ScreeningData(
        questions=questions, groups=groups, levels=levels, rules=rules, cautions=cautions
    )


def _check_follow_ups(questions: tuple[Question, ...], r: FieldReader) -> None:
    """A follow-up names an earlier yes/no question that is itself always asked."""
    earlier: dict[str, Question] = {}
    for i, question in enumerate(questions):
        gate = question.ask_if
        if gate is not None:
            where = f"questions[{i}].ask_if"
            if gate not in earlier:
                raise r.error(where, f"{gate!r} is not an earlier question id")
            if earlier[gate].type != "boolean" or earlier[gate].ask_if is not None:
                raise r.error(where, f"{gate!r} must be a yes/no question that is always asked")
            if question.required:
                raise r.error(where, "a follow-up cannot be required (it is not always asked)")
        earlier[question.id] = question


def load_screening_from(path: Path) -> ScreeningData:
    """Load and validate a screening data file."""
    source = path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except OSError as exc:
        raise LibraryError("(file)", f"cannot be read: {exc.strerror}", source) from None
    except yaml.YAMLError as exc:
        raise LibraryError("(file)", f"is not valid YAML: {exc}", source) from None
    return parse_screening(raw, source)


@lru_cache(maxsize=1)
def load_screening() -> ScreeningData:
    """The shipped screening data (parsed once per process)."""
    return load_screening_from(DEFAULT_SCREENING_FILE)


_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _items(r: FieldReader, name: str) -> list[FieldReader]:
    value = r.raw.get(name)
    if not isinstance(value, list) or not value:
        raise r.error(name, "must be a non-empty list")
    readers = []
    for i, item in enumerate(value):
        if not isinstance(item, dict):
            raise r.error(f"{name}[{i}]", "must be a mapping")
        readers.append(FieldReader(item, r.source, f"{r.prefix}{name}[{i}]."))
    return readers


def _unique(
    items: tuple[Any, ...], r: FieldReader, name: str, key: Callable[[Any], str], field: str
) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for i, item in enumerate(items):
        if key(item) in seen:
            raise r.error(f"{name}[{i}].{field}", f"duplicate {field} {key(item)!r}")
        seen[key(item)] = item
    return seen


def _snake_id(r: FieldReader, name: str) -> str:
    value = r.text(name)
    if not SNAKE_ID.match(value):
        raise r.error(name, f"{value!r} is not a snake_case id")
    return value


def _parse_levels(r: FieldReader) -> dict[str, LevelText]:
    r.exact_keys(vocab.SCREENING_LEVELS)
    levels = {}
    for level in vocab.SCREENING_LEVELS:
        text = r.mapping(level)
        text.exact_keys(("headline", "advice"))
        levels[level] = LevelText(headline=text.text("headline"), advice=text.text("advice"))
    return levels


def _parse_groups(r: FieldReader) -> dict[str, str]:
    if not r.raw:
        raise LibraryError("groups", "must name at least one group", r.source)
    for key in r.raw:
        if not isinstance(key, str) or not SNAKE_ID.match(key):
            raise r.error(str(key), "is not a snake_case group id")
    return {key: r.text(key) for key in r.raw}


def _parse_question(q: FieldReader, groups: Mapping[str, str]) -> Question:
    q.exact_keys(
        ("id", "type", "group", "text"), ("help", "required", "min", "max", "choices", "ask_if")
    )
    qtype = q.choice("type", QUESTION_TYPES)
    minimum = maximum = None
    if qtype in NUMERIC_TYPES:
        for key in ("min", "max"):
            if key not in q.raw:
                raise q.error(key, f"missing field (required for a {qtype} question)")
        minimum = q.integer("min", NUMBER_BOUNDS)
        maximum = q.integer("max", NUMBER_BOUNDS)
        if minimum > maximum:
            raise q.error("min", f"{minimum} is above max {maximum}")
    else:
        for key in ("min", "max"):
            if key in q.raw:
                raise q.error(key, "only integer and scale questions have a range")
    return Question(
        id=_snake_id(q, "id"),
        type=qtype,
        group=q.choice("group", groups),
        text=q.text("text"),
        help=q.text("help") if "help" in q.raw else None,
        required=q.boolean("required", False),
        minimum=minimum,
        maximum=maximum,
        choices=_parse_choices(q, qtype),
        ask_if=q.text("ask_if") if "ask_if" in q.raw else None,
    )


def _parse_choices(q: FieldReader, qtype: str) -> tuple[tuple[str, str], ...]:
    if qtype != "regions":
        if "choices" in q.raw:
            raise q.error("choices", "only regions questions have choices")
        return ()
    choices = []
    for choice in _items(q, "choices"):
        choice.exact_keys(("id", "label"))
        choices.append((choice.choice("id", vocab.REGIONS), choice.text("label")))
    ids = [cid for cid, _ in choices]
    if len(set(ids)) != len(ids):
        raise q.error("choices", "lists a region twice")
    return tuple(choices)


def _parse_rule(r: FieldReader, questions: Mapping[str, Question]) -> Rule:
    r.exact_keys(
        ("code", "level", "when", "explanation", "action", "rationale", "source"), ("standing",)
    )
    code = _snake_id(r, "code")
    level = r.choice("level", RULE_LEVELS)
    when = r.mapping("when")
    when.exact_keys((), ("all", "any"))
    if not when.raw:
        raise r.error("when", "must give 'all' and/or 'any' conditions")
    return Rule(
        code=code,
        level=level,
        all_of=_parse_conditions(when, "all", questions),
        any_of=_parse_conditions(when, "any", questions),
        explanation=r.text("explanation"),
        action=r.text("action"),
        rationale=r.text("rationale"),
        source=r.text("source"),
        standing=r.boolean("standing", False),
    )


def _parse_caution(r: FieldReader, questions: Mapping[str, Question]) -> Caution:
    r.exact_keys(("code", "when", "explanation", "conditions", "rationale", "source"))
    when = r.mapping("when")
    when.exact_keys(("all",))
    conditions = r.texts("conditions")
    for i, condition in enumerate(conditions):
        if condition not in vocab.CONTRAINDICATIONS:
            raise r.error(f"conditions[{i}]", f"{condition!r} is not a planner condition")
    return Caution(
        code=_snake_id(r, "code"),
        all_of=_parse_conditions(when, "all", questions),
        explanation=r.text("explanation"),
        conditions=conditions,
        rationale=r.text("rationale"),
        source=r.text("source"),
    )


def _parse_conditions(
    when: FieldReader, name: str, questions: Mapping[str, Question]
) -> tuple[Condition, ...]:
    if name not in when.raw:
        return ()
    raw = when.raw[name]
    if not isinstance(raw, list) or not raw:
        raise when.error(name, "must be a non-empty list of conditions")
    return tuple(
        _parse_condition(item, when, f"{name}[{i}]", questions) for i, item in enumerate(raw)
    )


def _parse_condition(
    item: Any, when: FieldReader, name: str, questions: Mapping[str, Question]
) -> Condition:
    if isinstance(item, str):
        question = _known_question(item, when, name, questions)
        if question.type != "boolean":
            raise when.error(
                name, f"{item!r} is not a yes/no question; give a test such as at_least"
            )
        return Condition(answer=item, test=YES)
    if not isinstance(item, dict):
        raise when.error(name, "must be a yes/no question id or a mapping with 'answer'")
    c = FieldReader(item, when.source, f"{when.prefix}{name}.")
    tests = (*COMPARISONS, INCLUDES)
    c.exact_keys(("answer",), (*tests, "if_unanswered"))
    question = _known_question(c.text("answer"), c, "answer", questions)
    given = [t for t in tests if t in item]
    if len(given) != 1:
        raise c.error("answer", f"needs exactly one test of {', '.join(tests)}")
    test = given[0]
    allowed = {"boolean": (), "integer": tuple(COMPARISONS), "scale": tuple(COMPARISONS)}
    allowed["regions"] = (INCLUDES,)
    if test not in allowed[question.type]:
        hint = "write the question id alone" if question.type == "boolean" else "use another test"
        raise c.error(test, f"cannot be used on a {question.type} question ({hint})")
    if_unanswered = c.boolean("if_unanswered", False)
    if if_unanswered and question.required:
        raise c.error("if_unanswered", f"{question.id!r} is required, so never unanswered")
    if test == INCLUDES:
        choice = c.choice(INCLUDES, [cid for cid, _ in question.choices])
        return Condition(question.id, test, choice=choice, if_unanswered=if_unanswered)
    assert question.minimum is not None and question.maximum is not None  # numeric question
    number = c.integer(test, (question.minimum, question.maximum))
    return Condition(question.id, test, number=number, if_unanswered=if_unanswered)


def _known_question(
    qid: str, r: FieldReader, name: str, questions: Mapping[str, Question]
) -> Question:
    question = questions.get(qid)
    if question is None:
        raise r.error(name, f"unknown answer id {qid!r}")
    return question
