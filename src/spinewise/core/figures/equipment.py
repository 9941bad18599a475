"""Equipment placed around the body: the surfaces contacts touch and the 3D
parts to draw (boxes, rods and straps).

Fixed items (chair, wall, roller, bar...) are placed once from the first
keyframe; held items (bands, cords, towel straps, dumbbell, machine bar) follow
the hands in every frame.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from . import held
from .contacts import FLOOR, Cylinder, Plane, Surface, site_point, site_reach, site_shapes
from .equipment_spec import EquipmentSpec
from .geometry import Vec, add, column, cross, scale, unit
from .held import grip_point
from .kinematics import Body
from .props import UP, Box, Item, Prim, Rod, box

__all__ = ["Box", "Item", "Prim", "Rod", "Setting", "held_items", "place_fixed"]


@dataclass(frozen=True)
class Setting:
    """Fixed equipment placed from the first keyframe."""

    surfaces: Mapping[str, Surface]
    items: tuple[Item, ...]
    anchors: Mapping[int, Vec]  # equipment index -> band anchor point
    pulley: Vec | None


def _flat(v: Vec) -> Vec:
    return unit((v[0], 0.0, v[2]))


def heading(body: Body) -> tuple[Vec, Vec]:
    """Horizontal (front, right) of the body: where the chest faces when upright, where
    the head lies when lying down."""
    pelvis = body.frames["pelvis"]
    up = column(pelvis, 1)
    front = _flat(up if abs(up[1]) < 0.7 else column(pelvis, 0))
    return front, cross(front, UP)


def _direction(body: Body, side: str) -> Vec:
    front, right = heading(body)
    return {"front": front, "behind": scale(front, -1), "right": right, "left": scale(right, -1)}[
        side
    ]


def held_items(specs: tuple[EquipmentSpec, ...], body: Body, setting: Setting) -> tuple[Item, ...]:
    """Equipment that moves with the body in this frame."""
    return held.held_items(specs, body, dict(setting.anchors), setting.pulley)


def place_fixed(specs: tuple[EquipmentSpec, ...], body: Body, anchor_site: str) -> Setting:
    surfaces: dict[str, Surface] = {"floor": FLOOR}
    items: list[Item] = []
    anchors: dict[int, Vec] = {}
    pulley: Vec | None = None
    for i, spec in enumerate(specs):
        key = f"eq{i}"
        if spec.kind == "mat":
            items.append(Item(key, True, (_mat(body),), bounds=False))
        elif spec.kind == "chair":
            parts, seat, back = _chair(spec, body)
            surfaces["chair"] = seat
            if back is not None:
                surfaces["chair_back"] = back
            items.append(Item(key, True, parts))
        elif spec.kind in ("wall", "doorway"):
            plane, parts = _wall(spec, body)
            surfaces[spec.kind] = plane
            items.append(Item(key, True, parts, bounds=False))
        elif spec.kind in ("foam_roller", "massage_roller", "massage_ball"):
            rod = _roller(spec, body)
            surfaces[spec.kind] = Cylinder(rod.start, rod.end, rod.radius)
            items.append(Item(key, False, (rod,)))
        elif spec.kind == "folded_towel":
            pad = _folded_towel(spec, body)
            surfaces["folded_towel"] = Plane((0.0, pad.centre[1] + pad.half[1], 0.0), UP)
            items.append(Item(key, True, (pad,)))
        elif spec.kind == "pullup_bar":
            parts, bar = _pullup_bar(spec, body)
            surfaces["pullup_bar"] = bar
            items.append(Item(key, True, parts))
        elif spec.kind == "gym_machine":
            parts, seat, pulley = _machine(spec, body)
            surfaces["machine_seat"] = seat
            items.append(Item(key, True, parts, bounds=False))
        if spec.anchor is not None:
            direction = _direction(body, spec.anchor.side)
            base = site_point(body, anchor_site)
            point = add((base[0], 0.0, base[2]), scale(direction, spec.anchor.distance))
            point = (point[0], spec.anchor.height, point[2])
            anchors[i] = point
            items.append(Item(f"{key}door", True, _door(point, direction), bounds=False))
    return Setting(surfaces, tuple(items), anchors, pulley)


def _mat(body: Body) -> Box:
    front, right = heading(body)
    pts = [s.centre for name in ("pelvis", "upper_thoracic") for s in site_shapes(body, name)]
    pts += [limb.end for limb in body.limbs.values()] + [body.head_centre]
    along = [p[0] * front[0] + p[2] * front[2] for p in pts]
    across = [p[0] * right[0] + p[2] * right[2] for p in pts]
    length = max(180.0, max(along) - min(along) + 40)
    width = max(60.0, max(across) - min(across) + 20)
    mid_a, mid_c = (max(along) + min(along)) / 2, (max(across) + min(across)) / 2
    centre = add(scale(front, mid_a), scale(right, mid_c))
    return box((centre[0], 0.6, centre[2]), front, (length / 2, 0.6, width / 2), "#c4e3bd")


def _chair(spec: EquipmentSpec, body: Body) -> tuple[tuple[Prim, ...], Plane, Cylinder | None]:
    assert spec.site is not None
    front, right = heading(body)
    c, s = math.cos(math.radians(spec.turn)), math.sin(math.radians(spec.turn))
    f = unit(add(scale(front, c), scale(right, s)))
    r = cross(f, UP)
    h = -site_reach(body, spec.site, (0.0, -1.0, 0.0))
    p = site_point(body, spec.site)
    centre = add((p[0], 0.0, p[2]), add(scale(f, -spec.offset), scale(r, spec.side_shift)))
    wood, dark = "#b08968", "#8a6a4f"
    parts: list[Prim] = []
    for a in (-1, 1):
        for b in (-1, 1):
            foot = add(centre, add(scale(f, 18 * a), scale(r, 19 * b)))
            parts.append(box(add(foot, (0.0, h / 2 - 1.5, 0.0)), f, (1.6, h / 2 - 1.5, 1.6), dark))
    parts.append(box(add(centre, (0.0, h - 1.5, 0.0)), f, (21.0, 1.5, 22.0), wood))
    back = None
    if spec.back:
        rear = add(centre, scale(f, -20.0))
        top = h + spec.back_height
        for b in (-1, 1):
            post = add(rear, scale(r, 19 * b))
            parts.append(
                box(add(post, (0.0, (h + top) / 2, 0.0)), f, (1.6, (top - h) / 2, 1.6), dark)
            )
        panel_low = h + spec.back_height * 0.45
        parts.append(
            box(
                add(rear, (0.0, (panel_low + top) / 2, 0.0)),
                f,
                (1.5, (top - panel_low) / 2, 20.0),
                wood,
            )
        )
        edge = add(rear, (0.0, top - 1.5, 0.0))
        back = Cylinder(add(edge, scale(r, -20)), add(edge, scale(r, 20)), 1.5)
    return tuple(parts), Plane((0.0, h, 0.0), UP), back


def _wall(spec: EquipmentSpec, body: Body) -> tuple[Plane, tuple[Prim, ...]]:
    assert spec.site is not None
    d = _direction(body, spec.side)
    extent = site_reach(body, spec.site, d) + spec.offset
    pelvis = site_point(body, "pelvis")
    base = add(
        (pelvis[0], 0.0, pelvis[2]), scale(d, extent - (pelvis[0] * d[0] + pelvis[2] * d[2]))
    )
    plane = Plane(base, scale(d, -1.0))
    across = cross(d, UP)
    wall, thick = "#e8e2d4", 5.0
    if spec.kind == "wall":
        return plane, (
            box(add(base, (d[0] * thick, 115.0, d[2] * thick)), d, (thick, 115.0, 110.0), wall),
        )
    half_open = spec.opening / 2
    parts: list[Prim] = []
    for sgn in (-1, 1):
        mid = add(
            base, add(scale(across, sgn * (half_open + 45)), (d[0] * thick, 115.0, d[2] * thick))
        )
        parts.append(box(mid, d, (thick, 115.0, 45.0), wall))
        jamb = add(
            base, add(scale(across, sgn * (half_open + 3)), (d[0] * thick, 103.0, d[2] * thick))
        )
        parts.append(box(jamb, d, (thick + 1.5, 103.0, 3.0), "#c9b48f"))
    parts.append(
        box(add(base, (d[0] * thick, 218.0, d[2] * thick)), d, (thick, 12.0, half_open + 90), wall)
    )
    return plane, tuple(parts)


def _roller(spec: EquipmentSpec, body: Body) -> Rod:
    assert spec.site is not None
    if spec.kind in ("massage_roller", "massage_ball"):
        # A ball is drawn as a rod as short as it is wide: a sphere from every side view.
        ball = spec.kind == "massage_ball"
        d = _direction(body, spec.side)
        radius = 3.5 if ball else 4.5
        centre = site_point(body, spec.site)
        extent = site_reach(body, spec.site, d) - (
            centre[0] * d[0] + centre[1] * d[1] + centre[2] * d[2]
        )
        centre = add(centre, scale(d, extent + radius))
        axis = cross(d, UP)
        half = 3.0 if ball else 7.0
        fill, light = ("#d9534f", "#f0a09d") if ball else ("#8e6bbf", "#b39ddb")
        return Rod(
            add(centre, scale(axis, -half)), add(centre, scale(axis, half)), radius, fill, light
        )
    long = _flat(column(body.frames["pelvis"], 1))
    if math.hypot(column(body.frames["pelvis"], 1)[0], column(body.frames["pelvis"], 1)[2]) < 0.3:
        long = heading(body)[0]
    axis = cross(long, UP) if spec.axis == "across" else long
    radius = 7.5
    p = add(site_point(body, spec.site), scale(long, spec.offset))
    centre = (p[0], radius, p[2])
    half = spec.length / 2
    return Rod(
        add(centre, scale(axis, -half)),
        add(centre, scale(axis, half)),
        radius,
        "#f4a940",
        "#f9cf8a",
    )


def _folded_towel(spec: EquipmentSpec, body: Body) -> Box:
    """A folded towel on the floor, just high enough to touch the site above it."""
    assert spec.site is not None
    front, _ = heading(body)
    top = max(1.5, -site_reach(body, spec.site, (0.0, -1.0, 0.0)))
    p = site_point(body, spec.site)
    return box((p[0], top / 2, p[2]), front, (12.0, top / 2, 14.0), "#f2d16b")


def _pullup_bar(spec: EquipmentSpec, body: Body) -> tuple[tuple[Prim, ...], Cylinder]:
    grips = [grip_point(body, s) for s in spec.sites]
    centre = scale(add(grips[0], grips[-1]), 0.5)
    axis = heading(body)[1]
    start, end = add(centre, scale(axis, -55)), add(centre, scale(axis, 55))
    bar = Rod(start, end, 1.8, "#6b7280", "#9ca3af")
    mounts: list[Prim] = [
        box(add(p, (0.0, 8.0, 0.0)), heading(body)[0], (3.0, 10.0, 2.0), "#4b5563")
        for p in (start, end)
    ]
    return (*mounts, bar), Cylinder(start, end, 1.8, grip=True)


def _machine(spec: EquipmentSpec, body: Body) -> tuple[tuple[Prim, ...], Plane, Vec]:
    assert spec.site is not None
    front, right = heading(body)
    h = -site_reach(body, spec.site, (0.0, -1.0, 0.0))
    p = site_point(body, spec.site)
    seat_c = (p[0], h - 2.5, p[2])
    steel, pad = "#6b7280", "#374151"
    grips = [grip_point(body, s) for s in spec.sites]
    mid = scale(add(grips[0], grips[-1]), 0.5)
    col = add((p[0], 0.0, p[2]), scale(front, 70.0))
    pulley = (mid[0] + front[0] * 10, 235.0, mid[2] + front[2] * 10)
    knee = site_point(body, "right_knee")
    thigh_top = site_reach(body, "right_thigh", UP)
    pad_c = add((knee[0], thigh_top + 5.0, knee[2]), scale(front, -8.0))
    parts: tuple[Prim, ...] = (
        box(add(col, (0.0, 120.0, 0.0)), front, (8.0, 120.0, 10.0), steel),
        box((pulley[0], 243.0, pulley[2]), front, (28.0, 4.0, 6.0), steel),
        box((seat_c[0], (h - 5) / 2, seat_c[2]), front, (4.0, (h - 5) / 2, 4.0), steel),
        box(seat_c, front, (20.0, 2.5, 20.0), pad),
        box(
            add((pad_c[0], (h + pad_c[1]) / 2, pad_c[2]), scale(front, 12.0)),
            front,
            (2.0, (pad_c[1] - h) / 2, 2.0),
            steel,
        ),
        Rod(add(pad_c, scale(right, -20)), add(pad_c, scale(right, 20)), 4.5, pad, "#4b5563"),
    )
    return parts, Plane((0.0, h, 0.0), UP), pulley


def _door(point: Vec, direction: Vec) -> tuple[Prim, ...]:
    across = cross(direction, UP)
    face = add((point[0], 0.0, point[2]), scale(direction, 2.5))
    door = box(
        add(face, add((0.0, 101.0, 0.0), scale(across, 30.0))),
        direction,
        (2.5, 101.0, 42.0),
        "#d9c3a0",
    )
    frame = box(
        add(face, add((0.0, 105.0, 0.0), scale(across, 30.0))),
        direction,
        (3.5, 105.0, 46.0),
        "#bfa37a",
    )
    strap = box(add(point, scale(direction, 1.5)), direction, (1.5, 3.0, 1.5), "#333")
    return frame, door, strap
