"""The figures of band external rotation, the Pallof press, the foam-roller upper-back
extension and lats, the seated thoracic extension and the standing back extension show what
their instructions say, checked on the resolved scene: where the joints and the roller
are, and the angles the body makes."""

from __future__ import annotations

import math
from functools import cache

from spinewise.core.figures.catalogue import load_scene
from spinewise.core.figures.contacts import site_point
from spinewise.core.figures.equipment import heading
from spinewise.core.figures.geometry import Vec, column, dot, norm, sub
from spinewise.core.figures.kinematics import Body
from spinewise.core.figures.props import Rod
from spinewise.core.figures.scene import Frame, Scene


@cache
def scene(exercise_id: str) -> Scene:
    return load_scene(exercise_id)


def frames(exercise_id: str) -> tuple[Frame, Frame]:
    sc = scene(exercise_id)
    return sc.keyframes[0], sc.keyframes[-1]


def angle(a: Vec, b: Vec) -> float:
    c = dot(a, b) / (norm(a) * norm(b))
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))


def flat(v: Vec) -> Vec:
    return (v[0], 0.0, v[2])


def limb(body: Body, name: str) -> Vec:
    part = body.limbs[name]
    return sub(part.end, part.start)


def elbow_bend(body: Body, side: str) -> float:
    """0 with the arm straight, 90 at a right angle."""
    return angle(limb(body, f"{side}_upper_arm"), limb(body, f"{side}_forearm"))


def forward(body: Body) -> Vec:
    return heading(body)[0]


def ahead(body: Body, point: Vec, of: Vec) -> float:
    """How far (cm) ``point`` is in front of ``of``, along where the body faces."""
    return dot(sub(point, of), forward(body))


def roller(exercise_id: str) -> Vec:
    """The middle of the foam roller, placed from the first keyframe."""
    rods = [
        part
        for item in scene(exercise_id).setting.items
        for part in item.parts
        if isinstance(part, Rod) and part.radius >= 7
    ]
    assert len(rods) == 1
    rod = rods[0]
    return tuple((a + b) / 2 for a, b in zip(rod.start, rod.end, strict=True))  # type: ignore[return-value]


def test_external_rotation_keeps_the_elbows_bent_at_a_right_angle_by_the_sides() -> None:
    for frame in frames("band-external-rotation"):
        for side in ("left", "right"):
            assert 80 <= elbow_bend(frame.body, side) <= 100
            upper = limb(frame.body, f"{side}_upper_arm")
            assert angle(upper, (0.0, -1.0, 0.0)) < 15  # upper arm hangs by the side


def test_external_rotation_turns_the_forearms_out_from_pointing_forwards() -> None:
    start, end = frames("band-external-rotation")
    for side, outward in (("left", -1.0), ("right", 1.0)):
        before = flat(limb(start.body, f"{side}_forearm"))
        after = flat(limb(end.body, f"{side}_forearm"))
        assert angle(before, forward(start.body)) < 15
        assert 45 <= angle(after, forward(end.body)) <= 90
        right = heading(end.body)[1]
        assert dot(after, right) * outward > 0  # each forearm swings away from the midline
    gap = [
        norm(sub(f.body.limbs["left_forearm"].end, f.body.limbs["right_forearm"].end))
        for f in (start, end)
    ]
    assert gap[1] > gap[0] + 20


def test_the_pallof_press_pushes_the_hands_away_from_the_chest_at_chest_height() -> None:
    start, end = frames("band-pallof-press")
    chest = site_point(start.body, "upper_thoracic")
    hands = [site_point(f.body, "right_hand") for f in (start, end)]
    assert ahead(start.body, hands[1], chest) > ahead(start.body, hands[0], chest) + 20
    shoulder = start.body.limbs["right_upper_arm"].start
    for hand in hands:
        assert abs(hand[1] - shoulder[1]) < 15  # at chest height, not pushed down
    assert hands[0][1] - hands[1][1] < 10
    assert elbow_bend(end.body, "right") < 15  # arms straight out


def test_the_roller_sits_under_the_upper_back_not_the_lower_back() -> None:
    centre = roller("foam-roller-thoracic-extension")
    body = frames("foam-roller-thoracic-extension")[0].body
    shoulders = site_point(body, "upper_thoracic")
    pelvis = site_point(body, "pelvis")
    lumbar = site_point(body, "lumbar")
    trunk = sub(shoulders, pelvis)
    along = dot(sub(centre, pelvis), trunk) / dot(trunk, trunk)  # 0 at the pelvis, 1 up top
    assert along > 0.7
    assert norm(flat(sub(centre, shoulders))) < norm(flat(sub(centre, lumbar)))


def test_the_upper_back_bends_back_over_the_roller_with_the_bottom_down() -> None:
    start, end = frames("foam-roller-thoracic-extension")
    for frame in (start, end):
        assert site_point(frame.body, "pelvis")[1] < 15  # bottom on the floor
    assert site_point(end.body, "head")[1] < site_point(start.body, "head")[1] - 3


def test_rolling_the_lats_looks_different_from_start_to_hold() -> None:
    start, end = frames("foam-roller-lats")
    moved = max(
        norm(sub(site_point(end.body, s), site_point(start.body, s)))
        for s in ("head", "right_hand", "right_knee", "left_hand")
    )
    assert moved > 8
    centre = roller("foam-roller-lats")
    chest = site_point(start.body, "upper_thoracic")
    assert norm(flat(sub(centre, chest))) < 15  # under the side of the chest, by the armpit


def test_the_seated_thoracic_extension_arches_the_upper_back_over_the_chair() -> None:
    start, end = frames("seated-thoracic-extension")
    tilt = angle(
        column(start.body.frames["upper_thoracic"], 1),
        column(end.body.frames["upper_thoracic"], 1),
    )
    assert tilt >= 25
    head_back = -ahead(start.body, site_point(end.body, "head"), site_point(start.body, "head"))
    assert head_back > 15
    assert norm(sub(site_point(end.body, "pelvis"), site_point(start.body, "pelvis"))) < 1


def test_the_standing_back_extension_leans_back_with_the_hands_on_the_lower_back() -> None:
    start, end = frames("standing-back-extension")
    pelvis = site_point(start.body, "pelvis")
    assert abs(ahead(start.body, site_point(start.body, "head"), pelvis)) < 10
    assert ahead(start.body, site_point(end.body, "head"), site_point(end.body, "pelvis")) < -25
    for frame in (start, end):
        for side in ("left", "right"):
            hand = site_point(frame.body, f"{side}_hand")
            assert ahead(frame.body, hand, site_point(frame.body, "pelvis")) < 0  # behind
