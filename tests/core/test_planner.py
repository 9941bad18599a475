"""The planner builds a safe, balanced week from a profile (synthetic library)."""

from __future__ import annotations

import pytest

from spinewise.core.planner import Programme, plan_programme, profile_from_dict
from spinewise.core.planning_rules import index_for
from spinewise.core.planning_session import exercise_count

from .synthetic import exercise, library, rich_library

LIB = rich_library()


def plan(lib=LIB, **profile) -> Programme:
    profile.setdefault("regions", ["lower_back"])
    return plan_programme(profile_from_dict(profile), lib)


def items(programme: Programme):
    return [item for session in programme.sessions for item in session.items]


def exercises_of(programme: Programme, lib=LIB):
    return [lib.get(item.exercise_id) for item in items(programme)]


def test_never_plans_equipment_the_person_lacks():
    programme = plan(regions=["upper_back", "mid_back", "lower_back"], minutes_per_session=60)
    assert all(not ex.equipment for ex in exercises_of(programme))


def test_uses_equipment_the_person_has():
    programme = plan(regions=["upper_back"], equipment=["resistance_band"], minutes_per_session=30)
    assert any("resistance_band" in ex.equipment for ex in exercises_of(programme))


@pytest.mark.parametrize(
    ("condition", "excluded"),
    [("osteoporosis", "curl-up"), ("knee_pain", "childs-pose"), ("pregnancy", "prone-extension")],
)
def test_never_plans_an_exercise_ruled_out_by_a_condition(condition, excluded):
    programme = plan(conditions=[condition], minutes_per_session=60, sessions_per_week=7)
    assert excluded not in {item.exercise_id for item in items(programme)}


@pytest.mark.parametrize("minutes", [10, 15, 20, 45, 60])
def test_sessions_stay_within_the_minutes_plus_five_percent(minutes):
    programme = plan(
        regions=["neck", "upper_back", "mid_back", "lower_back"],
        equipment=["resistance_band", "foam_roller"],
        minutes_per_session=minutes,
        level="intermediate",
    )
    assert all(s.minutes <= minutes * 1.05 for s in programme.sessions)


def test_session_minutes_are_the_sum_of_its_items():
    for session in plan(minutes_per_session=30).sessions:
        assert session.minutes == pytest.approx(sum(i.minutes for i in session.items))


def test_every_session_starts_with_a_mobility_warm_up():
    programme = plan(regions=["upper_back"], sessions_per_week=5)
    for session in programme.sessions:
        first = LIB.get(session.items[0].exercise_id)
        assert first.modality == "mobility"
        assert session.items[0].reason.startswith("Warms up")


def test_every_session_has_core_work():
    for session in plan(regions=["neck"], sessions_per_week=3).sessions:
        assert any(LIB.get(i.exercise_id).modality == "core" for i in session.items)


def test_lower_back_sessions_include_back_extensor_strength():
    for session in plan(regions=["lower_back"], sessions_per_week=3).sessions:
        assert any(
            i.reason.startswith("Strengthens the muscles along your spine") for i in session.items
        )


@pytest.mark.parametrize("region", ["neck", "upper_back", "mid_back"])
def test_sessions_above_the_waist_include_scapular_strength(region):
    for session in plan(regions=[region], sessions_per_week=3).sessions:
        assert "prone-ytw" in {i.exercise_id for i in session.items} or "shoulder-squeeze" in {
            i.exercise_id for i in session.items
        }


def test_scapular_item_says_why_in_plain_words():
    programme = plan(regions=["upper_back"])
    reasons = {i.exercise_id: i.reason for i in items(programme)}
    scapular = reasons.get("shoulder-squeeze") or reasons["prone-ytw"]
    assert scapular == (
        "Strengthens the muscles that draw your shoulder blades back, for your upper back."
    )


def test_short_sessions_for_upper_and_lower_back_still_get_back_strength():
    programme = plan(regions=["upper_back", "lower_back"], minutes_per_session=10)
    strength = {"prone-extension", "shoulder-squeeze", "prone-ytw", "bird-dog"}
    for session in programme.sessions:
        assert strength & {i.exercise_id for i in session.items}


def test_fill_exercises_are_for_the_chosen_regions_while_the_library_has_them():
    programme = plan(regions=["lower_back"], minutes_per_session=20)
    for ex in exercises_of(programme):
        if ex.modality in ("mobility", "stretch", "strength", "core"):
            assert "lower_back" in ex.regions


def test_when_the_chosen_regions_run_out_the_next_region_fills_in_without_outnumbering_them():
    programme = plan(regions=["neck"], minutes_per_session=60)
    for session in programme.sessions:
        exercises = [LIB.get(i.exercise_id) for i in session.items]
        flexibility = [ex for ex in exercises if ex.modality in ("mobility", "stretch")]
        assert any("neck" not in ex.regions for ex in flexibility)
        assert all({"neck", "upper_back"} & set(ex.regions) for ex in flexibility)
        neck = sum("neck" in ex.regions for ex in exercises)
        assert neck >= len(exercises) - neck


def test_exercises_vary_across_the_week_when_the_library_allows():
    programme = plan(regions=["lower_back"], sessions_per_week=3)
    warm_ups = [s.items[0].exercise_id for s in programme.sessions]
    assert len(set(warm_ups)) > 1
    cores = [next(i.exercise_id for i in s.items[1:]) for s in programme.sessions]
    assert len(set(cores)) > 1


def test_a_session_never_holds_an_exercise_and_its_own_harder_version():
    lib = rich_library()
    for session in plan(minutes_per_session=60, level="advanced").sessions:
        ids = {i.exercise_id for i in session.items}
        for ex_id in ids:
            assert not (set(lib.get(ex_id).harder) | set(lib.get(ex_id).easier)) & ids


def test_includes_self_massage_when_the_person_has_a_roller():
    programme = plan(regions=["upper_back"], equipment=["foam_roller"])
    for session in programme.sessions:
        assert "roller-upper-back" in {i.exercise_id for i in session.items}


def test_no_self_massage_without_a_roller():
    assert all(ex.modality != "self_massage" for ex in exercises_of(plan(regions=["upper_back"])))


def test_self_massage_left_out_when_time_does_not_allow():
    lib = library(
        exercise("warm", "mobility", doses={"beginner": (1, 1, 10, 10, 0)}, seconds_per_rep=30),
        exercise(
            "roll",
            "self_massage",
            equipment=("foam_roller",),
            doses={"beginner": (2, 2, 90, 90, 30)},
            per_side=True,
        ),
    )
    programme = plan(lib, equipment=["foam_roller"], minutes_per_session=10)
    assert {i.exercise_id for i in items(programme)} == {"warm"}


def test_breathing_cools_down_at_the_end_of_each_session():
    for session in plan(minutes_per_session=20).sessions:
        assert LIB.get(session.items[-1].exercise_id).modality == "breathing"


def test_band_exercises_start_at_the_easiest_named_band():
    programme = plan(
        regions=["upper_back"],
        equipment=["resistance_band"],
        band_levels=["yellow", "red", "green"],
        minutes_per_session=40,
    )
    band_items = [i for i in items(programme) if LIB.get(i.exercise_id).uses_band_level]
    assert band_items and all(i.band_level == "yellow" for i in band_items)
    assert not [w for w in programme.warnings if "band" in w]


def test_exercises_without_a_band_have_no_band_level():
    programme = plan(regions=["upper_back"], equipment=["resistance_band"], band_levels=["red"])
    for item in items(programme):
        if not LIB.get(item.exercise_id).uses_band_level:
            assert item.band_level is None


def test_unnamed_band_levels_give_a_warning_and_no_band_level():
    programme = plan(regions=["upper_back"], equipment=["resistance_band"], minutes_per_session=40)
    band_items = [i for i in items(programme) if LIB.get(i.exercise_id).uses_band_level]
    assert band_items and all(i.band_level is None for i in band_items)
    assert any("band levels" in w for w in programme.warnings)


def test_band_levels_without_a_band_are_ignored_with_a_warning():
    programme = plan(regions=["upper_back"], band_levels=["red"], minutes_per_session=40)
    assert all(i.band_level is None for i in items(programme))
    assert any("did not list a resistance band" in w for w in programme.warnings)


def test_reps_start_at_the_bottom_of_the_range_for_the_level():
    programme = plan(level="intermediate")
    dead_bug = next(i for i in items(programme) if i.exercise_id in ("dead-bug", "ta-activation"))
    assert (dead_bug.level, dead_bug.reps) == ("intermediate", 8)
    assert dead_bug.sets in (2, 3)


def test_an_easier_level_dose_stands_in_when_the_exercise_lacks_the_level():
    lib = library(
        exercise("warm", "mobility", doses={"beginner": (1, 2, 6, 10, 20)}),
        exercise("core", "core", doses={"beginner": (1, 2, 8, 12, 30)}),
    )
    programme = plan(lib, level="advanced")
    first = programme.sessions[0].items[0]
    assert (first.level, first.reps) == ("beginner", 6)
    assert first.sets in (1, 2)


def test_exercises_with_only_harder_levels_are_left_out_for_beginners():
    programme = plan(minutes_per_session=60, sessions_per_week=7)
    assert "plank" not in {i.exercise_id for i in items(programme)}
    advanced = plan(minutes_per_session=60, sessions_per_week=7, level="advanced")
    assert "plank" in {i.exercise_id for i in items(advanced)}


def test_see_clinician_gives_only_gentle_mobility_and_breathing_with_a_warning():
    programme = plan(
        screening_level="see_clinician",
        level="advanced",
        equipment=["foam_roller"],
        minutes_per_session=60,
    )
    assert {ex.modality for ex in exercises_of(programme)} <= {"mobility", "breathing"}
    assert all(i.level == "beginner" for i in items(programme))
    assert any("clinician" in w for w in programme.warnings)
    assert programme.advice and not programme.blocked


@pytest.mark.parametrize("level", ["urgent", "emergency"])
def test_urgent_and_emergency_give_no_programme_but_advice(level):
    programme = plan(screening_level=level)
    assert programme.blocked and programme.sessions == ()
    assert programme.advice


def test_recent_spinal_surgery_gives_only_breathing_with_a_warning():
    programme = plan(conditions=["recent_spinal_surgery"], minutes_per_session=60)
    assert {ex.modality for ex in exercises_of(programme)} == {"breathing"}
    assert any("surgeon or physiotherapist must build" in w for w in programme.warnings)


def test_missing_core_exercises_are_warned_about():
    lib = library(exercise("warm", "mobility"), exercise("breathe", "breathing"))
    programme = plan(lib)
    assert any("No core exercise" in w for w in programme.warnings)
    assert any("No back-strength exercise" in w for w in programme.warnings)


def test_sessions_are_numbered_through_the_week():
    programme = plan(sessions_per_week=5)
    assert [s.number for s in programme.sessions] == [1, 2, 3, 4, 5]
    assert programme.sessions[0].title == "Session 1 of 5: lower back"


def test_sessions_never_exceed_the_item_count_for_their_length():
    programme = plan(
        regions=["neck", "upper_back", "mid_back", "lower_back"], minutes_per_session=20
    )
    assert all(len(s.items) <= exercise_count(20) for s in programme.sessions)


def test_same_profile_and_seed_give_the_same_programme():
    profile = {"regions": ["upper_back", "lower_back"], "equipment": ["resistance_band"], "seed": 7}
    assert plan(**profile) == plan(**profile)
    assert plan(**profile).to_dict() == plan(**profile).to_dict()


def test_different_seeds_can_vary_the_choices():
    programmes = {str(plan(regions=["lower_back"], seed=seed).to_dict()) for seed in range(12)}
    assert len(programmes) > 1


def test_the_library_index_is_built_once_per_library():
    lib = rich_library()
    plan(lib)
    first = index_for(lib)
    plan(lib, regions=["neck"])
    assert index_for(lib) is first


def test_programme_as_dict_has_sessions_items_and_warnings():
    data = plan(regions=["upper_back"], equipment=["resistance_band"]).to_dict()
    assert set(data) == {"blocked", "advice", "warnings", "sessions"}
    session = data["sessions"][0]
    assert set(session) == {"number", "title", "minutes", "items"}
    assert {"exercise_id", "sets", "rest_seconds", "minutes", "reason", "band_level"} <= set(
        session["items"][0]
    )


def test_reasons_name_muscles_in_everyday_words():
    programme = plan(regions=["upper_back"], minutes_per_session=60)
    reasons = {i.exercise_id: i.reason for i in items(programme)}
    assert reasons["doorway-stretch"] == "Eases tightness in your chest, for your upper back."
