"""axe-core finds no WCAG 2.1 AA violation on the pages a patient uses, on a phone:
signing up, the safety questions, every page of the daily loop, and the player's own
screens (an exercise, the finish screen with the log form, a log form sent back with
errors)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from spinewise.patients.models import Patient
from tests.web.browser.accessibility import axe_violations
from tests.web.browser.test_journey import CHROMIUM, CHROMIUM_ARGS
from tests.web.browser.test_phone_layout import patient_pages
from tests.web.browser.test_safety_flow import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser() -> Any:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def phone(browser: Any) -> Any:
    return browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True).new_page()


def test_pages_before_signing_in_have_no_violations(live_server: Any, browser: Any) -> None:
    page = phone(browser)
    problems = []
    for name in ("accounts:signup", "accounts:login", "accounts:password_reset"):
        page.goto(live_server.url + reverse(name))
        problems += [f"{name}: {v}" for v in axe_violations(page)]
    # The sign-up form sent back with errors.
    page.goto(live_server.url + reverse("accounts:signup"))
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_load_state()
    problems += [f"signup with errors: {v}" for v in axe_violations(page)]
    assert problems == [], "\n".join(problems)


@pytest.fixture
def pages(patient: Patient) -> list[str]:
    return patient_pages(patient)


@pytest.fixture
def newcomer(make_patient: Any) -> Patient:
    """Signed up, the safety questions not yet answered."""
    return make_patient("newcomer")


# The database is filled before the browser starts: Playwright's loop would refuse it.
def test_every_patient_page_has_no_violations(
    live_server: Any, patient: Patient, pages: list[str], browser: Any
) -> None:
    page = phone(browser)
    log_in(page, live_server.url, patient.user.username)
    problems = []
    for path in pages:
        page.goto(live_server.url + path)
        page.wait_for_load_state()
        problems += [f"{path}: {v}" for v in axe_violations(page)]
    assert problems == [], "\n".join(problems)


def test_the_safety_questions_have_no_violations(
    live_server: Any, newcomer: Patient, browser: Any
) -> None:
    page = phone(browser)
    log_in(page, live_server.url, newcomer.user.username)
    page.goto(live_server.url + reverse("screening:start"))
    page.wait_for_load_state()
    assert axe_violations(page) == []
