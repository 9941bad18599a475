"""A clinician's prescription goes through the same checks as the planner's choices."""

from __future__ import annotations

from dataclasses import replace

import pytest

from spinewise.core.errors import InputError
from spinewise.core.prescription import (
    blocking,
    check_prescription,
    default_item,
    exercise_problems,
    nearest_level,
)

from .synthetic import exercise, library

LIB = library(
    exercise("band-row", "strength", ("upper_back",), equipment=["resistance_band"]),
    exercise("curl-up", "core", contraindications=["osteoporosis", "pregnancy"]),
    exercise("cat-camel", "mobility"),
    exercise(
        "side-plank",
        "core",
        tracking="hold",
        doses={"intermediate": (2, 3, 20, 40, 30), "advanced": (3, 4, 30, 60, 30)},
    ),
)


def item(ex_id: str, band: str | None = None):
    return default_item(LIB.get(ex_id), "beginner", [band] if band else [], "Chosen by hand.")


def test_an_exercise_the_person_can_do_has_no_problems() -> None:
    assert check_prescription(item("cat-camel"), LIB, equipment=[], conditions=[]) == []


def test_missing_equipment_is_a_problem_that_cannot_be_overridden() -> None:
    problems = check_prescription(item("band-row", "red"), LIB, equipment=[], conditions=[])
    assert [p.kind for p in problems] == ["equipment"]
    assert problems[0].codes == ("resistance_band",)
    assert "resistance band" in problems[0].problem
    assert blocking(problems, "I will lend a band") == problems


def test_a_contraindication_names_the_conditions() -> None:
    problems = check_prescription(
        item("curl-up"), LIB, equipment=[], conditions=["pregnancy", "osteoporosis", "knee_pain"]
    )
    assert [p.kind for p in problems] == ["contraindication"]
    assert problems[0].codes == ("osteoporosis", "pregnancy")
    assert problems[0].overridable


def test_a_contraindication_stands_without_a_reason_to_override() -> None:
    problems = check_prescription(item("curl-up"), LIB, equipment=[], conditions=["osteoporosis"])
    assert blocking(problems, "") == problems
    assert blocking(problems, "   ") == problems


def test_a_reason_overrides_only_the_contraindication() -> None:
    problems = check_prescription(
        replace(item("band-row", "red"), exercise_id="curl-up", band_level=None),
        LIB,
        equipment=[],
        conditions=["osteoporosis"],
    )
    assert blocking(problems, "Bone density checked last month; gentle range only.") == []


def test_a_band_level_must_be_one_of_the_persons_bands() -> None:
    problems = check_prescription(
        item("band-row", "purple"),
        LIB,
        equipment=["resistance_band"],
        conditions=[],
        band_levels=["yellow", "red"],
    )
    assert [(p.kind, p.field) for p in problems] == [("band_level", "band_level")]
    assert not problems[0].overridable


def test_any_band_name_is_accepted_when_the_person_named_none() -> None:
    problems = check_prescription(
        item("band-row", "red"), LIB, equipment=["resistance_band"], conditions=[]
    )
    assert problems == []


def test_an_unknown_exercise_is_an_input_error_naming_the_field() -> None:
    with pytest.raises(InputError) as raised:
        check_prescription(
            replace(item("cat-camel"), exercise_id="moonwalk"), LIB, equipment=[], conditions=[]
        )
    assert raised.value.field == "item.exercise_id"


def test_exercise_problems_lists_equipment_before_contraindications() -> None:
    ex = exercise("banded-curl", equipment=["resistance_band"], contraindications=["pregnancy"])
    problems = exercise_problems(ex, equipment=[], conditions=["pregnancy"])
    assert [p.kind for p in problems] == ["equipment", "contraindication"]


def test_a_hand_picked_exercise_starts_at_the_bottom_of_its_range() -> None:
    chosen = default_item(LIB.get("band-row"), "beginner", ["yellow", "red"], "Added.")
    assert (chosen.sets, chosen.reps, chosen.band_level) == (1, 8, "yellow")
    assert chosen.reason == "Added."


def test_a_hand_picked_exercise_without_the_persons_level_uses_the_nearest() -> None:
    assert nearest_level(LIB.get("side-plank"), "beginner") == "intermediate"
    chosen = default_item(LIB.get("side-plank"), "beginner", [], "Added.")
    assert (chosen.level, chosen.sets, chosen.hold_seconds) == ("intermediate", 2, 20)


def test_band_level_is_dropped_for_exercises_without_a_band() -> None:
    assert default_item(LIB.get("cat-camel"), "beginner", ["red"], "Added.").band_level is None
