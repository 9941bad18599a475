"""Heat and cold guidance and logs; paced breathing and the body scan."""

from __future__ import annotations

import copy

import pytest
import yaml

from spinewise.core.errors import InputError, LibraryError
from spinewise.core.selfcare.heatcold import (
    HeatColdLog,
    heat_cold_log_from_dict,
    load_heat_cold_guidance,
    summarise_heat_cold,
)
from spinewise.core.selfcare.relaxation import (
    DEFAULT_BODY_SCAN,
    breathing_pattern_from_dict,
    load_body_scan,
    load_body_scan_from,
)


def test_guidance_covers_every_safety_rule():
    safety = " ".join(load_heat_cold_guidance().safety).lower()
    for rule in ("15 to 20 minutes", "cloth", "numb", "asleep"):
        assert rule in safety


def test_guidance_says_when_each_may_help_without_diagnosing():
    guidance = load_heat_cold_guidance()
    assert guidance.heat.may_help and guidance.cold.may_help
    text = yaml.safe_dump(guidance.to_dict()).lower()
    assert "diagnos" not in text and "cure" not in text


def test_a_log_with_an_effect_is_accepted():
    log = heat_cold_log_from_dict({"kind": "heat", "minutes": 20, "effect": 3})
    assert (log.kind, log.minutes, log.benefit) == ("heat", 20, 3)
    assert log.advice() == ("Heat helped: worth keeping for when you need it.",)


def test_a_log_with_pain_before_and_after_measures_the_drop():
    log = heat_cold_log_from_dict(
        {"kind": "cold", "minutes": 15, "pain_before": 6, "pain_after": 4}
    )
    assert log.benefit == 2


def test_a_big_pain_drop_counts_as_the_top_of_the_effect_scale():
    log = HeatColdLog("heat", 15, pain_before=9, pain_after=1)
    assert log.benefit == 5


def test_too_long_a_session_brings_a_gentle_reminder():
    log = heat_cold_log_from_dict({"kind": "heat", "minutes": 30, "effect": 0})
    assert any("15 to 20 minutes" in note for note in log.advice())


def test_something_that_made_pain_worse_suggests_the_other():
    log = heat_cold_log_from_dict(
        {"kind": "cold", "minutes": 15, "pain_before": 3, "pain_after": 6}
    )
    assert "Try heat" in log.advice()[0]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "ice", "minutes": 15, "effect": 1}, "log.kind"),
        ({"kind": "heat", "minutes": 0, "effect": 1}, "log.minutes"),
        ({"kind": "heat", "minutes": 31, "effect": 1}, "log.minutes"),
        ({"kind": "heat", "minutes": 15, "effect": 6}, "log.effect"),
        ({"kind": "heat", "minutes": 15, "pain_before": 4}, "log.pain_after"),
        ({"kind": "heat", "minutes": 15, "pain_before": 11, "pain_after": 3}, "log.pain_before"),
        ({"kind": "heat", "minutes": 15}, "log.effect"),
        ({"kind": "heat", "minutes": "15", "effect": 1}, "log.minutes"),
    ],
)
def test_bad_log_entries_name_the_field(data, field):
    with pytest.raises(InputError) as info:
        heat_cold_log_from_dict(data)
    assert info.value.field == field


def test_summary_says_which_helped_more():
    logs = [
        HeatColdLog("heat", 15, effect=3),
        HeatColdLog("heat", 20, effect=2),
        HeatColdLog("cold", 15, effect=0),
    ]
    summary = summarise_heat_cold(logs)
    assert (summary.heat_average, summary.cold_average, summary.better) == (2.5, 0.0, "heat")
    assert summary.message == "Heat has helped you more so far."


def test_summary_with_one_kind_suggests_trying_the_other():
    summary = summarise_heat_cold([HeatColdLog("cold", 15, effect=2)])
    assert summary.better is None and "try the other" in summary.message


def test_default_breathing_is_six_a_minute_four_in_six_out():
    pattern = breathing_pattern_from_dict({})
    assert (pattern.inhale_seconds, pattern.exhale_seconds, pattern.breaths) == (4.0, 6.0, 30)


def test_breathing_can_be_slowed_down():
    pattern = breathing_pattern_from_dict({"breaths_per_minute": 4.5, "minutes": 10})
    assert pattern.inhale_seconds + pattern.exhale_seconds == pytest.approx(60 / 4.5, abs=0.02)
    assert pattern.breaths == 45


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"breaths_per_minute": 3}, "breathing.breaths_per_minute"),
        ({"breaths_per_minute": 12}, "breathing.breaths_per_minute"),
        ({"breaths_per_minute": "slow"}, "breathing.breaths_per_minute"),
        ({"inhale_parts": 3, "exhale_parts": 2}, "breathing.exhale_parts"),
        (
            {"breaths_per_minute": 10, "inhale_parts": 1, "exhale_parts": 4},
            "breathing.inhale_parts",
        ),
        ({"minutes": 0}, "breathing.minutes"),
        ({"hold_seconds": 4}, "breathing.hold_seconds"),
    ],
)
def test_bad_breathing_settings_name_the_field(data, field):
    with pytest.raises(InputError) as info:
        breathing_pattern_from_dict(data)
    assert info.value.field == field


def test_body_scan_takes_about_ten_minutes_from_feet_to_head():
    scan = load_body_scan()
    assert 540 <= scan.total_seconds <= 660
    ids = [s.id for s in scan.steps]
    assert ids.index("feet") < ids.index("lower_back") < ids.index("face")


def test_each_body_scan_step_starts_when_the_last_one_ends():
    steps = load_body_scan().steps
    assert steps[0].starts_at == 0
    for before, after in zip(steps, steps[1:], strict=False):
        assert after.starts_at == before.starts_at + before.seconds


def test_body_scan_step_with_impossible_timing_is_refused(tmp_path):
    raw = yaml.safe_load(DEFAULT_BODY_SCAN.read_text())
    broken = copy.deepcopy(raw)
    broken["steps"][2]["seconds"] = 5
    path = tmp_path / "body_scan.yaml"
    path.write_text(yaml.safe_dump(broken))
    with pytest.raises(LibraryError) as info:
        load_body_scan_from(path)
    assert (info.value.source, info.value.field) == ("body_scan.yaml", "steps[2].seconds")
