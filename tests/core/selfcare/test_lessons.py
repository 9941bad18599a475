"""Lessons load from data, read well, and refuse broken files with a named field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from spinewise.core.errors import InputError, LibraryError
from spinewise.core.selfcare.lessons import (
    DEFAULT_LESSONS_DIR,
    THEMES,
    load_lessons,
    load_lessons_from,
)

SAMPLE = yaml.safe_load((DEFAULT_LESSONS_DIR / "understanding-back-pain.yaml").read_text())

# American spellings (and words we never use) that should not slip into our British text.
AMERICANISMS = re.compile(
    r"\b(color|center|behavior|favorite|realiz\w*|recogniz\w*|organiz\w*|analyz\w*|"
    r"program|programs|mom|practicing|fiber|gray|apologiz\w*|minimiz\w*)\b",
    re.IGNORECASE,
)
# Promises we must never make; "diagnos" catches any claim to diagnose.
OVERCLAIMS = re.compile(r"\b(cure[sd]?|miracle|guarantee\w*|instantly|diagnos\w*|100 ?%)", re.I)


def lesson_text(lesson) -> str:
    parts = [lesson.title, lesson.summary, *lesson.body, lesson.try_this or ""]
    check = lesson.check
    return " ".join([*parts, check.question, *check.options, check.explanation])


def write(directory: Path, name: str, data: dict) -> None:
    (directory / f"{name}.yaml").write_text(yaml.safe_dump(data))


def variant(lesson_id: str, **changes) -> dict:
    return {**SAMPLE, "id": lesson_id, **changes}


def load_error(directory: Path) -> LibraryError:
    with pytest.raises(LibraryError) as info:
        load_lessons_from(directory)
    return info.value


def test_every_theme_has_a_shipped_lesson():
    covered = {lesson.theme for lesson in load_lessons()}
    assert covered == set(THEMES)
    assert len(THEMES) == 15


@pytest.mark.parametrize("lesson", list(load_lessons()), ids=lambda le: le.id)
def test_each_lesson_is_a_two_to_three_minute_read(lesson):
    assert 300 <= lesson.word_count <= 450
    assert lesson.minutes in (2, 3)
    # The stated time matches reading at about 150 words a minute.
    assert abs(lesson.minutes - lesson.word_count / 150) <= 0.6


@pytest.mark.parametrize("lesson", list(load_lessons()), ids=lambda le: le.id)
def test_lesson_text_is_british_and_makes_no_promises(lesson):
    text = lesson_text(lesson)
    assert not AMERICANISMS.findall(text)
    assert not OVERCLAIMS.findall(text)


def test_reading_order_starts_with_the_essentials():
    themes = [lesson.theme for lesson in load_lessons()]
    assert themes[:3] == ["understanding_back_pain", "hurt_and_harm", "flare_up_first_aid"]


def test_flare_up_lesson_says_when_to_get_help_straight_away():
    lesson = load_lessons().by_theme("flare_up_first_aid")[0]
    text = " ".join(lesson.body)
    for warning in ("bladder", "genitals", "weakness in your legs", "chest pain"):
        assert warning in text


def test_right_answer_is_marked_correct_with_explanation():
    lesson = load_lessons().get("hurt-does-not-mean-harm")
    result = lesson.mark(lesson.check.correct)
    assert result.correct
    assert "5 out of 10" in result.explanation


def test_wrong_answer_shows_the_right_one():
    lesson = load_lessons().get("hurt-does-not-mean-harm")
    wrong = (lesson.check.correct + 1) % 3
    result = lesson.mark(wrong)
    assert not result.correct
    assert result.correct_option == lesson.check.correct


@pytest.mark.parametrize("choice", [3, -1, "1", None, True])
def test_impossible_answer_names_the_field(choice):
    lesson = load_lessons().get("understanding-back-pain")
    with pytest.raises(InputError) as info:
        lesson.mark(choice)
    assert info.value.field == "choice"


def test_unknown_lesson_id_names_the_field():
    with pytest.raises(InputError) as info:
        load_lessons().get("no-such-lesson")
    assert info.value.field == "lesson_id"


def test_missing_field_names_file_and_field(tmp_path):
    data = variant("a")
    del data["summary"]
    write(tmp_path, "a", data)
    err = load_error(tmp_path)
    assert (err.source, err.field, err.problem) == ("a.yaml", "summary", "missing field")


def test_check_needs_exactly_three_options(tmp_path):
    check = {**SAMPLE["check"], "options": ["yes", "no"]}
    write(tmp_path, "a", variant("a", check=check))
    err = load_error(tmp_path)
    assert err.field == "check.options" and "expected 3" in err.problem


def test_correct_option_must_be_one_of_the_three(tmp_path):
    check = {**SAMPLE["check"], "correct_option": 4}
    write(tmp_path, "a", variant("a", check=check))
    assert load_error(tmp_path).field == "check.correct_option"


def test_unknown_theme_is_refused(tmp_path):
    write(tmp_path, "a", variant("a", theme="astrology"))
    err = load_error(tmp_path)
    assert err.field == "theme" and "astrology" in err.problem


def test_a_lesson_that_is_far_too_short_is_refused(tmp_path):
    write(tmp_path, "a", variant("a", body=["Move more.", "Worry less."]))
    err = load_error(tmp_path)
    assert err.field == "body" and "words" in err.problem


def test_two_lessons_cannot_share_a_place_in_the_order(tmp_path):
    write(tmp_path, "a", variant("a", order=1))
    write(tmp_path, "b", variant("b", order=1))
    err = load_error(tmp_path)
    assert (err.source, err.field) == ("b.yaml", "order")


def test_id_must_match_the_file_name(tmp_path):
    write(tmp_path, "a", variant("b"))
    assert "file name" in load_error(tmp_path).problem


def test_broken_yaml_names_the_file(tmp_path):
    (tmp_path / "a.yaml").write_text("id: [unclosed")
    err = load_error(tmp_path)
    assert err.source == "a.yaml" and "YAML" in err.problem


@pytest.mark.parametrize("name", ["workstation.yaml", "heat_cold.yaml", "body_scan.yaml"])
def test_self_care_texts_are_british_and_make_no_promises(name):
    text = (DEFAULT_LESSONS_DIR.parent / "selfcare" / name).read_text()
    prose = " ".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert not AMERICANISMS.findall(prose)
    assert not OVERCLAIMS.findall(prose)
