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
    "shoulder_injury",
    "knee_pain",
    "wrist_pain",
    "hypermobility",
)

SCREENING_LEVELS: Final = ("emergency", "urgent", "see_clinician", "self_manage")
