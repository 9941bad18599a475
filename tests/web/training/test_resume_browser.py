"""Resuming a session in a real headless Chromium on a phone: after two exercises' worth of
taps a reload comes back at the same exercise and set (this device's copy), and a fresh
browser with no local storage, signed in again, resumes from the server's draft."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.urls import reverse

from spinewise.training.models import SessionDraft
from tests.web.browser.test_journey import CHROMIUM, CHROMIUM_ARGS, PHONE
from tests.web.browser.test_safety_flow import log_in
from tests.web.clinician.conftest import new_patient, next_session, start

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WHERE = """() => ({
    progress: document.querySelector(".swp-progress__text").textContent,
    name: document.querySelector(".swp-name").textContent,
    dose: document.querySelector(".swp-dose").textContent,
    ticked: [...document.querySelectorAll(".swp-sets__item input")].map((box) => box.checked),
    local: Object.keys(localStorage).filter((k) => k.startsWith("spinewise-player:")).length,
})"""
SERVER_DRAFT = """async (url) => {
    const response = await fetch(url, {headers: {Accept: "application/json"}});
    return response.ok ? (await response.json()).state : null;
}"""


def where(page: Any) -> dict[str, Any]:
    """Which exercise and set the player shows (and how many records this device keeps)."""
    return dict(page.evaluate(WHERE))


def wait_for_server_draft(page: Any, url: str, pos: int, timeout: float = 15) -> Any:
    """The server's draft once it is at exercise ``pos`` (the PUTs are throttled)."""
    deadline = time.monotonic() + timeout
    while True:
        state = page.evaluate(SERVER_DRAFT, url)
        if (state and state.get("pos") == pos) or time.monotonic() > deadline:
            return state
        page.wait_for_timeout(250)


def open_phone(browser: Any, errors: list[str]) -> tuple[Any, Any]:
    context = browser.new_context(viewport=PHONE, has_touch=True)
    context.add_init_script("window.SPINEWISE_PLAYER_SPEED = 50;")
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return context, page


def test_a_session_resumes_after_a_reload_and_on_another_device(live_server: Any) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    patient = start(new_patient("rosa"))
    session = next_session(patient)
    base = live_server.url
    player_url = f"{base}{reverse('training:player', args=[session.number])}"
    draft_url = reverse("training:draft", args=[session.number])
    errors: list[str] = []
    # Django refuses ORM calls while Playwright's loop runs: check the database afterwards.
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context, page = open_phone(browser, errors)
        log_in(page, base, "rosa")
        page.goto(player_url)
        page.wait_for_selector(".swp-name")
        first = where(page)
        # Exercise 1: every set ticked; exercise 2: its first set ticked.
        page.check(".swp-sets__item:last-child input")
        page.click(".swp-nav >> text=Next")
        page.wait_for_selector(".swp-progress__text:has-text('Exercise 2 of')")
        page.check(".swp-sets__item:first-child input")
        before = where(page)

        page.reload()
        page.wait_for_selector(".swp-name")
        after_reload = where(page)
        on_server = wait_for_server_draft(page, draft_url, pos=1)
        context.close()

        # Another device: a fresh browser context, no local storage, signed in again.
        context, page = open_phone(browser, errors)
        log_in(page, base, "rosa")
        fresh_local = where_local(page)
        page.goto(player_url)
        page.wait_for_selector(".swp-progress__text:has-text('Exercise 2 of')")
        other_device = where(page)
        form_sets = page.input_value("input[name='items-0-sets_done']")
        browser.close()

    assert errors == [], f"JavaScript errors: {errors}"
    assert first["progress"].startswith("Exercise 1 of")
    assert before["progress"].startswith("Exercise 2 of")
    assert before["ticked"][0] is True and not any(before["ticked"][1:])
    assert before["local"] == 1  # this device's copy, in local storage
    for resumed in (after_reload, other_device):
        assert resumed["progress"] == before["progress"]
        assert resumed["name"] == before["name"]
        assert resumed["ticked"] == before["ticked"]
        assert resumed["dose"].split(" · ")[0] == before["dose"].split(" · ")[0]  # "Set 2 of 3"
    assert on_server is not None and on_server["pos"] == 1
    assert len(on_server["items"][0]["sets"]) == session.items.all()[0].sets
    assert len(on_server["items"][1]["sets"]) == 1
    assert fresh_local == 0
    assert other_device["local"] == 1  # the resumed draft is kept on this device too
    assert form_sets == str(session.items.all()[0].sets)  # the log form, filled from the draft
    draft = SessionDraft.objects.get(patient=patient)
    assert draft.planned_session == session and draft.state["pos"] == 1


def where_local(page: Any) -> int:
    """How many player records this browser keeps (on whatever page it is)."""
    return int(
        page.evaluate(
            "Object.keys(localStorage).filter((k) => k.startsWith('spinewise-player:')).length"
        )
    )
