"""How many exercises a session holds, how its minutes become sets, and when it says it is short."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from spinewise.core.exercises import load_library
from spinewise.core.planner import SHORT_SESSION_SHARE, Programme, plan_programme, profile_from_dict
from spinewise.core.planning_session import exercise_count
from spinewise.core.progression import ExerciseLog, progress_item

from .synthetic import exercise, library, rich_library

SHIPPED = load_library()
RICH = rich_library()


def plan(lib=SHIPPED, **profile) -> Programme:
    profile.setdefault("regions", ["lower_back"])
    return plan_programme(profile_from_dict(profile), lib)


def short_warnings(programme: Programme) -> list[str]:
    return [w for w in programme.warnings if " of your " in w and " minutes: " in w]


@pytest.mark.parametrize(
    ("minutes", "count"), [(10, 5), (15, 6), (20, 7), (30, 9), (40, 10), (45, 11), (60, 12)]
)
def test_the_number_of_exercises_grows_with_the_session_length(minutes, count):
    assert exercise_count(minutes) == count


def test_longer_sessions_never_hold_fewer_exercises():
    counts = [exercise_count(m) for m in range(10, 61)]
    assert counts == sorted(counts)


@pytest.mark.parametrize(("minutes", "low", "high"), [(10, 4, 5), (20, 6, 7), (30, 7, 9)])
def test_a_session_holds_about_as_many_exercises_as_a_physio_would_prescribe(minutes, low, high):
    programme = plan(
        regions=["upper_back", "lower_back"],
        equipment=["resistance_band", "foam_roller"],
        band_levels=["yellow", "red"],
        minutes_per_session=minutes,
        level="intermediate",
    )
    assert all(low <= len(s.items) <= high for s in programme.sessions)


def priority_library():
    """One exercise per part; reps 10 at 6 s (or 3 s for the warm-up) so the sums are exact."""
    return library(
        exercise("warm", "mobility", doses={"beginner": (1, 3, 10, 10, 0)}, seconds_per_rep=3),
        exercise("core", "core", doses={"beginner": (1, 3, 10, 10, 30)}, seconds_per_rep=6),
        exercise(
            "extension",
            "strength",
            muscles=("erector spinae",),
            doses={"beginner": (1, 3, 10, 10, 30)},
            seconds_per_rep=6,
        ),
        exercise("breathe", "breathing", doses={"beginner": (1, 1, 6, 6, 0)}, seconds_per_rep=5),
    )


def test_spare_minutes_go_to_strength_and_core_sets_before_the_warm_up():
    session = plan(priority_library(), minutes_per_session=10).sessions[0]
    sets = {i.exercise_id: i.sets for i in session.items}
    # Extra sets fill to 85 % of 10 minutes (8.5 min): core reaches 3 sets (4.17 min), then
    # extension's third set would pass 8.5 min, so it stays at 2 and the warm-up gets none.
    assert sets == {"warm": 1, "core": 3, "extension": 2, "breathe": 1}
    assert session.minutes == pytest.approx(8.18)


def test_extra_sets_keep_reps_at_the_bottom_of_the_range():
    session = plan(priority_library(), minutes_per_session=10).sessions[0]
    assert {i.reps for i in session.items if i.reps is not None} == {10}
    assert all(i.breaths == 6 for i in session.items if i.breaths is not None)


def test_extra_sets_never_pass_the_top_of_the_range():
    session = plan(priority_library(), minutes_per_session=60).sessions[0]
    assert {i.exercise_id: i.sets for i in session.items} == {
        "warm": 3,
        "core": 3,
        "extension": 3,
        "breathe": 1,
    }


def test_a_planned_session_uses_most_of_the_persons_minutes():
    programme = plan(
        RICH,
        regions=["upper_back", "lower_back"],
        equipment=["resistance_band", "foam_roller"],
        minutes_per_session=20,
        level="intermediate",
    )
    for session in programme.sessions:
        assert 20 * SHORT_SESSION_SHARE <= session.minutes <= 20 * 1.05
    assert not short_warnings(programme)


def test_a_warm_up_takes_no_more_than_a_quarter_of_the_session_when_the_library_allows():
    lib = library(
        exercise(
            "long-warm", "mobility", doses={"beginner": (2, 2, 10, 10, 10)}, seconds_per_rep=8
        ),
        exercise("hold-warm", "mobility", tracking="hold", doses={"beginner": (1, 1, 30, 30, 0)}),
        exercise("core", "core"),
    )
    # long-warm (3 min) ranks first as a moving warm-up: too long for a 10-minute session
    # (a quarter of 10.5 is 2.6 min), fine for a 20-minute one.
    assert plan(lib, minutes_per_session=10).sessions[0].items[0].exercise_id == "hold-warm"
    assert plan(lib, minutes_per_session=20).sessions[0].items[0].exercise_id == "long-warm"


def test_a_long_core_exercise_does_not_crowd_out_back_strength_in_a_short_session():
    lib = library(
        exercise("warm", "mobility", doses={"beginner": (1, 1, 10, 10, 0)}, seconds_per_rep=5),
        exercise("long-core", "core", doses={"beginner": (3, 3, 10, 10, 30)}, seconds_per_rep=12),
        exercise(
            "short-core",
            "core",
            ("mid_back",),
            doses={"beginner": (1, 1, 10, 10, 0)},
            seconds_per_rep=11,
        ),
        exercise(
            "extension",
            "strength",
            muscles=("erector spinae",),
            doses={"beginner": (2, 2, 8, 8, 10)},
            seconds_per_rep=10,
        ),
    )
    # long-core (7.17 min) ranks first for a lower back, but after the 1-minute warm-up it
    # would leave 2.33 of 10.5 minutes, less than the extension's 3.
    session = plan(lib, minutes_per_session=10).sessions[0]
    assert [i.exercise_id for i in session.items] == ["warm", "short-core", "extension"]


def test_twin_exercises_are_never_in_the_same_session():
    programme = plan(
        regions=["upper_back", "mid_back"],
        equipment=["resistance_band", "sport_cord", "gym_machine", "dumbbell"],
        band_levels=["yellow", "red"],
        minutes_per_session=60,
        level="intermediate",
        sessions_per_week=7,
    )
    twins = [("band-row", "sport-cord-row"), ("band-lat-pulldown", "sport-cord-lat-pulldown")]
    for session in programme.sessions:
        ids = {i.exercise_id for i in session.items}
        assert not any(set(pair) <= ids for pair in twins)


def test_a_well_filled_programme_has_no_short_session_warning():
    programme = plan(regions=["lower_back"], minutes_per_session=20, level="intermediate")
    assert not short_warnings(programme)


def test_beginners_are_told_why_a_long_session_is_shorter():
    programme = plan(regions=["lower_back"], minutes_per_session=60)
    [warning] = short_warnings(programme)
    assert warning.startswith("Your sessions take about ")
    assert "of your 60 minutes" in warning and "beginner level" in warning
    assert "walk" in warning


def test_see_clinician_explains_why_sessions_are_shorter():
    programme = plan(screening_level="see_clinician", minutes_per_session=60)
    [warning] = short_warnings(programme)
    assert "until a clinician has seen you" in warning


def test_recent_spinal_surgery_explains_why_sessions_are_shorter():
    programme = plan(conditions=["recent_spinal_surgery"], minutes_per_session=30)
    [warning] = short_warnings(programme)
    assert "gentle breathing" in warning and "surgeon or physiotherapist" in warning


def test_few_suitable_exercises_explain_why_sessions_are_shorter():
    programme = plan(
        regions=["neck"],
        conditions=["pregnancy", "osteoporosis", "shoulder_injury"],
        minutes_per_session=60,
    )
    warnings = short_warnings(programme)
    assert warnings and all("of your 60 minutes" in w for w in warnings)
    assert any("only a few exercises" in w for w in warnings)


def test_a_planned_item_at_the_top_of_its_sets_still_progresses_reps_then_band():
    programme = plan(
        regions=["upper_back"],
        equipment=["resistance_band"],
        band_levels=["yellow", "red"],
        minutes_per_session=30,
    )
    item = next(
        i
        for s in programme.sessions
        for i in s.items
        if i.band_level and i.sets == SHIPPED.get(i.exercise_id).dose_for(i.level).sets.high
    )
    dose = SHIPPED.get(item.exercise_id).dose_for(item.level)

    today = date(2026, 12, 7)

    def easy(sets: int, reps: int) -> list[ExerciseLog]:
        """Two easy sessions a week apart, settled by the next morning, the latest yesterday."""
        return [
            ExerciseLog(
                sets_done=sets,
                reps_done=(reps,) * sets,
                band_level="yellow",
                rpe=3,
                pain_during=1,
                pain_next_morning=1,
                performed_on=today - timedelta(days=days_ago),
            )
            for days_ago in (8, 1)
        ]

    bands = ("yellow", "red")
    first = progress_item(item, easy(item.sets, item.reps), band_levels=bands, today=today)
    assert first.decision == "progress"
    assert first.item.sets == item.sets and first.item.reps > item.reps
    at_top = first.item.with_amount(SHIPPED.get(item.exercise_id), dose.amount.high)
    second = progress_item(at_top, easy(at_top.sets, at_top.reps), band_levels=bands, today=today)
    assert second.decision == "progress"
    assert second.item.band_level == "red" and second.item.reps == dose.amount.low
