"""A daily step goal that grows gradually, in the spirit of selfBACK.

The first goal is the person's usual day (median of recent counts). Once a
week it is reviewed: reached on at least 4 of the last 7 days, it rises by about
10 % (capped); far out of reach, it comes down to their usual day; otherwise, or
within two weeks of a flare-up, it holds.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ._fields import Fields, check_int

STEPS_BOUNDS = (0, 100_000)
MIN_GOAL = 1_000
DEFAULT_CAP = 10_000
CAP_BOUNDS = (MIN_GOAL, 30_000)
START_GOAL = 3_000
RAISE = 0.10
REVIEW_DAYS = 7
MET_DAYS_TO_RAISE = 4
MIN_DAYS_TO_REVIEW = 4
MIN_DAYS_TO_START = 3
START_WINDOW_DAYS = 14
FLARE_HOLD_DAYS = 14
# Reached on at most one day and the usual day under 3/4 of the goal: out of reach.
OUT_OF_REACH = 0.75


@dataclass(frozen=True)
class StepDay:
    """Steps counted on one day (0-100,000) and the goal that applied, if any."""

    on: date
    steps: int
    goal: int | None = None


@dataclass(frozen=True)
class StepGoal:
    """Today's goal in steps. ``change`` is ``start``, ``raise``, ``hold`` or ``lower``."""

    goal: int
    reason: str
    change: str

    def to_dict(self) -> dict[str, Any]:
        return {"goal": self.goal, "reason": self.reason, "change": self.change}


def _round100(value: float) -> int:
    return int(round(value / 100) * 100)


def _fmt(steps: float) -> str:
    return f"{int(steps):,}"


def next_step_goal(
    history: Sequence[StepDay],
    *,
    today: date | None = None,
    flare_up_on: date | None = None,
    cap: int = DEFAULT_CAP,
) -> StepGoal:
    """The step goal for ``today`` (default: the day after the last entry).

    ``history`` holds daily counts (one per day; a later entry for the same day
    wins) with the goal each day had. ``flare_up_on`` holds the goal for 14 days.
    ``cap`` (1,000-30,000) is the highest goal ever set.
    """
    cap = check_int(cap, *CAP_BOUNDS, "cap")
    by_day = {d.on: d for d in history}
    if not by_day:
        return _first_goal([], cap)
    if today is None:
        today = max(by_day) + timedelta(days=1)
    past = [by_day[d] for d in sorted(by_day) if d < today]
    current = next((d.goal for d in reversed(past) if d.goal is not None), None)
    if current is None:
        start = today - timedelta(days=START_WINDOW_DAYS)
        return _first_goal([d.steps for d in past if d.on >= start], cap)
    since = _goal_since(past, current)
    if (today - since).days < REVIEW_DAYS:
        return StepGoal(
            current,
            f"Your goal was set on {since.day} {since:%B}; we review it once a week.",
            "hold",
        )
    if flare_up_on is not None and 0 <= (today - flare_up_on).days < FLARE_HOLD_DAYS:
        return StepGoal(
            current,
            "After your recent flare-up we are keeping your goal steady for a while. "
            "Walking at your own pace still helps.",
            "hold",
        )
    return _review(past, today, current, cap)


def _goal_since(past: list[StepDay], current: int) -> date:
    """The first day of the latest unbroken run of days with the ``current`` goal."""
    since = past[-1].on
    for day in reversed(past):
        if day.goal is not None and day.goal != current:
            break
        if day.goal == current:
            since = day.on
    return since


def _first_goal(recent: list[int], cap: int) -> StepGoal:
    if len(recent) < MIN_DAYS_TO_START:
        return StepGoal(
            min(START_GOAL, cap),
            "Log your steps for a few days and we will set a goal that suits you. "
            f"Until then, aim for about {_fmt(min(START_GOAL, cap))} steps.",
            "start",
        )
    usual = statistics.median(recent)
    goal = max(MIN_GOAL, min(cap, _round100(usual)))
    return StepGoal(
        goal,
        f"Your usual day is about {_fmt(usual)} steps, so your first goal is "
        f"{_fmt(goal)}. We will raise it gently as you reach it.",
        "start",
    )


def _review(past: list[StepDay], today: date, current: int, cap: int) -> StepGoal:
    week_start = today - timedelta(days=REVIEW_DAYS)
    week = [d for d in past if d.on >= week_start]
    if len(week) < MIN_DAYS_TO_REVIEW:
        return StepGoal(
            current,
            f"We need step counts on at least {MIN_DAYS_TO_REVIEW} days of the last week "
            "to review your goal, so it stays the same for now.",
            "hold",
        )
    met = sum(d.steps >= (d.goal if d.goal is not None else current) for d in week)
    usual = statistics.median(d.steps for d in week)
    if met >= MET_DAYS_TO_RAISE:
        if current >= cap:
            return StepGoal(
                current,
                f"You reached your goal on {met} of the last {len(week)} days and you are at "
                f"the top goal of {_fmt(cap)} steps. Well done: keep it going.",
                "hold",
            )
        raised = min(cap, max(current + 100, _round100(current * (1 + RAISE))))
        return StepGoal(
            raised,
            f"You reached your goal on {met} of the last {len(week)} days, so it goes up "
            f"by about 10% to {_fmt(raised)} steps.",
            "raise",
        )
    if met <= 1 and usual < OUT_OF_REACH * current:
        lowered = max(MIN_GOAL, _round100(usual))
        if lowered < current:
            return StepGoal(
                lowered,
                f"Your goal has been out of reach lately, so we have set it closer to your "
                f"usual day: {_fmt(lowered)} steps. Reaching it often matters more than a "
                "big number.",
                "lower",
            )
    return StepGoal(
        current,
        f"You reached your goal on {met} of the last {len(week)} days. It stays at "
        f"{_fmt(current)} for another week; reach it on {MET_DAYS_TO_RAISE} days and it "
        "will go up.",
        "hold",
    )


def validate_steps(value: Any, field: str = "steps") -> int:
    """A manually entered step count: a whole number 0-100,000."""
    return check_int(value, *STEPS_BOUNDS, field)


def step_entry_from_dict(data: Any, today: date, prefix: str = "entry.") -> StepDay:
    """Validate a manual entry ``{"on": "YYYY-MM-DD", "steps": 0-100000}``; the day may
    not be after ``today``."""
    f = Fields(data, prefix)
    f.exact_keys(("on", "steps"))
    on = f.day("on")
    if on > today:
        raise f.error("on", "cannot be in the future")
    return StepDay(on, validate_steps(f.raw.get("steps"), f"{prefix}steps"))
