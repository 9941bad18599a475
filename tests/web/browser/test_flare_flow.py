"""A flare-up on a phone, in a real headless Chromium: the patient logs a second painful
session in the guided player and taps the next-morning check; the programme pauses, offers
the flare-up lesson and asks the warning-sign questions again; the linked clinician sees
"Flare-up" on the caseload and lifts the pause after a review."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from spinewise.accounts.models import Role, User
from spinewise.training.models import FlarePause, SessionLog
from tests.web.browser.test_journey import CHROMIUM, CHROMIUM_ARGS, PHONE, pick, run_player
from tests.web.browser.test_safety_flow import log_in
from tests.web.clinician.conftest import ago, linked_patient, next_session, train
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def log_painful_session(page: Any, base: str, number: int) -> None:
    """Session ``number`` done yesterday evening at pain 8/10, then this morning's check 8."""
    page.goto(f"{base}/sessions/{number}/")
    count = run_player(page)
    page.fill("input[name=performed_on]", (timezone.localdate() - timedelta(days=1)).isoformat())
    for i in range(count):
        pick(page, f"items-{i}-rpe", "6")
        pick(page, f"items-{i}-pain_during", "8")
    page.click("text=Save my session")
    page.wait_for_selector("h1:has-text('saved')")
    page.click("button.nrs-button[value='8']")
    page.wait_for_selector("text=Morning check: pain 8/10")


def test_a_flare_up_pauses_alerts_and_is_lifted_by_the_clinician(live_server: Any) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    dr = User.objects.create_user("dr-flare", "flare@example.org", PASSWORD, role=Role.CLINICIAN)
    patient = linked_patient(dr, "fran")
    for days in (9, 6):
        train(patient, ago(days), pain=2, morning=3)
    train(patient, ago(3), pain=8, morning=8)  # the first painful session
    number = next_session(patient).number
    base = live_server.url
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, has_touch=True)
        context.add_init_script("window.SPINEWISE_PLAYER_SPEED = 50;")
        page = context.new_page()
        log_in(page, base, "fran")
        log_painful_session(page, base, number)
        page.goto(f"{base}/programme/")
        notice = page.inner_text("#flare-pause")
        lesson = page.get_attribute("#flare-pause a[href*='first-aid-for-a-flare-up']", "href")
        page.click("#flare-pause >> text=Answer the warning-sign questions again")
        page.wait_for_load_state()
        questions = page.content()
        today = page.goto(f"{base}/").text()

        clinic = browser.new_context(viewport=PHONE, has_touch=True).new_page()
        log_in(clinic, base, "dr-flare")
        clinic.goto(f"{base}/clinic/")
        caseload = clinic.inner_text("main")
        clinic.goto(f"{base}/clinic/patients/{patient.pk}/flare-pause/")
        clinic.check("input[name=confirm]")
        clinic.fill("[name=reason]", "Called her: a busy week gardening; settling already.")
        clinic.click("button:has-text('Lift the pause')")
        clinic.wait_for_load_state()

        page.goto(f"{base}/programme/")
        after = page.locator("#flare-pause").count()
        browser.close()
    assert "Progression paused: a flare-up" in notice
    assert lesson is not None
    assert "Safety questions" in questions
    assert 'name="bladder_or_bowel_change"' in questions or "bladder" in questions.lower()
    # Today puts the warning-sign questions first, before any session.
    assert "Answer the safety questions again" in today
    assert "Flare-up" in caseload and "fran" in caseload.lower()
    assert after == 0
    assert SessionLog.objects.filter(patient=patient).count() == 4
    pause = FlarePause.objects.get(patient=patient)
    assert pause.ended_by == dr and pause.ended_at is not None
