"""The progression engine keeps a session within the minutes the person chose."""

from __future__ import annotations

import math

import pytest

from spinewise.core.errors import InputError
from spinewise.core.model import ProgrammeItem
from spinewise.core.session_time import (
    minutes_available_for,
    session_limit,
    session_minutes,
    within_limit,
)

from .synthetic import exercise, library
from .test_progression import BANDS, decide, done, item

# A standing exercise whose only easier version is long: each side, two sets of 10-12 slow reps.
SLOW_EASIER = library(
    exercise("stand", "core", seconds_per_rep=2, easier=("sit",)),
    exercise(
        "sit", "core", per_side=True, harder=("stand",), doses={"beginner": (2, 3, 10, 12, 30)}
    ),
)


# --- stepping up within the time ---------------------------------------------------------


def test_reps_that_fit_the_minutes_available_are_added():
    it = item("dead-bug", amount=10)  # 0.83 min; 12 reps take 0.97 min
    result = decide(it, minutes_available=1.0)
    assert (result.decision, result.item.reps) == ("progress", 12)


def test_reps_that_do_not_fit_hold_the_dose_and_say_why():
    it = item("dead-bug", amount=10)
    result = decide(it, minutes_available=0.9)
    assert (result.decision, result.item, result.changes) == ("hold", it, ())
    assert result.reason.startswith("You're ready for more, but the next step (reps 10 -> 12)")
    assert "longer than the time you chose" in result.reason


def test_a_set_that_does_not_fit_gives_way_to_the_next_band():
    it = item("band-row", amount=12, band_level="red")  # one more set would take 1.73 min
    result = decide(it, band_levels=BANDS, minutes_available=1.0)
    assert result.decision == "progress"
    assert (result.item.band_level, result.item.sets, result.item.reps) == ("green", 1, 8)
    assert "sets 1 -> 2" in result.reason and "longer than the time you chose" in result.reason


def test_a_set_that_does_not_fit_gives_way_to_the_harder_variation():
    result = decide(item("shoulder-squeeze", amount=12), minutes_available=1.0)
    assert result.decision == "progress"
    assert (result.item.exercise_id, result.item.sets, result.item.reps) == ("prone-ytw", 1, 8)


def test_a_set_that_fits_is_still_the_next_step():
    it = item("band-row", amount=12, band_level="red")
    result = decide(it, band_levels=BANDS, minutes_available=2.0)
    assert (result.item.band_level, result.item.sets) == ("red", 2)


def test_with_nothing_that_fits_at_the_top_of_the_reps_the_dose_holds():
    it = item("glute-bridge", amount=12)  # no band, nothing harder; the next level adds sets
    result = decide(it, minutes_available=1.0)
    assert (result.decision, result.item) == ("hold", it)
    assert result.reason.startswith("You're ready for more")


def test_a_step_that_adds_no_time_goes_ahead_in_a_session_already_over_time():
    it = item("band-row", amount=12, band_level="red")  # 0.97 min, more than the 0.5 left
    result = decide(it, band_levels=BANDS, minutes_available=0.5)
    assert (result.decision, result.item.band_level) == ("progress", "green")
    assert result.item.minutes <= it.minutes


def test_without_minutes_available_the_usual_step_is_taken():
    it = item("band-row", amount=12, band_level="red")
    assert decide(it, band_levels=BANDS).item.sets == 2


# --- stepping back and replacing within the time --------------------------------------------


def test_a_replacement_for_sharp_pain_is_trimmed_to_fit_the_time():
    it = ProgrammeItem("stand", "beginner", 1, 30, 0.43, "", reps=8)
    result = decide(
        it, done(it, SLOW_EASIER, sharp_pain=True), lib=SLOW_EASIER, minutes_available=1.0
    )
    assert (result.decision, result.item.exercise_id, result.alert_clinician) == (
        "replace",
        "sit",
        True,
    )
    assert result.item.sets == 1 and result.item.minutes <= 1.0


def test_a_step_back_to_the_easier_exercise_is_trimmed_to_fit_the_time():
    it = ProgrammeItem("stand", "beginner", 1, 30, 0.43, "", reps=8)
    result = decide(
        it, done(it, SLOW_EASIER, pain_during=8), lib=SLOW_EASIER, minutes_available=1.0
    )
    assert (result.decision, result.item.exercise_id) == ("regress", "sit")
    assert result.item.minutes <= 1.0


def test_a_replacement_that_fits_keeps_its_starting_dose():
    it = ProgrammeItem("stand", "beginner", 1, 30, 0.43, "", reps=8)
    result = decide(
        it, done(it, SLOW_EASIER, sharp_pain=True), lib=SLOW_EASIER, minutes_available=10
    )
    assert (result.item.sets, result.item.reps) == (2, 10)


@pytest.mark.parametrize("minutes", [-1, math.nan, math.inf, True, "5"])
def test_bad_minutes_available_names_the_field(minutes):
    with pytest.raises(InputError) as info:
        decide(item("dead-bug"), minutes_available=minutes)
    assert info.value.field == "minutes_available"


# --- session time helpers ------------------------------------------------------------------


def session(*minutes: float) -> list[ProgrammeItem]:
    return [ProgrammeItem("dead-bug", "beginner", 1, 30, m, "", reps=8) for m in minutes]


def test_session_minutes_add_up_the_items():
    assert session_minutes(session(2.5, 3.25, 4.1)) == 9.85


def test_a_session_may_run_five_percent_over_the_chosen_minutes():
    assert session_limit(20) == 21.0
    assert within_limit(session(10.0, 11.0), 20)
    assert not within_limit(session(10.0, 11.01), 20)


def test_minutes_available_are_the_limit_less_the_other_items():
    items = session(5.0, 6.0, 4.0)
    assert minutes_available_for(items[1], items, 20) == 12.0


def test_an_item_with_the_same_dose_as_another_is_left_out_only_once():
    items = session(5.0, 5.0)
    assert minutes_available_for(items[0], items, 20) == 16.0


def test_an_item_not_yet_in_the_session_gets_what_the_session_has_left():
    items = session(5.0, 6.0)
    extra = ProgrammeItem("bird-dog", "beginner", 1, 30, 1.0, "", reps=8)
    assert minutes_available_for(extra, items, 20) == 10.0


def test_a_session_already_over_time_leaves_no_minutes():
    items = session(15.0, 9.0)
    assert minutes_available_for(items[1], items, 10) == 0.0


@pytest.mark.parametrize("minutes", [0, -5, math.nan, True])
def test_bad_minutes_per_session_names_the_field(minutes):
    with pytest.raises(InputError) as info:
        minutes_available_for(session(1.0)[0], session(1.0), minutes)
    assert info.value.field == "minutes_per_session"
