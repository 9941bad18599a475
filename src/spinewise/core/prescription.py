"""Checking a clinician's prescription against what the person has and what they live with.

The planner and the progression engine never choose an exercise that needs equipment the
person lacks or that one of their conditions rules out. A clinician may prescribe by hand,
so their choices go through the same checks here. Missing equipment and an unknown band
level cannot be overridden (the person could not do the exercise as written); a
contraindication can, by a clinician who records why (``Problem.overridable``).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from . import vocab
from .exercises import Exercise, Library
from .model import ProgrammeItem
from .planning_rules import starting_item

PROBLEM_KINDS = ("equipment", "contraindication", "band_level")


@dataclass(frozen=True)
class Problem:
    """Why a prescription does not suit the person.

    ``kind`` is one of :data:`PROBLEM_KINDS`; ``field`` names the item field at fault;
    ``problem`` is a plain-language sentence; ``codes`` are the vocabulary ids involved
    (equipment or condition ids, or the band name); ``overridable`` is True only for
    contraindications, which a clinician may accept with a recorded reason.
    """

    kind: str
    field: str
    problem: str
    codes: tuple[str, ...] = ()

    @property
    def overridable(self) -> bool:
        return self.kind == "contraindication"


def _words(ids: Collection[str]) -> str:
    return ", ".join(sorted(i.replace("_", " ") for i in ids))


def exercise_problems(
    exercise: Exercise, *, equipment: Collection[str], conditions: Collection[str]
) -> list[Problem]:
    """Equipment the person lacks and conditions that rule ``exercise`` out.

    ``equipment`` and ``conditions`` are vocabulary ids (``vocab.EQUIPMENT``,
    ``vocab.CONTRAINDICATIONS``); household items need no declaration.
    """
    problems: list[Problem] = []
    missing = sorted(set(exercise.equipment) - set(equipment))
    if missing:
        problems.append(
            Problem(
                "equipment",
                "exercise_id",
                f"{exercise.name} needs equipment the person does not have ({_words(missing)}).",
                tuple(missing),
            )
        )
    clash = sorted(set(exercise.contraindications) & set(conditions))
    if clash:
        problems.append(
            Problem(
                "contraindication",
                "exercise_id",
                f"{exercise.name} is not advised with {_words(clash)}.",
                tuple(clash),
            )
        )
    return problems


def check_prescription(
    item: ProgrammeItem,
    library: Library,
    *,
    equipment: Collection[str],
    conditions: Collection[str],
    band_levels: Sequence[str] = (),
) -> list[Problem]:
    """Every reason ``item`` does not suit the person; an empty list when it does.

    ``item`` is already a valid item (see ``core.model.item_from_dict`` for dose bounds).
    ``band_levels`` are the person's own band names, easiest first: a band exercise's
    ``band_level`` must be one of them when the person named any.
    """
    exercise = library.get(item.exercise_id, field="item.exercise_id")
    problems = exercise_problems(exercise, equipment=equipment, conditions=conditions)
    if (
        exercise.uses_band_level
        and item.band_level is not None
        and band_levels
        and item.band_level not in band_levels
    ):
        problems.append(
            Problem(
                "band_level",
                "band_level",
                f"{item.band_level!r} is not one of the person's bands ({', '.join(band_levels)}).",
                (item.band_level,),
            )
        )
    return problems


def blocking(problems: Sequence[Problem], override_reason: str = "") -> list[Problem]:
    """The problems that still stand: all of them, less contraindications when the
    clinician gave a reason (non-blank ``override_reason``) to override them."""
    overriding = bool(override_reason.strip())
    return [p for p in problems if not (p.overridable and overriding)]


def nearest_level(exercise: Exercise, level: str) -> str:
    """``level`` if ``exercise`` has a dose for it, else the nearest level, easier first."""
    rank = vocab.LEVELS.index(level)
    by_distance = sorted(range(len(vocab.LEVELS)), key=lambda i: (abs(i - rank), i))
    for i in by_distance:
        if exercise.dose_for(vocab.LEVELS[i]) is not None:
            return vocab.LEVELS[i]
    raise ValueError(f"{exercise.id} has no dose")  # the loader refuses such exercises


def default_item(
    exercise: Exercise, level: str, band_levels: Sequence[str], reason: str
) -> ProgrammeItem:
    """A starting dose for a hand-picked exercise: the bottom of its range at the nearest
    level to ``level``, with the person's easiest band (``band_levels`` easiest first)."""
    used = nearest_level(exercise, level)
    dose = exercise.dose_for(used)
    assert dose is not None  # nearest_level only returns levels with a dose
    band = band_levels[0] if band_levels else None
    return starting_item(exercise, used, dose, reason, band)
