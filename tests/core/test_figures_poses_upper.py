"""The figures of band external rotation, the Pallof press, the foam-roller upper-back
extension and lats, the seated thoracic extension and the standing back extension show what
their instructions say, checked on the resolved scene: where the joints, the roller, the
chair back and the band anchor are, and the angles the body makes."""

from __future__ import annotations

import math
from functools import cache

import pytest

from spinewise.core.figures.catalogue import load_scene
from spinewise.core.figures.contacts import FLOOR, Cylinder, site_point, sites_gap, surface_gap
from spinewise.core.figures.draw import Camera, camera_for
from spinewise.core.figures.equipment import heading
from spinewise.core.figures.geometry import Vec, column, dot, lerp, norm, sub
from spinewise.core.figures.kinematics import Body
from spinewise.core.figures.scene import PENETRATION, TOLERANCE, Frame, Scene

SIDES = ("left", "right")
DOWN: Vec = (0.0, -1.0, 0.0)


@cache
def scene(exercise_id: str) -> Scene:
    return load_scene(exercise_id)


def frames(exercise_id: str) -> tuple[Frame, Frame]:
    """The start and end (or hold) keyframes."""
    sc = scene(exercise_id)
    return sc.keyframes[0], sc.keyframes[-1]


def angle(a: Vec, b: Vec) -> float:
    """Degrees between two directions."""
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
    """Where the body faces when upright (where the head lies when lying down)."""
    return heading(body)[0]


def rightward(body: Body) -> Vec:
    return heading(body)[1]


def ahead(body: Body, point: Vec, of: Vec) -> float:
    """How far (cm) ``point`` is in front of ``of``, along where the body faces."""
    return dot(sub(point, of), forward(body))


def up_axis(body: Body, part: str) -> Vec:
    """The long axis of a trunk part (or the head), pointing headwards."""
    return column(body.frames[part], 1)


def lean(body: Body, part: str) -> float:
    """Degrees a part of an upright body leans forwards (negative: backwards)."""
    up = up_axis(body, part)
    return math.degrees(math.atan2(dot(up, forward(body)), up[1]))


def roller(exercise_id: str) -> Cylinder:
    surface = scene(exercise_id).setting.surfaces["foam_roller"]
    assert isinstance(surface, Cylinder)
    return surface


def roller_centre(exercise_id: str) -> Vec:
    r = roller(exercise_id)
    return lerp(r.start, r.end, 0.5)


def camera(exercise_id: str) -> Camera:
    return camera_for(scene(exercise_id).spec.view)


def drawn_angle(cam: Camera, a: Vec, b: Vec, c: Vec) -> float:
    """Degrees at ``b`` between ``a`` and ``c`` as drawn in the picture."""
    pa, pb, pc = cam.project(a), cam.project(b), cam.project(c)
    u, v = (pa[0] - pb[0], pa[1] - pb[1]), (pc[0] - pb[0], pc[1] - pb[1])
    cos = (u[0] * v[0] + u[1] * v[1]) / (math.hypot(*u) * math.hypot(*v))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


def along_trunk(body: Body, point: Vec) -> float:
    """How far (cm) ``point`` lies headwards of the pelvis, along the pelvis-to-shoulders line."""
    pelvis = site_point(body, "pelvis")
    shoulders = lerp(site_point(body, "left_shoulder"), site_point(body, "right_shoulder"), 0.5)
    axis = sub(shoulders, pelvis)
    return dot(sub(point, pelvis), axis) / norm(axis)


# --- band external rotation --------------------------------------------------------

ER = "band-external-rotation"


@pytest.mark.parametrize("which", [0, 1])
def test_external_rotation_keeps_the_elbows_bent_at_a_right_angle_tucked_at_the_sides(which):
    body = frames(ER)[which].body
    middle = site_point(body, "lower_thoracic")
    for side in SIDES:
        assert 80 <= elbow_bend(body, side) <= 100, (side, elbow_bend(body, side))
        # The upper arm hangs straight down by the side of the trunk...
        assert angle(limb(body, f"{side}_upper_arm"), DOWN) < 15
        # ...with the elbow against the waist, not held out.
        elbow = site_point(body, f"{side}_elbow")
        assert abs(dot(sub(elbow, middle), rightward(body))) < 22
        # The forearm is level: the hand at elbow height, in front of the body.
        forearm = limb(body, f"{side}_forearm")
        assert abs(forearm[1]) < 0.2 * norm(forearm)
        assert ahead(body, body.limbs[f"{side}_forearm"].end, elbow) > 8


def test_external_rotation_starts_with_the_forearms_pointing_forwards_shoulder_width_apart():
    body = frames(ER)[0].body
    for side in SIDES:
        assert angle(flat(limb(body, f"{side}_forearm")), forward(body)) < 15
    hands = norm(sub(site_point(body, "left_wrist"), site_point(body, "right_wrist")))
    shoulders = norm(sub(site_point(body, "left_shoulder"), site_point(body, "right_shoulder")))
    assert hands == pytest.approx(shoulders, abs=8)


def test_external_rotation_swings_the_forearms_outwards_apart():
    start, end = frames(ER)
    for side, outward in (("left", -1.0), ("right", 1.0)):
        after = flat(limb(end.body, f"{side}_forearm"))
        assert 45 <= angle(after, forward(end.body)) <= 90
        assert dot(after, rightward(end.body)) * outward > 0  # away from the midline
        # The elbow stays where it was: the turn is at the shoulder, not the arm swinging.
        moved = sub(site_point(end.body, f"{side}_elbow"), site_point(start.body, f"{side}_elbow"))
        assert norm(moved) < 2
    gap = [
        norm(sub(f.body.limbs["left_hand"].end, f.body.limbs["right_hand"].end))
        for f in (start, end)
    ]
    assert gap[1] > gap[0] + 30


def test_external_rotation_picture_shows_the_elbows_bent_and_the_hands_moving_apart():
    """Seen from the figure's camera the start arms read as bent (not foreshortened into
    straight lines, as from high above), and the hands spread across the picture."""
    cam = camera(ER)
    start, end = frames(ER)
    for side in SIDES:
        joints = (site_point(start.body, f"{side}_{j}") for j in ("shoulder", "elbow", "wrist"))
        assert 60 <= drawn_angle(cam, *joints) <= 115
    spread = []
    for frame in (start, end):
        left, right = (cam.project(site_point(frame.body, f"{s}_wrist")) for s in SIDES)
        spread.append(math.hypot(left[0] - right[0], left[1] - right[1]))
    assert spread[1] > 1.8 * spread[0]


# --- Pallof press ------------------------------------------------------------------

PALLOF = "band-pallof-press"


def hands(body: Body) -> Vec:
    return lerp(site_point(body, "left_hand"), site_point(body, "right_hand"), 0.5)


def test_pallof_band_is_anchored_to_the_side_at_chest_height():
    sc = scene(PALLOF)
    start = sc.keyframes[0].body
    (anchor,) = sc.setting.anchors.values()
    chest = site_point(start, "chest")
    offset = flat(sub(anchor, chest))
    # Out to the left, not in front or behind.
    assert dot(offset, rightward(start)) < -80
    assert abs(dot(offset, forward(start))) < 20
    assert abs(anchor[1] - chest[1]) < 8


def test_pallof_starts_with_the_hands_clasped_at_the_middle_of_the_chest():
    body = frames(PALLOF)[0].body
    chest = site_point(body, "chest")
    assert sites_gap(body, "left_hand", "right_hand") <= TOLERANCE
    h = hands(body)
    assert 0 < ahead(body, h, chest) < 18  # close in front of the breastbone
    assert abs(h[1] - chest[1]) < 10
    assert abs(dot(sub(h, chest), rightward(body))) < 5  # in the middle, not to one side
    for side in SIDES:
        assert elbow_bend(body, side) > 100


def test_pallof_presses_the_hands_straight_out_in_front_of_the_chest_not_down():
    start, end = frames(PALLOF)
    chest = site_point(start.body, "chest")
    before, after = hands(start.body), hands(end.body)
    assert ahead(start.body, after, chest) > ahead(start.body, before, chest) + 25
    # Horizontal: the hands stay at chest height all the way out.
    assert abs(after[1] - before[1]) < 8
    assert abs(after[1] - chest[1]) < 8
    # Straight out in front of the breastbone, not drifting towards the anchor.
    assert abs(dot(sub(after, chest), rightward(end.body))) < 5
    for side in SIDES:
        assert elbow_bend(end.body, side) < 10
        assert abs(limb(end.body, f"{side}_upper_arm")[1]) < 0.15 * 29  # arm level
    assert sites_gap(end.body, "left_hand", "right_hand") <= TOLERANCE


def test_pallof_picture_shows_the_press_going_across_not_down():
    cam = camera(PALLOF)
    start, end = frames(PALLOF)
    a, b = cam.project(hands(start.body)), cam.project(hands(end.body))
    assert abs(b[0] - a[0]) > 20
    assert abs(b[1] - a[1]) < 0.5 * abs(b[0] - a[0])


# --- foam roller: upper back extension ---------------------------------------------

FRT = "foam-roller-thoracic-extension"


def test_the_roller_lies_across_the_upper_back_between_shoulder_blades_and_lower_ribs():
    body = frames(FRT)[0].body
    centre = roller_centre(FRT)
    level = along_trunk(body, centre)
    shoulders = along_trunk(body, site_point(body, "left_shoulder"))
    lower_ribs = along_trunk(body, site_point(body, "lower_thoracic"))
    # Between the middle of the lower ribs and the top of the shoulders...
    assert lower_ribs < level < shoulders
    # ...below the shoulder blades' top by a good hand's width, not under the neck...
    assert 8 < shoulders - level < 18
    # ...well clear of the lower back and pelvis.
    assert level - along_trunk(body, site_point(body, "lumbar")) > 20
    assert level > 33
    assert surface_gap(body, "lumbar", roller(FRT)) > 4
    # Across the body, under the back (the body rests on it from above).
    axis = sub(roller(FRT).end, roller(FRT).start)
    assert angle(flat(axis), rightward(body)) < 10 or angle(flat(axis), rightward(body)) > 170
    assert centre[1] < site_point(body, "upper_back")[1]


@pytest.mark.parametrize("which", [0, 1])
def test_the_bottom_stays_on_the_floor_knees_bent_hands_behind_the_head(which):
    frame = frames(FRT)[which]
    body = frame.body
    assert surface_gap(body, "pelvis", FLOOR) <= TOLERANCE
    assert surface_gap(body, "upper_thoracic", roller(FRT)) <= TOLERANCE
    for side in SIDES:
        assert frame.angles[f"{side}_knee.flexion"] >= 70
        assert abs(surface_gap(body, f"{side}_foot", FLOOR)) <= TOLERANCE
        assert sites_gap(body, f"{side}_hand", "head") <= TOLERANCE
        # Elbows point up to the ceiling, not along the floor past the head.
        elbow = site_point(body, f"{side}_elbow")
        assert elbow[1] - site_point(body, f"{side}_shoulder")[1] > 15


def test_the_end_bends_the_upper_back_backwards_over_the_roller():
    start, end = frames(FRT)
    # The upper chest tips back towards the floor...
    assert angle(up_axis(start.body, "upper_thoracic"), up_axis(end.body, "upper_thoracic")) > 15
    assert up_axis(end.body, "upper_thoracic")[1] < up_axis(start.body, "upper_thoracic")[1]
    # ...so the supported head lowers, while the bottom stays where it was.
    assert start.body.head_centre[1] - end.body.head_centre[1] > 8
    pelvis = sub(site_point(end.body, "pelvis"), site_point(start.body, "pelvis"))
    assert norm(pelvis) < 1


# --- foam roller: lats -------------------------------------------------------------

LATS = "foam-roller-lats"


def below_armpit(body: Body, point: Vec) -> float:
    """How far (cm) ``point`` lies towards the feet from the bottom shoulder (the armpit)."""
    return along_trunk(body, site_point(body, "left_shoulder")) - along_trunk(body, point)


def test_lats_lie_on_the_side_with_the_bottom_arm_reaching_overhead():
    for frame in frames(LATS):
        body = frame.body
        # On the side: the trunk's side-to-side axis is near vertical.
        across = column(body.frames["upper_thoracic"], 2)
        assert abs(across[1]) > 0.8
        headwards = up_axis(body, "upper_thoracic")
        arm = sub(site_point(body, "left_wrist"), site_point(body, "left_shoulder"))
        assert angle(arm, headwards) < 35
        assert dot(sub(site_point(body, "left_wrist"), body.head_centre), headwards) > 15


def test_lats_roller_is_under_the_side_of_the_chest_just_below_the_armpit():
    start = frames(LATS)[0].body
    centre = roller_centre(LATS)
    assert 3 < below_armpit(start, centre) < 15
    assert surface_gap(start, "upper_thoracic", roller(LATS)) <= TOLERANCE
    assert centre[1] < site_point(start, "upper_thoracic")[1]  # the chest rests on it


def test_lats_roll_moves_the_roller_down_the_side_between_start_and_hold():
    start, end = frames(LATS)
    centre = roller_centre(LATS)
    before, after = below_armpit(start.body, centre), below_armpit(end.body, centre)
    # The body slides headwards over the roller: it now presses further down the side...
    assert after - before > 8
    # ...towards the bottom of the shoulder blade, still well above the waist.
    assert after < 25
    assert (
        along_trunk(end.body, centre) > along_trunk(end.body, site_point(end.body, "lumbar")) + 15
    )
    shift = sub(site_point(end.body, "pelvis"), site_point(start.body, "pelvis"))
    assert dot(shift, up_axis(start.body, "upper_thoracic")) > 5
    # The top hand and foot stay planted and push; the chest stays on the roller.
    for site in ("right_hand", "right_foot"):
        moved = sub(site_point(end.body, site), site_point(start.body, site))
        assert math.hypot(moved[0], moved[2]) < TOLERANCE
        assert abs(surface_gap(end.body, site, FLOOR)) <= TOLERANCE
    assert -PENETRATION <= surface_gap(end.body, "upper_thoracic", roller(LATS)) <= TOLERANCE


# --- seated thoracic extension -----------------------------------------------------

SEATED = "seated-thoracic-extension"


def chair_back_top(exercise_id: str) -> float:
    back = scene(exercise_id).setting.surfaces["chair_back"]
    assert isinstance(back, Cylinder)
    return back.start[1]


def test_seated_chair_back_meets_the_back_just_below_the_shoulder_blades():
    body = frames(SEATED)[0].body
    top = chair_back_top(SEATED)
    assert site_point(body, "lumbar")[1] < top < site_point(body, "upper_thoracic")[1]
    assert top > site_point(body, "lower_thoracic")[1]
    back = scene(SEATED).setting.surfaces["chair_back"]
    for frame in frames(SEATED):
        gap = surface_gap(frame.body, "lower_thoracic", back)
        assert -PENETRATION <= gap <= TOLERANCE


def test_seated_upper_back_arches_back_over_the_chair_with_the_hips_on_the_seat():
    start, end = frames(SEATED)
    assert lean(start.body, "upper_thoracic") > -5  # sitting upright
    assert lean(end.body, "upper_thoracic") < lean(start.body, "upper_thoracic") - 25
    # The bend is in the upper back, over the chair back: the thoracic spine extends on
    # the lower back, which does not arch (it may round a little against the chair), and
    # the pelvis stays as it sat.
    chest = [up_axis(f.body, "upper_thoracic") for f in (start, end)]
    low = [up_axis(f.body, "lumbar") for f in (start, end)]
    assert angle(chest[1], low[1]) - angle(chest[0], low[0]) > 25
    assert -3 < lean(end.body, "lumbar") - lean(start.body, "lumbar") < 8
    assert end.angles["lumbar.flexion"] >= start.angles["lumbar.flexion"]
    assert norm(sub(site_point(end.body, "pelvis"), site_point(start.body, "pelvis"))) < 1
    # The head goes back past the top of the chair back.
    head_back = -ahead(start.body, end.body.head_centre, start.body.head_centre)
    assert head_back > 15
    for frame in (start, end):
        for side in SIDES:
            assert sites_gap(frame.body, f"{side}_hand", "back_of_head") <= TOLERANCE


# --- standing back extension -------------------------------------------------------

STANDING = "standing-back-extension"


def test_standing_back_extension_starts_upright_and_leans_back_clearly():
    start, end = frames(STANDING)
    assert abs(lean(start.body, "upper_thoracic")) < 10
    assert abs(ahead(start.body, start.body.head_centre, site_point(start.body, "pelvis"))) < 10
    # A clear but moderate lean back of the upper body, with the lower back arched.
    assert -40 < lean(end.body, "upper_thoracic") < -20
    assert lean(end.body, "lumbar") < lean(start.body, "lumbar") - 10
    assert end.angles["lumbar.flexion"] < start.angles["lumbar.flexion"] - 5
    head = ahead(end.body, end.body.head_centre, site_point(end.body, "pelvis"))
    assert head < -18
    # The hips go slightly forwards over the feet, the knees stay straight.
    hips = ahead(end.body, site_point(end.body, "pelvis"), site_point(start.body, "pelvis"))
    assert 0 < hips < 10
    for side in SIDES:
        assert end.angles.get(f"{side}_knee.flexion", 0.0) < 5
    # The chin stays level rather than the head thrown back.
    assert lean(end.body, "head") > -15


@pytest.mark.parametrize("which", [0, 1])
def test_standing_back_extension_keeps_the_hands_on_the_small_of_the_back(which):
    body = frames(STANDING)[which].body
    pelvis = site_point(body, "pelvis")
    lumbar = site_point(body, "lumbar")
    down = tuple(-v for v in up_axis(body, "lumbar"))
    for side, outward in (("left", -1.0), ("right", 1.0)):
        hand = f"{side}_hand"
        # Resting on the small of the back, not sunk into the body or round the front.
        assert sites_gap(body, hand, "lower_back") <= 6
        assert -PENETRATION <= sites_gap(body, hand, "lumbar") <= TOLERANCE
        assert sites_gap(body, hand, "pelvis") >= -PENETRATION
        assert ahead(body, site_point(body, f"{side}_wrist"), lumbar) < -5
        assert ahead(body, site_point(body, f"{side}_fingers"), pelvis) < -5
        # Either side of the spine, fingers pointing down.
        assert dot(sub(site_point(body, f"{side}_wrist"), lumbar), rightward(body)) * outward > 2
        assert angle(limb(body, hand), down) < 45
        assert ahead(body, site_point(body, f"{side}_hand"), pelvis) < 0  # behind the body
        assert ahead(body, site_point(body, f"{side}_elbow"), pelvis) < -15  # elbows back
