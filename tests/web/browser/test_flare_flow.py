"""A flare-up on a phone, in a real headless Chromium: the patient logs a second painful
session in the guided player and taps the next-morning check; the programme pauses, offers
the flare-up lesson and asks the warning-sign questions again; once they are answered,
Today says progression is paused; the linked clinician sees "Flare-up" on the caseload
and lifts the pause after a review, and the patient's programme page no longer shows it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from spinewise.accounts.models import Role, User
from spinewise.patients.models import Patient
from spinewise.training.flare import FLARE_LESSON
from spinewise.training.models import FlarePause, SessionLog
from tests.web.browser.test_journey import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PHONE,
    answer_every_yes_no,
    pick,
    run_player,
)
from tests.web.browser.test_safety_flow import log_in
from tests.web.clinician.conftest import ago, linked_patient, next_session, train
from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

RED_FLAGS = ("saddle_numbness", "bladder_bowel_change", "fever_or_chills")
TODAY_PAUSED = "Progression is paused after a flare-up"
LIFT_NOTE = "Called her: a busy week gardening; settling already."


def log_painful_session(page: Any, base: str, number: int) -> None:
    """Session ``number`` done yesterday evening at pain 8/10, then this morning's check 8."""
    page.goto(f"{base}/sessions/{number}/")
    run_player(page)
    page.fill("input[name=performed_on]", (timezone.localdate() - timedelta(days=1)).isoformat())
    pick(page, "rpe", "6")
    pick(page, "pain_during", "8")
    pick(page, "anything_new", "no")
    page.click("text=Save my session")
    page.wait_for_selector("h1:has-text('saved')")
    page.click("button.nrs-button[value='8']")
    page.wait_for_selector("text=Morning check: pain 8/10")


def answer_safety_questions(page: Any) -> str:
    """The warning-sign questions again, nothing new; returns the result's headline."""
    page.fill("input[name=age]", "44")
    pick(page, "pain_now", "6")
    answer_every_yes_no(page, "no")
    page.click("text=See my result")
    page.wait_for_selector(".verdict")
    return page.inner_text(".verdict h1")


def test_a_flare_up_pauses_alerts_and_is_lifted_by_the_clinician(live_server: Any) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    dr = User.objects.create_user(
        "dr-flare", "flare@example.org", PASSWORD, role=Role.CLINICIAN, first_name="Ana"
    )
    patient = linked_patient(dr, "fran")
    for days in (9, 6):
        train(patient, ago(days), pain=2, morning=3)
    train(patient, ago(3), pain=8, morning=8)  # the first painful session
    assert not FlarePause.objects.filter(patient=patient).exists()
    number = next_session(patient).number
    base = live_server.url
    errors: list[str] = []
    # Django refuses ORM calls while Playwright's loop runs: check the database afterwards.
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, has_touch=True)
        context.add_init_script("window.SPINEWISE_PLAYER_SPEED = 50;")
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        log_in(page, base, "fran")
        log_painful_session(page, base, number)

        # The programme page: the flare-up notice, its lesson, and the warning-sign questions.
        page.goto(f"{base}/programme/")
        notice = page.inner_text("#flare-pause")
        lesson_href = page.get_attribute(f"#flare-pause a[href*='{FLARE_LESSON}']", "href")
        page.click(f"#flare-pause a[href*='{FLARE_LESSON}']")
        page.wait_for_load_state()
        lesson_url, lesson_title = page.url, page.inner_text("h1")
        today_before = page.goto(f"{base}/").text()
        page.goto(f"{base}/programme/")
        page.click("#flare-pause >> text=Answer the warning-sign questions again")
        page.wait_for_selector("h1:has-text('Safety questions')")
        screening_url, rescreen_notice = page.url, page.inner_text("main .notice.warning")
        red_flags = {name: page.locator(f"input[name='{name}']").count() > 0 for name in RED_FLAGS}
        headline = answer_safety_questions(page)
        today_paused = page.goto(f"{base}/").text()

        # The clinician, on a phone of their own: the caseload's alert, then the lift form.
        clinic = browser.new_context(viewport=PHONE, has_touch=True).new_page()
        clinic.on("pageerror", lambda exc: errors.append(str(exc)))
        log_in(clinic, base, "dr-flare")
        clinic.goto(f"{base}/clinic/")
        row = clinic.locator("li.patient-row", has=clinic.locator("h2 a", has_text="fran"))
        row_count = row.count()
        row_tags = row.locator(".tag.kind").all_inner_texts() if row_count else []
        row_text = row.inner_text() if row_count else ""
        clinic.goto(f"{base}/clinic/patients/{patient.pk}/")
        clinic.click("text=Lift the flare-up pause")
        clinic.wait_for_selector("h1:has-text('Lift the flare-up pause')")
        lift_url = clinic.url
        clinic.check("input[name=confirm]")
        clinic.fill("[name=reason]", LIFT_NOTE)
        clinic.click("button:has-text('Lift the pause')")
        clinic.wait_for_load_state()
        clinic.goto(f"{base}/clinic/patients/{patient.pk}/")
        record_after = clinic.locator("#flare-pause").count()

        # The patient again: the notice has gone, and Today no longer says it is paused.
        page.goto(f"{base}/programme/")
        after = page.locator("#flare-pause").count()
        changes_after = page.inner_text("#clinician-changes")
        today_after = page.goto(f"{base}/").text()
        browser.close()

    assert errors == [], f"JavaScript errors: {errors}"
    assert "Progression paused: a flare-up" in notice
    assert lesson_href is not None and lesson_url.endswith(lesson_href)
    assert lesson_title == "First aid for a flare-up"
    # Until the warning-sign questions are answered, Today puts them first.
    assert "Answer the safety questions again" in today_before
    assert screening_url == f"{base}/screening/"
    assert "a flare-up" in rescreen_notice
    assert all(red_flags.values()), f"red-flag questions missing: {red_flags}"
    assert headline == "You can start your exercise programme"
    assert TODAY_PAUSED in today_paused
    assert row_count == 1 and "Flare-up" in row_tags, row_text
    assert lift_url == f"{base}/clinic/patients/{patient.pk}/flare-pause/"
    assert record_after == 0
    assert after == 0
    # The lift form says the patient sees the reason: under the clinician's changes.
    assert "Lifted the flare-up pause" in changes_after and LIFT_NOTE in changes_after
    assert TODAY_PAUSED not in today_after

    latest = SessionLog.objects.filter(patient=patient).latest("performed_on", "pk")
    assert SessionLog.objects.filter(patient=patient).count() == 4
    assert latest.performed_on == ago(1) and latest.morning_check.pain_now == 8
    assert all(e.pain_during == 8 for e in latest.exercise_logs.all())
    pause = FlarePause.objects.get(patient=patient)
    assert pause.session_log == latest
    assert pause.ended_at is not None and pause.ended_how == FlarePause.Ended.LIFTED
    assert pause.ended_by == dr and pause.ended_note == LIFT_NOTE
    patient = Patient.objects.get(pk=patient.pk)
    assert patient.rescreen_reason == ""
    assert patient.screenings.count() == 2
    assert patient.screenings.latest("created_at").level == "self_manage"
