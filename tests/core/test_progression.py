"""The progression engine follows the pain-monitoring model and double progression."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from spinewise.core.errors import InputError
from spinewise.core.model import ProgrammeItem, estimate_minutes
from spinewise.core.progression import DONE_FOR, ExerciseLog, progress_item

from .synthetic import exercise, library, rich_library

LIB = rich_library()
BANDS = ("yellow", "red", "green")


def item(ex_id: str, *, sets: int = 1, level: str = "beginner", **fields) -> ProgrammeItem:
    ex = LIB.get(ex_id)
    amount = fields.pop("amount", ex.dose_for(level).amount.low if ex.dose_for(level) else 8)
    return ProgrammeItem(
        exercise_id=ex_id,
        level=level,
        sets=sets,
        rest_seconds=30,
        minutes=estimate_minutes(ex, sets, amount, 30),
        reason="Because.",
        **{ex.amount_key: amount},
        **fields,
    )


def done(it: ProgrammeItem, lib=LIB, **fields) -> ExerciseLog:
    """A log of ``it`` done in full, easy effort, little pain (override with ``fields``)."""
    key = DONE_FOR[lib.get(it.exercise_id).tracking]
    values = {
        "sets_done": it.sets,
        key: (it.amount,) * it.sets,
        "band_level": it.band_level,
        "rpe": 4,
        "pain_during": 2,
        "pain_next_morning": 2,
    }
    values.update(fields)
    return ExerciseLog(**values)


TODAY = date(2026, 12, 7)


def dated(logs, today=TODAY):
    """The logs a week apart, the latest yesterday: far enough apart for a step up (the dose
    has been the same for 7 days), close enough for no gap."""
    n = len(logs)
    return [
        replace(log, performed_on=today - timedelta(days=1 + 7 * (n - 1 - i)))
        if log.performed_on is None
        else log
        for i, log in enumerate(logs)
    ]


def decide(it: ProgrammeItem, *logs: ExerciseLog, lib=LIB, **options):
    """Decide with ``logs`` dated a week apart; a single log follows one good session (a step
    up needs two in a row), and no logs means two good sessions."""
    given = list(logs) or [done(it, lib)]
    if len(given) == 1:
        given.insert(0, done(it, lib))
    options.setdefault("today", TODAY)
    return progress_item(it, dated(given, options["today"]), library=lib, **options)


# --- stepping up --------------------------------------------------------------------------


def test_easy_painless_session_adds_two_reps():
    result = decide(item("dead-bug", amount=8))
    assert (result.decision, result.item.reps, result.changes) == (
        "progress",
        10,
        ("reps 8 -> 10",),
    )


def test_reps_never_go_past_the_top_of_the_range():
    assert decide(item("dead-bug", amount=11)).item.reps == 12


def test_at_the_top_of_the_reps_a_set_is_added_back_at_the_bottom():
    result = decide(item("dead-bug", amount=12))
    assert (result.item.sets, result.item.reps) == (2, 8)


def test_at_the_top_of_reps_and_sets_the_next_band_starts_at_the_bottom():
    it = item("band-row", sets=2, amount=12, band_level="red")
    result = decide(it, band_levels=BANDS)
    assert (result.item.band_level, result.item.sets, result.item.reps) == ("green", 1, 8)
    assert "band red -> green" in result.changes


def test_after_the_last_band_comes_the_harder_variation_at_the_bottom():
    result = decide(item("shoulder-squeeze", sets=2, amount=12))
    assert (result.decision, result.item.exercise_id) == ("progress", "prone-ytw")
    assert (result.item.sets, result.item.reps) == (1, 8)


def test_a_harder_variation_ruled_out_by_a_condition_is_not_offered():
    result = decide(item("shoulder-squeeze", sets=2, amount=12), conditions=["pregnancy"])
    assert result.item.exercise_id == "shoulder-squeeze"
    assert result.item.level == "intermediate"


def test_a_harder_variation_needs_equipment_the_person_has():
    lib = library(
        exercise("wall-row", "strength", harder=("db-row",)),
        exercise("db-row", "strength", equipment=("dumbbell",), easier=("wall-row",)),
    )
    it = ProgrammeItem("wall-row", "intermediate", 3, 30, 1.0, "", reps=12)
    log = done(it, lib)
    assert decide(it, log, lib=lib).item.exercise_id == "wall-row"
    assert decide(it, log, lib=lib, equipment=[]).item.exercise_id == "wall-row"
    assert decide(it, log, lib=lib, equipment=["dumbbell"]).item.exercise_id == "db-row"


def test_at_the_very_top_with_nothing_harder_the_dose_holds():
    it = item("glute-bridge", level="intermediate", sets=3, amount=12)
    result = decide(it)
    assert result.decision == "hold" and result.item == it


def test_holds_climb_the_ladder_of_seconds():
    steps = [20]
    it = item("plank-knees", amount=20)
    for _ in range(3):
        it = decide(it).item
        steps.append(it.hold_seconds)
    assert steps == [20, 30, 45, 60]


def test_at_the_longest_hold_another_hold_is_added():
    result = decide(item("plank-knees", amount=60))
    assert (result.item.sets, result.item.hold_seconds) == (2, 20)


def test_breathing_adds_two_breaths():
    assert decide(item("paced-breathing", amount=6)).item.breaths == 8


def test_new_dose_has_its_minutes_recalculated():
    result = decide(item("dead-bug", amount=8))
    assert result.item.minutes == estimate_minutes(LIB.get("dead-bug"), 1, 10, 30)


def test_effort_of_five_still_progresses():
    it = item("dead-bug")
    assert decide(it, done(it, rpe=5)).decision == "progress"


# --- holding --------------------------------------------------------------------------------


def test_no_logs_holds_the_dose():
    it = item("dead-bug")
    result = progress_item(it, [], library=LIB)
    assert (result.decision, result.item) == ("hold", it)


def test_hard_effort_holds_the_dose():
    it = item("dead-bug")
    result = decide(it, done(it, rpe=7))
    assert result.decision == "hold" and result.item == it and "7/10" in result.reason


def test_an_unfinished_set_holds_the_dose():
    it = item("dead-bug", sets=2, amount=10)
    result = decide(it, done(it, reps_done=(10, 7)))
    assert result.decision == "hold" and result.item == it


def test_fewer_sets_than_prescribed_holds_the_dose():
    it = item("dead-bug", sets=2, amount=10)
    assert decide(it, done(it, sets_done=1, reps_done=(10,))).decision == "hold"


def test_using_an_easier_band_than_prescribed_holds_the_dose():
    it = item("band-row", band_level="red")
    assert decide(it, done(it, band_level="yellow"), band_levels=BANDS).decision == "hold"


def test_pain_rising_session_on_session_holds_the_dose():
    it = item("dead-bug")
    logs = [done(it, pain_during=p) for p in (1, 2, 3)]
    result = decide(it, *logs)
    assert result.decision == "hold" and "rising" in result.reason


def test_a_two_point_jump_in_pain_holds_the_dose():
    it = item("dead-bug")
    assert decide(it, done(it, pain_during=1), done(it, pain_during=3)).decision == "hold"


def test_next_morning_pain_rising_twice_holds_the_dose():
    it = item("dead-bug")
    logs = [done(it, pain_next_morning=p) for p in (1, 2, 3)]
    assert decide(it, *logs, usual_pain=3).decision == "hold"


# --- stepping back --------------------------------------------------------------------------


def test_pain_above_the_ceiling_steps_the_reps_back():
    it = item("dead-bug", amount=10)
    result = decide(it, done(it, pain_during=6))
    assert (result.decision, result.item.reps) == ("regress", 8)
    assert "6/10" in result.reason and "5/10" in result.reason


def test_pain_at_the_ceiling_is_acceptable():
    it = item("dead-bug", amount=10)
    steady = [done(it, pain_during=5), done(it, pain_during=5)]
    assert decide(it, *steady).decision == "progress"


def test_a_clinicians_lower_ceiling_is_respected():
    it = item("dead-bug", amount=10)
    assert decide(it, done(it, pain_during=4), pain_ceiling=3).decision == "regress"


def test_next_morning_pain_two_above_baseline_steps_back():
    it = item("dead-bug", amount=10)
    result = decide(it, done(it, pain_next_morning=5), usual_pain=3)
    assert result.decision == "regress" and "had not settled" in result.reason


def test_next_morning_pain_one_above_baseline_has_settled_enough():
    it = item("dead-bug", amount=10)
    steady = [done(it, pain_next_morning=4), done(it, pain_next_morning=4)]
    assert decide(it, *steady, usual_pain=3).decision == "progress"


def test_without_a_baseline_earlier_mornings_stand_in():
    it = item("dead-bug", amount=10)
    logs = [done(it, pain_next_morning=2), done(it, pain_next_morning=4)]
    assert decide(it, *logs).decision == "regress"


def test_at_the_bottom_of_the_reps_a_set_is_taken_away():
    it = item("dead-bug", sets=2, amount=8)
    result = decide(it, done(it, pain_during=7))
    assert (result.item.sets, result.item.reps) == (1, 8)


def test_at_the_bottom_of_the_range_the_band_steps_down():
    it = item("band-row", amount=8, band_level="red")
    result = decide(it, done(it, pain_during=7), band_levels=BANDS)
    assert (result.decision, result.item.band_level) == ("regress", "yellow")


def test_at_the_bottom_with_the_easiest_band_the_easier_variation_takes_over():
    it = item("prone-ytw", amount=8)
    result = decide(it, done(it, pain_during=7))
    assert (result.decision, result.item.exercise_id) == ("regress", "shoulder-squeeze")


def test_with_nothing_easier_the_dose_goes_below_the_range():
    it = item("glute-bridge", amount=8)
    assert decide(it, done(it, pain_during=7)).item.reps == 6


def test_at_the_smallest_possible_dose_the_exercise_is_removed_with_an_alert():
    it = item("glute-bridge", amount=1)
    result = decide(it, done(it, pain_during=7))
    assert (result.decision, result.item, result.alert_clinician) == ("replace", None, True)


def test_three_unfinished_sessions_in_a_row_step_back():
    it = item("dead-bug", amount=10)
    logs = [done(it, reps_done=(7,)) for _ in range(3)]
    assert decide(it, *logs).decision == "regress"


def test_holds_step_back_down_the_ladder():
    it = item("plank-knees", amount=45)
    assert decide(it, done(it, pain_during=8)).item.hold_seconds == 30


# --- sharp pain, locks and unsuitable exercises ---------------------------------------------


def test_sharp_pain_replaces_with_an_easier_exercise_and_alerts():
    it = item("dead-bug")
    result = decide(it, done(it, sharp_pain=True))
    assert (result.decision, result.item.exercise_id, result.alert_clinician) == (
        "replace",
        "ta-activation",
        True,
    )
    assert "sharp pain" in result.reason


def test_sharp_pain_skips_an_easier_exercise_the_person_may_not_do():
    lib = library(
        exercise("kneel", "core", contraindications=("knee_pain",), harder=("stand",)),
        exercise("sit", "core", harder=("stand",)),
        exercise("stand", "core", easier=("kneel", "sit")),
    )
    it = ProgrammeItem("stand", "beginner", 1, 30, 1.0, "", reps=8)
    result = decide(it, done(it, lib, sharp_pain=True), lib=lib, conditions=["knee_pain"])
    assert result.item.exercise_id == "sit"


def test_sharp_pain_with_nothing_easier_removes_the_exercise_and_alerts():
    it = item("ta-activation")
    result = decide(it, done(it, sharp_pain=True))
    assert (result.decision, result.item, result.alert_clinician) == ("replace", None, True)


def test_a_locked_item_never_changes_however_easy():
    it = item("dead-bug", locked=True)
    result = decide(it)
    assert (result.decision, result.item, result.changes) == ("hold", it, ())


def test_a_locked_item_with_sharp_pain_stays_but_alerts_and_says_it_is_locked():
    it = item("dead-bug", locked=True)
    result = decide(it, done(it, sharp_pain=True))
    assert (result.item, result.alert_clinician) == (it, True)
    assert "locked" in result.reason


def test_a_locked_item_with_pain_over_the_ceiling_stays_and_alerts():
    it = item("dead-bug", locked=True)
    result = decide(it, done(it, pain_during=8))
    assert (result.decision, result.item, result.alert_clinician) == ("hold", it, True)


def test_an_exercise_ruled_out_by_a_new_condition_is_replaced_with_an_alert():
    it = item("curl-up")
    result = decide(it, conditions=["osteoporosis"])
    assert (result.decision, result.item.exercise_id, result.alert_clinician) == (
        "replace",
        "dead-bug",
        True,
    )


def test_an_exercise_needing_missing_equipment_is_replaced():
    it = item("band-row", band_level="red")
    result = decide(it, equipment=[])
    assert result.decision == "replace" and result.item is None and not result.alert_clinician


# --- input checks and output ------------------------------------------------------------


def test_a_log_for_the_wrong_kind_of_dose_names_the_field():
    it = item("dead-bug")
    log = ExerciseLog(sets_done=1, hold_seconds_done=(20,), rpe=3, pain_during=1)
    with pytest.raises(InputError) as info:
        progress_item(it, [done(it), log], library=LIB)
    assert info.value.field == "logs[1].hold_seconds_done"


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"pain_ceiling": 11}, "pain_ceiling"),
        ({"usual_pain": -1}, "usual_pain"),
        ({"conditions": ["flu"]}, "conditions[0]"),
        ({"equipment": ["kettlebell"]}, "equipment[0]"),
        ({"band_levels": "red"}, "band_levels"),
        ({"band_levels": ["red", "red"]}, "band_levels[1]"),
    ],
)
def test_bad_options_name_the_field(options, field):
    with pytest.raises(InputError) as info:
        decide(item("dead-bug"), **options)
    assert info.value.field == field


def test_unknown_exercise_names_the_item_field():
    with pytest.raises(InputError) as info:
        progress_item(ProgrammeItem("nope", "beginner", 1, 30, 1.0, "", reps=8), [], library=LIB)
    assert info.value.field == "item.exercise_id"


def test_progression_as_dict_carries_decision_item_reason_alert_and_changes():
    data = decide(item("dead-bug", amount=8)).to_dict()
    assert data["decision"] == "progress" and data["item"]["reps"] == 10
    assert data["changes"] == ["reps 8 -> 10"] and data["alert_clinician"] is False
    assert data["reason"]
