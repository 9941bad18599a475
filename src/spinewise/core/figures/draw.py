"""Turn a posed body and its equipment into flat, depth-ordered layers of paths.

Each layer is drawn with one shared outline: first every part's outline, then
every part's fill, so a limb reads as one smooth shape. Parts keep the same
keys and path structure from frame to frame, which lets the animation morph them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .geometry import Mat, Vec, add, column, cross, dot, mat_vec, rot_y, scale, unit
from .kinematics import Blob, Body
from .paths import P2, capsule, circle, convex_hull, ellipse, polygon, polyline, smooth_closed
from .props import Box, Item, Rod, Strap, box_corners, rod_axes
from .skeleton import HEAD_RADIUS, SIDES
from .spec import View

OUTLINE = "#1e3a5f"
TRUNK = "#4f8dc9"
NEAR = "#3b74b0"
FAR = "#a9c6e4"
GHOST = "#c5cfd9"
FLOOR = "#f3f2ee"
FLOOR_LINE = "#8a8577"
FLOOR_HALF = 2000.0  # cm: half the side of the floor drawn in views from above
HULL_DIRECTIONS = 16


@dataclass(frozen=True)
class Camera:
    right: Vec
    up: Vec
    toward: Vec

    def project(self, p: Vec) -> P2:
        return (dot(p, self.right), -dot(p, self.up))

    def depth(self, p: Vec) -> float:
        return dot(p, self.toward)


def camera_for(view: View) -> Camera:
    """The orthographic camera of a view, turned by its yaw and tilted down by its tilt."""
    toward, up = {
        "side": ((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
        "front": ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0)),
        "back": ((-1.0, 0.0, 0.0), (0.0, 1.0, 0.0)),
        "top": ((0.0, 1.0, 0.0), (0.0, 0.0, -1.0)),
    }[view.name]
    t = math.radians(view.tilt)
    toward, up = (
        add(scale(toward, math.cos(t)), scale(up, math.sin(t))),
        add(scale(up, math.cos(t)), scale(toward, -math.sin(t))),
    )
    yaw: Mat = rot_y(view.yaw)
    toward, up = mat_vec(yaw, toward), mat_vec(yaw, up)
    return Camera(cross(up, toward), up, toward)


@dataclass(frozen=True)
class Part:
    """One path. ``width`` > 0 draws a stroke of that width instead of a fill."""

    key: str
    d: str
    fill: str
    width: float = 0.0
    outlined: bool = True
    opacity: float = 1.0


@dataclass(frozen=True)
class Layer:
    key: str
    depth: float
    parts: tuple[Part, ...]
    points: tuple[P2, ...]
    back: bool = False
    bounds: bool = True
    outline: str = OUTLINE


def _blob_ellipse(cam: Camera, blob: Blob) -> tuple[P2, P2, P2]:
    """Centre and conjugate semi-axes of an ellipsoid's outline on screen."""
    cols = [scale(column(blob.frame, i), blob.radii[i]) for i in range(3)]
    rows = [[dot(c, cam.right) for c in cols], [-dot(c, cam.up) for c in cols]]
    a = sum(v * v for v in rows[0])
    b = sum(p * q for p, q in zip(rows[0], rows[1], strict=True))
    c = sum(v * v for v in rows[1])
    half = math.sqrt(max(0.0, ((a - c) / 2) ** 2 + b * b))
    l1, l2 = (a + c) / 2 + half, max((a + c) / 2 - half, 0.0)
    theta = 0.5 * math.atan2(2 * b, a - c)
    e1 = (math.cos(theta) * math.sqrt(l1), math.sin(theta) * math.sqrt(l1))
    e2 = (-math.sin(theta) * math.sqrt(l2), math.cos(theta) * math.sqrt(l2))
    return cam.project(blob.centre), e1, e2


def _hull_of_ellipses(ellipses: Sequence[tuple[P2, P2, P2]]) -> list[P2]:
    """Support points of the convex hull of ellipses in fixed directions."""
    out = []
    for k in range(HULL_DIRECTIONS):
        ang = 2 * math.pi * k / HULL_DIRECTIONS
        u = (math.cos(ang), math.sin(ang))
        best: P2 = (0.0, 0.0)
        best_val = -math.inf
        for c, e1, e2 in ellipses:
            p, q = e1[0] * u[0] + e1[1] * u[1], e2[0] * u[0] + e2[1] * u[1]
            n = math.hypot(p, q) or 1.0
            pt = (c[0] + (e1[0] * p + e2[0] * q) / n, c[1] + (e1[1] * p + e2[1] * q) / n)
            val = pt[0] * u[0] + pt[1] * u[1]
            if val > best_val:
                best, best_val = pt, val
        out.append(best)
    return out


def near_sides(cam: Camera, body: Body) -> dict[str, bool]:
    """Which limbs face the camera: the farther of a pair is drawn lighter."""
    out = {}
    for part, joint in (("arm", "upper_arm"), ("leg", "thigh")):
        depth = {s: cam.depth(body.limbs[f"{s}_{joint}"].start) for s in SIDES}
        gap = depth["right"] - depth["left"]
        out[f"left_{part}"] = gap < 4.0
        out[f"right_{part}"] = gap > -4.0
    return out


def body_layers(cam: Camera, body: Body, near: dict[str, bool]) -> list[Layer]:
    """Layers of the body: trunk, head and neck, two arms and two legs."""

    def colour(key: str) -> str:
        return NEAR if near.get(key, True) else FAR

    ells = [
        _blob_ellipse(cam, body.blobs[n])
        for n in ("pelvis", "lumbar", "lower_thoracic", "upper_thoracic")
    ]
    trunk_parts, trunk_pts = [], []
    for i in range(3):
        hull = _hull_of_ellipses(ells[i : i + 2])
        trunk_parts.append(Part(f"t{i}", smooth_closed(hull), TRUNK))
        trunk_pts += hull
    trunk_depth = sum(cam.depth(b.centre) for b in body.blobs.values()) / 4
    layers = [Layer("trunk", trunk_depth, tuple(trunk_parts), tuple(trunk_pts))]
    layers.append(_head_layer(cam, body, trunk_depth))
    for side in SIDES:
        for group, names in (
            ("arm", ("upper_arm", "forearm", "hand")),
            ("leg", ("thigh", "shin", "foot")),
        ):
            parts, pts, depth = [], [], 0.0
            for name in names:
                limb = body.limbs[f"{side}_{name}"]
                a, b = cam.project(limb.start), cam.project(limb.end)
                d = capsule(a, limb.r_start, b, limb.r_end)
                parts.append(Part(f"{side}_{name}", d, colour(f"{side}_{group}")))
                pts += [
                    (a[0] - limb.r_start, a[1] - limb.r_start),
                    (a[0] + limb.r_start, a[1] + limb.r_start),
                ]
                pts += [
                    (b[0] - limb.r_end, b[1] - limb.r_end),
                    (b[0] + limb.r_end, b[1] + limb.r_end),
                ]
                depth += cam.depth(limb.start) + cam.depth(limb.end)
            layers.append(Layer(f"{side}_{group}", depth / 6, tuple(parts), tuple(pts)))
    return layers


def _head_layer(cam: Camera, body: Body, trunk_depth: float) -> Layer:
    """Neck, head, nose and eyes; the nose tucks behind the head when facing away."""
    neck = body.limbs["neck"]
    hc = cam.project(body.head_centre)
    r = HEAD_RADIUS
    nose_dir = unit(mat_vec(body.head_frame, (1.0, -0.1, 0.0)))
    nose = Part(
        "nose", circle(cam.project(add(body.head_centre, scale(nose_dir, r * 0.92))), 2.6), TRUNK
    )
    neck_part = Part(
        "neck",
        capsule(cam.project(neck.start), neck.r_start, cam.project(neck.end), neck.r_end),
        TRUNK,
    )
    head = Part("head", circle(hc, r), TRUNK)
    facing = cam.depth(nose_dir) > -0.35
    parts = [neck_part, head, nose] if facing else [neck_part, nose, head]
    for z in (-1.0, 1.0):
        eye_dir = unit(mat_vec(body.head_frame, (0.75, 0.22, 0.42 * z)))
        eye = cam.project(add(body.head_centre, scale(eye_dir, r * 0.93)))
        seen = 1.0 if cam.depth(eye_dir) > 0.15 else 0.0
        parts.append(Part(f"eye{int(z)}", circle(eye, 1.25), OUTLINE, outlined=False, opacity=seen))
    depth = max(cam.depth(body.head_centre), trunk_depth + 0.01)
    pts = ((hc[0] - r, hc[1] - r), (hc[0] + r, hc[1] + r))
    return Layer("head", depth, tuple(parts), pts)


def item_layers(cam: Camera, item: Item) -> list[Layer]:
    parts: list[Part] = []
    pts: list[P2] = []
    depth_total, depth_n = 0.0, 0
    for j, prim in enumerate(item.parts):
        key = f"{item.key}p{j}"
        if isinstance(prim, Strap):
            flat = [cam.project(p) for p in prim.points]
            parts.append(Part(key, polyline(flat), prim.colour, width=prim.width))
            corners = list(prim.points)
        elif isinstance(prim, Box):
            corners = box_corners(prim)
            parts.append(
                Part(key, polygon(convex_hull([cam.project(c) for c in corners])), prim.fill)
            )
        else:
            corners = [prim.start, prim.end]
            parts += _rod_parts(cam, prim, key)
        pts += [cam.project(c) for c in corners]
        depth_total += sum(cam.depth(c) for c in corners)
        depth_n += len(corners)
    depth = depth_total / max(depth_n, 1)
    return [Layer(item.key, depth, tuple(parts), tuple(pts), item.back, item.bounds)]


def _rod_parts(cam: Camera, rod: Rod, key: str) -> list[Part]:
    axis, u, v = rod_axes(rod)

    def end_ellipse(c: Vec) -> tuple[P2, P2, P2]:
        a = cam.project(add(c, scale(u, rod.radius)))
        b = cam.project(add(c, scale(v, rod.radius)))
        cc = cam.project(c)
        return cc, (a[0] - cc[0], a[1] - cc[1]), (b[0] - cc[0], b[1] - cc[1])

    ends = [end_ellipse(rod.start), end_ellipse(rod.end)]
    body = Part(key, smooth_closed(_hull_of_ellipses(ends)), rod.fill)
    facing = 1 if cam.depth(axis) >= 0 else 0
    c, e1, e2 = ends[facing]
    cap = Part(f"{key}c", ellipse(c, e1, e2), rod.cap, outlined=False)
    return [body, cap]


def floor_layer(cam: Camera, box: tuple[float, float, float, float], centre: Vec) -> Layer:
    """The floor: a line with a strip below it for level views, a light plane from above."""
    x0, _, x1, _ = box
    if abs(cam.up[1]) > 0.999:
        strip = Part("floor", f"M{x0:.1f} 0H{x1:.1f}V8H{x0:.1f}Z", FLOOR, outlined=False)
        line = Part("floorline", f"M{x0:.1f} 0H{x1:.1f}", FLOOR_LINE, width=1.2, outlined=False)
        return Layer("floor", -1e9, (strip, line), (), True)
    corners = [
        cam.project((centre[0] + dx * FLOOR_HALF, 0.0, centre[2] + dz * FLOOR_HALF))
        for dx, dz in ((-1, -1), (1, -1), (1, 1), (-1, 1))
    ]
    return Layer("floor", -1e9, (Part("floor", polygon(corners), FLOOR, outlined=False),), (), True)
