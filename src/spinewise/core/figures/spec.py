"""Figure data files: a view, named base poses and keyframes, read and checked.

``library/figures/_poses.yaml`` holds named base poses (standing, quadruped,
supine...). ``library/figures/<exercise-id>.yaml`` picks a ``base`` pose, a
``view`` and lists ``keyframes`` (start, any in-betweens, end); each keyframe
overrides joint angles of the base and may change its ``contacts``. Every
problem raises :class:`LibraryError` naming the file and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import yaml

from ..errors import LibraryError
from ..exercises import DEFAULT_FIGURES_DIR as DEFAULT_FIGURES_DIR  # one place for the path
from .contacts import SITES
from .equipment_spec import EquipmentSpec, parse_equipment, surfaces_of
from .geometry import Mat, Vec, cross, dot, frame_from_axes
from .skeleton import JOINT_LIMITS, shoulder_elevation_limit

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

POSES_FILE: Final = "_poses.yaml"
VIEWS: Final = ("side", "front", "back", "top")
_AXES: Final[dict[str, Vec]] = {
    "+x": (1.0, 0.0, 0.0),
    "-x": (-1.0, 0.0, 0.0),
    "+y": (0.0, 1.0, 0.0),
    "-y": (0.0, -1.0, 0.0),
    "+z": (0.0, 0.0, 1.0),
    "-z": (0.0, 0.0, -1.0),
}
_POSE_KEYS: Final = ("extends", "orientation", "joints", "contacts", "anchor", "fit", "plumb")
_FIGURE_KEYS: Final = (
    "base",
    "view",
    "orientation",
    "joints",
    "contacts",
    "anchor",
    "fit",
    "plumb",
    "equipment",
    "keyframes",
    "arrows",
    "loop",
)
_KEYFRAME_KEYS: Final = ("name", "joints", "contacts", "fit", "plumb", "slide", "pause")
PLUMB_LIMBS: Final = tuple(
    f"{s}_{p}" for s in ("left", "right") for p in ("upper_arm", "forearm", "thigh", "shin")
)


@dataclass(frozen=True)
class View:
    """Camera: ``side`` (figure faces right), ``front``, ``back`` or ``top``, then
    turned ``yaw`` degrees about the vertical and tilted ``tilt`` degrees down."""

    name: str
    yaw: float = 0.0
    tilt: float = 0.0


@dataclass(frozen=True)
class Keyframe:
    """One pose. ``angles`` is the base pose with the figure's and this keyframe's
    overrides; ``own`` holds only this keyframe's overrides, which later keyframes
    apply on top of the fitted pose before them."""

    name: str
    angles: Mapping[str, float]
    own: Mapping[str, float]
    contacts: Mapping[str, str]
    fit: tuple[str, ...]
    plumb: tuple[str, ...]
    slide: tuple[str, ...]
    pause: float


@dataclass(frozen=True)
class FigureSpec:
    exercise_id: str
    source: str
    view: View
    orientation: Mat
    anchor: str
    keyframes: tuple[Keyframe, ...]
    equipment: tuple[EquipmentSpec, ...]
    arrows: tuple[str, ...] | None
    loop: bool = False  # keyframes go round in a circle instead of there and back
    digest: str = ""  # fingerprint of the figure and base-pose files, for the fit cache


@dataclass(frozen=True)
class _Layer:
    """Raw pose data from a base pose or a figure file, before merging."""

    orientation: tuple[str, str] | None
    joints: Mapping[str, float]
    contacts: Mapping[str, str | None]
    anchor: str | None
    fit: tuple[str, ...] | None
    plumb: tuple[str, ...] | None


class _Ctx:
    def __init__(self, source: str) -> None:
        self.source = source

    def err(self, field: str, problem: str) -> LibraryError:
        return LibraryError(field, problem, self.source)


def _number(ctx: _Ctx, field: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ctx.err(field, "must be a number")
    return float(value)


def _mapping(ctx: _Ctx, field: str, value: Any) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ctx.err(field, "must be a mapping")
    return value


def _exact(ctx: _Ctx, prefix: str, raw: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    for key in raw:
        if key not in allowed:
            raise ctx.err(f"{prefix}{key}", f"unknown field; expected one of {', '.join(allowed)}")


def parse_joints(ctx: _Ctx, field: str, raw: Any) -> dict[str, float]:
    """``{joint: {movement: value}}`` -> ``{"joint.movement": value}``, each within its limits."""
    angles: dict[str, float] = {}
    for joint, moves in _mapping(ctx, field, raw).items():
        if joint not in JOINT_LIMITS:
            raise ctx.err(
                f"{field}.{joint}", f"unknown joint; expected one of {', '.join(JOINT_LIMITS)}"
            )
        limits = JOINT_LIMITS[joint]
        for move, value in _mapping(ctx, f"{field}.{joint}", moves).items():
            where = f"{field}.{joint}.{move}"
            if move not in limits:
                raise ctx.err(where, f"unknown movement; expected one of {', '.join(limits)}")
            number = _number(ctx, where, value)
            low, high = limits[move]
            if not low <= number <= high:
                raise ctx.err(where, f"{number:g} is outside the joint's range {low:g} to {high:g}")
            angles[f"{joint}.{move}"] = number
    return angles


def check_combined_limits(ctx: _Ctx, field: str, angles: Mapping[str, float]) -> None:
    """Limits that depend on two movements at once (an arm behind the back rises less)."""
    for side in ("left", "right"):
        plane = angles.get(f"{side}_shoulder.plane", 0.0)
        elevation = angles.get(f"{side}_shoulder.elevation", 0.0)
        limit = shoulder_elevation_limit(plane)
        if elevation > limit + 1e-6:
            raise ctx.err(
                f"{field}.{side}_shoulder.elevation",
                f"{elevation:g} is beyond the shoulder's reach of {limit:.0f} in plane {plane:g}",
            )


def _site(ctx: _Ctx, field: str, value: Any) -> str:
    if not isinstance(value, str) or value not in SITES:
        raise ctx.err(field, f"unknown body site {value!r}")
    return value


def _contacts(ctx: _Ctx, field: str, raw: Any) -> dict[str, str | None]:
    """A mapping ``site: surface`` or a list of one-entry mappings; ``none`` removes one."""
    items: list[tuple[Any, Any]] = []
    if isinstance(raw, list):
        for i, entry in enumerate(raw):
            if not isinstance(entry, dict) or len(entry) != 1:
                raise ctx.err(f"{field}[{i}]", "must be a single 'site: surface' entry")
            items.extend(entry.items())
    else:
        items.extend(_mapping(ctx, field, raw).items())
    contacts: dict[str, str | None] = {}
    for site, surface in items:
        _site(ctx, f"{field}.{site}", site)
        if surface in (None, "none"):
            contacts[site] = None
        elif isinstance(surface, str) and surface.strip():
            contacts[site] = surface.strip()
        else:
            raise ctx.err(f"{field}.{site}", "must name a surface (floor, chair, wall...) or none")
    return contacts


def _fit(ctx: _Ctx, field: str, raw: Any) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise ctx.err(field, "must be a list of joint.movement names")
    for i, name in enumerate(raw):
        joint, _, move = str(name).partition(".")
        if joint not in JOINT_LIMITS or move not in JOINT_LIMITS[joint]:
            raise ctx.err(f"{field}[{i}]", f"{name!r} is not a joint.movement")
    return tuple(str(n) for n in raw)


def _layer(ctx: _Ctx, prefix: str, raw: Mapping[str, Any]) -> _Layer:
    orientation = None
    if "orientation" in raw:
        o = _mapping(ctx, f"{prefix}orientation", raw["orientation"])
        _exact(ctx, f"{prefix}orientation.", o, ("up", "facing"))
        up, facing = o.get("up"), o.get("facing")
        for key, value in (("up", up), ("facing", facing)):
            if value not in _AXES:
                raise ctx.err(f"{prefix}orientation.{key}", f"must be one of {', '.join(_AXES)}")
        if dot(_AXES[str(up)], _AXES[str(facing)]) != 0.0:
            raise ctx.err(f"{prefix}orientation", "up and facing must be at right angles")
        orientation = (str(up), str(facing))
    return _Layer(
        orientation=orientation,
        joints=parse_joints(ctx, f"{prefix}joints", raw["joints"]) if "joints" in raw else {},
        contacts=_contacts(ctx, f"{prefix}contacts", raw["contacts"]) if "contacts" in raw else {},
        anchor=_site(ctx, f"{prefix}anchor", raw["anchor"]) if "anchor" in raw else None,
        fit=_fit(ctx, f"{prefix}fit", raw["fit"]) if "fit" in raw else None,
        plumb=_plumb(ctx, f"{prefix}plumb", raw["plumb"]) if "plumb" in raw else None,
    )


def _plumb(ctx: _Ctx, field: str, raw: Any) -> tuple[str, ...]:
    """Limbs the fit keeps hanging straight down (thighs under hips, arms under shoulders)."""
    if not isinstance(raw, list) or any(v not in PLUMB_LIMBS for v in raw):
        raise ctx.err(field, f"must be a list of limbs from {', '.join(PLUMB_LIMBS)}")
    return tuple(str(v) for v in raw)


def _merge(base: _Layer, top: _Layer) -> _Layer:
    return _Layer(
        orientation=top.orientation or base.orientation,
        joints={**base.joints, **top.joints},
        contacts={**base.contacts, **top.contacts},
        anchor=top.anchor or base.anchor,
        fit=top.fit if top.fit is not None else base.fit,
        plumb=top.plumb if top.plumb is not None else base.plumb,
    )


def load_base_poses(directory: Path) -> dict[str, _Layer]:
    """Named base poses from ``_poses.yaml``; a pose may ``extends`` an earlier one."""
    ctx = _Ctx(POSES_FILE)
    raw = _read(ctx, directory / POSES_FILE)
    poses: dict[str, _Layer] = {}
    for name, body in _mapping(ctx, "(file)", raw).items():
        entry = _mapping(ctx, str(name), body)
        _exact(ctx, f"{name}.", entry, _POSE_KEYS)
        layer = _layer(ctx, f"{name}.", entry)
        if "extends" in entry:
            parent = entry["extends"]
            if parent not in poses:
                raise ctx.err(f"{name}.extends", f"unknown or later base pose {parent!r}")
            layer = _merge(poses[parent], layer)
        if layer.orientation is None:
            raise ctx.err(f"{name}.orientation", "missing field")
        poses[str(name)] = layer
    return poses


def _read(ctx: _Ctx, path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except OSError:
        raise ctx.err("(file)", "is missing") from None
    except yaml.YAMLError as exc:
        raise ctx.err("(file)", f"is not valid YAML: {exc}") from None


def _view(ctx: _Ctx, raw: Any) -> View:
    if isinstance(raw, str):
        raw = {"name": raw}
    v = _mapping(ctx, "view", raw)
    _exact(ctx, "view.", v, ("name", "yaw", "tilt"))
    if v.get("name") not in VIEWS:
        raise ctx.err("view.name", f"must be one of {', '.join(VIEWS)}")
    yaw = _number(ctx, "view.yaw", v.get("yaw", 0))
    tilt = _number(ctx, "view.tilt", v.get("tilt", 0))
    if not -90 <= yaw <= 90 or not -90 <= tilt <= 90:
        raise ctx.err("view", "yaw and tilt must be within -90 to 90 degrees")
    return View(str(v["name"]), yaw, tilt)


def orientation_frame(up: str, facing: str) -> Mat:
    """Rotation taking the body's axes (forward, up, right) to the named world axes."""
    f, u = _AXES[facing], _AXES[up]
    assert dot(cross(f, u), cross(f, u)) == 1.0
    return frame_from_axes(f, u)


def parse_figure(
    raw: Any, source: str, exercise_id: str, poses: Mapping[str, _Layer]
) -> FigureSpec:
    """Build a :class:`FigureSpec` from a parsed figure file, or raise LibraryError."""
    ctx = _Ctx(source)
    fig = _mapping(ctx, "(file)", raw)
    _exact(ctx, "", fig, _FIGURE_KEYS)
    for key in ("base", "view", "keyframes"):
        if key not in fig:
            raise ctx.err(key, "missing field")
    if fig["base"] not in poses:
        raise ctx.err(
            "base", f"unknown base pose {fig['base']!r}; expected one of {', '.join(poses)}"
        )
    layer = _merge(poses[str(fig["base"])], _layer(ctx, "", fig))
    equipment = tuple(
        parse_equipment(ctx.err, f"equipment[{i}]", e)
        for i, e in enumerate(fig.get("equipment") or [])
    )
    surfaces = surfaces_of(equipment)
    raw_frames = fig["keyframes"]
    if not isinstance(raw_frames, list) or not raw_frames:
        raise ctx.err("keyframes", "must be a non-empty list")
    keyframes = tuple(
        _keyframe(ctx, f"keyframes[{i}]", k, layer, surfaces) for i, k in enumerate(raw_frames)
    )
    names = [k.name for k in keyframes]
    if len(set(names)) != len(names):
        raise ctx.err("keyframes", "two keyframes share a name")
    anchor = layer.anchor
    if anchor is None:
        raise ctx.err("anchor", "missing field (the body site that stays put)")
    arrows = None
    if "arrows" in fig:
        if not isinstance(fig["arrows"], list):
            raise ctx.err("arrows", "must be a list of body sites")
        arrows = tuple(_site(ctx, f"arrows[{i}]", a) for i, a in enumerate(fig["arrows"]))
    assert layer.orientation is not None
    loop = fig.get("loop", False)
    if not isinstance(loop, bool) or (loop and len(keyframes) < 3):
        raise ctx.err("loop", "must be true or false; a loop needs at least three keyframes")
    return FigureSpec(
        exercise_id=exercise_id,
        source=source,
        view=_view(ctx, fig["view"]),
        orientation=orientation_frame(*layer.orientation),
        anchor=anchor,
        keyframes=keyframes,
        equipment=equipment,
        arrows=arrows,
        loop=loop,
    )


def _keyframe(
    ctx: _Ctx, prefix: str, raw: Any, layer: _Layer, surfaces: frozenset[str]
) -> Keyframe:
    k = _mapping(ctx, prefix, raw)
    _exact(ctx, f"{prefix}.", k, _KEYFRAME_KEYS)
    name = k.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ctx.err(f"{prefix}.name", "must be a non-empty text")
    joints = parse_joints(ctx, f"{prefix}.joints", k.get("joints") or {})
    angles = {**layer.joints, **joints}
    check_combined_limits(ctx, f"{prefix}.joints", angles)
    merged = {
        **layer.contacts,
        **(_contacts(ctx, f"{prefix}.contacts", k["contacts"]) if "contacts" in k else {}),
    }
    contacts = {site: surface for site, surface in merged.items() if surface is not None}
    for site, surface in contacts.items():
        if surface not in surfaces and surface not in SITES:
            raise ctx.err(
                f"{prefix}.contacts.{site}",
                f"unknown surface {surface!r}; expected a body site or one of {', '.join(sorted(surfaces))}",
            )
    fit = _fit(ctx, f"{prefix}.fit", k["fit"]) if "fit" in k else (layer.fit or ())
    plumb = _plumb(ctx, f"{prefix}.plumb", k["plumb"]) if "plumb" in k else (layer.plumb or ())
    pause = _number(ctx, f"{prefix}.pause", k.get("pause", 0))
    if not 0 <= pause <= 5:
        raise ctx.err(f"{prefix}.pause", "must be 0-5 seconds")
    slide: tuple[str, ...] = ()
    if "slide" in k:
        if not isinstance(k["slide"], list):
            raise ctx.err(f"{prefix}.slide", "must be a list of body sites")
        slide = tuple(_site(ctx, f"{prefix}.slide[{i}]", s) for i, s in enumerate(k["slide"]))
    return Keyframe(name.strip(), angles, joints, contacts, fit, plumb, slide, pause)
