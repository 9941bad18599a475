"""Controlled vocabularies shared by every part of the core.

Ids are stable: data files, the database and the API store them, so rename
nothing here without a migration.
"""

from __future__ import annotations

from typing import Final

REGIONS: Final = ("neck", "upper_back", "mid_back", "lower_back")

MODALITIES: Final = ("mobility", "stretch", "strength", "core", "self_massage", "breathing")

LEVELS: Final = ("beginner", "intermediate", "advanced")

TRACKING: Final = ("reps", "hold", "breaths")

POSITIONS: Final = (
    "standing",
    "seated",
    "quadruped",
    "kneeling",
    "half_kneeling",
    "supine",
    "prone",
    "side_lying",
)

# Equipment a person must declare before the planner may use it.
EQUIPMENT: Final = (
    "resistance_band",
    "sport_cord",
    "foam_roller",
    "massage_roller",
    "massage_ball",
    "pullup_bar",
    "dumbbell",
    "gym_machine",
)

# Household items everyone has: an exercise may use them without any declaration.
HOUSEHOLD: Final = ("mat", "chair", "wall", "towel", "door")

# Equipment whose resistance comes in levels (band colours); the person names their own.
LEVELLED_EQUIPMENT: Final = ("resistance_band", "sport_cord")

CONTRAINDICATIONS: Final = (
    "osteoporosis",
    "pregnancy",
    "recent_spinal_surgery",
    "radiating_leg_pain",
    "radiating_arm_pain",
    "extension_intolerance",
    "hip_replacement",
    "shoulder_injury",
    "knee_pain",
    "wrist_pain",
    "hypermobility",
)

# What an exercise's movement asks of the body, for the contraindications that follow from it
# (CLINICAL.md section 4): kneeling and all-fours positions come from ``position``; these say
# what the position alone cannot.
MOVEMENTS: Final = (
    "overhead",  # arms raised above the head: not with a shoulder injury
    "spinal_flexion_loaded",  # bending the spine forward against load or gravity: osteoporosis
    "end_range_rotation",  # twisting the spine to its end of range: osteoporosis
    "end_range_extension",  # arching the spine to its end of range: extension intolerance
    "deep_hip_flexion",  # hip bent past 90 degrees: hip replacement
    "hip_adduction",  # thigh across the midline or legs crossed: hip replacement
    "hip_internal_rotation_flexed",  # hip turned in while bent: hip replacement
    "arm_nerve_tension",  # stretches or slides the nerves of the arm: radiating arm pain
    "leg_nerve_tension",  # stretches or slides the sciatic nerve: radiating leg pain
    "weight_on_knees",  # kneels on the floor in any position (plank or push-up on knees): knee pain
    "flexion_bias",  # bends the lower back forward gently: preferred with extension intolerance
)

# Positions that put weight through the knees.
KNEELING_POSITIONS: Final = ("quadruped", "kneeling", "half_kneeling")

SCREENING_LEVELS: Final = ("emergency", "urgent", "see_clinician", "self_manage")


def is_nrs(value: object) -> bool:
    """A score on a 0-10 numeric rating scale (pain, effort, interference): a whole number
    0 to 10, and not a boolean (``True`` is an int in Python)."""
    return not isinstance(value, bool) and isinstance(value, int) and 0 <= value <= 10
