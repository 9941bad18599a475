"""Properties: progression with the minutes available keeps a session within the person's time.

Sessions come from the planner (shipped library) for random profiles, with doses anywhere in
the allowed bounds, so tight and loose budgets, bands, holds and per-side exercises all occur.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from spinewise.core import vocab
from spinewise.core.exercises import AMOUNT_BOUNDS, SETS_BOUNDS, load_library
from spinewise.core.model import ProgrammeItem, estimate_minutes
from spinewise.core.planner import BUDGET_SLACK, plan_programme, profile_from_dict
from spinewise.core.progression import DONE_FOR, ExerciseLog, progress_item
from spinewise.core.session_time import minutes_available_for, session_minutes, within_limit
from tests.hypothesis_budget import examples

LIB = load_library()
BANDS = ("yellow", "red", "green", "blue")
DONE_KEY = DONE_FOR
SETTINGS = settings(max_examples=examples(150), deadline=None)
TODAY = date(2026, 12, 7)


@st.composite
def planned_sessions(draw):
    """A planned session and the person's minutes per session (10-60)."""
    minutes = draw(st.integers(10, 60))
    profile = profile_from_dict(
        {
            "regions": draw(st.lists(st.sampled_from(vocab.REGIONS), min_size=1, unique=True)),
            "equipment": draw(st.lists(st.sampled_from(vocab.EQUIPMENT), unique=True)),
            "band_levels": list(BANDS),
            "minutes_per_session": minutes,
            "level": draw(st.sampled_from(vocab.LEVELS)),
            "sessions_per_week": 1,
            "seed": draw(st.integers(0, 1000)),
        }
    )
    (session,) = plan_programme(profile, LIB).sessions
    return list(session.items), minutes


def redosed(draw, item: ProgrammeItem) -> ProgrammeItem:
    """``item`` at any dose within the bounds, as after weeks of progression."""
    ex = LIB.get(item.exercise_id)
    sets = draw(st.integers(*SETS_BOUNDS))
    amount = draw(st.integers(*AMOUNT_BOUNDS[ex.tracking]))
    minutes = estimate_minutes(ex, sets, amount, item.rest_seconds)
    return item.with_amount(ex, amount, sets=sets, minutes=minutes)


@st.composite
def sessions_within_time(draw):
    """A session within the person's minutes plus 5 %, some items at other doses."""
    items, minutes = draw(planned_sessions())
    for i in draw(st.sets(st.integers(0, len(items) - 1))):
        changed = [*items[:i], redosed(draw, items[i]), *items[i + 1 :]]
        if within_limit(changed, minutes):
            items = changed
    return items, minutes


def easy_log(item: ProgrammeItem, **changes) -> ExerciseLog:
    key = DONE_KEY[LIB.get(item.exercise_id).tracking]
    values = {
        "sets_done": item.sets,
        key: (item.amount,) * item.sets,
        "band_level": item.band_level,
        "rpe": 3,
        "pain_during": 1,
        "pain_next_morning": 1,
    }
    return ExerciseLog(**{**values, **changes})


def easy_logs(item: ProgrammeItem) -> list[ExerciseLog]:
    """Two easy sessions a week apart, the latest yesterday: the dose may step up today."""
    return [
        easy_log(item, performed_on=TODAY - timedelta(days=8)),
        easy_log(item, performed_on=TODAY - timedelta(days=1)),
    ]


@st.composite
def any_logs(draw, item: ProgrammeItem):
    key = DONE_KEY[LIB.get(item.exercise_id).tracking]
    logs = []
    count = draw(st.integers(1, 3))
    # Days before today of each session, oldest first, the latest 0-30 days ago: gaps occur.
    ago = sorted(draw(st.lists(st.integers(0, 30), min_size=count, max_size=count)), reverse=True)
    for days_ago in ago:
        sets_done = draw(st.integers(0, item.sets + 1))
        done = tuple(draw(st.integers(0, item.amount + 3)) for _ in range(sets_done))
        logs.append(
            easy_log(
                item,
                sets_done=sets_done,
                rpe=draw(st.integers(0, 10)),
                pain_during=draw(st.integers(0, 10)),
                pain_next_morning=draw(st.one_of(st.none(), st.integers(0, 10))),
                sharp_pain=draw(st.booleans()),
                performed_on=TODAY - timedelta(days=days_ago),
                **{key: done},
            )
        )
    return logs


def progressed(items, index, logs, minutes, **options):
    """The session after the engine decided item ``index`` with the minutes available."""
    item = items[index]
    result = progress_item(
        item,
        logs,
        band_levels=BANDS,
        library=LIB,
        minutes_available=minutes_available_for(item, items, minutes),
        today=TODAY,
        **options,
    )
    new_items = [*items[:index], result.item, *items[index + 1 :]]
    return result, [i for i in new_items if i is not None]


def smallest_easier_dose(old: ProgrammeItem, new: ProgrammeItem | None) -> bool:
    """The documented exception: an easier exercise, for safety, at its smallest dose."""
    if new is None or new.exercise_id == old.exercise_id:
        return False
    floor = AMOUNT_BOUNDS[LIB.get(new.exercise_id).tracking][0]
    return new.sets == 1 and new.amount == floor


@SETTINGS
@given(sessions_within_time(), st.data())
def test_an_easy_session_never_takes_the_session_past_the_persons_time(case, data):
    items, minutes = case
    index = data.draw(st.integers(0, len(items) - 1))
    _, after = progressed(items, index, easy_logs(items[index]), minutes)
    assert within_limit(after, minutes)


@SETTINGS
@given(sessions_within_time(), st.data())
def test_any_decision_keeps_the_session_within_the_persons_time(case, data):
    items, minutes = case
    index = data.draw(st.integers(0, len(items) - 1))
    logs = data.draw(any_logs(items[index]))
    conditions = data.draw(st.lists(st.sampled_from(vocab.CONTRAINDICATIONS), unique=True))
    result, after = progressed(items, index, logs, minutes, conditions=conditions)
    if not smallest_easier_dose(items[index], result.item):
        assert within_limit(after, minutes)


@settings(max_examples=examples(40), deadline=None)
@given(planned_sessions())
def test_months_of_easy_sessions_stay_within_the_persons_time(case):
    items, minutes = case
    for _ in range(30):
        for index in range(len(items)):
            _, items = progressed(items, index, easy_logs(items[index]), minutes)
    assert session_minutes(items) <= minutes * BUDGET_SLACK + 1e-9


@SETTINGS
@given(sessions_within_time(), st.data())
def test_a_step_that_fits_the_time_is_the_usual_step(case, data):
    items, minutes = case
    index = data.draw(st.integers(0, len(items) - 1))
    item = items[index]
    result, _ = progressed(items, index, easy_logs(item), minutes)
    unlimited = progress_item(item, easy_logs(item), band_levels=BANDS, library=LIB, today=TODAY)
    available = minutes_available_for(item, items, minutes)
    if unlimited.item is not None and unlimited.item.minutes <= available:
        assert result == unlimited
