"""The daily step goal starts from the person's usual day and grows gently."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from spinewise.core.errors import InputError
from spinewise.core.selfcare.steps import (
    StepDay,
    next_step_goal,
    step_entry_from_dict,
    validate_steps,
)

TODAY = date(2025, 6, 30)


def days(counts, goal=None, *, ending=TODAY):
    """Consecutive days ending the day before ``ending``, oldest first."""
    n = len(counts)
    return [StepDay(ending - timedelta(days=n - i), c, goal) for i, c in enumerate(counts)]


def test_without_step_counts_the_goal_starts_modestly():
    result = next_step_goal([], today=TODAY)
    assert (result.goal, result.change) == (3000, "start")
    assert "few days" in result.reason


def test_first_goal_is_the_usual_day_rounded_to_the_nearest_hundred():
    result = next_step_goal(days([4120, 3980, 5210, 4460, 2900]), today=TODAY)
    assert (result.goal, result.change) == (4100, "start")
    assert "about 4,120 steps" in result.reason


def test_first_goal_is_never_below_a_thousand():
    assert next_step_goal(days([300, 450, 500]), today=TODAY).goal == 1000


def test_goal_reached_on_most_days_rises_by_about_ten_percent():
    history = days([5200, 5100, 4000, 5600, 5050, 3000, 5000], goal=5000)
    result = next_step_goal(history, today=TODAY)
    assert (result.goal, result.change) == (5500, "raise")
    assert "5 of the last 7 days" in result.reason


def test_goal_reached_on_only_three_days_holds():
    history = days([5200, 5100, 4000, 5600, 4500, 3000, 4000], goal=5000)
    result = next_step_goal(history, today=TODAY)
    assert (result.goal, result.change) == (5000, "hold")
    assert "reach it on 4 days" in result.reason


def test_goal_never_rises_above_the_cap():
    history = days([9900] * 7, goal=9500)
    assert next_step_goal(history, today=TODAY).goal == 10_000
    at_cap = next_step_goal(days([11_000] * 7, goal=10_000), today=TODAY)
    assert (at_cap.goal, at_cap.change) == (10_000, "hold")


def test_a_clinician_can_set_a_lower_cap():
    history = days([7000] * 7, goal=6000)
    assert next_step_goal(history, today=TODAY, cap=6500).goal == 6500


def test_goal_is_reviewed_only_once_a_week():
    history = days([6000] * 10, goal=5000)[:-4] + days([6000] * 3, goal=5500)
    result = next_step_goal(history, today=TODAY)
    assert (result.goal, result.change) == (5500, "hold")
    assert "once a week" in result.reason


def test_goal_holds_for_two_weeks_after_a_flare_up():
    history = days([6000] * 14, goal=5000)
    held = next_step_goal(history, today=TODAY, flare_up_on=TODAY - timedelta(days=10))
    assert (held.goal, held.change) == (5000, "hold") and "flare-up" in held.reason
    later = next_step_goal(history, today=TODAY, flare_up_on=TODAY - timedelta(days=14))
    assert later.change == "raise"


def test_goal_far_out_of_reach_comes_down_to_the_usual_day():
    history = days([3000, 3200, 2800, 6100, 3100, 2900, 3000], goal=6000)
    result = next_step_goal(history, today=TODAY)
    assert (result.goal, result.change) == (3000, "lower")
    assert "out of reach" in result.reason


def test_too_few_counts_in_the_last_week_hold_the_goal():
    history = days([6000, 6000, 6000], goal=5000, ending=TODAY)
    old = days([5000] * 7, goal=5000, ending=TODAY - timedelta(days=3))
    result = next_step_goal(old + history, today=TODAY + timedelta(days=4))
    assert result.change == "hold" and "at least 4 days" in result.reason


def test_today_defaults_to_the_day_after_the_last_count():
    history = days([5200] * 7, goal=5000)
    assert next_step_goal(history) == next_step_goal(history, today=TODAY)


def test_a_later_entry_for_the_same_day_replaces_the_earlier_one():
    history = days([5200] * 7, goal=5000)
    corrected = [*history, StepDay(history[-1].on, 100, 5000), StepDay(history[-2].on, 100, 5000)]
    corrected += [StepDay(history[-3].on, 100, 5000), StepDay(history[-4].on, 100, 5000)]
    assert next_step_goal(corrected, today=TODAY).change == "hold"


@pytest.mark.parametrize("value", [-1, 100_001, 12.5, "9000", None, True])
def test_impossible_manual_counts_are_refused(value):
    with pytest.raises(InputError) as info:
        validate_steps(value)
    assert info.value.field == "steps"


def test_manual_entry_is_validated_with_its_day():
    entry = step_entry_from_dict({"on": "2025-06-29", "steps": 100_000}, today=TODAY)
    assert entry == StepDay(date(2025, 6, 29), 100_000)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"on": "2025-07-01", "steps": 5000}, "entry.on"),
        ({"on": "yesterday", "steps": 5000}, "entry.on"),
        ({"on": "2025-06-29", "steps": 250_000}, "entry.steps"),
        ({"on": "2025-06-29"}, "entry.steps"),
    ],
)
def test_bad_manual_entries_name_the_field(data, field):
    with pytest.raises(InputError) as info:
        step_entry_from_dict(data, today=TODAY)
    assert info.value.field == field
