"""The whole daily loop on a phone, in a real headless Chromium, with taps only: Today,
the guided player, a reload in the middle (the player comes back at the same exercise and
set), the network lost before the log is saved (kept on the phone), the network back (sent
once), and the Back button then "Save" again (still one log). axe-core finds no WCAG 2.1
AA violation on the player, its log form or the "already logged" page.

With SPINEWISE_SCREENSHOTS=<folder> the test saves the screenshots the README shows
(``make screenshots``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from spinewise.training.models import SessionLog
from tests.web.browser.accessibility import axe_violations
from tests.web.browser.database import logs_on_server
from tests.web.browser.test_journey import CHROMIUM, CHROMIUM_ARGS
from tests.web.browser.test_safety_flow import log_in
from tests.web.conftest import PASSWORD, give_programme

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SAVED = "Saved on this phone"
SHOTS = os.environ.get("SPINEWISE_SCREENSHOTS", "")


def shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def tap_pill(page: Any, name: str, value: str) -> None:
    """Tap a 0-10 or yes/no pill (the radio's label), as a thumb would."""
    radio = page.locator(f"input[name='{name}'][value='{value}']")
    radio.locator("xpath=ancestor::label[1]").tap()
    assert radio.is_checked(), f"{name}={value} not chosen"


def tap_every_set(page: Any) -> None:
    """Tick each set of the exercise on screen ("did all of it without the counter")."""
    boxes = page.locator(".swp-sets__item")
    for i in range(boxes.count()):
        if not boxes.nth(i).locator("input").is_checked():
            boxes.nth(i).tap()


def current_exercise(page: Any) -> str:
    return page.inner_text(".swp-name")


@pytest.fixture
def patient() -> Patient:
    user = User.objects.create_user("pia", "pia@example.org", PASSWORD, first_name="Pia")
    found = Patient.objects.create(user=user)
    give_programme(found)
    return found


def test_a_whole_session_on_a_phone_with_a_reload_and_the_network_lost(
    live_server: Any, patient: Patient
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    base = live_server.url
    errors: list[str] = []
    problems: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
        context.add_init_script("window.SPINEWISE_PLAYER_SPEED = 50;")
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        log_in(page, base, "pia")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        shot(page, "1-today")

        # Today → the session, by a tap on its button.
        page.locator(".step-session a.button").first.tap()
        page.wait_for_selector(".swp-name")
        session_url = page.url
        count = int(
            page.evaluate(
                "JSON.parse(document.getElementById('session-data').textContent).items.length"
            )
        )
        assert count >= 3, "the test needs a session of three exercises or more"
        shot(page, "2-player")
        problems += [f"player: {v}" for v in axe_violations(page)]
        first = current_exercise(page)
        tap_every_set(page)
        page.locator(".swp-nav button", has_text="Next").tap()
        second = current_exercise(page)
        page.locator(".swp-sets__item").first.tap()

        # A reload (or a closed tab, or a call) in the middle: the same exercise and set.
        page.wait_for_timeout(
            400
        )  # the player keeps its progress at once; the server's copy follows
        page.reload()
        page.wait_for_selector(".swp-name")
        resumed_at = current_exercise(page)
        resumed_ticks = page.locator(".swp-sets__item input:checked").count()

        # The rest of the session, then the network goes (a lift, a basement gym).
        tap_every_set(page)
        for _ in range(count - 2):
            page.locator(".swp-nav button", has_text="Next").tap()
            tap_every_set(page)
        page.locator(".swp-nav button", has_text="Finish").tap()
        page.locator("button", has_text="Go to the log form").tap()
        page.wait_for_selector("#session-log-form", state="visible")
        form_height = page.evaluate("document.getElementById('session-log-form').offsetHeight")
        context.set_offline(True)
        tap_pill(page, "rpe", "5")
        tap_pill(page, "pain_during", "2")
        tap_pill(page, "anything_new", "no")
        shot(page, "3-log-form")
        problems += [f"log form: {v}" for v in axe_violations(page)]
        page.locator("button", has_text="Save my session").tap()
        page.wait_for_selector(f"#outbox-status:has-text('{SAVED}')")
        page.wait_for_timeout(600)  # the status scrolls into view
        status_in_view = page.evaluate(
            """() => { const r = document.getElementById('outbox-status').getBoundingClientRect();
                       return r.top >= 0 && r.bottom <= innerHeight; }"""
        )
        shot(page, "4-saved-on-this-phone")
        while_offline = logs_on_server(patient)

        # Back online: sent once, with a link to the log.
        context.set_offline(False)
        page.wait_for_selector("#outbox-status [data-outbox=sent]", timeout=20000)
        page.locator("#outbox-status a").tap()
        page.wait_for_selector("h1")
        log_url = page.url
        shot(page, "5-logged")
        after_sync = logs_on_server(patient)

        # Back to the session page and Save again: the server says it is already logged.
        page.go_back()
        page.wait_for_load_state()
        if page.url != session_url:
            page.goto(session_url)
        page.wait_for_selector(".swp-name, #logged-today")
        notice = page.locator("#logged-today").count()
        page.evaluate(
            "document.getElementById('session-log-form').hidden = false; document.getElementById('session-log-form').style.display = ''"
        )
        tap_pill(page, "rpe", "5")
        tap_pill(page, "pain_during", "2")
        tap_pill(page, "anything_new", "no")
        page.locator("button", has_text="Save my session").tap()
        page.wait_for_selector("text=already logged", timeout=20000)
        problems += [f"already logged: {v}" for v in axe_violations(page)]
        browser.close()

    assert errors == [], f"JavaScript errors: {errors}"
    assert problems == [], "\n".join(problems)
    assert first != second
    assert (resumed_at, resumed_ticks) == (second, 1)
    assert form_height < 2500
    assert status_in_view, "the 'saved on this phone' status is shown where the person is"
    assert while_offline == 0
    assert after_sync == 1
    assert notice == 1
    logs = list(SessionLog.objects.filter(patient=patient))
    assert len(logs) == 1
    assert log_url.endswith(f"/sessions/log/{logs[0].pk}/")
    entries = list(logs[0].exercise_logs.all())
    assert len(entries) == count and all(e.sets_done == e.planned["sets"] for e in entries)
    assert {(e.rpe, e.pain_during) for e in entries} == {(5, 2)}
