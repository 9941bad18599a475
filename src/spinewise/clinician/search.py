"""Finding exercises for a patient's programme: by words, region, modality and equipment.

Each result says whether it suits the patient (``core.prescription.exercise_problems``) so
the clinician sees at once what would need equipment or an override. A swap offers the
exercise's own easier and harder neighbours first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spinewise.core.exercises import Exercise, Library
from spinewise.core.prescription import Problem, exercise_problems
from spinewise.patients.models import Baseline

NO_EQUIPMENT = "none"
MAX_RESULTS = 40


@dataclass(frozen=True)
class Option:
    exercise: Exercise
    problems: tuple[Problem, ...]
    relation: str = ""  # "easier" or "harder" for a swap's neighbours

    @property
    def suits(self) -> bool:
        return not self.problems

    @property
    def needs_override(self) -> bool:
        return bool(self.problems) and all(p.overridable for p in self.problems)

    @property
    def impossible(self) -> bool:
        return any(not p.overridable for p in self.problems)


def _option(ex: Exercise, baseline: Baseline | None, relation: str = "") -> Option:
    equipment = list(baseline.equipment) if baseline else []
    conditions = list(baseline.conditions) if baseline else []
    problems = exercise_problems(ex, equipment=equipment, conditions=conditions)
    return Option(ex, tuple(problems), relation)


def matches(ex: Exercise, words: str, region: str, modality: str, equipment: str) -> bool:
    """Does ``ex`` match every filter given? Empty filters match everything.

    ``words`` are matched against the name, id and summary; ``equipment`` is an equipment
    id the exercise uses, or ``"none"`` for exercises needing no equipment.
    """
    text = f"{ex.name} {ex.id} {ex.summary}".lower()
    if any(w not in text for w in words.lower().split()):
        return False
    if region and region not in ex.regions:
        return False
    if modality and ex.modality != modality:
        return False
    if equipment == NO_EQUIPMENT:
        return not ex.equipment
    return not equipment or equipment in ex.equipment


def search(
    library: Library,
    baseline: Baseline | None,
    *,
    words: str = "",
    region: str = "",
    modality: str = "",
    equipment: str = "",
    exclude: Iterable[str] = (),
) -> list[Option]:
    """Exercises matching the filters, the ones that suit the patient first, by name."""
    skip = set(exclude)
    found = [
        _option(ex, baseline)
        for ex in library
        if ex.id not in skip and matches(ex, words, region, modality, equipment)
    ]
    found.sort(key=lambda o: (o.impossible, not o.suits, o.exercise.name))
    return found[:MAX_RESULTS]


def neighbours(library: Library, exercise_id: str, baseline: Baseline | None) -> list[Option]:
    """The exercise's easier, then harder, variations (a swap's first suggestions)."""
    if exercise_id not in library:
        return []
    ex = library.get(exercise_id)
    return [
        _option(library.get(other), baseline, relation)
        for relation, ids in (("easier", ex.easier), ("harder", ex.harder))
        for other in ids
        if other in library
    ]
