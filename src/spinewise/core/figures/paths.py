"""2D path data with a fixed command structure (so SMIL can morph between frames).

Coordinates are screen centimetres with y pointing down, written with one
decimal to keep the SVG small.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

P2 = tuple[float, float]
KAPPA = 0.5523  # cubic Bezier handle length for a quarter circle


def fmt(v: float) -> str:
    return f"{v:.1f}"


def pt(p: P2) -> str:
    return f"{p[0]:.1f} {p[1]:.1f}"


def ellipse(c: P2, a: P2, b: P2) -> str:
    """Ellipse c + a cos t + b sin t, as four cubic arcs."""
    k = KAPPA
    pts = [(c[0] + a[0], c[1] + a[1]), (c[0] + b[0], c[1] + b[1])]
    pts += [(c[0] - a[0], c[1] - a[1]), (c[0] - b[0], c[1] - b[1])]
    axes = [a, b, (-a[0], -a[1]), (-b[0], -b[1])]
    out = [f"M{pt(pts[0])}"]
    for i in range(4):
        p0, p1 = pts[i], pts[(i + 1) % 4]
        t0, t1 = axes[(i + 1) % 4], axes[i]
        c0 = (p0[0] + k * t0[0], p0[1] + k * t0[1])
        c1 = (p1[0] + k * t1[0], p1[1] + k * t1[1])
        out.append(f"C{pt(c0)} {pt(c1)} {pt(p1)}")
    return "".join(out) + "Z"


def circle(c: P2, r: float) -> str:
    return ellipse(c, (r, 0.0), (0.0, r))


def capsule(c1: P2, r1: float, c2: P2, r2: float) -> str:
    """A tapered limb: two round ends joined by their outer tangents."""
    dx, dy = c2[0] - c1[0], c2[1] - c1[1]
    d = math.hypot(dx, dy)
    if d <= abs(r1 - r2) + 0.05:
        c, r = (c1, r1) if r1 >= r2 else (c2, r2)
        return _capsule_path(c, r, c, r, (1.0, 0.0), 0.0)
    u = (dx / d, dy / d)
    s = (r1 - r2) / d
    return _capsule_path(c1, r1, c2, r2, u, s)


def _capsule_path(c1: P2, r1: float, c2: P2, r2: float, u: P2, s: float) -> str:
    cs = math.sqrt(max(0.0, 1.0 - s * s))
    # Unit normals of the two tangent lines (rotated from -u by the taper angle).
    n1 = (-u[1] * cs - u[0] * s, u[0] * cs - u[1] * s)
    n2 = (u[1] * cs - u[0] * s, -u[0] * cs - u[1] * s)
    a1, a2 = (c1[0] + n1[0] * r1, c1[1] + n1[1] * r1), (c2[0] + n1[0] * r2, c2[1] + n1[1] * r2)
    b1 = (c1[0] + n2[0] * r1, c1[1] + n2[1] * r1)
    return f"M{pt(a1)}L{pt(a2)}{_cap(c2, r2, n1, n2)}L{pt(b1)}{_cap(c1, r1, n2, n1)}Z"


def _cap(c: P2, r: float, frm: P2, to: P2) -> str:
    """One cubic round end on circle (c, r) from normal ``frm`` to normal ``to``,
    bulging away from the other end (good to a fraction of a millimetre at limb sizes)."""
    ang = math.atan2(frm[0] * to[1] - frm[1] * to[0], frm[0] * to[0] + frm[1] * to[1])
    if ang > 0:
        ang -= 2 * math.pi
    k = 4.0 / 3.0 * math.tan(ang / 4.0) * r
    p1 = (c[0] + to[0] * r, c[1] + to[1] * r)
    h0 = (c[0] + frm[0] * r - frm[1] * k, c[1] + frm[1] * r + frm[0] * k)
    h1 = (p1[0] + to[1] * k, p1[1] - to[0] * k)
    return f"C{pt(h0)} {pt(h1)} {pt(p1)}"


def smooth_closed(points: Sequence[P2]) -> str:
    """A smooth closed curve hugging the polygon ``points``: quadratic pieces through
    the midpoints of its sides, with the corners as control points."""
    n = len(points)
    mids = [
        ((points[i][0] + points[(i + 1) % n][0]) / 2, (points[i][1] + points[(i + 1) % n][1]) / 2)
        for i in range(n)
    ]
    out = [f"M{pt(mids[-1])}"]
    for i in range(n):
        out.append(f"Q{pt(points[i])} {pt(mids[i])}")
    return "".join(out) + "Z"


def smooth_open(points: Sequence[P2]) -> str:
    """An open Catmull-Rom curve through ``points``."""
    out = [f"M{pt(points[0])}"]
    n = len(points)
    for i in range(n - 1):
        p0, p1 = points[max(i - 1, 0)], points[i]
        p2, p3 = points[i + 1], points[min(i + 2, n - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        out.append(f"C{pt(c1)} {pt(c2)} {pt(p2)}")
    return "".join(out)


def polygon(points: Sequence[P2]) -> str:
    return "M" + "L".join(pt(p) for p in points) + "Z"


def polyline(points: Sequence[P2]) -> str:
    return "M" + "L".join(pt(p) for p in points)


def convex_hull(points: Sequence[P2]) -> list[P2]:
    """Monotone-chain convex hull, counter-clockwise."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return list(pts)

    def turn(o: P2, a: P2, b: P2) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[P2] = []
    for p in pts:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[P2] = []
    for p in reversed(pts):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]
