"""Small 3D vector and rotation helpers on plain tuples (fast enough, no numpy).

Axes of the world and of every body segment: x forward, y up, z to the right.
Angles are in degrees, lengths in centimetres.
"""

from __future__ import annotations

import math

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # rows

ORIGIN: Vec = (0.0, 0.0, 0.0)
IDENTITY: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def norm(a: Vec) -> float:
    return math.sqrt(dot(a, a))


def unit(a: Vec) -> Vec:
    n = norm(a)
    return (0.0, 1.0, 0.0) if n < 1e-9 else scale(a, 1.0 / n)


def lerp(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def mat_vec(m: Mat, v: Vec) -> Vec:
    x, y, z = v
    (a, b, c), (d, e, f), (g, h, i) = m
    return (a * x + b * y + c * z, d * x + e * y + f * z, g * x + h * y + i * z)


def mat_mul(m: Mat, n: Mat) -> Mat:
    if n is IDENTITY:
        return m
    if m is IDENTITY:
        return n
    (a, b, c), (d, e, f), (g, h, i) = m
    (p, q, r), (s, t, u), (v, w, x) = n
    return (
        (a * p + b * s + c * v, a * q + b * t + c * w, a * r + b * u + c * x),
        (d * p + e * s + f * v, d * q + e * t + f * w, d * r + e * u + f * x),
        (g * p + h * s + i * v, g * q + h * t + i * w, g * r + h * u + i * x),
    )


def column(m: Mat, i: int) -> Vec:
    return (m[0][i], m[1][i], m[2][i])


def rot_x(deg: float) -> Mat:
    """Rotation about x: turns +y towards +z."""
    if deg == 0.0:
        return IDENTITY
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(deg: float) -> Mat:
    """Rotation about y: turns +z towards +x."""
    if deg == 0.0:
        return IDENTITY
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(deg: float) -> Mat:
    """Rotation about z: turns +x towards +y."""
    if deg == 0.0:
        return IDENTITY
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def mirror_z(m: Mat) -> Mat:
    """The same rotation seen in a mirror across the body's midline (left from right)."""
    return (
        (m[0][0], m[0][1], -m[0][2]),
        (m[1][0], m[1][1], -m[1][2]),
        (-m[2][0], -m[2][1], m[2][2]),
    )


def frame_from_axes(x: Vec, y: Vec) -> Mat:
    """The rotation whose columns are x, y and x cross y (x and y orthonormal)."""
    z = cross(x, y)
    return ((x[0], y[0], z[0]), (x[1], y[1], z[1]), (x[2], y[2], z[2]))


def _cs(deg: float) -> tuple[float, float]:
    r = math.radians(deg)
    return math.cos(r), math.sin(r)


def euler_zxy(a: float, b: float, c: float) -> Mat:
    """rot_z(a) @ rot_x(b) @ rot_y(c), computed in one go."""
    if a == 0.0 and b == 0.0 and c == 0.0:
        return IDENTITY
    ca, sa = _cs(a)
    cb, sb = _cs(b)
    cc, sc = _cs(c)
    return (
        (ca * cc - sa * sb * sc, -sa * cb, ca * sc + sa * sb * cc),
        (sa * cc + ca * sb * sc, ca * cb, sa * sc - ca * sb * cc),
        (-cb * sc, sb, cb * cc),
    )


def euler_yzy(a: float, b: float, c: float) -> Mat:
    """rot_y(a) @ rot_z(b) @ rot_y(c), computed in one go."""
    if a == 0.0 and b == 0.0 and c == 0.0:
        return IDENTITY
    ca, sa = _cs(a)
    cb, sb = _cs(b)
    cc, sc = _cs(c)
    return (
        (ca * cb * cc - sa * sc, -ca * sb, ca * cb * sc + sa * cc),
        (sb * cc, cb, sb * sc),
        (-sa * cb * cc - ca * sc, sa * sb, -sa * cb * sc + ca * cc),
    )
