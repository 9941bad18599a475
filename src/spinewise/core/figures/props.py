"""Drawable props: boxes, rods (rollers, bars, handles) and straps (bands, cables)."""

from __future__ import annotations

from dataclasses import dataclass

from .geometry import Mat, Vec, add, cross, frame_from_axes, mat_vec, sub, unit

UP: Vec = (0.0, 1.0, 0.0)


@dataclass(frozen=True)
class Box:
    centre: Vec
    frame: Mat
    half: Vec
    fill: str


@dataclass(frozen=True)
class Rod:
    start: Vec
    end: Vec
    radius: float
    fill: str
    cap: str


@dataclass(frozen=True)
class Strap:
    points: tuple[Vec, ...]
    width: float
    colour: str


Prim = Box | Rod | Strap


@dataclass(frozen=True)
class Item:
    """One drawn thing; ``back`` items are drawn behind the body, others by depth."""

    key: str
    back: bool
    parts: tuple[Prim, ...]
    bounds: bool = True  # counts when fitting the picture around the figure


def box(centre: Vec, front: Vec, half: Vec, fill: str) -> Box:
    """A box facing horizontal direction ``front``, upright."""
    return Box(centre, frame_from_axes(front, UP), half, fill)


def rod_axes(rod: Rod) -> tuple[Vec, Vec, Vec]:
    """Unit axis of the rod and two unit vectors across it."""
    axis = unit(sub(rod.end, rod.start))
    helper = UP if abs(axis[1]) < 0.9 else (1.0, 0.0, 0.0)
    u = unit(cross(axis, helper))
    return axis, u, cross(axis, u)


def box_corners(box: Box) -> list[Vec]:
    hx, hy, hz = box.half
    return [
        add(box.centre, mat_vec(box.frame, (sx * hx, sy * hy, sz * hz)))
        for sx in (-1, 1)
        for sy in (-1, 1)
        for sz in (-1, 1)
    ]
