"""Plain-language labels for the core's vocabulary ids."""

from __future__ import annotations

from spinewise.core import vocab

LABELS: dict[str, str] = {
    # regions
    "neck": "Neck",
    "upper_back": "Upper back (between the shoulder blades)",
    "mid_back": "Mid back (behind the ribs)",
    "lower_back": "Lower back",
    # equipment
    "resistance_band": "Resistance bands",
    "sport_cord": "Sport cord (band with handles)",
    "foam_roller": "Foam roller",
    "massage_roller": "Massage roller (stick or handheld roller)",
    "massage_ball": "Massage ball (or a tennis ball)",
    "pullup_bar": "Pull-up bar",
    "dumbbell": "Dumbbells",
    "gym_machine": "Gym machines",
    # conditions
    "osteoporosis": "Osteoporosis (thin bones)",
    "pregnancy": "Pregnancy",
    "recent_spinal_surgery": "Spinal surgery in the last year",
    "radiating_leg_pain": "Pain that spreads down a leg",
    "radiating_arm_pain": "Pain that spreads down an arm",
    "extension_intolerance": (
        "Back pain worse when standing tall or leaning back (spinal stenosis or spondylolisthesis)"
    ),
    "hip_replacement": "Hip replacement",
    "shoulder_injury": "Shoulder injury",
    "knee_pain": "Knee pain",
    "wrist_pain": "Wrist pain",
    "hypermobility": "Very flexible joints (hypermobility)",
    # levels
    "beginner": "New to exercise, or it has been a while",
    "intermediate": "Exercise now and then",
    "advanced": "Exercise regularly",
    # screening levels
    "emergency": "Emergency",
    "urgent": "Urgent",
    "see_clinician": "See a clinician",
    "self_manage": "Safe to start",
    # modalities
    "mobility": "Mobility",
    "stretch": "Stretch",
    "strength": "Strength",
    "core": "Core",
    "self_massage": "Self-massage",
    "breathing": "Breathing",
    # decisions
    "progress": "Stepped up",
    "hold": "Kept the same",
    "regress": "Stepped back",
    "replace": "Replaced",
}


def label(value: str) -> str:
    """The plain-language label for a vocabulary id (falls back to a tidied id)."""
    return LABELS.get(value, value.replace("_", " ").replace("-", " ").capitalize())


def choices(values: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    return [(v, label(v)) for v in values]


REGION_CHOICES = choices(vocab.REGIONS)
EQUIPMENT_CHOICES = choices(vocab.EQUIPMENT)
CONDITION_CHOICES = choices(vocab.CONTRAINDICATIONS)
LEVEL_CHOICES = choices(vocab.LEVELS)
