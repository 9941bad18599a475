"""Every patient page on two phone screens (390x844 and 360x640) in a real Chromium: no
fixed bar ever covers a button or a link, and no page is wider than the screen.

Controls pinned to the screen (sticky or fixed bars) must be reachable where they are;
every other control is scrolled to the bottom edge of the screen (the worst place, where
the tab bar sits) and must then be the element a tap at its centre lands on.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from spinewise.patients.models import Patient
from tests.web.browser.test_journey import CHROMIUM, CHROMIUM_ARGS
from tests.web.browser.test_safety_flow import log_in
from tests.web.conftest import give_programme, log_session, session_of

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SCREENS = [{"width": 390, "height": 844}, {"width": 360, "height": 640}]

# Returns the controls a tap at their centre does not reach, and the page's width.
CHECK = r"""() => {
  const missed = [];
  const controls = [...document.querySelectorAll("a[href], button, summary, [role=button]")];
  const reached = (el, x, y) => {
    const hit = document.elementFromPoint(x, y);
    return hit && (hit === el || el.contains(hit) || (hit.tagName === "LABEL" && hit.contains(el)));
  };
  const pinned = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const p = getComputedStyle(e).position;
      if (p === "fixed" || p === "sticky") return true;
    }
    return false;
  };
  // First as the page opens: a control pinned to the screen (a sticky or fixed bar) stays
  // where it is however far one scrolls, so it must be reachable right there.
  for (const el of controls) {
    if (!pinned(el)) continue;
    const r = el.getClientRects()[0];
    if (!r || r.width === 0 || r.bottom <= 0 || r.top >= innerHeight) continue;
    if (r.right <= 0 || r.left >= innerWidth || getComputedStyle(el).visibility === "hidden") continue;
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (y < innerHeight && !reached(el, x, y)) {
      const hit = document.elementFromPoint(x, y);
      missed.push(`on first view: ${(el.innerText || el.tagName).trim().slice(0, 40)} (covered by ${hit ? hit.tagName + "." + hit.className : "nothing"})`);
    }
  }
  for (const el of controls) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === "hidden" || box.width === 0 || box.height === 0) continue;
    if (el.closest("[hidden], details:not([open]) > :not(summary)")) continue;
    el.scrollIntoView({block: "end", inline: "nearest"});
    // A link that wraps onto two lines is tapped on its first line, not between them.
    const r = el.getClientRects()[0] || el.getBoundingClientRect();
    if (r.right <= 0 || r.left >= innerWidth) continue;  // kept off screen until focused
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const hit = document.elementFromPoint(x, y);
    if (!reached(el, x, y)) {
      const text = (el.innerText || el.getAttribute("aria-label") || el.tagName)
        .trim().replace(/\s+/g, " ");
      missed.push(`${text.slice(0, 40)} (covered by ${hit ? hit.tagName + "." + hit.className : "nothing"})`);
    }
  }
  window.scrollTo(0, 0);
  const wide = [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
    .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > innerWidth + 1))
    .slice(0, 3)
    .map((e) => `${e.tagName}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`);
  return {missed, width: document.documentElement.scrollWidth, screen: innerWidth, wide};
}"""


def patient_pages(patient: Patient) -> list[str]:
    programme = give_programme(patient)
    session = session_of(programme)
    yesterday = timezone.localdate() - timedelta(days=1)
    log = log_session(patient, session, yesterday)
    exercise = session.items.all()[0].exercise_id
    return [
        reverse("today:home"),
        reverse("programmes:current"),
        reverse("training:player", args=[2]),
        reverse("training:log", args=[log.pk]),
        reverse("training:history"),
        reverse("training:morning_check", args=[log.pk]),
        reverse("checkins:new"),
        reverse("progress:overview"),
        reverse("patients:baseline"),
        reverse("exercises:detail", args=[exercise]),
        reverse("selfcare:hub"),
        reverse("selfcare:lessons"),
        reverse("selfcare:breathing"),
        reverse("selfcare:heat_cold"),
        reverse("selfcare:reminders"),
        reverse("sharing:overview"),
        reverse("accounts:account"),
        reverse("training:correct", args=[log.pk]),
    ]


def test_no_bar_covers_a_control_and_no_page_scrolls_sideways(
    live_server: Any, patient: Patient
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    pages = patient_pages(patient)
    problems: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for screen in SCREENS:
            page = browser.new_context(viewport=screen, has_touch=True).new_page()
            log_in(page, live_server.url, patient.user.username)
            for path in pages:
                page.goto(live_server.url + path)
                page.wait_for_load_state()
                found = page.evaluate(CHECK)
                where = f"{screen['width']}x{screen['height']} {path}"
                if found["width"] > found["screen"]:
                    problems.append(f"{where}: {found['width']} px wide: {found['wide']}")
                problems += [f"{where}: {missed}" for missed in found["missed"]]
        browser.close()
    assert problems == [], "\n".join(problems)
