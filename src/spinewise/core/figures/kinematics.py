"""Forward kinematics: joint angles -> the body's parts in 3D.

The pelvis is the root, placed at the origin; :func:`translate` moves a posed
body as a whole. Left-side joints mirror the right, so a positive angle means
the same anatomical movement on both sides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from . import skeleton as sk
from .geometry import (
    IDENTITY,
    ORIGIN,
    Mat,
    Vec,
    add,
    column,
    euler_yzy,
    euler_zxy,
    mat_mul,
    mat_vec,
    mirror_z,
    rot_x,
    rot_y,
    rot_z,
)

Angles = Mapping[str, float]


class Blob(NamedTuple):
    """An ellipsoidal trunk part: centre, orientation (columns x, y, z) and radii."""

    centre: Vec
    frame: Mat
    radii: Vec


class Limb(NamedTuple):
    """A tapered round segment from ``start`` to ``end``."""

    start: Vec
    end: Vec
    r_start: float
    r_end: float


@dataclass(frozen=True)
class Body:
    """A posed body in world coordinates (cm)."""

    blobs: Mapping[str, Blob]
    limbs: Mapping[str, Limb]
    head_centre: Vec
    head_frame: Mat
    frames: Mapping[str, Mat]

    def translated(self, v: Vec) -> Body:
        return Body(
            blobs={k: Blob(add(b.centre, v), b.frame, b.radii) for k, b in self.blobs.items()},
            limbs={
                k: Limb(add(s.start, v), add(s.end, v), s.r_start, s.r_end)
                for k, s in self.limbs.items()
            },
            head_centre=add(self.head_centre, v),
            head_frame=self.head_frame,
            frames=self.frames,
        )


def _keys(joint: str, *moves: str) -> tuple[str, ...]:
    return tuple(f"{joint}.{m}" for m in moves)


_SPINE_KEYS = {
    j: _keys(j, "flexion", "side_bend", "rotation")
    for j in ("lumbar", "lower_thoracic", "upper_thoracic", "neck", "head")
}
_ARM_KEYS = {
    s: _keys(f"{s}_shoulder", "plane", "elevation", "rotation", "protraction", "shrug")
    + _keys(f"{s}_elbow", "flexion")
    + _keys(f"{s}_wrist", "rotation", "extension")
    for s in sk.SIDES
}
_LEG_KEYS = {
    s: _keys(f"{s}_hip", "flexion", "abduction", "rotation")
    + _keys(f"{s}_knee", "flexion")
    + _keys(f"{s}_ankle", "dorsiflexion")
    for s in sk.SIDES
}
_NAMES = {
    s: tuple(f"{s}_{p}" for p in ("upper_arm", "forearm", "hand", "thigh", "shin", "foot"))
    for s in sk.SIDES
}


def _spine(a: Angles, joint: str) -> Mat:
    g = a.get
    flex, bend, rot = _SPINE_KEYS[joint]
    return euler_zxy(-g(flex, 0.0), g(bend, 0.0), -g(rot, 0.0))


def _mirror(rot: Mat, side: str) -> Mat:
    return rot if side == "right" else mirror_z(rot)


def _side_z(v: Vec, side: str) -> Vec:
    return v if side == "right" else (v[0], v[1], -v[2])


def root_frame(orientation: Mat, a: Angles) -> Mat:
    """The pelvis frame: a lying/standing base orientation, then pitch, turn and roll."""
    g = a.get
    local = mat_mul(
        rot_y(-g("pelvis.turn", 0.0)),
        mat_mul(rot_z(-g("pelvis.pitch", 0.0)), rot_x(g("pelvis.roll", 0.0))),
    )
    return mat_mul(orientation, local)


def pose_body(orientation: Mat, a: Angles) -> Body:
    """Place every part for joint angles ``a`` ("joint.movement" -> degrees or cm)."""
    frames: dict[str, Mat] = {}
    limbs: dict[str, Limb] = {}
    r0 = root_frame(orientation, a)
    frames["pelvis"] = r0

    def at(base: Vec, frame: Mat, offset: Vec) -> Vec:
        return add(base, mat_vec(frame, offset))

    blobs = {"pelvis": Blob(at(ORIGIN, r0, sk.PELVIS_BLOB[0]), r0, sk.PELVIS_BLOB[1])}
    j1 = at(ORIGIN, r0, sk.LUMBAR_BASE)
    r1 = mat_mul(r0, _spine(a, "lumbar"))
    belly = a.get("lumbar.belly", 0.0)
    lr = sk.LUMBAR_RADII
    blobs["lumbar"] = Blob(
        at(j1, r1, (belly / 2, sk.LUMBAR_LENGTH / 2, 0.0)), r1, (lr[0] + belly / 2, lr[1], lr[2])
    )
    j2 = at(j1, r1, (0.0, sk.LUMBAR_LENGTH, 0.0))
    r2 = mat_mul(r1, _spine(a, "lower_thoracic"))
    blobs["lower_thoracic"] = Blob(
        at(j2, r2, sk.LOWER_THORACIC_BLOB[0]), r2, sk.LOWER_THORACIC_BLOB[1]
    )
    j3 = at(j2, r2, (0.0, sk.LOWER_THORACIC_LENGTH, 0.0))
    r3 = mat_mul(r2, _spine(a, "upper_thoracic"))
    blobs["upper_thoracic"] = Blob(
        at(j3, r3, sk.UPPER_THORACIC_BLOB[0]), r3, sk.UPPER_THORACIC_BLOB[1]
    )
    frames.update(lumbar=r1, lower_thoracic=r2, upper_thoracic=r3)
    neck = at(j3, r3, sk.NECK_BASE)
    rn = mat_mul(r3, _spine(a, "neck"))
    head_joint = at(neck, rn, (0.0, sk.NECK_LENGTH, 0.0))
    limbs["neck"] = Limb(neck, head_joint, *sk.NECK_RADII)
    rh = mat_mul(rn, _spine(a, "head"))
    frames.update(neck=rn, head=rh)
    for side in sk.SIDES:
        _arm(a, side, j3, r3, limbs, frames)
        _leg(a, side, r0, limbs, frames)
    return Body(blobs, limbs, at(head_joint, rh, sk.HEAD_CENTRE), rh, frames)


def _arm(
    a: Angles, side: str, j3: Vec, r3: Mat, limbs: dict[str, Limb], frames: dict[str, Mat]
) -> None:
    g = a.get
    plane_k, elev_k, rot_k, prot_k, shrug_k, elbow_k, wrot_k, wext_k = _ARM_KEYS[side]
    offset = (g(prot_k, 0.0), sk.SHOULDER[1] + g(shrug_k, 0.0), sk.SHOULDER[2])
    shoulder = add(j3, mat_vec(r3, _side_z(offset, side)))
    plane = g(plane_k, 0.0)
    swing = euler_yzy(-plane, g(elev_k, 0.0), plane + g(rot_k, 0.0))
    rs = mat_mul(r3, _mirror(swing, side))
    elbow = add(shoulder, mat_vec(rs, (0.0, -sk.UPPER_ARM[0], 0.0)))
    re = mat_mul(rs, rot_z(g(elbow_k, 0.0)))
    wrist = add(elbow, mat_vec(re, (0.0, -sk.FOREARM[0], 0.0)))
    rw = mat_mul(re, _mirror(mat_mul(rot_y(g(wrot_k, 0.0)), rot_z(g(wext_k, 0.0))), side))
    fingers = add(wrist, mat_vec(rw, (0.0, -sk.HAND[0], 0.0)))
    upper, fore, hand = _NAMES[side][:3]
    limbs[upper] = Limb(shoulder, elbow, sk.UPPER_ARM[1], sk.UPPER_ARM[2])
    limbs[fore] = Limb(elbow, wrist, sk.FOREARM[1], sk.FOREARM[2])
    limbs[hand] = Limb(wrist, fingers, sk.HAND[1], sk.HAND[2])
    frames[upper], frames[fore], frames[hand] = rs, re, rw


def _leg(a: Angles, side: str, r0: Mat, limbs: dict[str, Limb], frames: dict[str, Mat]) -> None:
    g = a.get
    flex_k, abd_k, rot_k, knee_k, ankle_k = _LEG_KEYS[side]
    hip = mat_vec(r0, _side_z(sk.HIP, side))
    swing = euler_zxy(g(flex_k, 0.0), -g(abd_k, 0.0), g(rot_k, 0.0))
    rt = mat_mul(r0, _mirror(swing, side))
    knee = add(hip, mat_vec(rt, (0.0, -sk.THIGH[0], 0.0)))
    rk = mat_mul(rt, rot_z(-g(knee_k, 0.0)))
    ankle = add(knee, mat_vec(rk, (0.0, -sk.SHIN[0], 0.0)))
    ra = mat_mul(rk, rot_z(g(ankle_k, 0.0)))
    heel = add(ankle, mat_vec(ra, sk.HEEL[0]))
    toe = add(ankle, mat_vec(ra, sk.TOE[0]))
    thigh, shin, foot = _NAMES[side][3:]
    limbs[thigh] = Limb(hip, knee, sk.THIGH[1], sk.THIGH[2])
    limbs[shin] = Limb(knee, ankle, sk.SHIN[1], sk.SHIN[2])
    limbs[foot] = Limb(heel, toe, sk.HEEL[1], sk.TOE[1])
    frames[thigh], frames[shin], frames[foot] = rt, rk, ra


def forward_axis(frame: Mat) -> Vec:
    return column(frame, 0)


def up_axis(frame: Mat) -> Vec:
    return column(frame, 1)


def right_axis(frame: Mat) -> Vec:
    return column(frame, 2)


__all__ = ["IDENTITY", "Angles", "Blob", "Body", "Limb", "pose_body", "root_frame"]
