"""What a figure file may say about its equipment, checked field by field.

Each entry has a ``kind`` and says where the item goes relative to the body in
the first keyframe (``seat: pelvis``, ``under: lower_thoracic``...). Items held
in the hands (bands, cords, towel straps, dumbbell, machine bar) follow the body.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from ..errors import LibraryError
from .contacts import SITES

KINDS: Final = (
    "mat",
    "chair",
    "wall",
    "doorway",
    "foam_roller",
    "massage_roller",
    "massage_ball",
    "pullup_bar",
    "gym_machine",
    "dumbbell",
    "resistance_band",
    "sport_cord",
    "towel",
    "folded_towel",
)
SIDES_AROUND: Final = ("behind", "front", "left", "right")
_LINES: Final = ("resistance_band", "sport_cord", "towel")

# kind -> (required fields, optional fields)
_SCHEMA: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "mat": ((), ()),
    "chair": (("seat",), ("offset", "turn", "back", "back_height", "side_shift")),
    "wall": (("touch",), ("side", "gap")),
    "doorway": (("touch",), ("side", "gap", "opening")),
    "foam_roller": (("under",), ("axis", "length", "shift")),
    "massage_roller": (("touch",), ("side",)),
    "massage_ball": (("touch",), ("side",)),
    "pullup_bar": (("grip",), ()),
    "gym_machine": (("grip", "seat"), ()),
    "dumbbell": (("hand",), ()),
    "resistance_band": (("path",), ("anchor",)),
    "sport_cord": (("path",), ("anchor",)),
    "towel": (("path",), ()),
    "folded_towel": (("under",), ()),
}
# Surfaces that contacts may name, by the kind that provides them.
_SURFACES: Final = {
    "chair": ("chair", "chair_back"),
    "wall": ("wall",),
    "doorway": ("doorway",),
    "foam_roller": ("foam_roller",),
    "massage_roller": ("massage_roller",),
    "massage_ball": ("massage_ball",),
    "pullup_bar": ("pullup_bar",),
    "gym_machine": ("machine_seat",),
    "folded_towel": ("folded_towel",),
}


@dataclass(frozen=True)
class Anchor:
    """Where a band is fixed: ``distance`` cm from the anchor site towards ``side``,
    ``height`` cm above the floor, in a door."""

    side: str
    distance: float
    height: float


@dataclass(frozen=True)
class EquipmentSpec:
    kind: str
    site: str | None = None
    sites: tuple[str, ...] = ()
    side: str = "behind"
    offset: float = 0.0
    turn: float = 0.0
    back: bool = True
    back_height: float = 42.0
    side_shift: float = 0.0
    axis: str = "across"
    length: float = 90.0
    opening: float = 80.0
    anchor: Anchor | None = None


Err = Callable[[str, str], LibraryError]


def _num(err: Err, field: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise err(field, "must be a number")
    if not low <= value <= high:
        raise err(field, f"{value:g} is out of range {low:g} to {high:g}")
    return float(value)


def _choice(err: Err, field: str, value: Any, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise err(field, f"must be one of {', '.join(allowed)}")
    return str(value)


def _site(err: Err, field: str, value: Any) -> str:
    if not isinstance(value, str) or value not in SITES:
        raise err(field, f"unknown body site {value!r}")
    return value


def parse_equipment(err: Err, prefix: str, raw: Any) -> EquipmentSpec:
    """One ``equipment`` entry; ``err(field, problem)`` builds the error to raise."""
    if not isinstance(raw, dict):
        raise err(prefix, "must be a mapping with a kind")
    kind = _choice(err, f"{prefix}.kind", raw.get("kind"), KINDS)
    required, optional = _SCHEMA[kind]
    for key in raw:
        if key != "kind" and key not in required and key not in optional:
            raise err(f"{prefix}.{key}", f"unknown field for {kind}")
    for key in required:
        if key not in raw:
            raise err(f"{prefix}.{key}", "missing field")
    values: dict[str, Any] = {"kind": kind}
    for key in ("seat", "touch", "under", "hand"):
        if key in raw:
            values["site"] = _site(err, f"{prefix}.{key}", raw[key])
    if kind in ("massage_roller", "massage_ball") and "side" not in raw:
        values["side"] = "behind"
    if "side" in raw:
        values["side"] = _choice(err, f"{prefix}.side", raw["side"], SIDES_AROUND)
    if "axis" in raw:
        values["axis"] = _choice(err, f"{prefix}.axis", raw["axis"], ("across", "along"))
    if "back" in raw:
        if not isinstance(raw["back"], bool):
            raise err(f"{prefix}.back", "must be true or false")
        values["back"] = raw["back"]
    for key, field, low, high in (
        ("offset", "offset", -40, 40),
        ("gap", "offset", 0, 60),
        ("shift", "offset", -60, 60),
        ("turn", "turn", -180, 180),
        ("back_height", "back_height", 10, 70),
        ("side_shift", "side_shift", -60, 60),
        ("length", "length", 20, 120),
        ("opening", "opening", 60, 120),
    ):
        if key in raw:
            values[field] = _num(err, f"{prefix}.{key}", raw[key], low, high)
    for key in ("grip", "path"):
        if key in raw:
            values["sites"] = _site_list(
                err, f"{prefix}.{key}", raw[key], allow_anchor=key == "path"
            )
    if "anchor" in raw:
        values["anchor"] = _anchor(err, f"{prefix}.anchor", raw["anchor"])
    spec = EquipmentSpec(**values)
    if kind in _LINES and "anchor" in spec.sites and spec.anchor is None:
        raise err(f"{prefix}.anchor", "missing field (the path goes through the anchor)")
    return spec


def _site_list(err: Err, field: str, raw: Any, *, allow_anchor: bool) -> tuple[str, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise err(field, "must list at least two body sites")
    return tuple(
        "anchor" if allow_anchor and s == "anchor" else _site(err, f"{field}[{i}]", s)
        for i, s in enumerate(raw)
    )


def _anchor(err: Err, field: str, raw: Any) -> Anchor:
    if not isinstance(raw, dict):
        raise err(field, "must be a mapping with side, distance and height")
    for key in raw:
        if key not in ("side", "distance", "height"):
            raise err(f"{field}.{key}", "unknown field")
    return Anchor(
        side=_choice(err, f"{field}.side", raw.get("side"), SIDES_AROUND),
        distance=_num(err, f"{field}.distance", raw.get("distance"), 20, 300),
        height=_num(err, f"{field}.height", raw.get("height"), 0, 220),
    )


def surfaces_of(items: tuple[EquipmentSpec, ...]) -> frozenset[str]:
    """The surfaces contacts may name with this equipment (always the floor)."""
    names = {"floor"}
    for item in items:
        names.update(_SURFACES.get(item.kind, ()))
        if item.kind == "chair" and not item.back:
            names.discard("chair_back")
    return frozenset(names)


def kinds_shown(items: tuple[EquipmentSpec, ...]) -> Mapping[str, int]:
    """How many items of each kind a figure draws; a band anchor draws a door too."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
        if item.anchor is not None or item.kind == "doorway":
            counts["door"] = counts.get("door", 0) + 1
        if item.kind == "folded_towel":
            counts["towel"] = counts.get("towel", 0) + 1
    return counts
