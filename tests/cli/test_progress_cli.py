"""`spinewise progress`: decision table, JSON, and bad input naming the field."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from spinewise.cli import main

ITEM = {"exercise_id": "band-row", "level": "beginner", "sets": 1, "reps": 8, "band_level": "red"}
EASY = {
    "sets_done": 1,
    "reps_done": [8],
    "band_level": "red",
    "rpe": 3,
    "pain_during": 1,
    "pain_next_morning": 1,
}
TODAY = "2026-12-07"


def weekly(*logs: dict) -> list[dict]:
    """The logs a week apart, the latest yesterday (before TODAY)."""
    today = date.fromisoformat(TODAY)
    return [
        {**log, "performed_on": (today - timedelta(days=1 + 7 * (len(logs) - 1 - i))).isoformat()}
        for i, log in enumerate(logs)
    ]


def request_file(tmp_path: Path, data=None, **changes) -> str:
    """A request: by default two easy sessions of ITEM a week apart, and today."""
    path = tmp_path / "request.json"
    default = {"item": ITEM, "logs": weekly(EASY, EASY), "today": TODAY}
    body = data if data is not None else {**default, **changes}
    path.write_text(body if isinstance(body, str) else json.dumps(body), encoding="utf-8")
    return str(path)


def test_prints_the_decision_reason_and_next_dose(tmp_path, capsys):
    assert main(["progress", request_file(tmp_path, band_levels=["yellow", "red"])]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Decision: progress\n")
    assert "Your last 2 sessions went well" in out
    assert "Changes: reps 8 -> 10" in out
    assert "Band row" in out and "1 x 10 reps" in out


def test_json_output_is_the_progression(tmp_path, capsys):
    path = request_file(
        tmp_path, logs=[{**EASY, "pain_during": 8}], pain_ceiling=5, band_levels=["yellow", "red"]
    )
    assert main(["progress", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["decision"] == "regress" and data["changes"] == ["band red -> yellow"]
    assert data["item"]["band_level"] == "yellow"


def test_sharp_pain_says_the_clinician_will_be_alerted(tmp_path, capsys):
    path = request_file(tmp_path, logs=[{**EASY, "sharp_pain": True}])
    assert main(["progress", path]) == 0
    out = capsys.readouterr().out
    assert "Decision: replace" in out and "Your clinician will be alerted." in out


def test_a_step_that_does_not_fit_the_minutes_available_holds(tmp_path, capsys):
    # 2 x 10 band rows take 2.0 min; 12 reps would take 2.27 min.
    item = {**ITEM, "sets": 2, "reps": 10}
    easy = {**EASY, "sets_done": 2, "reps_done": [10, 10]}
    body = {"item": item, "logs": weekly(easy, easy), "today": TODAY, "minutes_available": 2.1}
    path = request_file(tmp_path, body)
    assert main(["progress", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["decision"] == "hold" and data["item"]["reps"] == 10
    assert data["reason"].startswith("You're ready for more")


def test_a_set_that_does_not_fit_gives_way_to_the_next_band(tmp_path, capsys):
    # A second set of band rows would take 1.73 min; the next band, 1 x 8, takes 0.7 min.
    item = {**ITEM, "reps": 12}
    easy = {**EASY, "reps_done": [12]}
    body = {
        "item": item,
        "logs": weekly(easy, easy),
        "today": TODAY,
        "band_levels": ["yellow", "red", "green"],
    }
    path = request_file(tmp_path, {**body, "minutes_available": 1.5})
    assert main(["progress", path]) == 0
    out = capsys.readouterr().out
    assert "Decision: progress" in out and "band red -> green" in out


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ("[1,", "input"),
        ({"item": {**ITEM, "exercise_id": "moonwalk"}, "logs": []}, "item.exercise_id"),
        ({"item": {**ITEM, "sets": 9}, "logs": []}, "item.sets"),
        ({"item": ITEM, "logs": [{**EASY, "rpe": 12}]}, "logs[0].rpe"),
        ({"item": ITEM, "logs": [EASY, {**EASY, "pain_during": "low"}]}, "logs[1].pain_during"),
        ({"item": ITEM, "logs": [EASY], "pain_ceiling": 20}, "pain_ceiling"),
        ({"item": ITEM, "logs": [EASY], "minutes_available": 0}, "minutes_available"),
        ({"item": ITEM, "logs": [EASY], "minutes_available": 121}, "minutes_available"),
        ({"item": ITEM, "logs": [EASY], "minutes_available": "ten"}, "minutes_available"),
        ({"item": ITEM, "logs": [EASY], "minutes_available": True}, "minutes_available"),
        ({"item": ITEM, "logs": [EASY], "today": "2026-13-01"}, "today"),
        ({"item": ITEM, "logs": [{**EASY, "performed_on": "yesterday"}]}, "logs[0].performed_on"),
        ({"item": ITEM, "logs": [EASY], "baseline_pain": 2, "usual_pain": 2}, "baseline_pain"),
    ],
)
def test_bad_input_exits_2_naming_the_field(tmp_path, capsys, data, field):
    assert main(["progress", request_file(tmp_path, data)]) == 2
    assert capsys.readouterr().err.startswith(f"spinewise progress: error: {field}:")
