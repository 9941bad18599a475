"""The screening data file is validated on load; errors name the file and the field."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from spinewise.core.errors import LibraryError
from spinewise.core.screening import screen
from spinewise.core.screening_data import DEFAULT_SCREENING_FILE, load_screening_from

SHIPPED = yaml.safe_load(DEFAULT_SCREENING_FILE.read_text(encoding="utf-8"))


def rule(**changes) -> dict:
    data = {
        "code": "test_rule",
        "level": "urgent",
        "when": {"all": ["fever_or_chills"]},
        "explanation": "Why it matters.",
        "action": "What to do.",
        "rationale": "Why the rule is built this way.",
        "source": "A guideline.",
    }
    data.update(changes)
    return data


def write(tmp_path: Path, data) -> Path:
    path = tmp_path / "screening.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def with_rules(*rules) -> dict:
    data = copy.deepcopy(SHIPPED)
    data["rules"] = list(rules)
    return data


def error_for(tmp_path: Path, data) -> LibraryError:
    with pytest.raises(LibraryError) as info:
        load_screening_from(write(tmp_path, data))
    return info.value


def test_shipped_file_loads_and_a_copy_screens_the_same(tmp_path):
    data = load_screening_from(write(tmp_path, SHIPPED))
    answers = {"age": 60, "regions": ["mid_back"], "pain_now": 3, "first_episode": True}
    assert screen(answers, data) == screen(answers)


def test_rule_naming_an_unknown_answer_id_is_refused(tmp_path):
    err = error_for(tmp_path, with_rules(rule(when={"all": ["fever"]})))
    assert (err.source, err.field) == ("screening.yaml", "rules[0].when.all[0]")
    assert err.problem == "unknown answer id 'fever'"


def test_comparison_on_an_unknown_answer_id_is_refused(tmp_path):
    err = error_for(tmp_path, with_rules(rule(when={"any": [{"answer": "agee", "above": 3}]})))
    assert (err.field, err.problem) == ("rules[0].when.any[0].answer", "unknown answer id 'agee'")


def test_unknown_level_is_refused(tmp_path):
    err = error_for(tmp_path, with_rules(rule(level="critical")))
    assert err.field == "rules[0].level" and "'critical'" in err.problem


def test_rule_at_self_manage_is_refused(tmp_path):
    err = error_for(tmp_path, with_rules(rule(level="self_manage")))
    assert err.field == "rules[0].level"


def test_duplicate_rule_code_is_refused(tmp_path):
    err = error_for(tmp_path, with_rules(rule(), rule()))
    assert (err.field, err.problem) == ("rules[1].code", "duplicate code 'test_rule'")


def test_missing_rule_field_is_named(tmp_path):
    broken = rule()
    del broken["action"]
    err = error_for(tmp_path, with_rules(broken))
    assert (err.field, err.problem) == ("rules[0].action", "missing field")


def test_empty_when_is_refused(tmp_path):
    err = error_for(tmp_path, with_rules(rule(when={})))
    assert err.field == "rules[0].when"


def test_number_question_used_as_yes_no_is_refused(tmp_path):
    err = error_for(tmp_path, with_rules(rule(when={"all": ["age"]})))
    assert err.field == "rules[0].when.all[0]" and "not a yes/no question" in err.problem


def test_comparison_on_a_yes_no_question_is_refused(tmp_path):
    condition = {"answer": "fever_or_chills", "at_least": 1}
    err = error_for(tmp_path, with_rules(rule(when={"all": [condition]})))
    assert err.field == "rules[0].when.all[0].at_least"
    assert "boolean question" in err.problem


def test_threshold_outside_the_answer_range_is_refused(tmp_path):
    condition = {"answer": "pain_now", "at_least": 80}
    err = error_for(tmp_path, with_rules(rule(when={"all": [condition]})))
    assert err.field == "rules[0].when.all[0].at_least" and "out of range 0-10" in err.problem


def test_condition_needs_exactly_one_test(tmp_path):
    condition = {"answer": "age", "at_least": 50, "below": 20}
    err = error_for(tmp_path, with_rules(rule(when={"all": [condition]})))
    assert err.field == "rules[0].when.all[0].answer" and "exactly one test" in err.problem


def test_unknown_region_in_includes_is_refused(tmp_path):
    condition = {"answer": "regions", "includes": "thorax"}
    err = error_for(tmp_path, with_rules(rule(when={"all": [condition]})))
    assert err.field == "rules[0].when.all[0].includes" and "'thorax'" in err.problem


def test_if_unanswered_on_a_required_question_is_refused(tmp_path):
    condition = {"answer": "age", "at_least": 50, "if_unanswered": True}
    err = error_for(tmp_path, with_rules(rule(when={"all": [condition]})))
    assert err.field == "rules[0].when.all[0].if_unanswered"


def test_region_condition_fires_only_for_that_region(tmp_path):
    condition = {"answer": "regions", "includes": "mid_back"}
    data = load_screening_from(write(tmp_path, with_rules(rule(when={"all": [condition]}))))
    answers = {"age": 40, "pain_now": 2}
    assert screen({**answers, "regions": ["mid_back"]}, data).level == "urgent"
    assert screen({**answers, "regions": ["neck"]}, data).level == "self_manage"


def test_unknown_question_field_is_named(tmp_path):
    data = copy.deepcopy(SHIPPED)
    data["questions"][4]["colour"] = "red"
    err = error_for(tmp_path, data)
    assert (err.field, err.problem) == ("questions[4].colour", "unknown field")


def test_unknown_question_type_is_refused(tmp_path):
    data = copy.deepcopy(SHIPPED)
    data["questions"][4]["type"] = "text"
    assert error_for(tmp_path, data).field == "questions[4].type"


def test_unknown_question_group_is_refused(tmp_path):
    data = copy.deepcopy(SHIPPED)
    data["questions"][4]["group"] = "misc"
    err = error_for(tmp_path, data)
    assert err.field == "questions[4].group" and "'misc'" in err.problem


def test_number_question_without_a_range_is_refused(tmp_path):
    data = copy.deepcopy(SHIPPED)
    del data["questions"][0]["max"]
    err = error_for(tmp_path, data)
    assert err.field == "questions[0].max" and "missing field" in err.problem


def test_duplicate_question_id_is_refused(tmp_path):
    data = copy.deepcopy(SHIPPED)
    data["questions"].append(copy.deepcopy(data["questions"][4]))
    err = error_for(tmp_path, data)
    assert err.field == f"questions[{len(data['questions']) - 1}].id"
    assert err.problem.startswith("duplicate id")


def test_missing_level_text_is_named(tmp_path):
    data = copy.deepcopy(SHIPPED)
    del data["levels"]["urgent"]
    err = error_for(tmp_path, data)
    assert (err.field, err.problem) == ("levels.urgent", "missing field")


def test_invalid_yaml_names_the_file(tmp_path):
    path = tmp_path / "screening.yaml"
    path.write_text("rules: [unclosed", encoding="utf-8")
    with pytest.raises(LibraryError) as info:
        load_screening_from(path)
    assert info.value.source == "screening.yaml" and "YAML" in info.value.problem


def _question(data: dict, qid: str) -> dict:
    return next(q for q in data["questions"] if q["id"] == qid)


def test_a_follow_up_must_name_an_earlier_yes_no_question(tmp_path):
    data = copy.deepcopy(SHIPPED)
    _question(data, "fever_or_chills")["ask_if"] = "cancer_history"  # asked later
    err = error_for(tmp_path, data)
    assert err.field.endswith(".ask_if")
    assert "earlier question" in err.problem


def test_a_follow_up_of_a_number_question_is_refused(tmp_path):
    data = copy.deepcopy(SHIPPED)
    _question(data, "fever_or_chills")["ask_if"] = "age"
    err = error_for(tmp_path, data)
    assert "yes/no question that is always asked" in err.problem


def test_a_caution_must_name_planner_conditions(tmp_path):
    data = copy.deepcopy(SHIPPED)
    data["cautions"][0]["conditions"] = ["bad_knees"]
    err = error_for(tmp_path, data)
    assert (err.field, err.problem) == (
        "cautions[0].conditions[0]",
        "'bad_knees' is not a planner condition",
    )


def test_a_rule_without_its_source_is_refused(tmp_path):
    data = with_rules({k: v for k, v in rule().items() if k != "source"})
    err = error_for(tmp_path, data)
    assert "source" in f"{err.field} {err.problem}"
