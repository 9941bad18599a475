"""Small synthetic exercise libraries for planner and progression tests.

Built in memory with ``Library(...)`` so the tests do not depend on the shipped content.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from spinewise.core.exercises import AMOUNT_KEY, Dose, Exercise, Instructions, Library, Range

DEFAULT_DOSES = {
    "reps": {"beginner": (1, 2, 8, 12, 30), "intermediate": (2, 3, 8, 12, 30)},
    "hold": {"beginner": (1, 2, 20, 60, 20), "intermediate": (2, 3, 30, 60, 20)},
    "breaths": {"beginner": (1, 2, 6, 10, 0), "intermediate": (2, 3, 8, 12, 0)},
}


def exercise(
    ex_id: str,
    modality: str = "mobility",
    regions: Sequence[str] = ("lower_back",),
    *,
    equipment: Sequence[str] = (),
    contraindications: Sequence[str] = (),
    tracking: str | None = None,
    muscles: Sequence[str] = ("muscles",),
    doses: Mapping[str, tuple[int, int, int, int, int]] | None = None,
    easier: Sequence[str] = (),
    harder: Sequence[str] = (),
    per_side: bool = False,
    seconds_per_rep: int = 4,
) -> Exercise:
    """One exercise; ``doses`` maps level -> (sets low, sets high, amount low, amount high, rest)."""
    if tracking is None:
        tracking = {"breathing": "breaths", "stretch": "hold", "self_massage": "hold"}.get(
            modality, "reps"
        )
    raw = doses if doses is not None else DEFAULT_DOSES[tracking]
    return Exercise(
        id=ex_id,
        name=ex_id.replace("-", " ").capitalize(),
        summary=f"Summary of {ex_id}.",
        regions=tuple(regions),
        modality=modality,
        position="standing",
        equipment=tuple(equipment),
        household=(),
        target_muscles=tuple(muscles),
        tracking=tracking,
        per_side=per_side,
        seconds_per_rep=seconds_per_rep if tracking != "hold" else 1,
        desk_friendly=False,
        doses={
            level: Dose(Range(s_lo, s_hi), Range(a_lo, a_hi), rest)
            for level, (s_lo, s_hi, a_lo, a_hi, rest) in raw.items()
        },
        instructions=Instructions(setup="Set up.", steps=("Move.",), breathing="Breathe."),
        feel="A gentle stretch.",
        stop_if=("Sharp pain.",),
        common_mistakes=("Rushing.",),
        contraindications=tuple(contraindications),
        easier=tuple(easier),
        harder=tuple(harder),
    )


def library(*exercises: Exercise) -> Library:
    return Library(exercises)


def rich_library() -> Library:
    """A library with every role the planner fills, for every region, and some traps."""
    return library(
        exercise("cat-camel", "mobility", ("mid_back", "lower_back")),
        exercise("pelvic-tilt", "mobility", ("lower_back",)),
        exercise("neck-side-bend", "mobility", ("neck",), per_side=True),
        exercise("shoulder-rolls", "mobility", ("neck", "upper_back")),
        exercise("open-book", "mobility", ("mid_back", "upper_back"), per_side=True),
        exercise("foam-roller-extension", "mobility", ("mid_back",), equipment=("foam_roller",)),
        exercise("childs-pose", "stretch", ("lower_back",), contraindications=("knee_pain",)),
        exercise("upper-trap-stretch", "stretch", ("neck",), per_side=True),
        exercise("doorway-stretch", "stretch", ("upper_back",), muscles=("pectorals",)),
        exercise(
            "hamstring-stretch",
            "stretch",
            ("lower_back",),
            contraindications=("radiating_leg_pain",),
        ),
        exercise(
            "ta-activation",
            "core",
            ("lower_back",),
            muscles=("transversus abdominis",),
            harder=("dead-bug",),
        ),
        exercise(
            "dead-bug",
            "core",
            ("lower_back",),
            muscles=("transversus abdominis",),
            easier=("ta-activation",),
            harder=("curl-up",),
        ),
        exercise(
            "curl-up",
            "core",
            ("lower_back",),
            muscles=("rectus abdominis",),
            contraindications=("osteoporosis",),
            easier=("dead-bug",),
        ),
        exercise(
            "plank-knees",
            "core",
            ("lower_back",),
            tracking="hold",
            contraindications=("wrist_pain",),
            harder=("plank",),
        ),
        exercise(
            "plank",
            "core",
            ("lower_back",),
            tracking="hold",
            easier=("plank-knees",),
            doses={"intermediate": (2, 3, 20, 45, 30), "advanced": (3, 4, 30, 60, 30)},
            contraindications=("wrist_pain",),
        ),
        exercise("bird-dog", "core", ("lower_back",), muscles=("multifidus", "glutes")),
        exercise(
            "prone-extension",
            "strength",
            ("lower_back",),
            muscles=("erector spinae", "multifidus"),
            contraindications=("pregnancy",),
        ),
        exercise("glute-bridge", "strength", ("lower_back",), muscles=("glutes", "hamstrings")),
        exercise(
            "shoulder-squeeze",
            "strength",
            ("upper_back", "mid_back"),
            muscles=("rhomboids", "middle trapezius"),
            harder=("prone-ytw",),
        ),
        exercise(
            "prone-ytw",
            "strength",
            ("upper_back", "mid_back"),
            muscles=("lower trapezius", "rhomboids"),
            easier=("shoulder-squeeze",),
            contraindications=("pregnancy",),
        ),
        exercise(
            "band-row",
            "strength",
            ("upper_back", "mid_back"),
            equipment=("resistance_band",),
            muscles=("rhomboids", "latissimus dorsi"),
        ),
        exercise(
            "band-pull-apart",
            "strength",
            ("upper_back",),
            equipment=("resistance_band",),
            muscles=("rear deltoids", "rhomboids"),
        ),
        exercise(
            "cord-row",
            "strength",
            ("upper_back",),
            equipment=("sport_cord",),
            muscles=("rhomboids",),
        ),
        exercise(
            "dumbbell-row",
            "strength",
            ("upper_back",),
            equipment=("dumbbell",),
            muscles=("latissimus dorsi",),
            contraindications=("shoulder_injury",),
        ),
        exercise(
            "roller-upper-back",
            "self_massage",
            ("upper_back", "mid_back"),
            equipment=("foam_roller",),
        ),
        exercise("ball-glutes", "self_massage", ("lower_back",), equipment=("massage_roller",)),
        exercise("diaphragmatic-breathing", "breathing", ("lower_back", "mid_back")),
        exercise("paced-breathing", "breathing", ("neck", "upper_back")),
    )


def item_dict(ex_id: str, **fields: Any) -> dict[str, Any]:
    return {"exercise_id": ex_id, "level": "beginner", "sets": 1, **fields}


__all__ = ["AMOUNT_KEY", "exercise", "item_dict", "library", "rich_library"]
