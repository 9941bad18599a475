"""Issue 12: the contraindication rules hold across the whole shipped library, the loader
refuses an exercise that breaks them, and the library has what issue 12 asked for."""

from __future__ import annotations

import pytest
import yaml

from spinewise.core import vocab
from spinewise.core.errors import LibraryError
from spinewise.core.exercises import (
    DEFAULT_LIBRARY_DIR,
    STRETCH_HOLD_LIMIT,
    load_library,
    parse_exercise,
)

LIB = load_library()


def marked(condition: str) -> set[str]:
    return {ex.id for ex in LIB if condition in ex.contraindications}


def test_every_kneeling_or_all_fours_exercise_is_marked_for_knee_pain():
    kneeling = {
        ex.id
        for ex in LIB
        if ex.position in vocab.KNEELING_POSITIONS or "weight_on_knees" in ex.movement
    }
    assert {"forearm-plank-knees", "side-plank-knees", "quadruped-rock-back"} <= kneeling
    assert kneeling - marked("knee_pain") == set()


def test_every_overhead_exercise_is_marked_for_shoulder_injury():
    overhead = {ex.id for ex in LIB if "overhead" in ex.movement}
    assert {"wall-slides", "lat-stretch", "machine-lat-pulldown", "prone-y-t-w-raise"} <= overhead
    assert overhead - marked("shoulder_injury") == set()


def test_every_loaded_flexion_and_end_range_rotation_is_marked_for_osteoporosis():
    risky = {
        ex.id for ex in LIB if {"spinal_flexion_loaded", "end_range_rotation"} & set(ex.movement)
    }
    assert {
        "curl-up",
        "double-knee-to-chest",
        "thread-the-needle",
        "quadruped-thoracic-rotation",
        "open-book",
        "seated-thoracic-rotation",
        "lower-trunk-rotation",
        "seated-forward-bend",
    } <= risky
    assert risky - marked("osteoporosis") == set()


def test_end_range_extension_is_marked_for_extension_intolerance():
    extension = {ex.id for ex in LIB if "end_range_extension" in ex.movement}
    assert {"prone-press-up", "standing-back-extension", "cobra-pose"} <= extension
    assert extension - marked("extension_intolerance") == set()
    flexion = [ex for ex in LIB if "flexion_bias" in ex.movement]
    assert [ex for ex in flexion if "extension_intolerance" in ex.contraindications] == []
    assert len([ex for ex in flexion if "osteoporosis" not in ex.contraindications]) >= 3


def test_hip_replacement_rules_out_deep_flexion_crossing_and_inward_turning():
    hip = {
        ex.id
        for ex in LIB
        if {"deep_hip_flexion", "hip_adduction", "hip_internal_rotation_flexed"} & set(ex.movement)
    }
    assert {"piriformis-stretch", "single-knee-to-chest", "lower-trunk-rotation"} <= hip
    assert hip - marked("hip_replacement") == set()


def test_nerve_glides_are_marked_for_radiating_pain():
    assert "median-nerve-glide" in marked("radiating_arm_pain")
    assert "sciatic-nerve-glide" in marked("radiating_leg_pain")
    for ex in LIB:
        if "arm_nerve_tension" in ex.movement:
            assert "radiating_arm_pain" in ex.contraindications
        if "leg_nerve_tension" in ex.movement:
            assert "radiating_leg_pain" in ex.contraindications


def test_no_stretch_can_reach_more_than_90_seconds_per_side_at_any_level():
    for ex in LIB:
        if ex.modality == "stretch":
            for level, dose in ex.doses.items():
                assert dose.sets.high * dose.amount.high <= STRETCH_HOLD_LIMIT, (ex.id, level)


def _raw(ex_id: str) -> dict:
    return yaml.safe_load((DEFAULT_LIBRARY_DIR / f"{ex_id}.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("ex_id", "change", "message"),
    [
        ("cat-camel", {"contraindications": ["wrist_pain"]}, "knee_pain"),
        ("wall-slides", {"contraindications": []}, "shoulder_injury"),
        ("curl-up", {"contraindications": ["pregnancy"]}, "osteoporosis"),
        ("cobra-pose", {"contraindications": ["pregnancy"]}, "extension_intolerance"),
        ("wall-slides", {"movement": ["lifting"]}, "unknown value"),
        (
            "childs-pose",
            {"dose": {"beginner": {"sets": [3, 4], "hold_seconds": [30, 45], "rest_seconds": 15}}},
            "90 s",
        ),
    ],
)
def test_the_loader_refuses_an_exercise_that_breaks_a_rule(ex_id, change, message):
    raw = {**_raw(ex_id), **change}
    with pytest.raises(LibraryError, match=message):
        parse_exercise(raw, f"{ex_id}.yaml")


def test_the_library_has_at_least_85_exercises_and_every_one_has_a_neighbour():
    assert len(LIB) >= 85
    assert [ex.id for ex in LIB if not ex.easier and not ex.harder] == []


def test_the_odd_chain_steps_are_gone():
    assert "levator-scapulae-stretch" not in LIB.get("neck-rotation").harder
    assert "side-plank-knees" not in LIB.get("clamshell").harder


def test_massage_ball_work_exists():
    ball = [ex for ex in LIB if "massage_ball" in ex.equipment]
    assert len(ball) >= 2
    assert {ex.modality for ex in ball} == {"self_massage"}


ASKED_FOR = [
    "neck-isometrics",
    "scalene-stretch",
    "suboccipital-release",
    "median-nerve-glide",
    "sciatic-nerve-glide",
    "lat-stretch",
    "pec-minor-stretch",
    "dumbbell-reverse-fly",
    "incline-push-up",
    "knee-push-up",
    "sit-to-stand",
    "split-squat",
    "seated-forward-bend",
    "cobra-pose",
]


@pytest.mark.parametrize("ex_id", ASKED_FOR)
def test_issue_12s_missing_exercises_are_present_and_say_when_to_stop(ex_id):
    ex = LIB.get(ex_id)
    stops = " ".join(ex.stop_if).lower()
    for sign in ("chest pain", "breathless", "dizz", "numbness", "weakness"):
        assert sign in stops, (ex_id, sign)
