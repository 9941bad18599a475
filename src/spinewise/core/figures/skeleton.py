"""The drawn body: joints, their movements and limits, and fixed segment sizes.

One adult of about 172 cm. Every length and radius here is fixed, so the body
keeps its proportions in every keyframe; poses only choose joint angles.
Angles are degrees, lengths centimetres. Positive values name the movement:
``flexion`` bends forwards (negative is extension), ``side_bend`` and
``rotation`` of the spine go to the right, a shoulder's ``elevation`` raises the
arm in the ``plane`` given (0 forwards, 90 out to the side, 180 backwards).
"""

from __future__ import annotations

from typing import Final

SIDES: Final = ("left", "right")

# joint -> movement -> (lowest, highest). Limits are generous active ranges for
# an ordinary adult: a pose outside them is a drawing mistake, not a stretch.
JOINT_LIMITS: Final[dict[str, dict[str, tuple[float, float]]]] = {
    "pelvis": {"pitch": (-180.0, 180.0), "roll": (-180.0, 180.0), "turn": (-180.0, 180.0)},
    "lumbar": {
        "flexion": (-35.0, 45.0),
        "side_bend": (-25.0, 25.0),
        "rotation": (-15.0, 15.0),
        "belly": (-3.0, 4.0),
    },
    "lower_thoracic": {
        "flexion": (-25.0, 35.0),
        "side_bend": (-20.0, 20.0),
        "rotation": (-35.0, 35.0),
    },
    "upper_thoracic": {
        "flexion": (-20.0, 30.0),
        "side_bend": (-15.0, 15.0),
        "rotation": (-25.0, 25.0),
    },
    "neck": {"flexion": (-45.0, 45.0), "side_bend": (-35.0, 35.0), "rotation": (-70.0, 70.0)},
    "head": {"flexion": (-25.0, 25.0), "side_bend": (-10.0, 10.0), "rotation": (-15.0, 15.0)},
}
for _side in SIDES:
    JOINT_LIMITS[f"{_side}_shoulder"] = {
        "elevation": (0.0, 180.0),
        "plane": (-60.0, 180.0),
        "rotation": (-90.0, 90.0),
        "shrug": (-4.0, 6.0),
        "protraction": (-5.0, 6.0),
    }
    JOINT_LIMITS[f"{_side}_elbow"] = {"flexion": (0.0, 150.0)}
    JOINT_LIMITS[f"{_side}_wrist"] = {"extension": (-80.0, 95.0), "rotation": (-90.0, 90.0)}
    JOINT_LIMITS[f"{_side}_hip"] = {
        "flexion": (-30.0, 140.0),
        "abduction": (-30.0, 60.0),
        "rotation": (-50.0, 50.0),
    }
    JOINT_LIMITS[f"{_side}_knee"] = {"flexion": (0.0, 155.0)}
    JOINT_LIMITS[f"{_side}_ankle"] = {"dorsiflexion": (-60.0, 35.0)}

LENGTH_UNITS: Final = frozenset({"shrug", "protraction", "belly"})


def shoulder_elevation_limit(plane: float) -> float:
    """Highest arm elevation (degrees) in a plane; an arm taken behind the body rises less."""
    if plane <= 90.0:
        return 180.0
    return 180.0 - (plane - 90.0) * 120.0 / 90.0


# Fixed dimensions (cm). Offsets are in the parent segment's frame.
PELVIS_BLOB = ((-1.0, 2.0, 0.0), (10.0, 11.0, 17.0))  # centre, radii (front-back, long, side)
LUMBAR_BASE = (-2.0, 8.0, 0.0)
LUMBAR_LENGTH = 16.0
LUMBAR_RADII = (10.0, 11.0, 14.0)
LOWER_THORACIC_LENGTH = 15.0
LOWER_THORACIC_BLOB = ((0.5, 7.5, 0.0), (11.0, 10.0, 15.5))
UPPER_THORACIC_BLOB = ((0.0, 7.0, 0.0), (10.0, 10.0, 17.0))
NECK_BASE = (-1.0, 15.0, 0.0)
NECK_LENGTH = 10.0
NECK_RADII = (5.5, 5.0)
HEAD_CENTRE = (2.5, 8.0, 0.0)
HEAD_RADIUS = 10.5
SHOULDER = (0.0, 12.0, 18.0)  # right side; the left mirrors z
UPPER_ARM = (29.0, 5.2, 4.3)  # length, radius at start, radius at end
FOREARM = (25.0, 4.1, 3.1)
HAND = (16.0, 3.2, 2.4)
HIP = (0.0, 0.0, 9.0)
THIGH = (41.0, 7.6, 5.4)
SHIN = (41.0, 5.2, 3.7)
HEEL = ((-4.0, -5.0, 0.0), 3.2)
TOE = ((17.0, -6.0, 0.0), 2.2)

SEGMENT_LENGTHS: Final = {
    "upper_arm": UPPER_ARM[0],
    "forearm": FOREARM[0],
    "hand": HAND[0],
    "thigh": THIGH[0],
    "shin": SHIN[0],
    "neck": NECK_LENGTH,
}
