"""The short session log on a phone (390x844), in a real headless Chromium: after the
guided player the form fits a height budget (it was about 9,900 px with effort and pain
asked per exercise), a submit without the gateway answered comes back with the error
summary in view and focused, and a short valid log records every exercise with the
session's effort and pain."""

from __future__ import annotations

from typing import Any

import pytest

from spinewise.patients.models import Patient
from spinewise.training.models import ExerciseLog, SessionLog
from tests.web.browser.test_journey import CHROMIUM, CHROMIUM_ARGS, PHONE, pick, run_player
from tests.web.browser.test_safety_flow import log_in
from tests.web.conftest import give_programme, session_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEIGHT_BUDGET = 2500  # px, the whole form at 390 px wide, as it opens after the player

# Where the error summary is, whether it has the focus, and what a tap at its centre hits.
SUMMARY = """() => {
  const el = document.querySelector("[data-error-summary]");
  if (!el) return null;
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20));
  return {top: r.top, bottom: r.bottom, height: innerHeight, focused: document.activeElement === el,
          reached: !!hit && el.contains(hit), text: el.innerText};
}"""


def test_the_short_log_fits_a_phone_and_brings_errors_into_view(
    live_server: Any, patient: Patient
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    session = session_of(give_programme(patient))
    count = session.items.count()
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, has_touch=True)
        context.add_init_script("window.SPINEWISE_PLAYER_SPEED = 50;")
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        log_in(page, live_server.url, patient.user.username)
        page.goto(f"{live_server.url}/sessions/{session.number}/")
        assert run_player(page) == count
        height = page.evaluate(
            "document.getElementById('session-log-form').getBoundingClientRect().height"
        )
        closed = page.locator("details.log-item__details:not([open])").count()
        symptoms_hidden = page.is_hidden("[data-gateway-panel]")

        pick(page, "rpe", "5")
        pick(page, "pain_during", "3")
        page.click("text=Save my session")
        page.wait_for_selector("[data-error-summary]")
        page.wait_for_load_state("load")
        after_error = page.evaluate(SUMMARY)
        form_visible = page.is_visible("#session-log-form")

        pick(page, "anything_new", "yes")
        symptoms_shown = page.is_visible("[data-gateway-panel]")
        pick(page, "anything_new", "no")
        symptoms_hidden_again = page.is_hidden("[data-gateway-panel]")
        page.click("text=Save my session")
        page.wait_for_selector("h1:has-text('saved')")
        browser.close()

    assert errors == [], f"JavaScript errors: {errors}"
    assert height < HEIGHT_BUDGET, f"the log form is {height:.0f} px tall"
    assert closed == count  # every exercise went as planned: one line each
    assert symptoms_hidden and symptoms_shown and symptoms_hidden_again
    assert form_visible
    assert after_error is not None
    assert "Tell us whether anything new or worrying happened" in after_error["text"]
    assert after_error["top"] >= 0 and after_error["bottom"] <= after_error["height"], after_error
    assert after_error["focused"] and after_error["reached"], after_error

    log = SessionLog.objects.get(patient=patient)
    logged = ExerciseLog.objects.filter(session_log=log)
    assert logged.count() == count
    assert all(e.sets_done > 0 and (e.rpe, e.pain_during) == (5, 3) for e in logged)
    assert log.new_symptoms == [] and log.other_symptom == ""


def test_an_exercise_the_player_recorded_short_opens_its_details(
    live_server: Any, patient: Patient
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    session = session_of(give_programme(patient))
    items = list(session.items.all())
    # one set of an exercise planned with more, and another one stopped early
    short = next(i for i, item in enumerate(items) if item.sets > 1)
    stop = next(i for i in range(len(items)) if i != short)
    untouched = next(i for i in range(len(items)) if i not in (short, stop))
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, has_touch=True)
        context.add_init_script("window.SPINEWISE_PLAYER_SPEED = 50;")
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        log_in(page, live_server.url, patient.user.username)
        page.goto(f"{live_server.url}/sessions/{session.number}/")
        page.wait_for_selector(".swp-name")
        for i in range(max(short, stop) + 1):
            if i == short:
                page.check(".swp-sets__item:first-child input")
            if i == stop:
                page.click("text=Stop this exercise")
                page.click("text=Another reason")
            if i < max(short, stop):
                page.click(".swp-nav >> text=Next")
        page.click("text=Skip to the log form")
        state = page.evaluate(
            """() => [...document.querySelectorAll("[data-log-item]")].map((li) => ({
                open: li.querySelector("details").open,
                line: li.querySelector("[data-log-summary]").textContent}))"""
        )
        sets = page.input_value(f"[name='items-{short}-sets_done']")
        browser.close()

    assert errors == [], f"JavaScript errors: {errors}"
    assert sets == "1"
    assert state[short]["open"], state[short]
    assert state[short]["line"].startswith("1 x "), state[short]
    assert f"(planned {items[short].sets} x" in state[short]["line"], state[short]
    assert state[stop]["open"] and "stopped early" in state[stop]["line"], state[stop]
    assert not state[untouched]["open"] and "as planned" in state[untouched]["line"]
