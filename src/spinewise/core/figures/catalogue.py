"""Find and read figure files (``library/figures/<id>.yaml``) and the cache of
fitted poses (``library/figures/_fitted.json``).

Fitting joints to contacts is the slow part of drawing, so the values found are
shipped in ``_fitted.json``, keyed by a fingerprint of the figure and base-pose
files: an edited figure no longer matches its entry and is simply fitted afresh
until the cache is rewritten (``spinewise figure --refit``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import LibraryError
from .scene import Scene, Solved, resolve, solved_values
from .spec import DEFAULT_FIGURES_DIR, POSES_FILE, FigureSpec, load_base_poses, parse_figure

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FITTED_FILE = "_fitted.json"
# Bump when the skeleton, kinematics or contact geometry change: old fits no longer apply.
FIT_VERSION = "1"


def figure_path(exercise_id: str, directory: Path = DEFAULT_FIGURES_DIR) -> Path:
    return directory / f"{exercise_id}.yaml"


def figure_ids(directory: Path = DEFAULT_FIGURES_DIR) -> list[str]:
    """Ids of every figure file (base poses excluded)."""
    return sorted(p.stem for p in directory.glob("*.yaml") if not p.name.startswith("_"))


@lru_cache(maxsize=4)
def _poses(directory: Path) -> tuple[dict[str, Any], str]:
    text = (
        (directory / POSES_FILE).read_text(encoding="utf-8")
        if (directory / POSES_FILE).is_file()
        else ""
    )
    return load_base_poses(directory), text


@lru_cache(maxsize=256)
def load_figure(exercise_id: str, directory: Path = DEFAULT_FIGURES_DIR) -> FigureSpec:
    """The checked figure of ``exercise_id``; LibraryError names the file and field."""
    source = f"figures/{exercise_id}.yaml"
    path = figure_path(exercise_id, directory)
    if not path.is_file():
        raise LibraryError("(file)", "is missing: every exercise needs a figure", source)
    text = path.read_text(encoding="utf-8")
    try:
        raw = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise LibraryError("(file)", f"is not valid YAML: {exc}", source) from None
    poses, poses_text = _poses(directory)
    spec = parse_figure(raw, source, exercise_id, poses)
    digest = hashlib.sha256(f"{FIT_VERSION}\0{poses_text}\0{text}".encode()).hexdigest()[:16]
    return replace(spec, digest=digest)


@lru_cache(maxsize=4)
def _fitted(directory: Path) -> dict[str, Any]:
    path = directory / FITTED_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def cached_solution(spec: FigureSpec, directory: Path = DEFAULT_FIGURES_DIR) -> Solved | None:
    """The shipped fitted values for ``spec``, or None when the figure has changed."""
    entry = _fitted(directory).get(spec.exercise_id)
    if not isinstance(entry, dict) or entry.get("digest") != spec.digest:
        return None
    keyframes = entry.get("keyframes")
    if not isinstance(keyframes, list) or len(keyframes) != len(spec.keyframes):
        return None
    for values, key in zip(keyframes, spec.keyframes, strict=True):
        if not isinstance(values, dict) or set(values) != set(key.fit):
            return None
    return keyframes


def load_scene(exercise_id: str, directory: Path = DEFAULT_FIGURES_DIR) -> Scene:
    """The resolved figure, using the fit cache when it is current."""
    spec = load_figure(exercise_id, directory)
    return resolve(spec, cached_solution(spec, directory))


def write_fitted(exercise_ids: list[str], directory: Path = DEFAULT_FIGURES_DIR) -> int:
    """Fit every listed figure afresh and write the cache; returns how many were written."""
    entries = {}
    for exercise_id in sorted(exercise_ids):
        spec = load_figure(exercise_id, directory)
        entries[exercise_id] = {"digest": spec.digest, "keyframes": solved_values(resolve(spec))}
    text = json.dumps(entries, indent=1, sort_keys=True)
    (directory / FITTED_FILE).write_text(text + "\n", encoding="utf-8")
    _fitted.cache_clear()
    return len(entries)


def clear() -> None:
    _poses.cache_clear()
    load_figure.cache_clear()
    _fitted.cache_clear()
