"""A small synthetic exercise library written as YAML files, for break-routine tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from spinewise.core.exercises import DEFAULT_LIBRARY_DIR, Library, load_library_from

SAMPLE = yaml.safe_load((DEFAULT_LIBRARY_DIR / "cat-camel.yaml").read_text())

REPS = {"beginner": {"sets": [1, 2], "reps": [6, 10], "rest_seconds": 20}}
HOLD = {"beginner": {"sets": [1, 2], "hold_seconds": [20, 30], "rest_seconds": 20}}


def entry(ex_id: str, regions: list[str], **changes: Any) -> dict[str, Any]:
    data = {
        **SAMPLE,
        "id": ex_id,
        "regions": regions,
        "position": "seated",
        "household": [],
        "desk_friendly": True,
        "seconds_per_rep": 4,
        "dose": REPS,
        "easier": [],
        "harder": [],
    }
    data.update(changes)
    return data


# Desk-friendly exercises with a mix of regions, equipment, contraindications and lengths,
# plus traps that must never be picked for a desk break.
ENTRIES = [
    entry("desk-chin-tuck", ["neck"], seconds_per_rep=6),
    entry("desk-neck-stretch", ["neck"], tracking="hold", dose=HOLD, per_side=True),
    entry("desk-shoulder-rolls", ["neck", "upper_back"], position="standing", modality="mobility"),
    entry(
        "desk-band-pull-apart", ["upper_back"], equipment=["resistance_band"], modality="strength"
    ),
    entry(
        "desk-cord-row", ["upper_back", "mid_back"], equipment=["sport_cord"], modality="strength"
    ),
    entry("desk-rotation", ["mid_back"], per_side=True, contraindications=["osteoporosis"]),
    entry(
        "desk-wall-slide",
        ["upper_back"],
        position="standing",
        contraindications=["shoulder_injury"],
    ),
    entry("desk-pelvic-tilt", ["lower_back"], seconds_per_rep=3),
    entry("desk-back-extension", ["lower_back"], position="standing", modality="strength"),
    entry(
        "desk-breathing",
        ["mid_back", "lower_back"],
        modality="breathing",
        tracking="breaths",
        seconds_per_rep=8,
        dose={"beginner": {"sets": [1, 2], "breaths": [5, 8], "rest_seconds": 0}},
    ),
    entry(
        "desk-roller",
        ["upper_back"],
        equipment=["massage_roller"],
        modality="self_massage",
        tracking="hold",
        dose={"beginner": {"sets": [1, 1], "hold_seconds": [30, 60], "rest_seconds": 0}},
    ),
    # Too long for a break even at its shortest: 2 x 60 s + setting up.
    entry(
        "desk-long-hold",
        ["lower_back"],
        tracking="hold",
        per_side=True,
        dose={"beginner": {"sets": [1, 1], "hold_seconds": [60, 90], "rest_seconds": 0}},
    ),
    # Traps: floor work, or marked desk-friendly in an impossible position.
    entry("floor-cat-camel", ["mid_back", "lower_back"], position="quadruped", desk_friendly=False),
    entry("floor-bridge", ["lower_back"], position="supine", desk_friendly=True),
]


def write_desk_library(directory: Path) -> Library:
    for data in ENTRIES:
        (directory / f"{data['id']}.yaml").write_text(yaml.safe_dump(data))
    return load_library_from(directory)
