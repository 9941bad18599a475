"""The library refuses bad data files with an error naming the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from spinewise.core.errors import LibraryError
from spinewise.core.exercises import DEFAULT_LIBRARY_DIR, load_library_from

SAMPLE = yaml.safe_load((DEFAULT_LIBRARY_DIR / "cat-camel.yaml").read_text())


def write(tmp_path: Path, name: str, data: dict) -> None:
    (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(data))


def variant(ex_id: str, **changes) -> dict:
    data = {**SAMPLE, "id": ex_id, "easier": [], "harder": []}
    data.update(changes)
    return data


def error_for(tmp_path: Path) -> LibraryError:
    with pytest.raises(LibraryError) as info:
        load_library_from(tmp_path)
    return info.value


def test_valid_files_load(tmp_path):
    write(tmp_path, "a", variant("a", harder=["b"]))
    write(tmp_path, "b", variant("b", easier=["a"]))
    lib = load_library_from(tmp_path)
    assert lib.ids() == ["a", "b"]
    assert lib.get("b").easier == ("a",)


def test_unknown_field_names_file_and_field(tmp_path):
    write(tmp_path, "a", variant("a", colour="red"))
    err = error_for(tmp_path)
    assert (err.source, err.field, err.problem) == ("a.yaml", "colour", "unknown field")


def test_missing_field_is_named(tmp_path):
    data = variant("a")
    del data["feel"]
    write(tmp_path, "a", data)
    err = error_for(tmp_path)
    assert (err.field, err.problem) == ("feel", "missing field")


def test_out_of_range_dose_is_named(tmp_path):
    write(
        tmp_path,
        "a",
        variant("a", dose={"beginner": {"sets": [1, 9], "reps": [6, 10], "rest_seconds": 20}}),
    )
    err = error_for(tmp_path)
    assert err.field == "dose.beginner.sets"
    assert "out of range" in err.problem


def test_inverted_range_is_refused(tmp_path):
    write(
        tmp_path,
        "a",
        variant("a", dose={"beginner": {"sets": [2, 1], "reps": [6, 10], "rest_seconds": 20}}),
    )
    assert "above high" in error_for(tmp_path).problem


def test_dangling_link_is_refused(tmp_path):
    write(tmp_path, "a", variant("a", harder=["ghost"]))
    err = error_for(tmp_path)
    assert err.field == "harder" and "ghost" in err.problem


def test_one_sided_link_is_refused(tmp_path):
    write(tmp_path, "a", variant("a", harder=["b"]))
    write(tmp_path, "b", variant("b"))
    err = error_for(tmp_path)
    assert err.source == "a.yaml" and "does not list 'a'" in err.problem


def test_cyclic_progression_is_refused(tmp_path):
    write(tmp_path, "a", variant("a", harder=["b"], easier=["c"]))
    write(tmp_path, "b", variant("b", harder=["c"], easier=["a"]))
    write(tmp_path, "c", variant("c", harder=["a"], easier=["b"]))
    err = error_for(tmp_path)
    assert "cyclic" in err.problem


def test_id_must_match_file_name(tmp_path):
    write(tmp_path, "a", variant("b"))
    assert "file name" in error_for(tmp_path).problem


def test_unknown_equipment_is_refused(tmp_path):
    write(tmp_path, "a", variant("a", equipment=["kettlebell"]))
    err = error_for(tmp_path)
    assert err.field == "equipment" and "kettlebell" in err.problem


def test_invalid_yaml_names_the_file(tmp_path):
    (tmp_path / "a.yaml").write_text("id: [unclosed")
    err = error_for(tmp_path)
    assert err.source == "a.yaml" and "YAML" in err.problem
