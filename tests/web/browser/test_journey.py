"""The whole patient journey in a real headless Chromium against a live server.

Sign up, answer the safety questions, give a baseline, do session 1 in the guided player,
log it, tap the morning check, and see the progress charts. Debian's Chromium is driven
by Playwright (never `playwright install`); the player's timers run fast.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from spinewise.training.models import ExerciseLog, SessionLog

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CHROMIUM = Path(os.environ.get("SPINEWISE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def pick(page: Any, name: str, value: str) -> None:
    """Choose a 0-10 or yes/no button: tap the pill (the radio's label), as a person
    would, and wait until the radio is checked. (A forced click on the transparent radio
    could land on the fixed bottom navigation and change nothing.)
    """
    radio = page.locator(f"input[name='{name}'][value='{value}']")
    radio.locator("xpath=ancestor::label[1]").click()
    sync_api = pytest.importorskip("playwright.sync_api")
    sync_api.expect(radio).to_be_checked()


def answer_every_yes_no(page: Any, value: str) -> None:
    """Answer every yes/no question shown (the form needs each one; hidden follow-ups wait)."""
    names = page.evaluate(
        """() => [...document.querySelectorAll("input.yesno, fieldset.yesno input")]
            .filter(i => i.value === "no" && !i.closest(".field").hidden)
            .map(i => i.name)"""
    )
    for name in dict.fromkeys(names):
        pick(page, name, value)


def sign_up(page: Any, base: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    page.fill("input[name=username]", "journey")
    page.fill("input[name=email]", "journey@example.org")
    page.fill("input[name=password1]", "a-long-secret-phrase-7")
    page.fill("input[name=password2]", "a-long-secret-phrase-7")
    page.check("input[name=understands]")
    page.click("button:has-text('Sign up')")
    page.wait_for_selector("h1:has-text('Safety questions')")


def screen(page: Any) -> None:
    page.fill("input[name=age]", "41")
    page.check("input[name=regions][value=lower_back]")
    pick(page, "pain_now", "4")
    answer_every_yes_no(page, "no")
    page.click("text=See my result")
    page.wait_for_selector("text=You can start your exercise programme")
    page.click("text=Next: tell us about your back")


def baseline(page: Any) -> None:
    page.check("input[name=regions][value=lower_back]")
    pick(page, "pain_now", "5")
    pick(page, "pain_last_week", "6")
    for n, activity in enumerate(("Putting on socks", "Sitting for an hour", "Gardening"), 1):
        page.fill(f"input[name=psfs_activity_{n}]", activity)
        pick(page, f"psfs_score_{n}", str(n + 2))
    page.check("input[name=equipment][value=resistance_band]")
    page.fill("textarea[name=band_levels]", "yellow\nred\ngreen")
    page.click("text=Plan my programme")
    page.wait_for_selector("h1:has-text('My programme')")


def do_session(page: Any) -> int:
    """Every exercise of session 1 in the player, all sets ticked; returns the count."""
    page.click("#session-1 >> text=Start")
    return run_player(page)


def run_player(page: Any) -> int:
    """Every exercise of the open session in the player, all sets ticked; returns how many."""
    page.wait_for_selector(".swp-name")
    count = int(
        page.evaluate(
            "JSON.parse(document.getElementById('session-data').textContent).items.length"
        )
    )
    for i in range(count):
        page.check(".swp-sets__item:last-child input")
        if i < count - 1:
            page.click(".swp-nav >> text=Next")
    page.click(".swp-nav >> text=Finish")
    page.wait_for_selector("#session-log-form", state="visible")
    return count


def log_session(page: Any, count: int) -> None:
    """The short log: the session's effort and pain (every exercise takes them) and
    nothing new since the last session; ``count`` exercises went as the player says."""
    assert page.locator("[data-log-item]").count() == count
    pick(page, "rpe", "4")
    pick(page, "pain_during", "2")
    pick(page, "anything_new", "no")
    page.click("text=Save my session")
    page.wait_for_selector("h1:has-text('saved')")


def test_a_new_patient_goes_from_sign_up_to_progress_charts(live_server: Any) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    base = live_server.url
    errors: list[str] = []
    # Django refuses ORM calls while Playwright's loop runs: check the database afterwards.
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE)
        context.add_init_script("window.SPINEWISE_PLAYER_SPEED = 50;")
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sign_up(page, base)
        screen(page)
        baseline(page)
        count = do_session(page)
        # The morning check waits for the next morning: this session is logged as done
        # yesterday, so the log page asks how the back feels this morning.
        yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
        page.fill("input[name=performed_on]", yesterday)
        log_session(page, count)
        page.click("button.nrs-button[value='3']")
        page.wait_for_selector("text=Morning check: pain 3/10")
        changes = page.inner_text("#changes")
        page.click("nav.tabs >> text=Progress")
        page.wait_for_selector("#chart-adherence svg")
        adherence = page.inner_text("#chart-adherence")
        pain_chart = page.inner_html("#chart-pain")
        browser.close()
    assert errors == [], f"JavaScript errors: {errors}"
    assert "Stepped up" in changes or "Kept the same" in changes
    assert "Done" in adherence
    assert "Pain the morning after a session" in pain_chart
    log = SessionLog.objects.get(patient__user__username="journey")
    logged = ExerciseLog.objects.filter(session_log=log)
    assert logged.count() == count
    assert all(e.sets_done > 0 and e.rpe == 4 and e.pain_during == 2 for e in logged)
    assert log.morning_check.pain_now == 3
