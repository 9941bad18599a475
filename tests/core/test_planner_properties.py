"""Properties every plan must have, for any valid profile, on the shipped library."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinewise.core import vocab
from spinewise.core.exercises import load_library
from spinewise.core.model import estimate_minutes
from spinewise.core.planner import (
    BUDGET_SLACK,
    FILL_SHARE,
    SHORT_SESSION_SHARE,
    Profile,
    plan_programme,
)
from spinewise.core.planning_rules import index_for
from spinewise.core.planning_session import exercise_count
from tests.hypothesis_budget import examples

LIB = load_library()
BANDS = ("tan", "yellow", "red", "green", "blue")


def subset(values, *, min_size=0):
    return st.lists(st.sampled_from(values), unique=True, min_size=min_size).map(tuple)


profiles = st.builds(
    Profile,
    regions=subset(vocab.REGIONS, min_size=1),
    equipment=subset(vocab.EQUIPMENT),
    band_levels=st.integers(0, len(BANDS)).map(lambda n: BANDS[:n]),
    sessions_per_week=st.integers(1, 7),
    minutes_per_session=st.integers(10, 60),
    level=st.sampled_from(vocab.LEVELS),
    conditions=subset(vocab.CONTRAINDICATIONS),
    screening_level=st.sampled_from(("self_manage", "self_manage", "see_clinician")),
    seed=st.integers(0, 2**31),
)
SETTINGS = settings(
    max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def planned(profile):
    return [
        (session, LIB.get(item.exercise_id), item)
        for session in plan_programme(profile, LIB).sessions
        for item in session.items
    ]


@SETTINGS
@given(profiles)
def test_a_plan_never_uses_equipment_the_person_lacks(profile):
    for _, ex, _ in planned(profile):
        assert set(ex.equipment) <= set(profile.equipment)


@SETTINGS
@given(profiles)
def test_a_plan_never_holds_a_contraindicated_exercise(profile):
    for _, ex, _ in planned(profile):
        assert not set(ex.contraindications) & set(profile.conditions)


@SETTINGS
@given(profiles)
def test_every_session_fits_the_minutes_plus_five_percent(profile):
    for session in plan_programme(profile, LIB).sessions:
        assert session.minutes <= profile.minutes_per_session * BUDGET_SLACK + 1e-9


@SETTINGS
@given(profiles)
def test_every_session_starts_with_a_warm_up_unless_only_breathing_is_allowed(profile):
    programme = plan_programme(profile, LIB)
    assert len(programme.sessions) == profile.sessions_per_week
    if "recent_spinal_surgery" in profile.conditions:
        return
    for session in programme.sessions:
        assert LIB.get(session.items[0].exercise_id).modality == "mobility"


@SETTINGS
@given(profiles)
def test_the_same_profile_always_gives_the_same_programme(profile):
    assert plan_programme(profile, LIB) == plan_programme(profile, LIB)


@SETTINGS
@given(profiles)
def test_band_levels_appear_only_on_band_exercises_and_come_from_the_persons_list(profile):
    for _, ex, item in planned(profile):
        if item.band_level is not None:
            assert ex.uses_band_level
            assert item.band_level == profile.band_levels[0]


@SETTINGS
@given(profiles)
def test_amounts_sit_at_the_bottom_and_sets_within_a_range_at_or_below_the_persons_level(profile):
    rank = vocab.LEVELS.index(profile.level)
    for _, ex, item in planned(profile):
        assert vocab.LEVELS.index(item.level) <= rank
        dose = ex.dose_for(item.level)
        assert dose is not None
        assert item.amount == dose.amount.low
        assert item.sets in dose.sets


ample = st.builds(
    Profile,
    regions=subset(vocab.REGIONS, min_size=1),
    equipment=st.just(vocab.EQUIPMENT),
    band_levels=st.just(BANDS[:3]),
    sessions_per_week=st.integers(1, 7),
    minutes_per_session=st.integers(10, 60),
    level=st.sampled_from(vocab.LEVELS),
    seed=st.integers(0, 2**31),
)


def could_take_another_set(item, session, profile) -> bool:
    ex = LIB.get(item.exercise_id)
    dose = ex.dose_for(item.level)
    if item.sets >= dose.sets.high:
        return False
    bigger = estimate_minutes(ex, item.sets + 1, item.amount, item.rest_seconds)
    # Extra sets fill a new session to FILL_SHARE only, leaving room for the doses to grow.
    spare = profile.minutes_per_session * FILL_SHARE - session.minutes
    return bigger - item.minutes <= spare + 1e-9


@SETTINGS
@given(profiles)
def test_a_session_never_holds_more_exercises_than_its_length_allows(profile):
    for session in plan_programme(profile, LIB).sessions:
        assert len(session.items) <= exercise_count(profile.minutes_per_session)


@SETTINGS
@given(profiles)
def test_a_session_never_holds_an_exercise_with_its_own_easier_harder_or_twin_version(profile):
    clashes = {e.id: e.clashes for e in index_for(LIB).entries}
    for session in plan_programme(profile, LIB).sessions:
        ids = {item.exercise_id for item in session.items}
        assert all(not clashes[i] & ids for i in ids)


@SETTINGS
@given(st.one_of(profiles, ample))
def test_a_short_session_says_why_and_has_used_every_set_it_could(profile):
    programme = plan_programme(profile, LIB)
    wanted = profile.minutes_per_session
    for session in programme.sessions:
        if session.minutes < wanted * SHORT_SESSION_SHARE:
            assert any(f"of your {wanted} minutes: " in w for w in programme.warnings)
            assert not any(could_take_another_set(i, session, profile) for i in session.items)


@SETTINGS
@given(ample)
def test_with_ample_equipment_a_session_fills_80_to_105_percent_where_the_doses_allow(profile):
    # Doses at these levels and lengths are big enough to fill the time (bench/core_bench.py
    # and BENCHMARKS.md give the share per level and length); beginners' 1-2 sets are not.
    fits = (profile.level == "intermediate" and profile.minutes_per_session <= 25) or (
        profile.level == "advanced" and profile.minutes_per_session <= 45
    )
    low, high = SHORT_SESSION_SHARE, BUDGET_SLACK
    for session in plan_programme(profile, LIB).sessions:
        share = session.minutes / profile.minutes_per_session
        assert share <= high + 1e-9
        # A mobility day (5-7 sessions a week) has no strength sets to grow and stretches end
        # at 90 s per side, so it may end shorter; it says why (see the short-session test).
        if fits and "mobility and stretching day" not in session.title:
            assert low <= share


@SETTINGS
@given(profiles)
def test_every_reason_is_one_plain_sentence(profile):
    for _, _, item in planned(profile):
        reason = item.reason
        assert reason[0].isupper() and reason.endswith(".") and reason.count(".") == 1
        assert "your your" not in reason and "muscles in the muscles" not in reason
        assert "(" not in reason and ")" not in reason
