"""Rendered figures: valid, self-contained SVG, animated at the exercise's tempo."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import cairosvg
import pytest

from spinewise.core.errors import InputError
from spinewise.core.exercises import load_library
from spinewise.core.figures import (
    clear_caches,
    render_animated_svg,
    render_contact_sheet,
    render_static_svg,
)

SVG = "{http://www.w3.org/2000/svg}"
LIBRARY = load_library()


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def labels(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_static_figure_shows_start_and_end_side_by_side():
    root = parse(render_static_svg("cat-camel"))
    assert labels(root) == ["Start", "End"]


def test_hold_exercise_labels_its_end_position_hold():
    assert labels(parse(render_static_svg("childs-pose"))) == ["Start", "Hold"]


def test_still_hold_has_a_single_panel():
    assert labels(parse(render_static_svg("prone-lying"))) == ["Hold"]


def test_end_panel_shows_the_start_as_a_ghost_and_arrows():
    svg = render_static_svg("bird-dog")
    assert 'opacity="0.55"' in svg
    assert 'stroke="#e07b1a"' in svg  # the arrow colour


def test_animation_loops_at_the_exercise_tempo():
    root = parse(render_animated_svg("cat-camel"))
    animations = list(root.iter(f"{SVG}animate"))
    assert animations
    tempo = LIBRARY.get("cat-camel").seconds_per_rep
    assert {a.get("dur") for a in animations} == {f"{tempo}s"}
    assert all(a.get("repeatCount") == "indefinite" for a in animations)


def test_animation_returns_to_the_start_pose():
    root = parse(render_animated_svg("glute-bridge"))
    for anim in root.iter(f"{SVG}animate"):
        if anim.get("attributeName") == "d":
            values = anim.get("values", "").split(";")
            assert values[0] == values[-1] and len(set(values)) > 1
            times = [float(t) for t in anim.get("keyTimes", "").split(";")]
            assert times[0] == 0 and times[-1] == 1 and times == sorted(times)


def test_hold_animation_shows_a_timer_ring():
    svg = render_animated_svg("side-plank")
    assert 'attributeName="stroke-dashoffset"' in svg and ">hold<" in svg


def test_breathing_animation_cues_in_and_out():
    svg = render_animated_svg("diaphragmatic-breathing")
    assert "breathe in" in svg and "breathe out" in svg


def test_circular_movement_loops_without_retracing():
    root = parse(render_animated_svg("shoulder-rolls"))
    d_anims = [a for a in root.iter(f"{SVG}animate") if a.get("attributeName") == "d"]
    values = d_anims[0].get("values", "").split(";")
    assert values[1] != values[-2]


@pytest.mark.parametrize("render", [render_static_svg, render_animated_svg])
def test_figures_are_self_contained(render):
    svg = render("band-face-pull")
    assert "<script" not in svg
    assert re.findall(r"https?://[^\"]+", svg) == ["http://www.w3.org/2000/svg"]
    parse(svg)


def test_rendering_is_deterministic():
    first = render_static_svg("open-book")
    clear_caches()
    assert render_static_svg("open-book") == first


def test_rendered_strings_are_cached():
    assert render_animated_svg("dead-bug") is render_animated_svg("dead-bug")


def test_unknown_exercise_is_an_input_error_naming_the_field():
    with pytest.raises(InputError) as info:
        render_static_svg("handstand")
    assert info.value.field == "exercise_id"


def test_contact_sheet_labels_every_exercise():
    texts = labels(parse(render_contact_sheet()))
    assert set(LIBRARY.ids()) <= set(texts)


def test_figures_rasterise_to_png():
    png = cairosvg.svg2png(bytestring=render_static_svg("machine-lat-pulldown").encode())
    assert png.startswith(b"\x89PNG")


def test_ids_are_unique_within_the_contact_sheet():
    ids = re.findall(r' id="([^"]+)"', render_contact_sheet())
    assert len(ids) == len(set(ids))
