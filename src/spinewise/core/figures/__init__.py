"""Drawn exercise figures: an articulated body posed from keyframe data.

Public API (pure and deterministic; results are cached per exercise):

- :func:`render_static_svg` - start and end positions side by side, for handouts.
- :func:`render_animated_svg` - a looping SMIL animation for the session player.
- :func:`render_contact_sheet` - every exercise's figure, labelled with its id.
- :func:`validate_figures` - check every exercise of a library has a valid figure.

The drawing modules (``figure``, ``draw``, ``svg``, ``sheet``) are imported only when a
figure is drawn: checking the figure files on a load of the library needs none of them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from ..exercises import Library, load_library
from . import catalogue
from .validate import validate_figures

if TYPE_CHECKING:
    from .figure import Drawing

__all__ = [
    "clear_caches",
    "render_animated_svg",
    "render_contact_sheet",
    "render_static_svg",
    "validate_figures",
]


def drawing_for(exercise_id: str, library: Library | None = None) -> Drawing:
    """The resolved drawing of one exercise; InputError (field exercise_id) if unknown."""
    return _drawing(exercise_id, library)


@lru_cache(maxsize=256)
def _drawing(exercise_id: str, library: Library | None) -> Drawing:
    lib = library if library is not None else load_library()
    exercise = lib.get(exercise_id, field="exercise_id")
    scene = catalogue.load_scene(exercise.id)
    from .figure import make_drawing  # drawing code: only when something is drawn

    return make_drawing(scene.spec, exercise, scene)


@lru_cache(maxsize=256)
def _static(exercise_id: str, library: Library | None) -> str:
    from .svg import static_content, wrap

    drawing = drawing_for(exercise_id, library)
    box, content = static_content(drawing)
    return wrap(box, content, f"{drawing.exercise.name}: start and end positions")


@lru_cache(maxsize=256)
def _animated(exercise_id: str, library: Library | None) -> str:
    from .svg import animated_content, wrap

    drawing = drawing_for(exercise_id, library)
    box, content = animated_content(drawing)
    return wrap(box, content, f"{drawing.exercise.name}: animation")


@lru_cache(maxsize=4)
def _sheet(library: Library | None) -> str:
    from .sheet import contact_sheet

    lib = library if library is not None else load_library()
    return contact_sheet([drawing_for(e.id, library) for e in lib])


def render_static_svg(exercise_id: str, library: Library | None = None) -> str:
    """SVG of the start and end positions side by side (one panel for a still hold).

    The end panel ghosts the start position and shows arrows for the direction
    of movement. Units in the view box are centimetres. Raises InputError
    (field ``exercise_id``) for an unknown id, LibraryError for a bad figure file.
    """
    return _static(exercise_id, library)


def render_animated_svg(exercise_id: str, library: Library | None = None) -> str:
    """SVG that loops start -> end -> start with SMIL, no script.

    One loop lasts the exercise's ``seconds_per_rep`` (1-12 s); breathing shows
    breathe in/out cues; holds move in, hold for 4 s with a filling timer ring,
    and release.
    """
    return _animated(exercise_id, library)


def render_contact_sheet(library: Library | None = None) -> str:
    """One SVG with every exercise's start/end figure in a grid, labelled with its id."""
    return _sheet(library)


def clear_caches() -> None:
    """Forget every rendered figure and parsed figure file (for benchmarks and tests)."""
    for fn in (_drawing, _static, _animated, _sheet):
        fn.cache_clear()
    catalogue.clear()
