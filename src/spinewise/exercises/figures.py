"""Exercise figures from the core's renderer, with a plain card while it is not installed."""

from __future__ import annotations

import importlib
import importlib.util
from html import escape
from types import ModuleType

from spinewise.core.errors import InputError
from spinewise.core.exercises import Exercise

FIGURES_MODULE = "spinewise.core.figures"


def _renderer() -> ModuleType | None:
    """The core's figure renderer, or None while it is not (fully) installed."""
    if importlib.util.find_spec(FIGURES_MODULE) is None:
        return None
    module = importlib.import_module(FIGURES_MODULE)
    if not all(hasattr(module, f) for f in ("render_static_svg", "render_animated_svg")):
        return None
    return module


def figure_svg(exercise: Exercise, *, animated: bool = False) -> str:
    """The exercise's figure as SVG text (animated: the movement loops)."""
    renderer = _renderer()
    if renderer is None:
        return placeholder_svg(exercise)
    render = renderer.render_animated_svg if animated else renderer.render_static_svg
    try:
        return str(render(exercise.id))
    except InputError:  # an exercise without a figure yet: show its card, not an error
        return placeholder_svg(exercise)


def placeholder_svg(exercise: Exercise) -> str:
    """A neutral card with the exercise's name, used only when no renderer is installed."""
    name = escape(exercise.name)
    position = escape(exercise.position.replace("_", " "))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 200" role="img" '
        f'aria-label="{name}"><rect x="4" y="4" width="312" height="192" rx="16" '
        'fill="#eef6f4" stroke="#0f766e" stroke-width="2"/>'
        f'<text x="160" y="96" text-anchor="middle" font-family="sans-serif" font-size="20" '
        f'fill="#134e4a">{name}</text><text x="160" y="126" text-anchor="middle" '
        f'font-family="sans-serif" font-size="14" fill="#475569">{position}</text></svg>'
    )
