"""Equipment held in the hands or looped round the body: it follows every frame."""

from __future__ import annotations

from .contacts import site_point
from .equipment_spec import EquipmentSpec
from .geometry import Vec, add, column, lerp, scale, sub, unit
from .kinematics import Body
from .props import Item, Prim, Rod, Strap


def grip_point(body: Body, site: str) -> Vec:
    """Where a hand holds or a strap loops: the middle of the hand or of the sole."""
    if site.endswith("_hand"):
        limb = body.limbs[site]
        return lerp(limb.start, limb.end, 0.45)
    return site_point(body, site)


def held_items(
    specs: tuple[EquipmentSpec, ...], body: Body, anchors: dict[int, Vec], pulley: Vec | None
) -> tuple[Item, ...]:
    """Equipment that moves with the body in this frame."""
    items: list[Item] = []
    for i, spec in enumerate(specs):
        key = f"eq{i}"
        if spec.kind == "dumbbell":
            assert spec.site is not None
            items.append(Item(key, False, _dumbbell(body, spec.site)))
        elif spec.kind in ("resistance_band", "sport_cord", "towel"):
            points = tuple(anchors[i] if s == "anchor" else grip_point(body, s) for s in spec.sites)
            items.extend(_strap_items(key, spec, body, points))
        elif spec.kind == "gym_machine" and pulley is not None:
            items.extend(_machine_bar(key, spec, body, pulley))
    return tuple(items)


_STRAP_STYLE = {
    "resistance_band": (1.8, "#e4572e"),
    "sport_cord": (2.4, "#2e8b57"),
    "towel": (5.0, "#f2d16b"),
}


def _strap_items(key: str, spec: EquipmentSpec, body: Body, points: tuple[Vec, ...]) -> list[Item]:
    width, colour = _STRAP_STYLE[spec.kind]
    items = [
        Item(f"{key}s{j}", False, (Strap((points[j], points[j + 1]), width, colour),))
        for j in range(len(points) - 1)
    ]
    if spec.kind == "sport_cord":
        for j, site in enumerate(spec.sites):
            if site.endswith("_hand"):
                axis = column(body.frames[site], 2)
                centre = grip_point(body, site)
                handle = Rod(
                    add(centre, scale(axis, -6)), add(centre, scale(axis, 6)), 1.5, "#333", "#555"
                )
                items.append(Item(f"{key}h{j}", False, (handle,)))
    return items


def _machine_bar(key: str, spec: EquipmentSpec, body: Body, pulley: Vec) -> list[Item]:
    grips = [grip_point(body, s) for s in spec.sites]
    mid = scale(add(grips[0], grips[-1]), 0.5)
    axis = unit(sub(grips[-1], grips[0]))
    bar = Rod(add(mid, scale(axis, -50)), add(mid, scale(axis, 50)), 1.6, "#4b5563", "#6b7280")
    cable = Strap((mid, pulley), 0.9, "#374151")
    return [Item(f"{key}cable", False, (cable,)), Item(f"{key}bar", False, (bar,))]


def _dumbbell(body: Body, site: str) -> tuple[Prim, ...]:
    centre = grip_point(body, site)
    axis = column(body.frames[site], 2)
    handle = Rod(
        add(centre, scale(axis, -8)), add(centre, scale(axis, 8)), 1.4, "#6b7280", "#9ca3af"
    )
    plates = tuple(
        Rod(
            add(centre, scale(axis, sgn * 8)),
            add(centre, scale(axis, sgn * 12)),
            5.5,
            "#374151",
            "#6b7280",
        )
        for sgn in (-1, 1)
    )
    return (handle, *plates)
