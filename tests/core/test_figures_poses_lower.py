"""The figures of side planks, the prone Y-T-W raise, the wall push-up plus, the hip
hinge and the prone press-up show what their instructions say, checked on the
resolved scene: where the joints are, how far they are from the floor or the wall,
and the angles the body makes."""

from __future__ import annotations

import math
from functools import cache

import pytest

from spinewise.core.figures.catalogue import load_scene
from spinewise.core.figures.contacts import FLOOR, Plane, site_point, site_shapes, surface_gap
from spinewise.core.figures.geometry import Vec, column, dot, norm, sub
from spinewise.core.figures.kinematics import Body
from spinewise.core.figures.scene import TOLERANCE, Frame, Scene


@cache
def scene(exercise_id: str) -> Scene:
    return load_scene(exercise_id)


def keyframe(exercise_id: str, name: str) -> Frame:
    sc = scene(exercise_id)
    names = [k.name for k in sc.spec.keyframes]
    assert name in names, names
    return sc.keyframes[names.index(name)]


def angle(a: Vec, b: Vec) -> float:
    """Degrees between two directions."""
    c = dot(a, b) / (norm(a) * norm(b))
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))


def from_vertical(v: Vec) -> float:
    return angle(v, (0.0, 1.0, 0.0))


def midpoint(a: Vec, b: Vec) -> Vec:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2)


def distance_from_line(p: Vec, a: Vec, b: Vec) -> float:
    """Distance (cm) of ``p`` from the straight line through ``a`` and ``b``."""
    ab, ap = sub(b, a), sub(p, a)
    t = dot(ap, ab) / dot(ab, ab)
    return norm(sub(ap, (ab[0] * t, ab[1] * t, ab[2] * t)))


def limb_direction(body: Body, limb: str) -> Vec:
    part = body.limbs[limb]
    return sub(part.end, part.start)


def headward(body: Body) -> Vec:
    """The trunk's long axis, pointing from the pelvis towards the head."""
    return column(body.frames["upper_thoracic"], 1)


# --- side planks -----------------------------------------------------------------

SIDE_PLANKS = {"side-plank": "ankle", "side-plank-knees": "knee"}


@pytest.mark.parametrize("exercise_id", SIDE_PLANKS)
def test_side_plank_starts_with_the_hips_on_the_mat_and_lifts_them_clear_in_the_hold(
    exercise_id,
):
    start, hold = scene(exercise_id).keyframes[0], scene(exercise_id).keyframes[-1]
    assert surface_gap(start.body, "pelvis", FLOOR) <= TOLERANCE
    assert surface_gap(hold.body, "pelvis", FLOOR) > 10.0
    rise = site_point(hold.body, "pelvis")[1] - site_point(start.body, "pelvis")[1]
    assert rise > 10.0


@pytest.mark.parametrize(("exercise_id", "end"), SIDE_PLANKS.items())
def test_side_plank_hold_is_one_straight_line_from_head_to_feet_or_knees(exercise_id, end):
    body = scene(exercise_id).keyframes[-1].body
    head = body.head_centre
    pelvis = site_point(body, "pelvis")
    feet = midpoint(site_point(body, f"left_{end}"), site_point(body, f"right_{end}"))
    # Seen from the side (the picture) the hips sit on the head-feet line...
    flat = [(p[0], p[1], 0.0) for p in (head, pelvis, feet)]
    assert distance_from_line(flat[1], flat[0], flat[2]) < 2.0
    # ...and in 3D the body bends by only a few degrees at the hips.
    assert angle(sub(pelvis, feet), sub(head, pelvis)) < 8.0
    # The line rises from the mat to the head: the body is lifted, not lying flat.
    assert head[1] - feet[1] > 30.0


@pytest.mark.parametrize("exercise_id", SIDE_PLANKS)
def test_side_plank_rests_on_the_forearm_with_the_elbow_under_the_shoulder(exercise_id):
    for frame in scene(exercise_id).keyframes:
        body = frame.body
        assert surface_gap(body, "left_elbow", FLOOR) <= TOLERANCE
        assert surface_gap(body, "left_wrist", FLOOR) <= TOLERANCE
        assert angle(limb_direction(body, "left_upper_arm"), (0.0, -1.0, 0.0)) < 10.0
        assert frame.angles["left_elbow.flexion"] == pytest.approx(90.0, abs=10.0)
        # The bottom shoulder is held up by the arm, not lying on the mat.
        assert surface_gap(body, "left_shoulder", FLOOR) > 20.0


def test_side_plank_legs_are_straight_and_the_knee_version_rests_on_bent_knees():
    for frame in scene("side-plank").keyframes:
        assert frame.angles["left_knee.flexion"] < 5.0
        assert frame.angles["right_knee.flexion"] < 5.0
        assert surface_gap(frame.body, "left_foot", FLOOR) <= TOLERANCE
    for frame in scene("side-plank-knees").keyframes:
        assert frame.angles["left_knee.flexion"] >= 80.0
        assert frame.angles["right_knee.flexion"] >= 80.0
        assert surface_gap(frame.body, "left_knee", FLOOR) <= TOLERANCE


# --- prone Y-T-W raise ------------------------------------------------------------

YTW = "prone-y-t-w-raise"


def test_ytw_has_the_three_shapes_in_order():
    assert [k.name for k in scene(YTW).spec.keyframes] == ["y", "t", "w"]


@pytest.mark.parametrize(("name", "low", "high"), [("y", 128.0, 142.0), ("t", 83.0, 97.0)])
def test_ytw_straight_arms_make_a_y_overhead_and_a_t_out_to_the_sides(name, low, high):
    body = keyframe(YTW, name).body
    feetward = tuple(-v for v in headward(body))
    for side in ("left", "right"):
        arm = sub(body.limbs[f"{side}_hand"].start, body.limbs[f"{side}_upper_arm"].start)
        # The angle between arm and trunk: 135 for the Y, 90 for the T.
        assert low <= angle(arm, feetward) <= high, (side, angle(arm, feetward))
        assert angle(limb_direction(body, f"{side}_upper_arm"), arm) < 5.0  # elbow straight
    # The arms go out to both sides, mirror images of each other.
    left, right = site_point(body, "left_wrist"), site_point(body, "right_wrist")
    middle = midpoint(site_point(body, "left_shoulder"), site_point(body, "right_shoulder"))
    assert left[2] < middle[2] - 30.0
    assert right[2] > middle[2] + 30.0
    assert left[2] - middle[2] == pytest.approx(middle[2] - right[2], abs=1.0)


def test_ytw_w_has_the_elbows_bent_and_pulled_down_to_the_sides():
    frame = keyframe(YTW, "w")
    body = frame.body
    up = headward(body)
    feetward = tuple(-v for v in up)
    for side in ("left", "right"):
        assert frame.angles[f"{side}_elbow.flexion"] >= 80.0
        upper = limb_direction(body, f"{side}_upper_arm")
        assert 35.0 <= angle(upper, feetward) <= 65.0
        # The elbow is below (towards the feet of) the shoulder, the forearm points
        # back up so the hand is level with the shoulder: a W.
        shoulder, elbow = site_point(body, f"{side}_shoulder"), site_point(body, f"{side}_elbow")
        wrist = site_point(body, f"{side}_wrist")
        assert dot(sub(elbow, shoulder), up) < -10.0
        assert abs(dot(sub(wrist, shoulder), up)) < 10.0
        assert angle(limb_direction(body, f"{side}_forearm"), up) < 60.0


@pytest.mark.parametrize("name", ["y", "t", "w"])
def test_ytw_arms_lift_off_the_mat_while_the_trunk_and_forehead_stay_down(name):
    body = keyframe(YTW, name).body
    for side in ("left", "right"):
        for site in ("elbow", "wrist", "fingers"):
            assert surface_gap(body, f"{side}_{site}", FLOOR) > 4.0, (side, site)
    sc = scene(YTW)
    assert surface_gap(body, "upper_thoracic", FLOOR) <= TOLERANCE
    assert surface_gap(body, "pelvis", FLOOR) <= TOLERANCE
    assert surface_gap(body, "forehead", sc.setting.surfaces["folded_towel"]) <= TOLERANCE


# --- wall push-up plus ------------------------------------------------------------

WALL = "wall-push-up-plus"


def wall_plane() -> Plane:
    wall = scene(WALL).setting.surfaces["wall"]
    assert isinstance(wall, Plane)
    return wall


def test_wall_push_up_goes_straight_bent_plus_and_back():
    sc = scene(WALL)
    assert [k.name for k in sc.spec.keyframes] == ["straight", "bent", "plus"]
    assert sc.spec.loop
    # The wall stands in front of the body, which faces it.
    assert angle(wall_plane().normal, (-1.0, 0.0, 0.0)) < 1.0


# In the push-up the chest drops towards the wall, so the hands end a little above
# the shoulders; with straight arms they are level with them.
@pytest.mark.parametrize(("name", "height"), [("straight", 10.0), ("bent", 18.0), ("plus", 10.0)])
def test_wall_push_up_hands_stay_flat_on_the_wall_at_shoulder_height(name, height):
    body = keyframe(WALL, name).body
    first = scene(WALL).keyframes[0].body
    for side in ("left", "right"):
        # Both the heel of the hand and the fingertips touch the wall plane.
        for site in ("wrist", "fingers"):
            gap = surface_gap(body, f"{side}_{site}", wall_plane())
            assert abs(gap) <= TOLERANCE, (side, site, gap)
        hand = site_point(body, f"{side}_hand")
        shoulder = site_point(body, f"{side}_shoulder")
        assert abs(hand[1] - shoulder[1]) < height, (side, hand, shoulder)
        assert hand[1] < body.head_centre[1]  # not reaching up the wall
        # The hand stays where it was put down.
        assert math.dist(hand, site_point(first, f"{side}_hand")) < 3.0
        # Fingers point up the wall.
        assert from_vertical(limb_direction(body, f"{side}_hand")) < 25.0


def test_wall_push_up_bends_the_elbows_and_brings_the_chest_towards_the_wall():
    straight, bent = keyframe(WALL, "straight"), keyframe(WALL, "bent")
    wall = wall_plane()
    for side in ("left", "right"):
        assert straight.angles[f"{side}_elbow.flexion"] < 10.0
        assert bent.angles[f"{side}_elbow.flexion"] >= 90.0
    chest_before = wall.gap(_ball(straight.body, "upper_thoracic"))
    chest_after = wall.gap(_ball(bent.body, "upper_thoracic"))
    assert chest_before - chest_after > 15.0


def test_wall_push_up_plus_pushes_away_with_the_shoulder_blades_spread():
    straight, bent, plus = (keyframe(WALL, n) for n in ("straight", "bent", "plus"))
    wall = wall_plane()
    for side in ("left", "right"):
        assert plus.angles[f"{side}_elbow.flexion"] < 10.0
        assert plus.angles[f"{side}_shoulder.protraction"] >= (
            straight.angles.get(f"{side}_shoulder.protraction", 0.0) + 4.0
        )
    assert plus.angles["upper_thoracic.flexion"] > straight.angles["upper_thoracic.flexion"] + 5
    # Pushed away: the chest is further from the wall than in the push-up.
    assert wall.gap(_ball(plus.body, "upper_thoracic")) > wall.gap(
        _ball(bent.body, "upper_thoracic")
    )


def _ball(body: Body, site: str):
    return site_shapes(body, site)[0]


# --- hip hinge --------------------------------------------------------------------

HINGE = "hip-hinge"


def trunk_lean(body: Body) -> float:
    """Degrees the trunk (pelvis to upper back) leans from upright."""
    return from_vertical(sub(site_point(body, "upper_thoracic"), site_point(body, "pelvis")))


def test_hip_hinge_starts_upright_and_ends_with_the_trunk_about_45_degrees_forwards():
    start, end = scene(HINGE).keyframes[0], scene(HINGE).keyframes[-1]
    assert trunk_lean(start.body) < 10.0
    assert trunk_lean(end.body) == pytest.approx(45.0, abs=5.0)
    # It leans forwards (towards where the figure faces), not backwards.
    lean = sub(site_point(end.body, "upper_thoracic"), site_point(end.body, "pelvis"))
    assert lean[0] > 0


def test_hip_hinge_bends_at_the_hips_with_a_straight_back():
    start, end = scene(HINGE).keyframes[0], scene(HINGE).keyframes[-1]
    a = end.angles
    # The lumbar spine keeps its standing curve: no rounding.
    assert a["lumbar.flexion"] <= start.angles["lumbar.flexion"] + 2.0
    assert a["lumbar.flexion"] <= 0.0
    spine = a["lumbar.flexion"] + a["lower_thoracic.flexion"] + a["upper_thoracic.flexion"]
    assert spine < 10.0
    body = end.body
    lumbar_up = column(body.frames["lumbar"], 1)
    chest_up = column(body.frames["upper_thoracic"], 1)
    assert angle(lumbar_up, chest_up) < 12.0
    # The movement comes from the hips, with soft knees (a hinge, not a squat).
    for side in ("left", "right"):
        assert a[f"{side}_hip.flexion"] - start.angles[f"{side}_hip.flexion"] > 50.0
        assert 8.0 <= a[f"{side}_knee.flexion"] <= 35.0
    # The neck stays in line with the back rather than looking up.
    assert a["neck.flexion"] > -15.0


def test_hip_hinge_pushes_the_hips_back_to_the_wall():
    sc = scene(HINGE)
    start, end = sc.keyframes[0], sc.keyframes[-1]
    back = site_point(start.body, "pelvis")[0] - site_point(end.body, "pelvis")[0]
    assert back > 15.0
    wall = sc.setting.surfaces["wall"]
    assert surface_gap(end.body, "pelvis", wall) <= TOLERANCE
    assert surface_gap(start.body, "pelvis", wall) > 15.0
    for frame in sc.keyframes:
        for side in ("left", "right"):
            assert surface_gap(frame.body, f"{side}_foot", FLOOR) <= TOLERANCE


# --- prone press-up ---------------------------------------------------------------

PRESS = "prone-press-up"


def test_press_up_keeps_the_pelvis_and_thighs_on_the_floor():
    for frame in scene(PRESS).keyframes:
        assert surface_gap(frame.body, "pelvis", FLOOR) <= TOLERANCE
        for side in ("left", "right"):
            assert surface_gap(frame.body, f"{side}_thigh", FLOOR) <= TOLERANCE


def test_press_up_raises_the_chest_by_straightening_the_arms_and_arching_the_lower_back():
    start, end = scene(PRESS).keyframes[0], scene(PRESS).keyframes[-1]
    rise = site_point(end.body, "upper_thoracic")[1] - site_point(start.body, "upper_thoracic")[1]
    assert rise > 20.0
    assert end.body.head_centre[1] - start.body.head_centre[1] > 30.0
    assert end.angles["lumbar.flexion"] <= -25.0
    for side in ("left", "right"):
        assert start.angles[f"{side}_elbow.flexion"] >= 120.0
        assert end.angles[f"{side}_elbow.flexion"] <= 60.0
        assert start.angles[f"{side}_elbow.flexion"] - end.angles[f"{side}_elbow.flexion"] > 80


def test_press_up_hands_start_under_the_shoulders_and_stay_planted():
    sc = scene(PRESS)
    start, end = sc.keyframes[0], sc.keyframes[-1]
    up = headward(start.body)
    for side in ("left", "right"):
        wrist = site_point(start.body, f"{side}_wrist")
        shoulder = site_point(start.body, f"{side}_shoulder")
        assert abs(dot(sub(wrist, shoulder), up)) < 8.0
        for frame in (start, end):
            assert surface_gap(frame.body, f"{side}_hand", FLOOR) <= TOLERANCE
        a, b = site_point(start.body, f"{side}_hand"), site_point(end.body, f"{side}_hand")
        assert math.hypot(a[0] - b[0], a[2] - b[2]) < 3.0
