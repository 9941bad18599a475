"""Movement breaks: evenly spaced through the working day, and a safe 1-2 minute routine."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from spinewise.core import vocab
from spinewise.core.errors import InputError
from spinewise.core.exercises import load_library, load_library_from
from spinewise.core.model import estimate_minutes
from spinewise.core.selfcare.breaks import (
    BreakSettings,
    break_settings_from_dict,
    break_times,
    choose_break_routine,
)
from tests.hypothesis_budget import examples

from .desk_library import entry, write_desk_library

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
MONDAY = date(2025, 6, 2)
OFFICE = BreakSettings(time(9), time(17), 45)


@pytest.fixture(scope="module")
def desk_library(tmp_path_factory):
    return write_desk_library(tmp_path_factory.mktemp("desk"))


def clock(times):
    return [t.strftime("%H:%M") for t in times]


def test_office_day_gets_a_break_every_45_minutes():
    times = break_times(OFFICE, MONDAY, LONDON)
    assert clock(times) == [
        "09:45", "10:30", "11:15", "12:00", "12:45", "13:30", "14:15", "15:00", "15:45", "16:30",
    ]  # fmt: skip
    assert all(t.tzinfo is LONDON for t in times)


def test_no_breaks_on_a_day_off():
    assert break_times(OFFICE, MONDAY + timedelta(days=5), LONDON) == []


def test_no_break_in_the_last_ten_minutes_of_work():
    short_day = BreakSettings(time(9), time(10, 5), 30)
    assert clock(break_times(short_day, MONDAY, "Asia/Kolkata")) == ["09:30"]


def test_night_shift_breaks_stay_an_hour_apart_when_the_clocks_go_back():
    shift = BreakSettings(time(22), time(6), 60, days=(5,))  # Saturday night
    times = break_times(shift, date(2025, 10, 25), LONDON)
    gaps = {b.astimezone(UTC) - a.astimezone(UTC) for a, b in zip(times, times[1:], strict=False)}
    assert gaps == {timedelta(hours=1)}
    # 22:00 BST to 06:00 GMT is nine real hours: breaks every hour, none after 05:50.
    assert clock(times) == ["23:00", "00:00", "01:00", "01:00", "02:00", "03:00", "04:00", "05:00"]
    assert times[2].utcoffset() == timedelta(hours=1) and times[3].utcoffset() == timedelta(0)


def test_night_shift_loses_an_hour_when_the_clocks_go_forward():
    shift = BreakSettings(time(22), time(6), 60, days=(5,))
    times = break_times(shift, date(2025, 3, 8), NEW_YORK)
    assert clock(times) == ["23:00", "00:00", "01:00", "03:00", "04:00", "05:00"]


def test_work_starting_in_the_skipped_hour_starts_when_the_clocks_allow():
    early = BreakSettings(time(1, 30), time(6), 60, days=(6,))
    # 01:30 does not exist that night: work starts at 02:30 BST, an hour of real time later.
    times = break_times(early, date(2025, 3, 30), LONDON)
    assert clock(times) == ["03:30", "04:30", "05:30"]


def test_settings_default_to_weekdays_every_45_minutes():
    s = break_settings_from_dict({"start": "08:30", "end": "16:30"})
    assert (s.interval_minutes, s.days) == (45, (0, 1, 2, 3, 4))
    assert s.to_dict()["days"] == ["mon", "tue", "wed", "thu", "fri"]


def test_settings_accept_a_night_shift():
    s = break_settings_from_dict({"start": "22:00", "end": "06:00", "days": ["sat", "fri"]})
    assert s.overnight and s.days == (4, 5)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"interval_minutes": 20}, "breaks.interval_minutes"),
        ({"interval_minutes": 90}, "breaks.interval_minutes"),
        ({"start": "9am"}, "breaks.start"),
        ({"end": "24:00"}, "breaks.end"),
        ({"end": "09:00"}, "breaks.end"),
        ({"end": "09:40"}, "breaks.end"),
        ({"days": ["monday"]}, "breaks.days"),
        ({"days": []}, "breaks.days"),
        ({"snooze": True}, "breaks.snooze"),
    ],
)
def test_bad_settings_name_the_field(change, field):
    with pytest.raises(InputError) as info:
        break_settings_from_dict({"start": "09:00", "end": "17:00", **change})
    assert info.value.field == field


def test_unknown_time_zone_is_named():
    with pytest.raises(InputError) as info:
        break_times(OFFICE, MONDAY, "Mars/Olympus_Mons")
    assert info.value.field == "timezone"


def test_routine_prefers_the_persons_regions(desk_library):
    routine = choose_break_routine(desk_library, ["neck"], day=MONDAY)
    first = desk_library.get(routine.items[0].exercise_id)
    assert "neck" in first.regions


def test_routine_changes_from_day_to_day(desk_library):
    days = [MONDAY + timedelta(days=i) for i in range(5)]
    firsts = [
        choose_break_routine(desk_library, ["upper_back"], day=d).items[0].exercise_id for d in days
    ]
    assert all(a != b for a, b in zip(firsts, firsts[1:], strict=False))


def test_band_exercises_only_for_people_with_a_band(desk_library):
    def uses_band(equipment):
        ids = set()
        for d in range(14):
            routine = choose_break_routine(
                desk_library, ["upper_back"], equipment=equipment, day=MONDAY + timedelta(d)
            )
            ids |= {item.exercise_id for item in routine.items}
        return "desk-band-pull-apart" in ids

    assert not uses_band([])
    assert uses_band(["resistance_band"])


def test_gentle_only_leaves_out_strength_work(desk_library):
    for d in range(14):
        routine = choose_break_routine(
            desk_library,
            ["upper_back"],
            equipment=["resistance_band"],
            day=MONDAY + timedelta(d),
            gentle_only=True,
        )
        modalities = {desk_library.get(i.exercise_id).modality for i in routine.items}
        assert modalities and not modalities & {"strength", "core"}


def test_after_spinal_surgery_the_break_is_a_walk(desk_library):
    routine = choose_break_routine(
        desk_library, ["lower_back"], ["recent_spinal_surgery"], day=MONDAY
    )
    assert routine.items == () and routine.walk_seconds == 90
    assert "clinician" in routine.reason


def test_a_library_without_desk_exercises_still_offers_a_walk(tmp_path):
    floor_only = entry("floor-only", ["neck"], position="quadruped", desk_friendly=False)
    (tmp_path / "floor-only.yaml").write_text(yaml.safe_dump(floor_only))
    routine = choose_break_routine(load_library_from(tmp_path), ["neck"], day=MONDAY)
    assert routine.items == () and 60 <= routine.seconds <= 120
    assert "walk" in routine.reason


def test_unknown_region_is_named(desk_library):
    with pytest.raises(InputError) as info:
        choose_break_routine(desk_library, ["knees"], day=MONDAY)
    assert info.value.field == "regions"


def test_unknown_equipment_is_named(desk_library):
    with pytest.raises(InputError) as info:
        choose_break_routine(desk_library, ["neck"], equipment=["kettlebell"], day=MONDAY)
    assert info.value.field == "equipment"


people = st.fixed_dictionaries(
    {
        "regions": st.sets(st.sampled_from(vocab.REGIONS), min_size=1),
        "conditions": st.sets(
            st.sampled_from([c for c in vocab.CONTRAINDICATIONS if c != "recent_spinal_surgery"])
        ),
        "equipment": st.sets(st.sampled_from(vocab.EQUIPMENT)),
        "day": st.dates(date(2024, 1, 1), date(2027, 12, 31)),
        "seed": st.integers(0, 10_000),
    }
)


def check_routine(library, person, routine):
    assert 60 <= routine.seconds <= 120
    assert len(routine.items) <= 3
    assert len({i.exercise_id for i in routine.items}) == len(routine.items)
    work = 0
    for item in routine.items:
        ex = library.get(item.exercise_id)
        assert ex.desk_friendly and ex.position in ("seated", "standing")
        assert not set(ex.contraindications) & person["conditions"]
        assert set(ex.equipment) <= person["equipment"]
        dose = ex.dose_for(item.level)
        assert item.sets == 1 and item.amount in dose.amount
        work += round(estimate_minutes(ex, 1, item.amount, 0) * 60)
    assert routine.seconds == work + routine.walk_seconds


@settings(max_examples=examples(300), deadline=None)
@given(people)
def test_routine_is_always_safe_and_one_to_two_minutes(desk_library, person):
    routine = choose_break_routine(desk_library, **person)
    check_routine(desk_library, person, routine)
    assert routine == choose_break_routine(desk_library, **person)  # deterministic


@settings(max_examples=examples(150), deadline=None)
@given(people)
def test_shipped_library_gives_safe_one_to_two_minute_breaks(person):
    library = load_library()
    routine = choose_break_routine(library, **person)
    check_routine(library, person, routine)
    if not person["conditions"] & {"shoulder_injury", "wrist_pain"}:
        assert routine.items, "the shipped library has desk exercises for everyone"


def test_exercise_breaks_use_real_desk_exercises_from_the_shipped_library():
    routine = choose_break_routine(load_library(), ["neck", "upper_back"], day=MONDAY)
    assert routine.items and routine.walk_seconds == 0
    assert "at your desk" in routine.reason


def test_break_times_are_aware_datetimes_in_the_requested_zone():
    times = break_times(OFFICE, MONDAY, NEW_YORK)
    assert times[0] == datetime(2025, 6, 2, 9, 45, tzinfo=NEW_YORK)
