"""Body sites (where a body touches something) and their distance to surfaces.

A site is a named part of the body: a trunk part (``pelvis``, ``lumbar``,
``lower_thoracic``, ``upper_thoracic``), ``head``, ``neck`` or a side's
``shoulder``, ``upper_arm``, ``elbow``, ``forearm``, ``wrist``, ``hand``,
``fingers``, ``hip``, ``thigh``, ``knee``, ``shin``, ``ankle``, ``heel``,
``toes`` or ``foot`` (heel and toes both). Distances are in cm: 0 touches,
positive is a gap, negative an overlap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, NamedTuple

from .geometry import Vec, add, column, dot, lerp, mat_vec, norm, scale, sub, unit
from .kinematics import Blob, Body
from .skeleton import HEAD_RADIUS, SIDES

TRUNK_SITES: Final = ("pelvis", "lumbar", "lower_thoracic", "upper_thoracic")
_LIMB_POINTS: Final = {  # site -> (limb, fraction along it)
    "shoulder": ("upper_arm", 0.0),
    "elbow": ("forearm", 0.0),
    "wrist": ("hand", 0.0),
    "fingers": ("hand", 1.0),
    "hip": ("thigh", 0.0),
    "knee": ("shin", 0.06),
    "ankle": ("shin", 1.0),
    "heel": ("foot", 0.0),
    "toes": ("foot", 1.0),
}
_LIMB_WHOLE: Final = ("upper_arm", "forearm", "hand", "thigh", "shin")

# Points on the body's surface: (part, direction in the part's frame, extra offset).
_SURFACE_POINTS: Final[dict[str, tuple[str, Vec]]] = {
    "chest": ("upper_thoracic", (1.0, -0.2, 0.0)),
    "upper_back": ("upper_thoracic", (-1.0, 0.0, 0.0)),
    "belly": ("lumbar", (1.0, 0.0, 0.0)),
    "lower_back": ("lumbar", (-1.0, 0.0, 0.0)),
    "left_hip_bone": ("pelvis", (0.8, 0.3, -0.55)),
    "right_hip_bone": ("pelvis", (0.8, 0.3, 0.55)),
    "left_waist": ("lumbar", (0.0, 0.0, -1.0)),
    "right_waist": ("lumbar", (0.0, 0.0, 1.0)),
    "back_of_head": ("head", (-1.0, 0.1, 0.0)),
    "top_of_head": ("head", (-0.2, 1.0, 0.0)),
    "forehead": ("head", (0.75, 0.45, 0.0)),
}

SITES: Final = frozenset(
    [*TRUNK_SITES, "head", "neck", *_SURFACE_POINTS]
    + [f"{s}_{p}" for s in SIDES for p in (*_LIMB_POINTS, *_LIMB_WHOLE, "foot")]
)


class Ball(NamedTuple):
    centre: Vec
    radius: float


Shape = Blob | Ball


def _ellipsoid_reach(blob: Blob, n: Vec) -> float:
    """How far the ellipsoid extends from its centre along unit direction ``n``."""
    total = 0.0
    for i in range(3):
        k = blob.radii[i] * dot(column(blob.frame, i), n)
        total += k * k
    return math.sqrt(total)


def _surface_point(body: Body, site: str) -> Ball:
    part, direction = _SURFACE_POINTS[site]
    if part == "head":
        offset = mat_vec(body.head_frame, scale(unit(direction), HEAD_RADIUS))
        return Ball(add(body.head_centre, offset), 0.0)
    blob = body.blobs[part]
    local = unit(direction)
    scaled = tuple(local[i] * blob.radii[i] for i in range(3))
    return Ball(add(blob.centre, mat_vec(blob.frame, (scaled[0], scaled[1], scaled[2]))), 0.0)


def site_shapes(body: Body, site: str) -> tuple[Shape, ...]:
    """The balls or ellipsoid that make up ``site`` (several balls along a limb)."""
    if site in _SURFACE_POINTS:
        return (_surface_point(body, site),)
    if site in body.blobs:
        return (body.blobs[site],)
    if site == "head":
        return (Ball(body.head_centre, HEAD_RADIUS),)
    side, _, part = site.partition("_")
    if site == "neck" or part in _LIMB_WHOLE:
        limb = body.limbs[site]
        return tuple(
            Ball(lerp(limb.start, limb.end, t), limb.r_start + (limb.r_end - limb.r_start) * t)
            for t in (0.0, 0.25, 0.5, 0.75, 1.0)
        )
    if part == "foot":
        return site_shapes(body, f"{side}_heel") + site_shapes(body, f"{side}_toes")
    limb_name, t = _LIMB_POINTS[part]
    limb = body.limbs[f"{side}_{limb_name}"]
    return (Ball(lerp(limb.start, limb.end, t), limb.r_start + (limb.r_end - limb.r_start) * t),)


def site_point(body: Body, site: str) -> Vec:
    """A reference point of ``site``: the centre of its parts."""
    shapes = site_shapes(body, site)
    total = (0.0, 0.0, 0.0)
    for s in shapes:
        total = add(total, s.centre)
    return scale(total, 1.0 / len(shapes))


def reach(shape: Shape, n: Vec) -> float:
    """The highest value of p . n over the shape (``n`` a unit vector)."""
    if isinstance(shape, Ball):
        return dot(shape.centre, n) + shape.radius
    return dot(shape.centre, n) + _ellipsoid_reach(shape, n)


def site_reach(body: Body, site: str, n: Vec) -> float:
    return max(reach(s, n) for s in site_shapes(body, site))


@dataclass(frozen=True)
class Plane:
    """Everything on the side of ``normal`` is free space."""

    point: Vec
    normal: Vec

    def gap(self, shape: Shape) -> float:
        return -reach(shape, (-self.normal[0], -self.normal[1], -self.normal[2])) - dot(
            self.point, self.normal
        )


@dataclass(frozen=True)
class Cylinder:
    """A roller or bar from ``start`` to ``end``; a ``grip`` may be wrapped by a hand."""

    start: Vec
    end: Vec
    radius: float
    grip: bool = False

    def gap(self, shape: Shape) -> float:
        axis = sub(self.end, self.start)
        length2 = max(dot(axis, axis), 1e-9)
        t = min(1.0, max(0.0, dot(sub(shape.centre, self.start), axis) / length2))
        offset = sub(shape.centre, lerp(self.start, self.end, t))
        if isinstance(shape, Ball):
            extent = shape.radius
        else:
            extent = _ellipsoid_reach(shape, scale(unit(offset), -1.0))
        gap = norm(offset) - extent - self.radius
        return max(gap, 0.0) if self.grip else gap


Surface = Plane | Cylinder

FLOOR: Final = Plane((0.0, 0.0, 0.0), (0.0, 1.0, 0.0))


def surface_gaps(body: Body, site: str, surface: Surface) -> list[float]:
    """Every gap that must close for the contact: both ends of a flat foot or hand."""
    side = site.split("_")[0]
    if isinstance(surface, Plane) and site.endswith("_hand"):
        return [
            surface_gap(body, f"{side}_wrist", surface),
            surface_gap(body, f"{side}_fingers", surface),
        ]
    if site.endswith("_foot"):
        return [surface.gap(s) for s in site_shapes(body, site)]
    return [surface_gap(body, site, surface)]


def surface_gap(body: Body, site: str, surface: Surface) -> float:
    """Gap (cm) between a site and a surface. A foot or hand on a flat surface must
    lie flat: the worse of its two ends counts."""
    side = site.split("_")[0]
    if isinstance(surface, Plane) and site.endswith("_hand"):
        ends = (
            surface_gap(body, f"{side}_wrist", surface),
            surface_gap(body, f"{side}_fingers", surface),
        )
        return max(ends, key=abs)
    gaps = [surface.gap(s) for s in site_shapes(body, site)]
    return max(gaps, key=abs) if site.endswith("_foot") else min(gaps)


def sites_gap(body: Body, site: str, other: str) -> float:
    """Gap (cm) between two body sites, e.g. a hand resting on the head."""
    best = math.inf
    for a in site_shapes(body, site):
        for b in site_shapes(body, other):
            d = norm(sub(a.centre, b.centre))
            ra = (
                a.radius
                if isinstance(a, Ball)
                else _ellipsoid_reach(a, unit(sub(b.centre, a.centre)))
            )
            rb = (
                b.radius
                if isinstance(b, Ball)
                else _ellipsoid_reach(b, unit(sub(a.centre, b.centre)))
            )
            best = min(best, d - ra - rb)
    return best


def body_gap(body: Body, plane: Plane) -> float:
    """Gap (cm) between the whole body and a plane; negative when it goes through."""
    gaps = [plane.gap(b) for b in body.blobs.values()]
    gaps.append(plane.gap(Ball(body.head_centre, HEAD_RADIUS)))
    for limb in body.limbs.values():
        gaps += [plane.gap(Ball(limb.start, limb.r_start)), plane.gap(Ball(limb.end, limb.r_end))]
    return min(gaps)


def lowest_point(body: Body) -> float:
    """Height (cm) of the lowest point of the body."""
    down = (0.0, -1.0, 0.0)
    low = min(-reach(b, down) for b in body.blobs.values())
    low = min(low, body.head_centre[1] - HEAD_RADIUS)
    for limb in body.limbs.values():
        low = min(low, limb.start[1] - limb.r_start, limb.end[1] - limb.r_end)
    return low
