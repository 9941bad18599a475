"""Check the figures: every exercise has one, it parses, and its contacts touch."""

from __future__ import annotations

from pathlib import Path

from ..errors import LibraryError
from ..exercises import Library
from .catalogue import load_figure, load_scene
from .contacts import Plane, body_gap, lowest_point
from .equipment_spec import kinds_shown
from .scene import PENETRATION, TOLERANCE, Scene, contact_gaps
from .spec import DEFAULT_FIGURES_DIR, FigureSpec


def check_scene(scene: Scene) -> None:
    """Raise LibraryError when a declared contact misses its surface or the body
    sinks into the floor, naming the keyframe and site."""
    spec = scene.spec
    for i, (key, frame) in enumerate(zip(spec.keyframes, scene.keyframes, strict=True)):
        gaps = contact_gaps(frame.body, key.contacts, scene.setting)
        for site, gap in gaps.items():
            if gap > TOLERANCE or gap < -PENETRATION:
                surface = key.contacts[site]
                problem = "is" if gap > 0 else "sinks"
                raise LibraryError(
                    f"keyframes[{i}].contacts.{site}",
                    f"{problem} {abs(gap):.1f} cm {'away from' if gap > 0 else 'into'} {surface} "
                    f"(allowed {TOLERANCE:g} cm); adjust the angles or list more joints under fit",
                    spec.source,
                )
        wall = scene.setting.surfaces.get("wall")
        if isinstance(wall, Plane) and body_gap(frame.body, wall) < -PENETRATION:
            raise LibraryError(
                f"keyframes[{i}]",
                f"the body goes {-body_gap(frame.body, wall):.1f} cm into the wall",
                spec.source,
            )
        low = lowest_point(frame.body)
        if low < -PENETRATION:
            raise LibraryError(
                f"keyframes[{i}]", f"the body goes {-low:.1f} cm through the floor", spec.source
            )


def check_equipment(spec: FigureSpec, equipment: tuple[str, ...]) -> None:
    shown = kinds_shown(spec.equipment)
    for kind in equipment:
        if kind not in shown:
            raise LibraryError(
                "equipment",
                f"the exercise uses {kind} but the figure does not draw it",
                spec.source,
            )


def validate_figure_files(library: Library, directory: Path = DEFAULT_FIGURES_DIR) -> None:
    """Quick check run on every load of the shipped library: each exercise has a figure
    file (in ``directory``) that parses, keeps its joints within their limits and draws
    its equipment."""
    for exercise in library:
        check_equipment(load_figure(exercise.id, directory), exercise.equipment)


def validate_figures(library: Library) -> None:
    """Full check of every exercise's figure: the quick file checks, then every
    declared contact touches its surface and nothing sinks through floor or wall.
    Raises LibraryError naming the figure file and field of the first problem."""
    validate_figure_files(library)
    for exercise in library:
        check_scene(load_scene(exercise.id))
