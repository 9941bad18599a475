"""The safety flow in a real headless Chromium on a phone-sized screen: an emergency cannot
be answered away, and a clinician's clearance after a review lifts an urgent result."""

from __future__ import annotations

from typing import Any

import pytest

from spinewise.accounts.models import Role, User
from spinewise.programmes.models import Programme
from spinewise.screening.models import Screening
from spinewise.screening.services import record_screening
from spinewise.sharing.models import AccessEvent
from tests.web.browser.test_journey import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    answer_every_yes_no,
    pick,
    sign_up,
)
from tests.web.clinician.conftest import linked_patient
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def browser_page(pw: Any) -> tuple[Any, Any]:
    browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    return browser, browser.new_context(viewport=PHONE).new_page()


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def answer(page: Any, chest_pain: bool) -> None:
    page.fill("input[name=age]", "52")
    page.check("input[name=regions][value=mid_back]")
    pick(page, "pain_now", "4")
    answer_every_yes_no(page, "no")
    if chest_pain:
        pick(page, "chest_pain_or_pressure", "yes")
        pick(page, "chest_pain_with_sweating_breathlessness_or_nausea", "no")
    page.click("text=See my result")
    page.wait_for_selector(".verdict")


def test_an_emergency_cannot_be_answered_away(live_server: Any) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    base = live_server.url
    with sync_api.sync_playwright() as pw:
        browser, page = browser_page(pw)
        sign_up(page, base)
        answer(page, chest_pain=True)
        headline = page.inner_text(".verdict h1")
        call = page.get_attribute("a.call", "href")
        call_visible = page.locator("a.call").first.is_visible()
        page.goto(f"{base}/screening/")
        answer(page, chest_pain=False)
        still_open = page.inner_text("#still-open")
        page.goto(f"{base}/about-you/baseline/")
        baseline_page = page.content()
        page.goto(f"{base}/programme/")
        programme_page = page.content()
        browser.close()
    assert headline == "Get emergency help now"
    assert call == "tel:112" and call_visible
    assert "still stands" in still_open
    assert "Get emergency help now" in baseline_page
    assert "Get emergency help now" in programme_page
    assert not Programme.objects.filter(patient__user__username="journey").exists()


def test_a_clinicians_clearance_lifts_an_urgent_result(live_server: Any) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    dr = User.objects.create_user("dr-lee", "lee@example.org", PASSWORD, role=Role.CLINICIAN)
    patient = linked_patient(dr, "cora", days_ago=10)
    answers = {"age": 60, "regions": ["lower_back"], "pain_now": 3, "cancer_history": True}
    record_screening(patient, answers, Screening.Source.RECHECK)
    base = live_server.url
    with sync_api.sync_playwright() as pw:
        browser, page = browser_page(pw)
        log_in(page, base, "dr-lee")
        page.goto(f"{base}/clinic/patients/{patient.pk}/clearance/")
        page.check("input[name=confirm]")
        page.fill("[name=reason]", "Oncology review: no sign of spread.")
        page.click("button:has-text('Clear after the review')")
        page.wait_for_load_state()
        page.goto(f"{base}/clinic/patients/{patient.pk}/")
        record = page.inner_text("#screenings")
        browser.close()
    assert "Oncology review: no sign of spread." in record
    assert AccessEvent.objects.filter(
        patient=patient, action="change", detail__startswith="Cleared open warnings"
    ).exists()
    screening = patient.screenings.latest("created_at")
    assert screening.clearance is not None and not screening.is_open
