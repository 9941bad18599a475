"""`spinewise screen`: table and JSON output, the schema, exit codes, bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from spinewise.cli import main
from spinewise.core.screening_data import load_screening

BASE = {"age": 35, "regions": ["lower_back"], "pain_now": 4}


def answers_file(tmp_path: Path, **answers) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({**BASE, **answers}), encoding="utf-8")
    return str(path)


def test_self_manage_prints_level_headline_and_advice_and_exits_0(tmp_path, capsys):
    assert main(["screen", answers_file(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Level: self_manage\nYou can start your exercise programme.")
    assert "not medical advice" in out
    assert "No warning signs" in out


def test_see_clinician_prints_a_table_of_reasons_and_exits_0(tmp_path, capsys):
    assert main(["screen", answers_file(tmp_path, band_rash=True, pain_now=9)]) == 0
    out = capsys.readouterr().out
    assert "Level: see_clinician" in out
    assert "#  level          code" in out
    assert "1  see_clinician  shingles_band_rash" in out
    assert "2  see_clinician  severe_pain_now" in out
    assert "   Why: You told us about a painful rash" in out


@pytest.mark.parametrize(
    ("answers", "level"),
    [({"fever_or_chills": True}, "urgent"), ({"saddle_numbness": True}, "emergency")],
)
def test_urgent_and_emergency_exit_3(tmp_path, capsys, answers, level):
    assert main(["screen", answers_file(tmp_path, **answers)]) == 3
    assert capsys.readouterr().out.startswith(f"Level: {level}\n")


def test_json_output_has_level_and_every_reason(tmp_path, capsys):
    path = answers_file(tmp_path, tearing_pain=True, cancer_history=True)
    assert main(["screen", path, "--json"]) == 3
    data = json.loads(capsys.readouterr().out)
    assert data["level"] == "emergency"
    assert data["allows_programme"] is False
    assert [(r["code"], r["level"]) for r in data["reasons"]] == [
        ("tearing_pain_to_back", "emergency"),
        ("cancer_history", "urgent"),
    ]


def test_answers_are_read_from_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps({**BASE, "pain_now": 8})))
    assert main(["screen", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["level"] == "see_clinician"


def test_schema_prints_every_question_without_reading_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("not json"))
    assert main(["screen", "--schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert [q["id"] for q in schema] == [q.id for q in load_screening().questions]
    assert {"id", "type", "text", "required", "group"} <= set(schema[0])


def test_unknown_answer_id_exits_2_naming_it(tmp_path, capsys):
    assert main(["screen", answers_file(tmp_path, back_hurts=True)]) == 2
    err = capsys.readouterr().err
    assert err == "spinewise screen: error: back_hurts: is not a screening question id\n"


def test_yes_no_answer_given_as_text_exits_2_naming_it(tmp_path, capsys):
    assert main(["screen", answers_file(tmp_path, major_trauma="yes")]) == 2
    assert "major_trauma: must be true or false" in capsys.readouterr().err


def test_invalid_json_exits_2(tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text("{age: 40", encoding="utf-8")
    assert main(["screen", str(path)]) == 2
    assert "input: is not valid JSON" in capsys.readouterr().err


def test_json_that_is_not_an_object_exits_2(tmp_path, capsys):
    path = tmp_path / "answers.json"
    path.write_text("[1, 2]", encoding="utf-8")
    assert main(["screen", str(path)]) == 2
    assert "input: must be a JSON object" in capsys.readouterr().err


def test_run_as_a_process_exits_3_for_an_emergency_and_2_without_a_traceback(tmp_path):
    program = [sys.executable, "-c", "import sys; from spinewise.cli import main; sys.exit(main())"]
    emergency = json.dumps({**BASE, "bladder_bowel_change": True})
    done = subprocess.run(
        [*program, "screen"], input=emergency, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout.splitlines()[0]) == (3, "Level: emergency")
    done = subprocess.run(
        [*program, "screen", "--json"],
        input=json.dumps({**BASE, "age": 300}),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "age: 300 is out of range 16-120" in done.stderr
    assert "Traceback" not in done.stderr
