"""Which answers lead to which screening level, and what the person is told."""

from __future__ import annotations

import pytest

from spinewise.core import vocab
from spinewise.core.screening import RED_FLAG_ANSWER_IDS, screen
from spinewise.core.screening_data import load_screening

# A person with ordinary back pain: no rule fires.
BASE = {"age": 35, "regions": ["lower_back"], "pain_now": 4}


def screened(**answers):
    return screen({**BASE, **answers})


def codes(result):
    return [reason.code for reason in result.reasons]


# One row per shipped rule: the smallest set of answers that fires it on its own.
RULE_TRIGGERS = [
    ("cauda_equina_saddle_numbness", {"saddle_numbness": True}, "emergency"),
    ("cauda_equina_bladder_bowel", {"bladder_bowel_change": True}, "emergency"),
    ("cauda_equina_sexual_function", {"sexual_dysfunction_new": True}, "emergency"),
    ("cauda_equina_both_legs", {"bilateral_leg_symptoms": True}, "emergency"),
    (
        "cauda_equina_weakness_both_legs",
        {"progressive_weakness": True, "bilateral_leg_symptoms": True},
        "emergency",
    ),
    (
        "chest_pain_with_warning_signs",
        {"chest_pain_with_sweating_breathlessness_or_nausea": True},
        "emergency",
    ),
    ("tearing_pain_to_back", {"tearing_pain": True}, "emergency"),
    (
        "breathing_pain_with_breathlessness",
        {"breathing_pain_with_breathlessness": True},
        "emergency",
    ),
    ("chest_pain_or_pressure", {"chest_pain_or_pressure": True}, "emergency"),
    ("lung_clot_signs", {"sudden_breathlessness_or_calf_swelling": True}, "emergency"),
    ("cervical_arterial_warning_signs", {"neuro_head_symptoms": True}, "emergency"),
    ("sudden_severe_headache", {"sudden_severe_headache": True}, "emergency"),
    ("cervical_cord_compression_signs", {"clumsy_hands_or_unsteady_walking": True}, "urgent"),
    ("exertional_chest_discomfort", {"exertional_chest_discomfort": True}, "urgent"),
    ("fragility_fracture_age_70_or_over", {"minor_trauma": True, "age": 70}, "urgent"),
    ("minor_trauma_age_50_to_69", {"minor_trauma": True, "age": 50}, "see_clinician"),
    ("spinal_surgery_recent", {"spinal_surgery_recent": True}, "see_clinician"),
    ("infection_fever", {"fever_or_chills": True}, "urgent"),
    ("infection_risk_drugs_or_immunity", {"iv_drugs_or_immunosuppressed": True}, "urgent"),
    ("fracture_major_trauma", {"major_trauma": True}, "urgent"),
    (
        "fracture_minor_trauma_fragile_bones",
        {"minor_trauma": True, "osteoporosis": True},
        "urgent",
    ),
    ("cancer_history", {"cancer_history": True}, "urgent"),
    ("nerve_weakness_worsening", {"progressive_weakness": True}, "urgent"),
    ("first_episode_age_50_or_over", {"first_episode": True, "age": 55}, "see_clinician"),
    ("first_episode_under_20", {"first_episode": True, "age": 18}, "see_clinician"),
    ("weight_loss_unexplained", {"weight_loss_unexplained": True}, "see_clinician"),
    ("constant_or_night_pain", {"constant_or_night_pain": True}, "see_clinician"),
    ("inflammatory_morning_stiffness", {"morning_stiffness_over_30min": True}, "see_clinician"),
    ("pain_linked_to_organs", {"pain_linked_to_meals_or_urination": True}, "see_clinician"),
    ("shingles_band_rash", {"band_rash": True}, "see_clinician"),
    (
        "no_improvement_6_weeks",
        {"no_improvement_6_weeks": True, "pain_weeks": 8},
        "see_clinician",
    ),
    ("severe_pain_now", {"pain_now": 8}, "see_clinician"),
]


def test_ordinary_back_pain_may_self_manage():
    result = screen(BASE)
    assert (result.level, result.reasons, result.allows_programme) == ("self_manage", (), True)


@pytest.mark.parametrize(
    ("code", "answers", "level"), RULE_TRIGGERS, ids=[row[0] for row in RULE_TRIGGERS]
)
def test_each_rule_fires_on_its_trigger_with_its_level(code, answers, level):
    result = screened(**answers)
    assert result.level == level
    assert code in codes(result)
    assert next(r for r in result.reasons if r.code == code).level == level


def test_every_shipped_rule_has_a_trigger_test():
    # Every trigger of CLINICAL.md section 2 is a rule with a row above.
    assert {rule.code for rule in load_screening().rules} == {row[0] for row in RULE_TRIGGERS}


@pytest.mark.parametrize(
    "answers",
    [
        {"minor_trauma": True},
        {"osteoporosis": True},
        {"long_term_steroids": True},
        {"osteoporosis": True, "long_term_steroids": True},
        {"first_episode": True},
        {"age": 55},
        {"age": 18},
        {"pain_now": 7},
        {"pain_weeks": 30},
        {"regions": ["neck", "upper_back", "mid_back", "lower_back"]},
    ],
    ids=repr,
)
def test_answers_that_only_matter_in_combination_fire_nothing_alone(answers):
    result = screened(**answers)
    assert (result.level, result.reasons) == ("self_manage", ())


def test_minor_trauma_with_long_term_steroids_is_urgent():
    result = screened(minor_trauma=True, long_term_steroids=True)
    assert (result.level, codes(result)) == ("urgent", ["fracture_minor_trauma_fragile_bones"])


@pytest.mark.parametrize(("age", "fires"), [(49, False), (50, True), (19, True), (20, False)])
def test_first_episode_age_boundaries(age, fires):
    result = screened(first_episode=True, age=age)
    assert result.level == ("see_clinician" if fires else "self_manage")


def test_age_55_with_earlier_episodes_fires_nothing():
    assert screened(age=55, first_episode=False).level == "self_manage"


def test_pain_8_or_more_needs_a_clinician_but_7_does_not():
    assert screened(pain_now=8).level == "see_clinician"
    assert screened(pain_now=10).level == "see_clinician"
    assert screened(pain_now=7).level == "self_manage"


@pytest.mark.parametrize(("weeks", "fires"), [(5, False), (6, True), (52, True)])
def test_no_improvement_counts_from_six_weeks(weeks, fires):
    result = screened(no_improvement_6_weeks=True, pain_weeks=weeks)
    assert ("no_improvement_6_weeks" in codes(result)) is fires


def test_no_improvement_fires_when_pain_weeks_is_not_answered():
    assert codes(screened(no_improvement_6_weeks=True)) == ["no_improvement_6_weeks"]


def test_chest_pain_or_pressure_now_alone_is_an_emergency_in_any_region():
    for region in vocab.REGIONS:
        result = screened(chest_pain_or_pressure=True, regions=[region])
        assert (result.level, codes(result)) == ("emergency", ["chest_pain_or_pressure"])


def test_chest_discomfort_on_exertion_that_settles_with_rest_is_urgent():
    result = screened(exertional_chest_discomfort=True, regions=["mid_back"])
    assert (result.level, codes(result)) == ("urgent", ["exertional_chest_discomfort"])
    both = screened(exertional_chest_discomfort=True, chest_pain_or_pressure=True)
    assert both.level == "emergency"


@pytest.mark.parametrize(
    ("age", "level"),
    [(35, "self_manage"), (49, "self_manage"), (50, "see_clinician"), (69, "see_clinician")]
    + [(70, "urgent"), (78, "urgent"), (95, "urgent")],
)
def test_a_small_fall_lift_cough_or_sneeze_counts_by_age(age, level):
    assert screened(minor_trauma=True, age=age).level == level


def test_laundry_bend_at_78_with_mid_back_pain_is_urgent_without_known_osteoporosis():
    result = screened(age=78, regions=["mid_back"], minor_trauma=True, pain_now=6)
    assert (result.level, codes(result)) == ("urgent", ["fragility_fracture_age_70_or_over"])


def test_neck_pain_with_dizziness_double_vision_and_slurred_speech_is_an_emergency():
    result = screened(regions=["neck"], neuro_head_symptoms=True)
    assert (result.level, codes(result)) == ("emergency", ["cervical_arterial_warning_signs"])


@pytest.mark.parametrize("region", vocab.REGIONS)
def test_head_and_nerve_warning_signs_count_in_every_region(region):
    assert screened(regions=[region], neuro_head_symptoms=True).level == "emergency"
    assert screened(regions=[region], sudden_severe_headache=True).level == "emergency"
    assert screened(regions=[region], clumsy_hands_or_unsteady_walking=True).level == "urgent"


def test_sudden_breathlessness_alone_or_a_swollen_calf_is_an_emergency():
    result = screened(regions=["mid_back"], sudden_breathlessness_or_calf_swelling=True)
    assert (result.level, codes(result)) == ("emergency", ["lung_clot_signs"])


def test_radiating_limb_pain_is_a_caution_that_shapes_the_plan_not_a_red_flag():
    result = screened(radiating_limb_pain=True)
    assert (result.level, result.reasons) == ("self_manage", ())
    assert [c.code for c in result.cautions] == ["radiating_limb_pain"]
    assert set(result.planner_conditions) == {"radiating_leg_pain", "radiating_arm_pain"}
    assert result.to_dict()["cautions"][0]["conditions"] == [
        "radiating_leg_pain",
        "radiating_arm_pain",
    ]


def test_recent_spinal_surgery_needs_a_clinician_and_keeps_its_contraindications():
    result = screened(spinal_surgery_recent=True)
    assert result.level == "see_clinician"
    assert "recent_spinal_surgery" in result.planner_conditions


def test_unanswered_questions_are_listed_and_follow_ups_only_after_a_yes():
    result = screened()
    assert "neuro_head_symptoms" in result.unanswered
    assert "age" not in result.unanswered
    assert "chest_pain_with_sweating_breathlessness_or_nausea" not in result.unanswered
    chest = screened(chest_pain_or_pressure=True)
    assert "chest_pain_with_sweating_breathlessness_or_nausea" in chest.unanswered
    every = {q.id: False for q in load_screening().questions if q.type == "boolean"}
    assert screen({**BASE, "pain_weeks": 2, **every}).unanswered == ()


def test_every_rule_and_caution_names_its_source_guideline():
    data = load_screening()
    for rule in (*data.rules, *data.cautions):
        assert rule.source.strip(), rule.code


def test_chest_pain_with_sweating_breathlessness_or_nausea_is_an_emergency():
    result = screened(
        chest_pain_or_pressure=True, chest_pain_with_sweating_breathlessness_or_nausea=True
    )
    assert result.level == "emergency"
    assert codes(result) == ["chest_pain_with_warning_signs", "chest_pain_or_pressure"]


def test_worsening_weakness_in_both_legs_is_an_emergency_and_in_one_limb_urgent():
    both = screened(progressive_weakness=True, bilateral_leg_symptoms=True)
    assert both.level == "emergency"
    assert "cauda_equina_weakness_both_legs" in codes(both)
    assert screened(progressive_weakness=True).level == "urgent"


def test_organ_linked_pain_needs_a_clinician_in_the_lower_back_too():
    result = screened(pain_linked_to_meals_or_urination=True, regions=["lower_back"])
    assert codes(result) == ["pain_linked_to_organs"]


def test_most_severe_level_wins_and_every_reason_is_listed_most_severe_first():
    result = screened(band_rash=True, fever_or_chills=True, saddle_numbness=True, pain_now=9)
    assert result.level == "emergency"
    assert codes(result) == [
        "cauda_equina_saddle_numbness",
        "infection_fever",
        "shingles_band_rash",
        "severe_pain_now",
    ]
    assert [r.level for r in result.reasons] == [
        "emergency",
        "urgent",
        "see_clinician",
        "see_clinician",
    ]


@pytest.mark.parametrize(
    ("answers", "level", "allowed"),
    [
        ({}, "self_manage", True),
        ({"band_rash": True}, "see_clinician", True),
        ({"cancer_history": True}, "urgent", False),
        ({"tearing_pain": True}, "emergency", False),
    ],
)
def test_programme_is_allowed_only_for_self_manage_and_see_clinician(answers, level, allowed):
    result = screened(**answers)
    assert (result.level, result.allows_programme) == (level, allowed)


def test_emergency_advice_says_to_call_emergency_services_now():
    result = screened(saddle_numbness=True)
    assert result.headline == "Get emergency help now"
    assert "call emergency services" in result.advice
    assert "emergency department now" in result.advice
    for reason in result.reasons:
        assert "emergency" in reason.action.lower()


def test_every_level_advice_says_it_is_not_medical_advice():
    for level, text in load_screening().levels.items():
        assert "not medical advice" in text.advice, level


def test_wording_never_names_a_diagnosis():
    diagnoses = (
        "cauda equina",
        "syndrome",
        "fracture",
        "dissection",
        "aneurysm",
        "heart attack",
        "tumour",
        "malignan",
        "shingles",
        "spondyl",
        "embolism",
        "you have cancer",
    )
    data = load_screening()
    texts = [r.explanation + r.action for r in data.rules]
    texts += [t.headline + t.advice for t in data.levels.values()]
    texts += [q.text + (q.help or "") for q in data.questions]
    for text in texts:
        assert not [d for d in diagnoses if d in text.lower()], text


def test_result_dict_carries_level_advice_and_each_reason_with_its_level():
    data = screened(fever_or_chills=True).to_dict()
    assert data["level"] == "urgent"
    assert data["headline"] == "See a doctor today"
    assert data["allows_programme"] is False
    assert data["advice"]
    [reason] = data["reasons"]
    assert reason["code"] == "infection_fever"
    assert reason["level"] == "urgent"
    assert reason["explanation"] and reason["action"]


def test_red_flag_answers_are_the_yes_no_answers_that_alone_mean_urgent_or_worse():
    assert set(RED_FLAG_ANSWER_IDS) == {
        "saddle_numbness",
        "bladder_bowel_change",
        "sexual_dysfunction_new",
        "bilateral_leg_symptoms",
        "progressive_weakness",
        "chest_pain_or_pressure",
        "chest_pain_with_sweating_breathlessness_or_nausea",
        "tearing_pain",
        "breathing_pain_with_breathlessness",
        "fever_or_chills",
        "iv_drugs_or_immunosuppressed",
        "major_trauma",
        "cancer_history",
        "neuro_head_symptoms",
        "sudden_severe_headache",
        "clumsy_hands_or_unsteady_walking",
        "sudden_breathlessness_or_calf_swelling",
        "exertional_chest_discomfort",
    }


def test_each_red_flag_answer_alone_stops_the_programme():
    for answer_id in RED_FLAG_ANSWER_IDS:
        result = screened(**{answer_id: True})
        assert result.level in ("emergency", "urgent"), answer_id
        assert not result.allows_programme
