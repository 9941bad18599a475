"""The workstation check turns answers into a score and a personal list of changes."""

from __future__ import annotations

import copy

import pytest
import yaml

from spinewise.core.errors import InputError, LibraryError
from spinewise.core.selfcare.workstation import (
    DEFAULT_CHECKLIST,
    compare_workstation,
    load_checklist_from,
    load_workstation_checklist,
    score_workstation,
)

CHECKLIST = load_workstation_checklist()
RAW = yaml.safe_load(DEFAULT_CHECKLIST.read_text())


def best_answers() -> dict[str, str]:
    return {q.id: max(q.choices, key=lambda c: c.points).id for q in CHECKLIST.questions}


def worst_answers() -> dict[str, str]:
    return {q.id: min(q.choices, key=lambda c: c.points).id for q in CHECKLIST.questions}


def test_checklist_covers_the_essentials_in_ten_to_twelve_questions():
    ids = {q.id for q in CHECKLIST.questions}
    assert 10 <= len(ids) <= 12
    essentials = {"screen_height", "chair", "feet", "hips_and_knees", "elbows"}
    assert essentials | {"lower_back_support", "laptop", "phone"} <= ids


def test_a_well_set_up_workstation_scores_full_marks_with_nothing_to_change():
    result = score_workstation(best_answers())
    assert result.score == 100
    assert result.changes == ()
    assert len(result.strengths) == len(CHECKLIST.questions)
    assert "looks good" in result.summary


def test_a_poor_set_up_gets_a_low_score_and_a_change_for_every_weak_answer():
    result = score_workstation(worst_answers())
    assert result.score < 30
    assert len(result.changes) == len(CHECKLIST.questions)
    assert all(c.why and c.how for c in result.changes)


def test_a_laptop_on_the_lap_suggests_raising_it():
    answers = {**best_answers(), "laptop": "as_it_is"}
    result = score_workstation(answers)
    assert [c.question_id for c in result.changes] == ["laptop"]
    assert "keyboard" in result.changes[0].how
    assert 75 <= result.score < 100


def test_the_biggest_gains_come_first():
    # A screen a little too high (1 point lost) comes before the checklist's later
    # dangling feet (2 points lost) in the form, but after them in the advice.
    answers = {**best_answers(), "screen_height": "too_high", "feet": "unsupported"}
    result = score_workstation(answers)
    assert [c.question_id for c in result.changes] == ["feet", "screen_height"]


def test_the_score_is_the_share_of_the_best_possible_points():
    answers = {**best_answers(), "feet": "unsupported"}
    best = sum(q.max_points for q in CHECKLIST.questions)
    assert score_workstation(answers).score == round(100 * (best - 2) / best)


def test_an_unanswered_question_is_named():
    answers = best_answers()
    del answers["feet"]
    with pytest.raises(InputError) as info:
        score_workstation(answers)
    assert (info.value.field, info.value.problem) == ("answers.feet", "please answer this question")


def test_an_unknown_choice_is_named_with_the_allowed_ones():
    with pytest.raises(InputError) as info:
        score_workstation({**best_answers(), "feet": "on_the_desk"})
    assert info.value.field == "answers.feet" and "flat" in info.value.problem


def test_an_unknown_question_is_named():
    with pytest.raises(InputError) as info:
        score_workstation({**best_answers(), "lighting": "dim"})
    assert info.value.field == "answers.lighting"


def test_comparison_shows_what_improved():
    before = score_workstation({**best_answers(), "laptop": "as_it_is", "feet": "unsupported"})
    after = score_workstation({**best_answers(), "feet": "unsupported"})
    comparison = compare_workstation(before, after)
    assert [a.question_id for a in comparison.improved] == ["laptop"]
    assert comparison.worsened == ()
    assert comparison.score_change == after.score - before.score > 0
    assert [c.question_id for c in comparison.still_to_do] == ["feet"]
    assert comparison.summary.startswith("Well done")


def test_comparison_shows_what_slipped():
    before = score_workstation(best_answers())
    after = score_workstation({**best_answers(), "sitting_time": "over_an_hour"})
    comparison = compare_workstation(before, after)
    assert comparison.improved == ()
    (slipped,) = comparison.worsened
    assert (slipped.before, slipped.after) == ("Less than 30 minutes", "More than an hour")
    assert comparison.score_change < 0


def test_changing_between_equally_good_answers_is_neither_better_nor_worse():
    before = score_workstation({**best_answers(), "feet": "flat"})
    after = score_workstation({**best_answers(), "feet": "footrest"})
    comparison = compare_workstation(before, after)
    assert (comparison.improved, comparison.worsened) == ((), ())


def write_checklist(tmp_path, raw):
    path = tmp_path / "workstation.yaml"
    path.write_text(yaml.safe_dump(raw))
    return path


def test_a_weak_choice_without_advice_is_refused(tmp_path):
    raw = copy.deepcopy(RAW)
    del raw["questions"][0]["choices"][2]["change"]
    with pytest.raises(LibraryError) as info:
        load_checklist_from(write_checklist(tmp_path, raw))
    assert info.value.source == "workstation.yaml"
    assert info.value.field == "questions[0].choices[2].change"


def test_a_best_choice_with_advice_is_refused(tmp_path):
    raw = copy.deepcopy(RAW)
    raw["questions"][0]["choices"][0]["change"] = {"title": "t", "why": "w", "how": "h"}
    with pytest.raises(LibraryError) as info:
        load_checklist_from(write_checklist(tmp_path, raw))
    assert info.value.field == "questions[0].choices[0].change"


def test_out_of_range_points_are_refused(tmp_path):
    raw = copy.deepcopy(RAW)
    raw["questions"][1]["choices"][0]["points"] = 5
    with pytest.raises(LibraryError) as info:
        load_checklist_from(write_checklist(tmp_path, raw))
    assert info.value.field == "questions[1].choices[0].points"


def test_the_form_lists_questions_in_order_without_the_scoring():
    form = CHECKLIST.to_dict()
    assert [q["id"] for q in form["questions"]] == [q.id for q in CHECKLIST.questions]
    assert set(form["questions"][0]["choices"][0]) == {"id", "label"}
