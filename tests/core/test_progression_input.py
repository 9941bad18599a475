"""Session logs and whole progression requests are validated; problems name the field."""

from __future__ import annotations

from datetime import date

import pytest

from spinewise.core.errors import InputError
from spinewise.core.progression import ExerciseLog, log_from_dict, progress_from_dict

from .synthetic import item_dict, rich_library

LIB = rich_library()
GOOD = {"sets_done": 2, "reps_done": [10, 9], "rpe": 4, "pain_during": 2}
# Two easy sessions of 1 x 8 a week apart, settled by the next morning, the latest yesterday.
EASY = {"sets_done": 1, "reps_done": [8], "rpe": 4, "pain_during": 2, "pain_next_morning": 2}
TODAY = "2026-12-07"


def field_of(data, prefix="logs[0].") -> str:
    with pytest.raises(InputError) as info:
        log_from_dict(data, prefix)
    return info.value.field


def test_a_complete_log_is_read():
    log = log_from_dict(
        {
            **GOOD,
            "band_level": "red",
            "pain_next_morning": 3,
            "sharp_pain": False,
            "performed_on": "2026-12-01",
        }
    )
    assert log == ExerciseLog(
        sets_done=2,
        reps_done=(10, 9),
        band_level="red",
        rpe=4,
        pain_during=2,
        pain_next_morning=3,
        performed_on=date(2026, 12, 1),
    )
    assert log.done == (10, 9)


def test_sharp_pain_next_morning_pain_and_the_date_are_optional():
    log = log_from_dict(GOOD)
    assert (log.sharp_pain, log.pain_next_morning, log.performed_on) == (False, None, None)


def test_a_session_with_no_sets_needs_no_list():
    assert log_from_dict({"sets_done": 0, "rpe": 0, "pain_during": 6}).done == ()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rpe": 11}, "logs[0].rpe"),
        ({"rpe": None}, "logs[0].rpe"),
        ({"pain_during": -1}, "logs[0].pain_during"),
        ({"pain_during": 2.5}, "logs[0].pain_during"),
        ({"pain_next_morning": 12}, "logs[0].pain_next_morning"),
        ({"sets_done": True}, "logs[0].sets_done"),
        ({"sets_done": 11}, "logs[0].sets_done"),
        ({"reps_done": [10]}, "logs[0].reps_done"),
        ({"reps_done": [10, -1]}, "logs[0].reps_done[1]"),
        ({"reps_done": "10,9"}, "logs[0].reps_done"),
        ({"reps_done": None}, "logs[0].reps_done"),
        ({"hold_seconds_done": [20, 20]}, "logs[0].hold_seconds_done"),
        ({"sharp_pain": "no"}, "logs[0].sharp_pain"),
        ({"band_level": ""}, "logs[0].band_level"),
        ({"feeling": "fine"}, "logs[0].feeling"),
        ({"performed_on": "2026-13-01"}, "logs[0].performed_on"),
        ({"performed_on": "yesterday"}, "logs[0].performed_on"),
        ({"performed_on": "2026-12-01T08:00"}, "logs[0].performed_on"),
        ({"performed_on": 20261201}, "logs[0].performed_on"),
    ],
)
def test_bad_log_values_name_the_field(changes, field):
    assert field_of({**GOOD, **changes}) == field


def test_the_prefix_points_at_the_log_in_its_list():
    assert field_of({**GOOD, "rpe": 99}, "logs[3].") == "logs[3].rpe"


def test_a_log_must_be_an_object():
    assert field_of([1, 2]) == "logs[0]"


def request(**changes):
    data = {
        "item": item_dict("dead-bug", reps=8),
        "logs": [
            dict(EASY, performed_on="2026-11-29"),
            dict(EASY, performed_on="2026-12-06"),
        ],
        "today": TODAY,
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("name", ["usual_pain", "baseline_pain"])
def test_a_whole_request_is_decided(name):
    result = progress_from_dict(request(pain_ceiling=5, **{name: 2}), LIB)
    assert result.decision == "progress" and result.item.reps == 10
    assert "your usual pain 2/10" in result.reason


def test_the_older_name_baseline_pain_is_the_usual_pain():
    # Next morning 4/10 is 2 above a usual 2/10: not settled, under either name.
    logs = [dict(EASY, performed_on="2026-11-29"), dict(EASY, performed_on="2026-12-06")]
    logs[-1]["pain_next_morning"] = 4
    for name in ("usual_pain", "baseline_pain"):
        result = progress_from_dict(request(logs=logs, **{name: 2}), LIB)
        assert result.decision == "regress" and "above your usual 2/10" in result.reason


def test_without_today_a_request_does_not_step_up():
    data = request()
    del data["today"]
    result = progress_from_dict(data, LIB)
    assert result.decision == "hold" and "Today's date was not given" in result.reason


def test_earlier_logs_and_last_changed_on_are_read():
    data = request(
        earlier_logs=[dict(EASY, performed_on="2026-11-20")], last_changed_on="2026-11-28"
    )
    result = progress_from_dict(data, LIB)
    assert result.decision == "progress"


def test_equipment_and_conditions_in_a_request_are_respected():
    data = request(item=item_dict("dead-bug", reps=12, sets=2), conditions=["osteoporosis"])
    top = dict(EASY, sets_done=2, reps_done=[12, 12])
    data["logs"] = [dict(top, performed_on="2026-11-29"), dict(top, performed_on="2026-12-06")]
    result = progress_from_dict(data, LIB)
    assert result.decision == "progress" and result.item.exercise_id == "dead-bug"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"item": item_dict("nope", reps=8)}, "item.exercise_id"),
        ({"item": item_dict("dead-bug", reps=99)}, "item.reps"),
        ({"item": item_dict("dead-bug", hold_seconds=20)}, "item.hold_seconds"),
        ({"logs": {"rpe": 3}}, "logs"),
        ({"logs": [dict(GOOD, rpe=-2)]}, "logs[0].rpe"),
        ({"pain_ceiling": "high"}, "pain_ceiling"),
        ({"usual_pain": 11}, "usual_pain"),
        ({"usual_pain": True}, "usual_pain"),
        ({"baseline_pain": 11}, "baseline_pain"),
        ({"usual_pain": 2, "baseline_pain": 2}, "baseline_pain"),
        ({"today": "2026-13-01"}, "today"),
        ({"today": "yesterday"}, "today"),
        ({"today": 7}, "today"),
        ({"last_changed_on": "2026-02-30"}, "last_changed_on"),
        ({"last_changed_on": "2026-12-08"}, "last_changed_on"),
        ({"today": "2026-12-05"}, "logs[1].performed_on"),
        ({"earlier_logs": {"rpe": 3}}, "earlier_logs"),
        ({"earlier_logs": [dict(EASY, rpe=-1)]}, "earlier_logs[0].rpe"),
        ({"earlier_logs": [dict(EASY, performed_on="2026-12-01")]}, "logs[0].performed_on"),
        (
            {
                "logs": [
                    dict(EASY, performed_on="2026-12-06"),
                    dict(EASY, performed_on="2026-11-29"),
                ]
            },
            "logs[1].performed_on",
        ),
        ({"last_changed_on": "2026-12-01"}, "logs[0].performed_on"),
        ({"band_levels": [""]}, "band_levels[0]"),
        ({"equipment": "band"}, "equipment"),
        ({"conditions": ["flu"]}, "conditions[0]"),
        ({"notes": "x"}, "notes"),
    ],
)
def test_bad_requests_name_the_field(changes, field):
    with pytest.raises(InputError) as info:
        progress_from_dict(request(**changes), LIB)
    assert info.value.field == field


def test_a_request_must_be_an_object():
    with pytest.raises(InputError) as info:
        progress_from_dict([], LIB)
    assert info.value.field == "input"
