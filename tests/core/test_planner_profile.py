"""A profile is validated field by field; every problem names the field."""

from __future__ import annotations

import pytest

from spinewise.core.errors import InputError
from spinewise.core.planner import Profile, profile_from_dict


def error_field(data) -> str:
    with pytest.raises(InputError) as info:
        profile_from_dict(data)
    return info.value.field


def test_defaults_fill_in_everything_but_regions():
    profile = profile_from_dict({"regions": ["neck"]})
    assert profile == Profile(regions=("neck",))
    assert (profile.sessions_per_week, profile.minutes_per_session, profile.level) == (
        3,
        20,
        "beginner",
    )
    assert (profile.screening_level, profile.seed) == ("self_manage", 0)


def test_a_full_profile_round_trips_through_to_dict():
    data = {
        "regions": ["upper_back", "lower_back"],
        "equipment": ["resistance_band"],
        "band_levels": ["yellow", "red"],
        "sessions_per_week": 4,
        "minutes_per_session": 30,
        "level": "intermediate",
        "conditions": ["knee_pain"],
        "screening_level": "see_clinician",
        "seed": 42,
    }
    assert profile_from_dict(data).to_dict() == data


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "regions"),
        ({"regions": []}, "regions"),
        ({"regions": "neck"}, "regions"),
        ({"regions": ["shoulder"]}, "regions[0]"),
        ({"regions": ["neck", "neck"]}, "regions[1]"),
        ({"regions": ["neck"], "equipment": ["kettlebell"]}, "equipment[0]"),
        ({"regions": ["neck"], "conditions": ["knee_pain", "flu"]}, "conditions[1]"),
        ({"regions": ["neck"], "band_levels": ["red", ""]}, "band_levels[1]"),
        ({"regions": ["neck"], "band_levels": ["red", "red"]}, "band_levels[1]"),
        ({"regions": ["neck"], "band_levels": "red"}, "band_levels"),
        ({"regions": ["neck"], "sessions_per_week": 0}, "sessions_per_week"),
        ({"regions": ["neck"], "sessions_per_week": 8}, "sessions_per_week"),
        ({"regions": ["neck"], "sessions_per_week": "3"}, "sessions_per_week"),
        ({"regions": ["neck"], "sessions_per_week": True}, "sessions_per_week"),
        ({"regions": ["neck"], "minutes_per_session": 9}, "minutes_per_session"),
        ({"regions": ["neck"], "minutes_per_session": 61}, "minutes_per_session"),
        ({"regions": ["neck"], "minutes_per_session": 20.5}, "minutes_per_session"),
        ({"regions": ["neck"], "level": "expert"}, "level"),
        ({"regions": ["neck"], "screening_level": "fine"}, "screening_level"),
        ({"regions": ["neck"], "seed": "abc"}, "seed"),
        ({"regions": ["neck"], "condition": ["pregnancy"]}, "condition"),
    ],
)
def test_bad_values_name_the_field(data, field):
    assert error_field(data) == field


def test_a_profile_must_be_an_object():
    assert error_field(["neck"]) == "profile"


def test_band_level_names_are_trimmed():
    profile = profile_from_dict({"regions": ["neck"], "band_levels": [" red ", "green"]})
    assert profile.band_levels == ("red", "green")
