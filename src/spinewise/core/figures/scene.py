"""Resolve a figure: fit the free joints so contacts touch, place the body and
its equipment in the world, and blend between keyframes.

The first keyframe rests on the floor with its anchor site at the origin; in
every later keyframe the anchor site stays exactly where it was, so hands and
knees do not skate about. Joints named in a keyframe's ``fit`` are adjusted
(within their limits) until every declared contact touches its surface.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .contacts import FLOOR, lowest_point, site_point, sites_gap, surface_gap, surface_gaps
from .equipment import Item, Setting, held_items, place_fixed
from .geometry import Vec, sub, unit
from .kinematics import Body, pose_body
from .skeleton import JOINT_LIMITS
from .spec import FigureSpec, Keyframe

TOLERANCE = 3.0  # cm: a site this close to its surface touches it
PENETRATION = 4.0  # cm: soft tissue may press this far into a surface
HANG = 2.0  # cm: lowest point of a body with no floor contact (hanging)
SLIDE_WEIGHT = 1.0  # a planted hand or foot should not skate along its surface
PLUMB_WEIGHT = 6.0  # cm of contact error worth a limb leaning a full radian


@dataclass(frozen=True)
class Frame:
    """The body and held equipment at one moment."""

    angles: Mapping[str, float]
    body: Body
    held: tuple[Item, ...]


@dataclass(frozen=True)
class Scene:
    spec: FigureSpec
    keyframes: tuple[Frame, ...]
    setting: Setting
    anchor_point: Vec
    planted: tuple[Mapping[str, Vec], ...]  # per keyframe: sites kept where they were put down
    samples: dict[tuple[int, int, int], Frame] = field(default_factory=dict, compare=False)

    def frame_at(self, angles: Mapping[str, float]) -> Frame:
        """The body for ``angles`` with the anchor site held in place."""
        body = _anchored(self.spec, angles, self.anchor_point)
        low = lowest_point(body)
        if low < -1.0:
            # An in-between pose may dip where both keyframes only touched: lift it clear.
            body = body.translated((0.0, -1.0 - low, 0.0))
        return Frame(angles, body, held_items(self.spec.equipment, body, self.setting))


def contact_gaps(body: Body, contacts: Mapping[str, str], setting: Setting) -> dict[str, float]:
    """Gap (cm) between each declared site and its surface (another site or equipment)."""
    gaps = {}
    for site, surface in contacts.items():
        if surface in setting.surfaces:
            gaps[site] = surface_gap(body, site, setting.surfaces[surface])
        else:
            gaps[site] = sites_gap(body, site, surface)
    return gaps


def contact_residuals(body: Body, contacts: Mapping[str, str], setting: Setting) -> list[float]:
    """Gaps to close for the fit (both ends of flat feet and hands separately)."""
    out: list[float] = []
    for site, surface in contacts.items():
        if surface in setting.surfaces:
            out += surface_gaps(body, site, setting.surfaces[surface])
        else:
            out.append(sites_gap(body, site, surface))
    return out


def _anchored(spec: FigureSpec, angles: Mapping[str, float], anchor_point: Vec) -> Body:
    body = pose_body(spec.orientation, angles)
    return body.translated(sub(anchor_point, site_point(body, spec.anchor)))


def _grounded(spec: FigureSpec, key: Keyframe, angles: Mapping[str, float]) -> Body:
    body = pose_body(spec.orientation, angles)
    floor_sites = [s for s, surface in key.contacts.items() if surface == "floor"]
    if spec.anchor in floor_sites:
        lift = -surface_gap(body, spec.anchor, FLOOR)
    elif floor_sites:
        lift = -min(surface_gap(body, s, FLOOR) for s in floor_sites)
    else:
        lift = HANG - lowest_point(body)
    p = site_point(body, spec.anchor)
    return body.translated((-p[0], lift, -p[2]))


def _residuals(gaps: Sequence[float], body: Body, plumb: Sequence[str]) -> list[float]:
    # Overlaps up to PENETRATION are soft tissue, but still pull back towards touching.
    out = [g if g > 0 else g * 0.5 for g in gaps]
    # Nothing may sink through the floor, contact or not.
    out.append(min(0.0, lowest_point(body) + 1.0))
    for name in plumb:
        limb = body.limbs[name]
        d = unit(sub(limb.end, limb.start))
        out += [PLUMB_WEIGHT * d[0], PLUMB_WEIGHT * d[2]]
    return out


def keyframe_cost(
    spec: FigureSpec, key: Keyframe, setting: Setting, anchor_point: Vec, stay: Mapping[str, Vec]
) -> Callable[[Mapping[str, float]], list[float]]:
    """Residuals (cm) of a later keyframe: contact gaps, leaning limbs that should
    hang plumb, and planted sites that moved from where they were put down."""

    def cost(a: Mapping[str, float]) -> list[float]:
        body = _anchored(spec, a, anchor_point)
        out = _residuals(contact_residuals(body, key.contacts, setting), body, key.plumb)
        for s, p in stay.items():
            q = site_point(body, s)
            out += [SLIDE_WEIGHT * (q[0] - p[0]), SLIDE_WEIGHT * (q[2] - p[2])]
        return out

    return cost


Solved = Sequence[Mapping[str, float]]


def resolve(spec: FigureSpec, solved: Solved | None = None) -> Scene:
    """Fit and place every keyframe of ``spec``.

    ``solved`` gives, per keyframe, values already found for its ``fit`` joints
    (from the shipped cache of fitted poses); without it every keyframe is fitted.
    """
    first = spec.keyframes[0]
    if solved is not None and len(solved) != len(spec.keyframes):
        solved = None

    def first_setting(angles: Mapping[str, float]) -> tuple[Body, Setting]:
        body = _grounded(spec, first, angles)
        return body, place_fixed(spec.equipment, body, spec.anchor)

    def first_cost(angles: Mapping[str, float]) -> list[float]:
        body, setting = first_setting(angles)
        return _residuals(contact_residuals(body, first.contacts, setting), body, first.plumb)

    if solved is not None:
        angles = {**first.angles, **solved[0]}
    else:
        angles = fit_angles(first.angles, first.fit, first_cost)
    body, setting = first_setting(angles)
    anchor_point = site_point(body, spec.anchor)
    frames = [Frame(angles, body, held_items(spec.equipment, body, setting))]
    planted = {
        s: (surface, site_point(body, s))
        for s, surface in first.contacts.items()
        if surface in setting.surfaces
    }
    stays: list[Mapping[str, Vec]] = [{}]
    for index, key in enumerate(spec.keyframes[1:], 1):
        stay = {
            s: p
            for s, (surface, p) in planted.items()
            if key.contacts.get(s) == surface and s not in key.slide
        }
        if solved is not None:
            angles = {**angles, **key.own, **solved[index]}
        else:
            cost = keyframe_cost(spec, key, setting, anchor_point, stay)
            # Joints to fit start from the authored pose (bases are drawn to fit), the
            # rest carry over from the keyframe before; keep whichever start fits better.
            authored = {**angles, **{n: key.angles.get(n, 0.0) for n in key.fit}, **key.own}
            angles = _best_fit([authored, {**angles, **key.own}], key.fit, cost)
        body = _anchored(spec, angles, anchor_point)
        frames.append(Frame(angles, body, held_items(spec.equipment, body, setting)))
        stays.append(stay)
        for s, surface in key.contacts.items():
            if s not in stay and surface in setting.surfaces:
                planted[s] = (surface, site_point(body, s))
    return Scene(spec, tuple(frames), setting, anchor_point, tuple(stays))


def solved_values(scene: Scene) -> list[dict[str, float]]:
    """Per keyframe, the fitted values of its ``fit`` joints (to store in the cache)."""
    return [
        {name: round(frame.angles[name], 3) for name in key.fit}
        for key, frame in zip(scene.spec.keyframes, scene.keyframes, strict=True)
    ]


def _best_fit(
    starts: Sequence[Mapping[str, float]],
    free: Sequence[str],
    cost: Callable[[Mapping[str, float]], list[float]],
) -> dict[str, float]:
    best: dict[str, float] = dict(starts[0])
    best_err = math.inf
    for start in starts:
        angles = fit_angles(start, free, cost)
        err = sum(v * v for v in cost(angles))
        if err < best_err - 1e-9:
            best, best_err = angles, err
        if best_err < 1.0 or not free:
            break
    return best


def fit_angles(
    start: Mapping[str, float],
    free: Sequence[str],
    cost: Callable[[Mapping[str, float]], list[float]],
    iterations: int = 25,
) -> dict[str, float]:
    """Adjust the ``free`` movements (damped Gauss-Newton, within joint limits) so the
    residuals of ``cost`` approach zero, staying close to the authored angles."""
    angles = dict(start)
    if not free:
        return angles
    limits = [JOINT_LIMITS[n.split(".")[0]][n.split(".")[1]] for n in free]
    x0 = [angles.get(n, 0.0) for n in free]

    def residuals(x: list[float]) -> list[float]:
        trial = {**angles, **dict(zip(free, x, strict=True))}
        reg = [0.03 * (xi - oi) for xi, oi in zip(x, x0, strict=True)]
        return cost(trial) + reg

    def jacobian(x: list[float], r: list[float]) -> list[list[float]]:
        cols = []
        for i in range(len(x)):
            step = 0.5 if x[i] + 0.5 <= limits[i][1] else -0.5
            xs = list(x)
            xs[i] += step
            cols.append([(a - b) / step for a, b in zip(residuals(xs), r, strict=True)])
        return cols

    x = list(x0)
    r = residuals(x)
    err = sum(v * v for v in r)
    jac = jacobian(x, r)
    damping, fresh = 1e-3, True
    for _ in range(iterations):
        if err < 0.05:
            break
        dx = _solve(jac, r, damping)
        xn = [min(hi, max(lo, xi + d)) for xi, d, (lo, hi) in zip(x, dx, limits, strict=True)]
        rn = residuals(xn)
        en = sum(v * v for v in rn)
        step = [a - b for a, b in zip(xn, x, strict=True)]
        _broyden(jac, step, r, rn)
        if en < err:
            settled = err - en < 0.003 * err + 1e-4
            x, r, err, fresh = xn, rn, en, False
            damping = max(damping / 3, 1e-6)
            if settled:
                break
        elif not fresh:
            jac, fresh = jacobian(x, r), True
        else:
            damping *= 8
            if damping > 1e4:
                break
    return {**angles, **dict(zip(free, x, strict=True))}


def _broyden(jac: list[list[float]], step: list[float], r: list[float], rn: list[float]) -> None:
    """Rank-one update of the Jacobian columns after trying ``step``."""
    s2 = sum(v * v for v in step)
    if s2 < 1e-12:
        return
    predicted = [sum(jac[i][k] * step[i] for i in range(len(step))) for k in range(len(r))]
    miss = [(b - a - p) / s2 for a, b, p in zip(r, rn, predicted, strict=True)]
    for i, si in enumerate(step):
        if si:
            jac[i] = [j + m * si for j, m in zip(jac[i], miss, strict=True)]


def _solve(jac: list[list[float]], r: list[float], damping: float) -> list[float]:
    """Solve (J^T J + damping * diag) dx = -J^T r for a handful of unknowns."""
    n = len(jac)
    a = [
        [sum(p * q for p, q in zip(jac[i], jac[j], strict=True)) for j in range(n)]
        for i in range(n)
    ]
    b = [-sum(p * q for p, q in zip(jac[i], r, strict=True)) for i in range(n)]
    for i in range(n):
        a[i][i] += damping * (a[i][i] + 1e-3)
    for col in range(n):
        pivot = max(range(col, n), key=lambda k: abs(a[k][col]))
        a[col], a[pivot], b[col], b[pivot] = a[pivot], a[col], b[pivot], b[col]
        if abs(a[col][col]) < 1e-12:
            return [0.0] * n
        for k in range(col + 1, n):
            f = a[k][col] / a[col][col]
            for j in range(col, n):
                a[k][j] -= f * a[col][j]
            b[k] -= f * b[col]
    x = [0.0] * n
    for i in reversed(range(n)):
        x[i] = (b[i] - sum(a[i][j] * x[j] for j in range(i + 1, n))) / a[i][i]
    return x


def blend(a: Mapping[str, float], b: Mapping[str, float], t: float) -> dict[str, float]:
    """Joint angles a fraction ``t`` (0-1) of the way from ``a`` to ``b``."""
    keys = set(a) | set(b)
    return {k: a.get(k, 0.0) + (b.get(k, 0.0) - a.get(k, 0.0)) * t for k in keys}
