"""`spinewise exercises` lists, filters and shows the library; bad filters name the option."""

from __future__ import annotations

import json

from spinewise.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_lists_every_exercise_in_a_table(capsys):
    code, out, _ = run(capsys, "exercises")
    assert code == 0
    assert "cat-camel" in out and "band-row" in out
    assert out.strip().splitlines()[0].split()[:2] == ["id", "name"]


def test_filters_by_region_and_equipment(capsys):
    code, out, _ = run(capsys, "exercises", "--equipment", "foam_roller", "--json")
    assert code == 0
    chosen = json.loads(out)
    assert chosen and all("foam_roller" in ex["equipment"] for ex in chosen)
    _, out, _ = run(capsys, "exercises", "--region", "neck", "--json")
    assert all("neck" in ex["regions"] for ex in json.loads(out))


def test_shows_one_exercise_with_instructions(capsys):
    code, out, _ = run(capsys, "exercises", "band-row")
    assert code == 0
    assert "Set-up:" in out and "Stop if:" in out


def test_one_exercise_as_json_has_dose_ranges(capsys):
    _, out, _ = run(capsys, "exercises", "cat-camel", "--json")
    data = json.loads(out)
    assert data["id"] == "cat-camel"
    assert data["doses"]["beginner"]["reps"][0] <= data["doses"]["beginner"]["reps"][1]


def test_unknown_exercise_exits_2_naming_the_field(capsys):
    code, out, err = run(capsys, "exercises", "no-such-thing")
    assert code == 2 and out == ""
    assert "exercise_id" in err and "no-such-thing" in err
    assert "Traceback" not in err


def test_unknown_filter_value_exits_2_naming_the_option(capsys):
    code, _, err = run(capsys, "exercises", "--modality", "yoga")
    assert code == 2
    assert "--modality" in err and "yoga" in err
