"""Safety properties of every progression decision, for any item and logs (shipped library)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from spinewise.core import vocab
from spinewise.core.exercises import AMOUNT_BOUNDS, SETS_BOUNDS, load_library
from spinewise.core.model import ProgrammeItem, estimate_minutes
from spinewise.core.progression import EASY_RPE, SETTLE_MARGIN, ExerciseLog, progress_item

LIB = load_library()
EXERCISES = list(LIB)
BANDS = ("yellow", "red", "green", "blue")
DONE_KEY = {"reps": "reps_done", "hold": "hold_seconds_done", "breaths": "breaths_done"}
SETTINGS = settings(max_examples=150, deadline=None)


@st.composite
def items(draw):
    ex = draw(st.sampled_from(EXERCISES))
    level = draw(st.sampled_from(sorted(ex.doses)))
    dose = ex.doses[level]
    sets = draw(st.one_of(st.integers(dose.sets.low, dose.sets.high), st.integers(*SETS_BOUNDS)))
    amount = draw(
        st.one_of(
            st.integers(dose.amount.low, dose.amount.high),
            st.integers(*AMOUNT_BOUNDS[ex.tracking]),
        )
    )
    return ProgrammeItem(
        exercise_id=ex.id,
        level=level,
        sets=sets,
        rest_seconds=dose.rest_seconds,
        minutes=estimate_minutes(ex, sets, amount, dose.rest_seconds),
        reason="",
        band_level=draw(st.sampled_from(BANDS)) if ex.uses_band_level else None,
        locked=draw(st.booleans()),
        **{ex.amount_key: amount},
    )


@st.composite
def logs_for(draw, item):
    key = DONE_KEY[LIB.get(item.exercise_id).tracking]
    logs = []
    for _ in range(draw(st.integers(1, 4))):
        sets_done = draw(st.integers(0, item.sets + 1))
        done = tuple(draw(st.integers(0, item.amount + 3)) for _ in range(sets_done))
        logs.append(
            ExerciseLog(
                sets_done=sets_done,
                band_level=item.band_level,
                rpe=draw(st.integers(0, 10)),
                pain_during=draw(st.integers(0, 10)),
                pain_next_morning=draw(st.one_of(st.none(), st.integers(0, 10))),
                sharp_pain=draw(st.booleans()),
                **{key: done},
            )
        )
    return logs


@st.composite
def cases(draw):
    item = draw(items())
    return {
        "item": item,
        "logs": draw(logs_for(item)),
        "pain_ceiling": draw(st.integers(2, 7)),
        "baseline_pain": draw(st.one_of(st.none(), st.integers(0, 6))),
        "band_levels": BANDS,
        "equipment": draw(
            st.one_of(st.none(), st.lists(st.sampled_from(vocab.EQUIPMENT), unique=True))
        ),
        "conditions": draw(st.lists(st.sampled_from(vocab.CONTRAINDICATIONS), unique=True)),
    }


def decide(case):
    return progress_item(
        case["item"],
        case["logs"],
        pain_ceiling=case["pain_ceiling"],
        baseline_pain=case["baseline_pain"],
        band_levels=case["band_levels"],
        library=LIB,
        equipment=case["equipment"],
        conditions=case["conditions"],
    )


def not_harder(old: ProgrammeItem, new: ProgrammeItem | None) -> bool:
    if new is None:
        return True
    if new.exercise_id != old.exercise_id:
        return new.exercise_id in LIB.get(old.exercise_id).easier
    if vocab.LEVELS.index(new.level) > vocab.LEVELS.index(old.level):
        return False
    if new.sets > old.sets or new.amount > old.amount:
        return False
    if old.band_level in BANDS and new.band_level in BANDS:
        return BANDS.index(new.band_level) <= BANDS.index(old.band_level)
    return new.band_level == old.band_level


def completed(item: ProgrammeItem, log: ExerciseLog) -> bool:
    return log.sets_done >= item.sets and all(a >= item.amount for a in log.done[: item.sets])


@SETTINGS
@given(cases())
def test_the_dose_never_rises_when_pain_exceeded_the_ceiling(case):
    if case["logs"][-1].pain_during > case["pain_ceiling"]:
        assert not_harder(case["item"], decide(case).item)


@SETTINGS
@given(cases())
def test_never_harder_when_next_morning_pain_had_not_settled(case):
    morning, baseline = case["logs"][-1].pain_next_morning, case["baseline_pain"]
    if morning is not None and baseline is not None and morning >= baseline + SETTLE_MARGIN:
        assert not_harder(case["item"], decide(case).item)


@SETTINGS
@given(cases())
def test_never_harder_when_the_dose_was_not_completed(case):
    if not completed(case["item"], case["logs"][-1]):
        assert not_harder(case["item"], decide(case).item)


@SETTINGS
@given(cases())
def test_a_locked_item_never_changes(case):
    if case["item"].locked:
        result = decide(case)
        assert result.item == case["item"] and result.changes == ()
        assert result.decision == "hold"


@SETTINGS
@given(cases())
def test_sharp_pain_always_replaces_or_keeps_a_locked_item_and_alerts(case):
    if case["logs"][-1].sharp_pain:
        result = decide(case)
        assert result.alert_clinician
        if case["item"].locked:
            assert result.decision == "hold" and result.item == case["item"]
        else:
            assert result.decision == "replace"
            assert (
                result.item is None
                or result.item.exercise_id in LIB.get(case["item"].exercise_id).easier
            )


@SETTINGS
@given(cases())
def test_progress_only_after_an_easy_complete_session_within_the_pain_limit(case):
    result = decide(case)
    if result.decision == "progress":
        latest = case["logs"][-1]
        assert latest.pain_during <= case["pain_ceiling"] and latest.rpe <= EASY_RPE
        assert completed(case["item"], latest) and not latest.sharp_pain


@SETTINGS
@given(cases())
def test_a_new_exercise_always_suits_the_persons_conditions_and_equipment(case):
    new = decide(case).item
    if new is not None and new.exercise_id != case["item"].exercise_id:
        ex = LIB.get(new.exercise_id)
        assert not set(ex.contraindications) & set(case["conditions"])
        owned = case["equipment"]
        if owned is None:
            owned = LIB.get(case["item"].exercise_id).equipment
        assert set(ex.equipment) <= set(owned)
