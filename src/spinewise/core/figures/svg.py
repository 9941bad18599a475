"""Write figures as SVG: a start/end pair for handouts, a looping animation for
the session player (SMIL inside the SVG, no script), and a contact sheet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from .draw import OUTLINE, Layer, Part
from .figure import Drawing, Timeline, arrow_layer, bounds, forward_frames, timeline
from .paths import fmt

OW = 1.1  # outline width, cm
SCALE = 2.2  # pixels per cm in the width/height attributes
LABEL = "#5a6b7d"
Box = tuple[float, float, float, float]


def _attrs(part: Part, outline: str, pass_: str) -> str:
    if pass_ == "outline":
        if part.width:
            return f'fill="none" stroke="{outline}" stroke-width="{fmt(part.width + 2 * OW)}" stroke-linecap="round" stroke-linejoin="round"'
        return f'fill="{outline}" stroke="{outline}" stroke-width="{fmt(2 * OW)}" stroke-linejoin="round"'
    if part.width:
        return f'fill="none" stroke="{part.fill}" stroke-width="{fmt(part.width)}" stroke-linecap="round" stroke-linejoin="round"'
    return f'fill="{part.fill}"'


def _uses(layer: Layer, ids: dict[str, str]) -> str:
    """One layer: every outline first, then every fill, so parts merge into one shape."""
    out = [
        f'<use href="#{ids[p.key]}" {_attrs(p, layer.outline, "outline")}/>'
        for p in layer.parts
        if p.outlined
    ]
    out += [f'<use href="#{ids[p.key]}" {_attrs(p, layer.outline, "fill")}/>' for p in layer.parts]
    return "".join(out)


def _static_group(layers: Sequence[Layer], extra: str = "") -> tuple[str, str]:
    """(defs, body) for still layers. Paths are written out in place rather than
    referenced with <use>: rasterisers (cairosvg) look references up slowly."""
    body = []
    for layer in layers:
        visible = [p for p in layer.parts if p.opacity > 0]
        body += [
            f'<path d="{p.d}" {_attrs(p, layer.outline, "outline")}/>'
            for p in visible
            if p.outlined
        ]
        body += [f'<path d="{p.d}" {_attrs(p, layer.outline, "fill")}/>' for p in visible]
    return "", f"<g{extra}>" + "".join(body) + "</g>"


def _panel(
    drawing: Drawing,
    layers: Sequence[Layer],
    box: Box,
    dx: float,
    prefix: str,
    label: str,
    ghost: Sequence[Layer] = (),
) -> tuple[str, str]:
    x0, y0, x1, y1 = box
    clip = f"{prefix}clip"
    defs = [
        f'<clipPath id="{clip}"><rect x="{fmt(x0)}" y="{fmt(y0)}" width="{fmt(x1 - x0)}" height="{fmt(y1 - y0 + 8)}"/></clipPath>'
    ]
    back_defs, back = _static_group(drawing.background((x0, y0, x1, y1)))
    ghost_defs, ghost_body = _static_group(ghost, ' opacity="0.55"')
    main_defs, main = _static_group(layers)
    defs += [back_defs, ghost_defs, main_defs]
    text = f'<text x="{fmt(x0 + 4)}" y="{fmt(y0 + 9)}" font-family="sans-serif" font-size="8" fill="{LABEL}">{escape(label)}</text>'
    body = f'<g transform="translate({fmt(dx)} 0)"><g clip-path="url(#{clip})">{back}{ghost_body}{main}</g>{text}</g>'
    return "".join(defs), body


def static_content(drawing: Drawing) -> tuple[Box, str]:
    """(view box, inner SVG) of the start and end panels side by side."""
    eid = drawing.spec.exercise_id
    keys = drawing.scene.keyframes
    start_layers = drawing.layers(keys[0])
    if len(keys) == 1:
        box = bounds([start_layers])
        defs, body = _panel(drawing, start_layers, box, 0, f"sw-{eid}-s-", "Hold")
        return box, f"<defs>{defs}</defs>{body}"
    end_layers = drawing.layers(keys[-1])
    fwd = forward_frames(drawing.scene)
    arrows = arrow_layer(drawing, fwd, "arrow")
    box = bounds([start_layers, end_layers, [arrows] if arrows else []])
    width = box[2] - box[0]
    ghost = drawing.ghost(keys[0], "gh")
    end_label = "Hold" if drawing.exercise.tracking == "hold" else "End"
    d1, b1 = _panel(drawing, start_layers, box, 0, f"sw-{eid}-s-", "Start")
    d2, b2 = _panel(
        drawing,
        [*end_layers, *([arrows] if arrows else [])],
        box,
        width + 6,
        f"sw-{eid}-e-",
        end_label,
        ghost,
    )
    sep = f'<path d="M{fmt(box[0] + width + 3)} {fmt(box[1] + 4)}V{fmt(box[3] + 4)}" stroke="#d5dbe1" stroke-width="0.6"/>'
    full = (box[0], box[1], box[2] + width + 6, box[3])
    return full, f"<defs>{d1}{d2}</defs>{b1}{sep}{b2}"


def wrap(box: Box, content: str, title: str) -> str:
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0 + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{fmt(x0)} {fmt(y0)} {fmt(w)} {fmt(h)}" '
        f'width="{round(w * SCALE)}" height="{round(h * SCALE)}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        f'<rect x="{fmt(x0)}" y="{fmt(y0)}" width="{fmt(w)}" height="{fmt(h)}" fill="#ffffff"/>'
        f"{content}</svg>"
    )


def animated_content(drawing: Drawing) -> tuple[Box, str]:
    """(view box, inner SVG) of the looping animation."""
    eid = drawing.spec.exercise_id
    tl = timeline(drawing.scene, drawing.exercise)
    frame_layers = [drawing.layers(f) for f in tl.frames]
    box = bounds(frame_layers)
    prefix = f"sw-{eid}-a-"
    dur = f'dur="{tl.duration:g}s" repeatCount="indefinite"'
    key_times = ";".join(f"{t:.3f}" for t in tl.times)
    back_defs, back = _static_group(drawing.background(box))
    defs = [back_defs]
    first = frame_layers[0]
    for layer in first:
        for p in layer.parts:
            series = [_find(fl, layer.key, p.key) for fl in frame_layers]
            anim = ""
            ds = [s.d for s in series]
            if len(set(ds)) > 1:
                anim += f'<animate attributeName="d" values="{";".join(ds)}" keyTimes="{key_times}" {dur}/>'
            ops = [s.opacity for s in series]
            if len(set(ops)) > 1:
                anim += f'<animate attributeName="opacity" values="{";".join(f"{o:g}" for o in ops)}" keyTimes="{key_times}" calcMode="discrete" {dur}/>'
            elif ops[0] <= 0:
                anim += '<set attributeName="opacity" to="0"/>'
            defs.append(
                f'<path id="{prefix}{p.key}" d="{p.d}">{anim}</path>'
                if anim
                else f'<path id="{prefix}{p.key}" d="{p.d}"/>'
            )
    ids = {p.key: f"{prefix}{p.key}" for layer in first for p in layer.parts}
    orders = [tuple(layer.key for layer in fl) for fl in frame_layers]
    groups = []
    for order in dict.fromkeys(orders):
        by_key = {layer.key: layer for layer in first}
        body = "".join(_uses(by_key[k], ids) for k in order)
        if len(set(orders)) > 1:
            vis = ";".join("1" if o == order else "0" for o in orders)
            body = f'<g opacity="0"><animate attributeName="opacity" values="{vis}" keyTimes="{key_times}" calcMode="discrete" {dur}/>{body}</g>'
        groups.append(body)
    cue = _cues(tl, box, prefix, dur)
    return box, f"<defs>{''.join(defs)}</defs>{back}{''.join(groups)}{cue}"


def _find(layers: Sequence[Layer], layer_key: str, part_key: str) -> Part:
    for layer in layers:
        if layer.key == layer_key:
            for p in layer.parts:
                if p.key == part_key:
                    return p
    raise KeyError(part_key)  # frames share one structure, so this cannot happen


def _cues(tl: Timeline, box: Box, prefix: str, dur: str) -> str:
    x0, y0, x1, _ = box
    if tl.hold is not None:
        r = 7.0
        cx, cy = x1 - r - 5, y0 + r + 5
        c = 2 * math.pi * r
        a, b = tl.hold
        values = f"{c:.1f};{c:.1f};0;0;{c:.1f}" if (a, b) != (0.0, 1.0) else f"{c:.1f};0"
        times = f"0;{a:.3f};{b:.3f};{min(b + 0.02, 1):.3f};1" if (a, b) != (0.0, 1.0) else "0;1"
        return (
            f'<g><circle cx="{fmt(cx)}" cy="{fmt(cy)}" r="{fmt(r)}" fill="#ffffff" stroke="#dbe3ea" stroke-width="2.4"/>'
            f'<circle cx="{fmt(cx)}" cy="{fmt(cy)}" r="{fmt(r)}" fill="none" stroke="#e07b1a" stroke-width="2.4" '
            f'stroke-dasharray="{c:.1f}" stroke-dashoffset="{c:.1f}" transform="rotate(-90 {fmt(cx)} {fmt(cy)})">'
            f'<animate attributeName="stroke-dashoffset" values="{values}" keyTimes="{times}" {dur}/></circle>'
            f'<text x="{fmt(cx)}" y="{fmt(cy + r + 7)}" text-anchor="middle" font-family="sans-serif" font-size="5.5" fill="{OUTLINE}">hold</text></g>'
        )
    if tl.inhale_end is not None:
        e = tl.inhale_end
        texts = []
        for label, vis in (("breathe in", "1;0;0"), ("breathe out", "0;1;1")):
            texts.append(
                f'<text x="{fmt(x0 + 4)}" y="{fmt(y0 + 9)}" font-family="sans-serif" font-size="7" fill="{OUTLINE}" opacity="{vis[0]}">{label}'
                f'<animate attributeName="opacity" values="{vis}" keyTimes="0;{e:.3f};1" calcMode="discrete" {dur}/></text>'
            )
        return "".join(texts)
    return ""
