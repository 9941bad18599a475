"""`spinewise plan` and `spinewise demo`: tables, JSON, exit codes and bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from spinewise.cli import main

PROFILE = {"regions": ["upper_back"], "equipment": ["resistance_band"], "band_levels": ["red"]}


def profile_file(tmp_path: Path, data=None, **changes) -> str:
    path = tmp_path / "profile.json"
    body = data if data is not None else {**PROFILE, **changes}
    path.write_text(body if isinstance(body, str) else json.dumps(body), encoding="utf-8")
    return str(path)


def test_prints_each_session_as_a_table_with_reasons(tmp_path, capsys):
    assert main(["plan", profile_file(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Session 1 of 3: upper back" in out and "Session 3 of 3" in out
    assert "#   exercise" in out or "#  exercise" in out
    assert "shoulder blades back" in out
    assert " red " in out


def test_json_output_is_the_programme(tmp_path, capsys):
    assert main(["plan", profile_file(tmp_path, sessions_per_week=2), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["blocked"] is False and len(data["sessions"]) == 2
    assert data["sessions"][0]["items"][0]["reason"]


def test_reads_the_profile_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(PROFILE)))
    assert main(["plan", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sessions"]


@pytest.mark.parametrize("level", ["urgent", "emergency"])
def test_urgent_or_emergency_screening_prints_advice_and_exits_3(tmp_path, capsys, level):
    assert main(["plan", profile_file(tmp_path, screening_level=level)]) == 3
    out = capsys.readouterr().out
    assert out.startswith("No programme.")


def test_warnings_are_listed_after_the_sessions(tmp_path, capsys):
    path = profile_file(tmp_path, screening_level="see_clinician")
    assert main(["plan", path]) == 0
    assert "Warnings:\n  - Your answers mean a clinician should see you" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ("{not json", "input"),
        ({"regions": ["shoulder"]}, "regions[0]"),
        ({"regions": ["neck"], "minutes_per_session": 90}, "minutes_per_session"),
        ({"regions": ["neck"], "sessions_per_week": "three"}, "sessions_per_week"),
        ({"regions": ["neck"], "conditions": ["flu"]}, "conditions[0]"),
        ([], "profile"),
    ],
)
def test_bad_input_exits_2_naming_the_field(tmp_path, capsys, data, field):
    assert main(["plan", profile_file(tmp_path, data)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"spinewise plan: error: {field}:")


def test_demo_screens_plans_and_progresses_a_sample_person(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "== 1. Safety screening" in out and "Level: self_manage" in out
    assert "Session 1 of 3: upper back and lower back" in out
    assert "Decision: progress" in out


def test_demo_as_json_has_every_part(capsys):
    assert main(["demo", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"screening", "profile", "programme", "progression"}
    assert data["progression"]["decision"] == "progress"


def test_demo_sessions_hold_a_handful_of_exercises_with_more_than_one_set(capsys):
    assert main(["demo", "--json"]) == 0
    sessions = json.loads(capsys.readouterr().out)["programme"]["sessions"]
    for session in sessions:
        assert 5 <= len(session["items"]) <= 8
        assert session["minutes"] <= 20 * 1.05
        assert sum(item["sets"] >= 2 for item in session["items"]) >= len(session["items"]) // 2
