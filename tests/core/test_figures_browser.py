"""The animated figure really moves in a browser (headless Chromium) and loops back."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from spinewise.core.exercises import load_library
from spinewise.core.figures import render_animated_svg

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("SPINEWISE_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser.new_page()
        browser.close()


def trunk_box_at(page: Any, seconds: float) -> list[float]:
    page.evaluate(
        "t => { const s = document.querySelector('svg'); s.pauseAnimations(); s.setCurrentTime(t); }",
        seconds,
    )
    return page.evaluate(
        "() => { const b = document.querySelector('use[href$=\"-a-t1\"]').getBBox();"
        " return [b.x, b.y, b.width, b.height]; }"
    )


def test_cat_camel_arches_and_returns_within_one_rep(page):
    page.set_content(f"<html><body>{render_animated_svg('cat-camel')}</body></html>")
    rep = load_library().get("cat-camel").seconds_per_rep
    start, middle, end = (trunk_box_at(page, t) for t in (0.0, rep / 2, rep - 0.001))
    assert abs(middle[1] - start[1]) > 5  # the back sinks by several centimetres
    assert end == pytest.approx(start, abs=0.5)
