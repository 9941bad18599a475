"""Bad screening answers are refused with an error naming the answer id; the schema."""

from __future__ import annotations

import pytest

from spinewise.core import vocab
from spinewise.core.errors import InputError
from spinewise.core.screening import question_groups, question_schema, screen
from spinewise.core.screening_data import load_screening

BASE = {"age": 35, "regions": ["lower_back"], "pain_now": 4}


def error_for(answers) -> InputError:
    with pytest.raises(InputError) as info:
        screen(answers)
    return info.value


def test_unknown_answer_id_is_named():
    err = error_for({**BASE, "sadle_numbness": True})
    assert (err.field, err.problem) == ("sadle_numbness", "is not a screening question id")


@pytest.mark.parametrize("missing", ["age", "regions", "pain_now"])
def test_missing_required_answer_is_named(missing):
    answers = {k: v for k, v in BASE.items() if k != missing}
    err = error_for(answers)
    assert err.field == missing
    assert err.problem.startswith("is required")


def test_null_required_answer_counts_as_missing():
    err = error_for({**BASE, "pain_now": None})
    assert err.field == "pain_now" and "required" in err.problem


@pytest.mark.parametrize("text", ["yes", "true", "no"])
def test_yes_no_answer_given_as_text_is_refused(text):
    err = error_for({**BASE, "fever_or_chills": text})
    assert err.field == "fever_or_chills"
    assert err.problem == f"must be true or false, not the text {text!r}"


def test_yes_no_answer_given_as_number_is_refused():
    err = error_for({**BASE, "tearing_pain": 1})
    assert (err.field, err.problem) == ("tearing_pain", "must be true or false, not int")


@pytest.mark.parametrize("value", ["40", 40.5, True, [40]], ids=repr)
def test_age_of_the_wrong_type_is_refused(value):
    err = error_for({**BASE, "age": value})
    assert (err.field, err.problem) == ("age", "must be a whole number from 16 to 120")


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("age", 121, "121 is out of range 16-120"),
        ("age", 15, "15 is out of range 16-120"),
        ("pain_now", 11, "11 is out of range 0-10"),
        ("pain_now", -1, "-1 is out of range 0-10"),
        ("pain_weeks", -2, "-2 is out of range 0-5200"),
    ],
)
def test_number_out_of_range_is_refused(field, value, problem):
    err = error_for({**BASE, field: value})
    assert (err.field, err.problem) == (field, problem)


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("lower_back", "must be a list of region ids"),
        ([], "must name at least one region"),
        (["lumbar"], "unknown region 'lumbar'"),
        (["neck", "neck"], "lists a region twice"),
    ],
)
def test_bad_regions_are_refused(value, problem):
    err = error_for({**BASE, "regions": value})
    assert err.field == "regions" and err.problem.startswith(problem)


def test_answers_must_be_a_mapping():
    err = error_for([("age", 40)])
    assert err.field == "answers"


def test_unanswered_and_null_yes_no_questions_count_as_no():
    assert screen({**BASE, "saddle_numbness": None}).level == "self_manage"
    assert screen({**BASE, "saddle_numbness": False}).level == "self_manage"


def test_schema_lists_every_answer_id_the_rules_use():
    schema_ids = {q["id"] for q in question_schema()}
    for rule in load_screening().rules:
        assert rule.answer_ids <= schema_ids, rule.code


def test_schema_lists_every_answer_id_named_in_the_task():
    named = {
        "age", "regions", "pain_now", "pain_weeks", "first_episode", "saddle_numbness",
        "bladder_bowel_change", "sexual_dysfunction_new", "bilateral_leg_symptoms",
        "progressive_weakness", "chest_pain_or_pressure", "tearing_pain",
        "breathing_pain_with_breathlessness", "fever_or_chills", "iv_drugs_or_immunosuppressed",
        "major_trauma", "minor_trauma", "osteoporosis", "long_term_steroids", "cancer_history",
        "weight_loss_unexplained", "constant_or_night_pain", "morning_stiffness_over_30min",
        "pain_linked_to_meals_or_urination", "band_rash", "no_improvement_6_weeks",
        "chest_pain_with_sweating_breathlessness_or_nausea",
    }  # fmt: skip
    assert named <= {q["id"] for q in question_schema()}


def test_schema_marks_age_regions_and_pain_now_as_the_required_answers():
    assert [q["id"] for q in question_schema() if q["required"]] == ["age", "regions", "pain_now"]


def test_schema_entries_have_the_fields_a_front_end_needs():
    groups = {g["id"] for g in question_groups()}
    for q in question_schema():
        assert q["type"] in ("boolean", "integer", "scale", "regions")
        assert q["text"] and q["group"] in groups
        assert ("min" in q and "max" in q) == (q["type"] in ("integer", "scale"))
        assert ("choices" in q) == (q["type"] == "regions")


def test_schema_offers_every_region_with_a_label():
    [regions] = [q for q in question_schema() if q["id"] == "regions"]
    assert [c["id"] for c in regions["choices"]] == list(vocab.REGIONS)
    assert all(c["label"] for c in regions["choices"])


def test_pain_now_is_a_0_to_10_scale():
    [pain] = [q for q in question_schema() if q["id"] == "pain_now"]
    assert (pain["type"], pain["min"], pain["max"]) == ("scale", 0, 10)


def test_changing_a_returned_schema_does_not_change_the_next_one():
    question_schema()[0]["text"] = "changed"
    assert question_schema()[0]["text"] == "How old are you?"
