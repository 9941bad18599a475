"""Plans from the shipped exercise library for typical people look like a physio's."""

from __future__ import annotations

import pytest

from spinewise.core.exercises import load_library
from spinewise.core.planner import plan_programme, profile_from_dict
from spinewise.core.planning_rules import index_for

LIB = load_library()
TAGS = {entry.id: entry for entry in index_for(LIB).entries}


def sessions(**profile):
    programme = plan_programme(profile_from_dict(profile), LIB)
    return programme, [[LIB.get(i.exercise_id) for i in s.items] for s in programme.sessions]


def test_the_library_has_every_part_a_session_needs():
    modalities = {ex.modality for ex in LIB}
    assert {"mobility", "core", "strength", "stretch", "self_massage", "breathing"} <= modalities
    assert any(e.extensor and not e.equipment for e in TAGS.values())
    assert any(e.scapular and not e.equipment for e in TAGS.values())


def test_upper_and_lower_back_with_a_band_and_roller_gets_every_component():
    programme, week = sessions(
        regions=["upper_back", "lower_back"],
        equipment=["resistance_band", "foam_roller"],
        band_levels=["yellow", "red", "green"],
    )
    assert not [w for w in programme.warnings if w.startswith("No ")]
    for session in week:
        assert session[0].modality == "mobility"
        assert any(ex.modality == "core" for ex in session)
        assert any(TAGS[ex.id].extensor for ex in session) or any(
            TAGS[ex.id].scapular for ex in session
        )
        assert any(ex.modality == "self_massage" for ex in session)
        assert session[-1].modality == "breathing"


def test_neck_pain_gets_shoulder_blade_strength_and_neck_exercises_every_session():
    _, week = sessions(regions=["neck"])
    for session in week:
        assert any(TAGS[ex.id].scapular for ex in session)
        assert sum("neck" in ex.regions for ex in session) >= 2


def test_lower_back_pain_without_equipment_gets_back_extensor_work_every_session():
    _, week = sessions(regions=["lower_back"], sessions_per_week=3)
    for session in week:
        assert any(TAGS[ex.id].extensor for ex in session)
        assert all(not ex.equipment for ex in session)


def test_pregnancy_rules_out_lying_face_down():
    _, week = sessions(regions=["lower_back", "mid_back"], conditions=["pregnancy"])
    assert all(ex.position != "prone" for session in week for ex in session)


@pytest.mark.parametrize("region", ["neck", "upper_back", "mid_back", "lower_back"])
def test_each_session_varies_from_the_one_before(region):
    _, week = sessions(regions=[region], sessions_per_week=3)
    ids = [[ex.id for ex in session] for session in week]
    assert ids[0] != ids[1] and ids[1] != ids[2]


def test_see_clinician_with_mid_back_pain_is_gentle_mobility_and_breathing():
    programme, week = sessions(regions=["mid_back"], screening_level="see_clinician")
    assert {ex.modality for session in week for ex in session} <= {"mobility", "breathing"}
    assert programme.warnings


def reasons_in(**profile) -> dict[str, str]:
    programme = plan_programme(profile_from_dict(profile), LIB)
    return {i.exercise_id: i.reason for s in programme.sessions for i in s.items}


def test_glute_self_massage_names_the_buttocks_and_hips():
    reasons = reasons_in(regions=["lower_back"], equipment=["foam_roller"], sessions_per_week=7)
    assert reasons["foam-roller-glutes"] == (
        "Loosens tight spots in your buttocks and hips with your roller, for your lower back."
    )


def test_wall_push_up_plus_says_it_steadies_the_shoulder_blades_not_draws_them_back():
    reasons = reasons_in(regions=["upper_back"], sessions_per_week=7, minutes_per_session=30)
    assert reasons["wall-push-up-plus"] == (
        "Strengthens the muscles that hold your shoulder blades flat against your ribs, "
        "for your upper back."
    )


def test_scapular_work_for_neck_pain_says_it_is_for_the_neck():
    reasons = reasons_in(regions=["neck"], sessions_per_week=7)
    scapular = [r for r in reasons.values() if "shoulder blades" in r]
    assert scapular and all(r.endswith("for your neck.") for r in scapular)


def test_chin_tuck_keeps_its_deep_neck_muscles_as_one_name():
    assert LIB.get("chin-tuck").target_muscles == (
        "deep neck flexors (longus colli, longus capitis)",
        "upper neck extensors",
    )
    assert LIB.get("chin-tuck-supine").target_muscles == (
        "deep neck flexors (longus colli, longus capitis)",
    )
    reasons = reasons_in(regions=["neck"], sessions_per_week=7, minutes_per_session=30)
    assert reasons["chin-tuck"] == (
        "Strengthens the deep muscles at the front of your neck and the muscles at the back of "
        "your neck to support your neck."
    )


def test_a_tummy_muscle_exercise_is_never_called_back_extensor_work():
    for profile_seed in range(10):
        reasons = reasons_in(regions=["lower_back"], sessions_per_week=7, seed=profile_seed)
        assert not reasons.get("transversus-abdominis-activation", "").startswith(
            "Strengthens the muscles along your spine"
        )


@pytest.mark.parametrize("level", ["beginner", "intermediate"])
def test_a_20_minute_lower_back_session_covers_every_kind_of_exercise(level):
    _, week = sessions(regions=["lower_back"], minutes_per_session=20, level=level)
    for session in week:
        kinds = {ex.modality for ex in session}
        assert {"mobility", "core", "strength", "stretch", "breathing"} <= kinds
