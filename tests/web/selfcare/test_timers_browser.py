"""The plain-JavaScript timers and the breathing pacer in a real headless Chromium:
the break timer runs down, the body scan follows the script and fills in the log, and
the pacer moves only when the person has not asked for reduced motion."""

from __future__ import annotations

from typing import Any

import pytest

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from tests.web.browser.test_journey import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.web.conftest import PASSWORD, give_programme

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PACE = "?breaths_per_minute=10&inhale_parts=1&exhale_parts=1&minutes=1"  # 3 s in, 3 s out


@pytest.fixture
def person(db: None) -> str:
    user = User.objects.create_user("calm", "calm@example.org", PASSWORD)
    give_programme(Patient.objects.create(user=user))
    return "calm"


def browse(live_server: Any, username: str, **context: Any) -> Any:
    """A logged-in page in its own browser (Django refuses database calls while
    Playwright's loop runs, so each test starts and stops it: ``page.stop()``);
    JavaScript errors are collected in ``page.errors``."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    pw = sync_api.sync_playwright().start()
    browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    ctx = browser.new_context(viewport=PHONE, **context)
    ctx.add_init_script("window.SPINEWISE_TIMER_SPEED = 100;")
    page = ctx.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.stop = lambda: (browser.close(), pw.stop())
    return page


def test_the_break_timer_runs_down_and_says_so(live_server: Any, person: str) -> None:
    page = browse(live_server, person)
    try:
        page.goto(f"{live_server.url}/self-care/breaks/")
        start = page.inner_text(".sc-timer__time")
        page.click("[data-timer-start]")
        page.wait_for_selector("text=Break done", timeout=10_000)
        end = page.inner_text(".sc-timer__time")
        errors = page.errors
    finally:
        page.stop()
    assert start not in ("", "0:00")
    assert end == "0:00"
    assert errors == []


def test_the_body_scan_follows_the_script_and_fills_in_the_log(
    live_server: Any, person: str
) -> None:
    page = browse(live_server, person)
    try:
        page.goto(f"{live_server.url}/self-care/relax/body-scan/")
        page.fill("input[name=minutes]", "1")
        page.click("[data-timer-start]")
        first = page.wait_for_selector("li.sc-current", timeout=5_000).inner_text()
        page.wait_for_selector("text=The body scan is over", timeout=20_000)
        logged = page.input_value("input[name=minutes]")
        errors = page.errors
    finally:
        page.stop()
    assert first.startswith("Settle in")
    assert logged == "10"
    assert errors == []


def pacer_states(live_server: Any, username: str, motion: str) -> tuple[list[str], set[str]]:
    page = browse(live_server, username, reduced_motion=motion)
    try:
        page.goto(f"{live_server.url}/self-care/relax/{PACE}")
        page.click("[data-pacer-start]")
        cues, scales = [], set()
        for _ in range(14):  # about 3.5 s: one breath in and the start of the breath out
            cues.append(page.inner_text(".sc-pacer__cue"))
            scales.add(page.eval_on_selector(".sc-pacer__circle", "e => e.style.transform"))
            page.wait_for_timeout(250)
        assert page.errors == []
    finally:
        page.stop()
    return cues, scales


def test_the_pacer_grows_and_shrinks_with_each_breath(live_server: Any, person: str) -> None:
    cues, scales = pacer_states(live_server, person, "no-preference")
    assert "Breathe in" in cues and "Breathe out" in cues
    assert cues.index("Breathe in") < cues.index("Breathe out")
    assert len(scales - {""}) > 3


def test_with_reduced_motion_the_pacer_only_changes_its_words(
    live_server: Any, person: str
) -> None:
    cues, scales = pacer_states(live_server, person, "reduce")
    assert "Breathe in" in cues and "Breathe out" in cues
    assert scales == {""}
