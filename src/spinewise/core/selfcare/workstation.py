"""Workstation and posture check: a guided checklist stored as data, scored here.

Each answer scores 0-2 points. The score is the percentage of the best
possible points; every answer short of the best brings a personal change with
why and how, the biggest gains first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError, LibraryError
from ._fields import Fields, read_yaml

DEFAULT_CHECKLIST = (
    Path(__file__).resolve().parents[2] / "library" / "selfcare" / "workstation.yaml"
)
POINTS_BOUNDS = (0, 2)


@dataclass(frozen=True)
class Change:
    title: str
    why: str
    how: str


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    points: int
    change: Change | None


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    text: str
    choices: tuple[Choice, ...]

    @property
    def max_points(self) -> int:
        return max(c.points for c in self.choices)

    def choice(self, choice_id: Any, field: str) -> Choice:
        for c in self.choices:
            if c.id == choice_id:
                return c
        allowed = ", ".join(c.id for c in self.choices)
        raise InputError(field, f"unknown choice {choice_id!r}; expected one of {allowed}")


@dataclass(frozen=True)
class Checklist:
    title: str
    intro: str
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The questions for a form, in the order to ask them."""
        return {
            "title": self.title,
            "intro": self.intro,
            "questions": [
                {
                    "id": q.id,
                    "topic": q.topic,
                    "text": q.text,
                    "choices": [{"id": c.id, "label": c.label} for c in q.choices],
                }
                for q in self.questions
            ],
        }


@dataclass(frozen=True)
class WorkstationChange:
    """One suggested change; ``points_lost`` orders them (biggest gain first)."""

    question_id: str
    topic: str
    title: str
    why: str
    how: str
    points_lost: int


@dataclass(frozen=True)
class WorkstationResult:
    """``score`` is 0-100; ``answers`` maps question id to choice id."""

    score: int
    answers: Mapping[str, str]
    changes: tuple[WorkstationChange, ...]
    strengths: tuple[str, ...]
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "answers": dict(self.answers),
            "changes": [vars(c) for c in self.changes],
            "strengths": list(self.strengths),
            "summary": self.summary,
        }


@dataclass(frozen=True)
class AnswerChange:
    question_id: str
    topic: str
    before: str
    after: str


@dataclass(frozen=True)
class WorkstationComparison:
    """What changed between two checks; ``score_change`` in percentage points."""

    score_change: int
    improved: tuple[AnswerChange, ...]
    worsened: tuple[AnswerChange, ...]
    still_to_do: tuple[WorkstationChange, ...]
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "score_change": self.score_change,
            "improved": [vars(a) for a in self.improved],
            "worsened": [vars(a) for a in self.worsened],
            "still_to_do": [vars(c) for c in self.still_to_do],
            "summary": self.summary,
        }


def parse_checklist(raw: Any, source: str) -> Checklist:
    """Build the checklist from parsed YAML, or raise LibraryError naming the field."""
    f = Fields(raw, source=source)
    f.exact_keys(("title", "intro", "questions"))
    questions = tuple(_parse_question(q) for q in f.items("questions"))
    ids = [q.id for q in questions]
    for i, qid in enumerate(ids):
        if qid in ids[:i]:
            raise LibraryError(f"questions[{i}].id", f"id {qid!r} is used twice", source)
    return Checklist(f.text("title"), f.text("intro"), questions)


def _parse_question(q: Fields) -> Question:
    q.exact_keys(("id", "topic", "text", "choices"))
    choices = []
    for cf in q.items("choices"):
        cf.exact_keys(("id", "label", "points"), ("change",))
        change = None
        if "change" in cf.raw:
            ch = cf.mapping("change")
            ch.exact_keys(("title", "why", "how"))
            change = Change(ch.text("title"), ch.text("why"), ch.text("how"))
        points = cf.integer("points", *POINTS_BOUNDS)
        choices.append(Choice(cf.ident("id"), cf.text("label"), points, change))
    if len(choices) < 2:
        raise q.error("choices", "needs at least two choices")
    if len({c.id for c in choices}) != len(choices):
        raise q.error("choices", "uses the same choice id twice")
    best = max(c.points for c in choices)
    for i, c in enumerate(choices):
        # Every answer short of the best must tell the person what to do about it.
        if c.points < best and c.change is None:
            raise q.error(f"choices[{i}].change", "missing field (needed below the best score)")
        if c.points == best and c.change is not None:
            raise q.error(f"choices[{i}].change", "not allowed on a best-score choice")
    return Question(q.ident("id"), q.text("topic"), q.text("text"), tuple(choices))


def load_checklist_from(path: Path) -> Checklist:
    return parse_checklist(read_yaml(path), path.name)


@lru_cache(maxsize=1)
def load_workstation_checklist() -> Checklist:
    """The shipped checklist (parsed once per process)."""
    return load_checklist_from(DEFAULT_CHECKLIST)


def score_workstation(answers: Any, checklist: Checklist | None = None) -> WorkstationResult:
    """Score ``answers`` (question id -> choice id; every question answered).

    Returns a 0-100 score, the changes to make (biggest gain first, then checklist
    order) and the topics already set up well. InputError names ``answers.<id>``.
    """
    checklist = checklist or load_workstation_checklist()
    if not isinstance(answers, Mapping):
        raise InputError("answers", "must map each question id to a choice id")
    for key in answers:
        if checklist.question(key) is None:
            raise InputError(f"answers.{key}", "unknown question")
    chosen: dict[str, Choice] = {}
    for q in checklist.questions:
        if q.id not in answers:
            raise InputError(f"answers.{q.id}", "please answer this question")
        chosen[q.id] = q.choice(answers[q.id], f"answers.{q.id}")
    points = sum(c.points for c in chosen.values())
    best = sum(q.max_points for q in checklist.questions)
    score = round(100 * points / best) if best else 100
    changes = []
    for q in checklist.questions:
        c = chosen[q.id]
        if c.change is not None:
            lost = q.max_points - c.points
            changes.append(
                WorkstationChange(q.id, q.topic, c.change.title, c.change.why, c.change.how, lost)
            )
    changes.sort(key=lambda ch: -ch.points_lost)  # stable: checklist order breaks ties
    strengths = tuple(q.topic for q in checklist.questions if chosen[q.id].change is None)
    return WorkstationResult(
        score=score,
        answers={q.id: chosen[q.id].id for q in checklist.questions},
        changes=tuple(changes),
        strengths=strengths,
        summary=_summary(score, len(changes)),
    )


def _summary(score: int, n_changes: int) -> str:
    if n_changes == 0:
        return "Your set-up looks good. Keep changing position and taking movement breaks."
    if score >= 75:
        return (
            "A good set-up already. The changes below, most helpful first, "
            "could make your working day a little easier on your back."
        )
    return (
        "A few changes could make your working day easier on your back. Start with the "
        "first one or two; there is no need to do everything at once."
    )


def compare_workstation(
    previous: WorkstationResult, current: WorkstationResult, checklist: Checklist | None = None
) -> WorkstationComparison:
    """What improved and what slipped between two checks, question by question.

    Questions missing from either check (e.g. added to the checklist later) are skipped.
    """
    checklist = checklist or load_workstation_checklist()
    improved: list[AnswerChange] = []
    worsened: list[AnswerChange] = []
    for q in checklist.questions:
        before_id, after_id = previous.answers.get(q.id), current.answers.get(q.id)
        if before_id is None or after_id is None or before_id == after_id:
            continue
        before = q.choice(before_id, f"previous.answers.{q.id}")
        after = q.choice(after_id, f"current.answers.{q.id}")
        entry = AnswerChange(q.id, q.topic, before.label, after.label)
        if after.points > before.points:
            improved.append(entry)
        elif after.points < before.points:
            worsened.append(entry)
    delta = current.score - previous.score
    return WorkstationComparison(
        score_change=delta,
        improved=tuple(improved),
        worsened=tuple(worsened),
        still_to_do=current.changes,
        summary=_comparison_summary(delta, len(improved), len(worsened)),
    )


def _comparison_summary(delta: int, n_better: int, n_worse: int) -> str:
    if n_better and not n_worse:
        noun = "thing" if n_better == 1 else "things"
        return f"Well done: {n_better} {noun} improved since your last check (+{delta} points)."
    if n_better and n_worse:
        return (
            f"{n_better} improved and {n_worse} slipped since your last check. "
            "Have a look at what slipped: a small adjustment may be all it needs."
        )
    if n_worse:
        return (
            "Some things have slipped since your last check. That happens when work or "
            "places change; the suggestions below can help you get back on track."
        )
    return "Nothing has changed since your last check."
