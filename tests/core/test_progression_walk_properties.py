"""Properties of a person's sessions over time: a pure walk through the progression engine.

Each walk starts an exercise of the shipped library at its entry dose and logs random
sessions on random increasing dates (random effort, pain during, next-morning pain or a
missing morning check, the dose finished or not, now and then sharp pain). After each
session the engine decides with the logs since the dose last changed, the earlier logs of
the exercise, today = the day after the session and ``last_changed_on`` when the walk keeps
track of it; the new item is then the programme's. The rules (CLINICAL.md section 4) are
checked on the whole walk.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from spinewise.core.exercises import load_library
from spinewise.core.model import ProgrammeItem
from spinewise.core.planning_rules import starting_item
from spinewise.core.progression import (
    DONE_FOR,
    EASY_RPE,
    FLARE_COUNT,
    FLARE_PAIN,
    FLARE_SESSIONS,
    GAP_RESTART_DAYS,
    QUALIFYING_SESSIONS,
    STEP_DAYS,
    ExerciseLog,
    Progression,
    progress_item,
)
from tests.hypothesis_budget import examples

LIB = load_library()
EXERCISES = list(LIB)
BANDS = ("yellow", "red", "green", "blue")
DONE_KEY = DONE_FOR
START = date(2026, 1, 5)
WALKS = settings(max_examples=examples(150), deadline=None)


@dataclass(frozen=True)
class Session:
    """One session as the person lived it, before it meets a dose."""

    days_after: int  # days since the session before (the first: since START)
    finished: bool
    rpe: int
    pain_during: int
    pain_next_morning: int | None
    sharp_pain: bool


@dataclass(frozen=True)
class Step:
    """One decision of the walk: what the engine was given and what it said."""

    item: ProgrammeItem
    logs: tuple[ExerciseLog, ...]  # at the current dose, the latest last
    earlier: tuple[ExerciseLog, ...]
    today: date
    last_changed_on: date | None
    result: Progression

    @property
    def every(self) -> tuple[ExerciseLog, ...]:
        return (*self.earlier, *self.logs)


@dataclass(frozen=True)
class Person:
    exercise_id: str
    level: str
    pain_ceiling: int
    usual_pain: int | None
    tracks_changes: bool  # the app remembers when the dose last changed
    sessions: tuple[Session, ...]


few_days = st.integers(1, 4)
days_apart = st.one_of(few_days, few_days, few_days, st.integers(1, 9), st.integers(10, 40))
pains = st.one_of(st.integers(0, 3), st.integers(0, 10))
any_session = st.builds(
    Session,
    days_after=days_apart,
    finished=st.sampled_from((True, True, True, False)),
    rpe=st.one_of(st.integers(0, EASY_RPE), st.integers(0, 10)),
    pain_during=pains,
    pain_next_morning=st.one_of(st.none(), pains, pains),
    sharp_pain=st.integers(0, 24).map(lambda n: n == 0),
)
good_session = st.builds(
    Session,
    days_after=days_apart,
    finished=st.just(True),
    rpe=st.integers(0, EASY_RPE),
    pain_during=st.integers(0, 3),
    pain_next_morning=st.integers(0, 2),
    sharp_pain=st.just(False),
)
# Mostly good sessions, so that steps up happen and the rules around them are tested.
sessions = st.one_of(good_session, good_session, any_session)


@st.composite
def people(draw) -> Person:
    ex = draw(st.sampled_from(EXERCISES))
    return Person(
        exercise_id=ex.id,
        level=draw(st.sampled_from(sorted(ex.doses))),
        pain_ceiling=draw(st.integers(3, 6)),
        usual_pain=draw(st.one_of(st.none(), st.integers(1, 4), st.integers(0, 4))),
        tracks_changes=draw(st.booleans()),
        sessions=tuple(draw(st.lists(sessions, min_size=4, max_size=25))),
    )


def log_of(item: ProgrammeItem, session: Session, day: date) -> ExerciseLog:
    """The session at ``item``'s dose: every set in full, or one set short."""
    sets = item.sets if session.finished else item.sets - 1
    done = (item.amount,) * sets
    if sets == 0:  # a single set, not finished
        sets, done = 1, (max(item.amount - 2, 0),)
    return ExerciseLog(
        sets_done=sets,
        band_level=item.band_level,
        rpe=session.rpe,
        pain_during=session.pain_during,
        pain_next_morning=session.pain_next_morning,
        sharp_pain=session.sharp_pain,
        performed_on=day,
        **{DONE_KEY[LIB.get(item.exercise_id).tracking]: done},
    )


def walk(person: Person) -> list[Step]:
    ex = LIB.get(person.exercise_id)
    item: ProgrammeItem | None = starting_item(
        ex, person.level, ex.doses[person.level], "", BANDS[0]
    )
    logs: list[ExerciseLog] = []
    earlier: list[ExerciseLog] = []
    changed: date | None = None
    day = START
    steps: list[Step] = []
    for session in person.sessions:
        if item is None:  # removed from the programme
            break
        day += timedelta(days=session.days_after)
        logs.append(log_of(item, session, day))
        today = day + timedelta(days=1)
        known = changed if person.tracks_changes else None
        result = progress_item(
            item,
            logs,
            earlier_logs=earlier,
            today=today,
            last_changed_on=known,
            pain_ceiling=person.pain_ceiling,
            usual_pain=person.usual_pain,
            band_levels=BANDS,
            library=LIB,
        )
        steps.append(Step(item, tuple(logs), tuple(earlier), today, known, result))
        if result.item != item:
            same_exercise = result.item is not None and result.item.exercise_id == item.exercise_id
            earlier = [*earlier, *logs] if same_exercise else []
            logs, changed, item = [], today, result.item
    return steps


def qualifies(person: Person, item: ProgrammeItem, log: ExerciseLog) -> bool:
    """The session met every rule with easy effort at ``item``'s dose."""
    morning, usual = log.pain_next_morning, person.usual_pain
    return (
        not log.sharp_pain
        and log.pain_during <= person.pain_ceiling
        and log.rpe <= EASY_RPE
        and log.sets_done >= item.sets
        and all(amount >= item.amount for amount in log.done[: item.sets])
        and morning is not None
        and morning <= person.pain_ceiling
        and (usual is None or morning <= usual + 1)
    )


def flare_pattern(logs: tuple[ExerciseLog, ...]) -> bool:
    recent = logs[-FLARE_SESSIONS:]
    worst = [max(log.pain_during, log.pain_next_morning or 0) for log in recent]
    return sum(pain >= FLARE_PAIN for pain in worst) >= FLARE_COUNT


@WALKS
@given(people())
def test_a_step_up_needs_the_last_two_sessions_at_this_dose_to_qualify(person):
    for step in walk(person):
        if step.result.decision == "progress":
            last_two = step.logs[-QUALIFYING_SESSIONS:]
            assert len(last_two) == QUALIFYING_SESSIONS
            assert all(qualifies(person, step.item, log) for log in last_two)


@WALKS
@given(people())
def test_at_most_one_step_up_per_exercise_in_any_7_days(person):
    ups: dict[str, list[date]] = {}
    for step in walk(person):
        if step.result.decision == "progress":
            ups.setdefault(step.item.exercise_id, []).append(step.today)
    for days in ups.values():
        assert all((b - a).days >= STEP_DAYS for a, b in zip(days, days[1:], strict=False)), days


@WALKS
@given(people())
def test_no_step_up_without_a_next_morning_check(person):
    for step in walk(person):
        if step.logs[-1].pain_next_morning is None:
            assert step.result.decision != "progress"


@WALKS
@given(people())
def test_a_flare_up_never_steps_up_and_pauses_with_the_clinician_told(person):
    for step in walk(person):
        if flare_pattern(step.every):
            assert step.result.decision != "progress"
            if not step.logs[-1].sharp_pain:  # sharp pain replaces the exercise first
                assert step.result.decision == "pause" and step.result.alert_clinician
                assert step.result.flare_up


@WALKS
@given(people())
def test_a_gap_of_28_days_or_more_never_leads_to_a_step_up(person):
    for step in walk(person):
        days = [log.performed_on for log in step.every[-2:]]
        if len(days) == 2 and days[0] and days[1] and (days[1] - days[0]).days >= GAP_RESTART_DAYS:
            result = step.result
            assert result.decision != "progress"
            if result.decision == "regress":
                assert "starts again at its starting dose" in result.reason


@WALKS
@given(people())
def test_a_walk_of_good_sessions_climbs_one_step_a_week(person):
    """Every session good and a few days apart: the dose steps up, at most once in 7 days."""
    good = replace(
        person,
        usual_pain=2,
        sessions=tuple(
            Session(
                days_after=1 + i % 3,
                finished=True,
                rpe=3,
                pain_during=1,
                pain_next_morning=2,
                sharp_pain=False,
            )
            for i in range(len(person.sessions))
        ),
    )
    steps = walk(good)
    ups = [step.today for step in steps if step.result.decision == "progress"]
    assert all((b - a).days >= STEP_DAYS for a, b in zip(ups, ups[1:], strict=False))
    assert {step.result.decision for step in steps} <= {"progress", "hold"}
    span = (steps[-1].today - steps[0].today).days
    if span >= 2 * STEP_DAYS and "reached the top" not in steps[-1].result.reason:
        assert ups, [step.result.reason for step in steps]
