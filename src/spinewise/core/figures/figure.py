"""A figure ready to draw: its scene, camera, timeline of frames and arrows.

The timeline runs start -> end -> start. For repetitions one loop lasts the
exercise's ``seconds_per_rep``; breaths take 40 % of the loop breathing in and
60 % breathing out; holds move in, hold still while a timer fills, and release.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..exercises import Exercise
from .contacts import site_point
from .draw import (
    GHOST,
    Camera,
    Layer,
    Part,
    body_layers,
    camera_for,
    floor_layer,
    item_layers,
    near_sides,
)
from .paths import P2, polygon, smooth_open
from .scene import Frame, Scene, blend
from .spec import FigureSpec

STEPS = 4  # samples per transition between keyframes (SMIL interpolates between them)
HOLD_MOVE, HOLD_STILL = 1.5, 4.0  # seconds to get into a hold, and to show it
ARROW = "#e07b1a"
ARROW_OFFSET = 9.0  # cm between a moving site and its arrow
ARROW_CANDIDATES = tuple(
    f"{s}_{p}" for p in ("hand", "elbow", "foot", "knee") for s in ("right", "left")
) + ("head", "upper_thoracic", "pelvis")


@dataclass(frozen=True)
class Timeline:
    duration: float  # seconds per loop
    times: tuple[float, ...]  # 0-1, one per frame
    frames: tuple[Frame, ...]
    hold: tuple[float, float] | None  # part of the loop spent holding still
    inhale_end: float | None  # breathing: where breathing in ends


def _ease(u: float) -> float:
    return u * u * (3 - 2 * u)


def route(scene: Scene) -> list[int]:
    """Keyframe indices visited in one loop: there and back, or round a circle."""
    n = len(scene.keyframes) - 1
    if scene.spec.loop:
        return [*range(n + 1), 0]
    return [*range(n + 1), *range(n - 1, -1, -1)]


class _Sampler:
    """Frames between keyframes, eased, shared by both directions of travel."""

    def __init__(self, scene: Scene) -> None:
        self.scene = scene
        self.cache = scene.samples

    def leg(self, a: int, b: int) -> list[Frame]:
        """Frames after keyframe ``a`` up to and including keyframe ``b``."""
        out = []
        for j in range(1, STEPS + 1):
            if j == STEPS:
                out.append(self.scene.keyframes[b])
                continue
            key = (a, b, j) if a < b else (b, a, STEPS - j)
            if key not in self.cache:
                lo, hi = self.scene.keyframes[key[0]], self.scene.keyframes[key[1]]
                self.cache[key] = self.scene.frame_at(
                    blend(lo.angles, hi.angles, _ease(key[2] / STEPS))
                )
            out.append(self.cache[key])
        return out


def forward_frames(scene: Scene) -> list[Frame]:
    """Frames from the first keyframe to the last (or round the loop), for arrows."""
    sampler = _Sampler(scene)
    stops = route(scene)
    stops = stops if scene.spec.loop else stops[: len(scene.keyframes)]
    frames = [scene.keyframes[0]]
    for a, b in zip(stops, stops[1:], strict=False):
        frames += sampler.leg(a, b)
    return frames


def timeline(scene: Scene, exercise: Exercise) -> Timeline:
    keys = scene.spec.keyframes
    first = scene.keyframes[0]
    if len(keys) == 1:
        duration = (
            HOLD_STILL if exercise.tracking == "hold" else float(max(exercise.seconds_per_rep, 1))
        )
        hold = (0.0, 1.0) if exercise.tracking == "hold" else None
        return Timeline(duration, (0.0, 1.0), (first, first), hold, None)
    sampler = _Sampler(scene)
    stops = route(scene)
    legs = list(zip(stops, stops[1:], strict=False))
    out_legs = len(keys) - 1 if not scene.spec.loop else len(legs)
    if exercise.tracking == "hold":
        duration = 2 * HOLD_MOVE + HOLD_STILL
        leg_time = [HOLD_MOVE / out_legs] * len(legs)
        pauses = {out_legs: HOLD_STILL}
    else:
        duration = float(max(exercise.seconds_per_rep, 1))
        pauses = {i: keys[stop].pause for i, stop in enumerate(stops[1:], 1) if keys[stop].pause}
        total_pause = sum(pauses.values())
        squeeze = min(1.0, 0.6 * duration / total_pause) if total_pause else 1.0
        pauses = {i: p * squeeze for i, p in pauses.items()}
        moving = duration - sum(pauses.values())
        share = 0.4 if exercise.tracking == "breaths" and not scene.spec.loop else 0.5
        back_legs = len(legs) - out_legs
        if back_legs == 0:
            leg_time = [moving / len(legs)] * len(legs)
        else:
            leg_time = [moving * share / out_legs] * out_legs + [
                moving * (1 - share) / back_legs
            ] * back_legs
    times, frames = [0.0], [first]
    t = 0.0
    hold_span = None
    breath_end = None
    for i, (a, b) in enumerate(legs, 1):
        for frame in sampler.leg(a, b):
            t += leg_time[i - 1] / STEPS
            times.append(t)
            frames.append(frame)
        if i == out_legs:
            breath_end = t
        if pauses.get(i):
            start = t
            t += pauses[i]
            times.append(t)
            frames.append(frames[-1])
            if exercise.tracking == "hold" and i == out_legs:
                hold_span = (start / duration, t / duration)
    norm = tuple(min(1.0, x / duration) for x in times[:-1]) + (1.0,)
    breath = breath_end / duration if exercise.tracking == "breaths" and breath_end else None
    return Timeline(duration, norm, tuple(frames), hold_span, breath)


@dataclass(frozen=True)
class Drawing:
    """Everything needed to write the SVGs of one exercise."""

    spec: FigureSpec
    exercise: Exercise
    scene: Scene
    camera: Camera
    near: Mapping[str, bool]
    fixed: tuple[Layer, ...]

    memo: dict[int, list[Layer]] = field(default_factory=dict, compare=False)

    def layers(self, frame: Frame) -> list[Layer]:
        """The frame's body and held-equipment layers, farthest first (memoised per frame)."""
        if id(frame) not in self.memo:
            body = body_layers(self.camera, frame.body, dict(self.near))
            held = [layer for item in frame.held for layer in item_layers(self.camera, item)]
            layers = sorted([*self.fixed_depth(), *held, *body], key=lambda layer: layer.depth)
            self.memo[id(frame)] = layers
        return self.memo[id(frame)]

    def ghost(self, frame: Frame, prefix: str) -> list[Layer]:
        """The body of ``frame`` in one pale colour, to show where a movement started."""
        body_keys = {"trunk", "head"} | {
            f"{s}_{p}" for s in ("left", "right") for p in ("arm", "leg")
        }
        return [
            replace(
                layer,
                key=prefix + layer.key,
                parts=tuple(
                    replace(part, key=prefix + part.key, fill=GHOST)
                    for part in layer.parts
                    if part.outlined
                ),
            )
            for layer in self.layers(frame)
            if layer.key in body_keys
        ]

    def fixed_depth(self) -> list[Layer]:
        return [layer for layer in self.fixed if not layer.back]

    def background(self, box: tuple[float, float, float, float]) -> list[Layer]:
        floor = floor_layer(self.camera, box, self.scene.anchor_point)
        return [floor] + [layer for layer in self.fixed if layer.back]


def make_drawing(spec: FigureSpec, exercise: Exercise, scene: Scene) -> Drawing:
    cam = camera_for(spec.view)
    fixed = tuple(layer for item in scene.setting.items for layer in item_layers(cam, item))
    return Drawing(spec, exercise, scene, cam, near_sides(cam, scene.keyframes[0].body), fixed)


def bounds(
    layer_sets: Sequence[Sequence[Layer]], margin: float = 10.0
) -> tuple[float, float, float, float]:
    """Box (x0, y0, x1, y1) around every bounding layer, with a margin and a floor strip."""
    xs, ys = [], []
    for layers in layer_sets:
        for layer in layers:
            if layer.bounds:
                xs += [p[0] for p in layer.points]
                ys += [p[1] for p in layer.points]
    x0, x1 = min(xs) - margin, max(xs) + margin
    y0, y1 = min(ys) - margin, max(max(ys) + margin * 0.6, 10.0)
    if x1 - x0 < 110:
        mid = (x0 + x1) / 2
        x0, x1 = mid - 55, mid + 55
    return x0, y0, x1, y1


def arrow_layer(drawing: Drawing, frames: Sequence[Frame], key: str) -> Layer | None:
    """Curved arrows along the paths of the sites that move most."""
    cam = drawing.camera
    paths = {
        site: [cam.project(site_point(f.body, site)) for f in frames]
        for site in (drawing.spec.arrows or ARROW_CANDIDATES)
    }
    lengths = {s: _length(p) for s, p in paths.items()}
    chosen = list(drawing.spec.arrows or _pick(paths, lengths))
    centre = cam.project(site_point(frames[-1].body, "lower_thoracic"))
    parts: list[Part] = []
    pts: list[P2] = []
    for i, site in enumerate(chosen):
        arrow = _arrow(paths[site], centre, drawing.spec.arrows is not None)
        if arrow is None:
            continue
        line, head = arrow
        parts.append(Part(f"{key}a{i}", smooth_open(line), ARROW, width=1.8))
        parts.append(Part(f"{key}h{i}", polygon(head), ARROW))
        pts += line + head
    if not parts:
        return None
    return Layer(key, 1e9, tuple(parts), tuple(pts), outline="#ffffff")


def _length(path: Sequence[P2]) -> float:
    return sum(math.dist(a, b) for a, b in zip(path, path[1:], strict=False))


def _pick(paths: Mapping[str, list[P2]], lengths: Mapping[str, float]) -> list[str]:
    ranked = sorted(paths, key=lambda s: -lengths[s])
    best = ranked[0]
    chosen = [best]
    mid = paths[best][len(paths[best]) // 2]
    for other in ranked[1:3]:
        omid = paths[other][len(paths[other]) // 2]
        if lengths[other] > 0.6 * lengths[best] and math.dist(mid, omid) > 30:
            chosen.append(other)
            break
    return chosen


def _arrow(path: list[P2], centre: P2, named: bool) -> tuple[list[P2], list[P2]] | None:
    # A site the figure names gets an arrow for any visible movement, however small.
    if _length(path) < (0.3 if named else 3.0):
        return None
    if _length(path) < 12:
        a, b = path[0], path[-1]
        d = math.dist(a, b) or 1.0
        u = ((b[0] - a[0]) / d, (b[1] - a[1]) / d)
        mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
        path = [(mid[0] - u[0] * 7, mid[1] - u[1] * 7), mid, (mid[0] + u[0] * 7, mid[1] + u[1] * 7)]
    # Lift the arrow off the body: outwards from the body's middle.
    mid = path[len(path) // 2]
    away = (mid[0] - centre[0], mid[1] - centre[1])
    n = math.hypot(*away) or 1.0
    off = (away[0] / n * ARROW_OFFSET, away[1] / n * ARROW_OFFSET)
    line = [(p[0] + off[0], p[1] + off[1]) for p in path]
    tip = line[-1]
    prev = next((p for p in reversed(line[:-1]) if math.dist(p, tip) > 2), line[0])
    d = math.dist(prev, tip) or 1.0
    u = ((tip[0] - prev[0]) / d, (tip[1] - prev[1]) / d)
    base = (tip[0] - u[0] * 5, tip[1] - u[1] * 5)
    head = [tip, (base[0] - u[1] * 3, base[1] + u[0] * 3), (base[0] + u[1] * 3, base[1] - u[0] * 3)]
    line[-1] = base
    return line, head
