"""Today's session offline, in a real headless Chromium on a phone: the service worker keeps
the session page, the log form is kept on the phone while offline, and it is sent exactly
once when the connection returns."""

from __future__ import annotations

import json
from typing import Any

import pytest

from spinewise.accounts.models import User
from spinewise.patients.models import Patient
from spinewise.training.models import SessionLog
from tests.web.browser.database import logs_on_server
from tests.web.browser.test_journey import CHROMIUM, CHROMIUM_ARGS, PHONE, pick, run_player
from tests.web.browser.test_safety_flow import log_in
from tests.web.conftest import PASSWORD, give_programme

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

SAVED = "Saved on this phone, will be sent when you're back online"
KEPT = """async (path) => {
    for (const name of await caches.keys()) {
        if (name.startsWith("spinewise-pages-") && await (await caches.open(name)).match(path)) return true;
    }
    return false;
}"""


def fill_log_form(page: Any) -> None:
    """Rate the session (effort 4, pain 2) and answer "no" to anything new, whichever of
    the form's ratings are there: per exercise or for the whole session."""
    names = page.evaluate(
        """() => [...new Set([...document.querySelectorAll("#session-log-form input[type=radio]")]
              .filter((i) => !i.closest("details:not([open]), [hidden]"))
              .map((i) => i.name))]"""
    )
    for name in names:
        if name.endswith("rpe"):
            pick(page, name, "4")
        elif name.endswith("pain_during"):
            pick(page, name, "2")
        elif page.locator(f"input[name='{name}'][value='no']").count():
            pick(page, name, "no")


def test_a_session_logged_offline_is_sent_once_back_online(live_server: Any) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    user = User.objects.create_user("olive", "olive@example.org", PASSWORD)
    patient = Patient.objects.create(user=user)
    give_programme(patient)
    base = live_server.url  # localhost: a secure context, so the worker registers
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE, has_touch=True)
        context.add_init_script("window.SPINEWISE_PLAYER_SPEED = 50;")
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        log_in(page, base, "olive")

        # The manifest is linked and parses.
        manifest = page.evaluate(
            """async () => {
                const link = document.querySelector("link[rel=manifest]");
                const response = await fetch(link.href);
                return {type: response.headers.get("Content-Type"), body: await response.json()};
            }"""
        )

        # Today, online: the worker installs and takes control (then one reload).
        page.goto(f"{base}/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        controlled = page.evaluate("!!navigator.serviceWorker.controller")
        session_url = page.get_attribute(".step-session a.button", "href")
        assert session_url, page.content()

        # Today's session, online: the worker keeps it.
        page.goto(f"{base}{session_url}")
        page.wait_for_selector(".swp-name")
        page.wait_for_function(KEPT, arg=session_url)

        # Offline: another page is the offline page; the session page comes from the cache.
        context.set_offline(True)
        page.goto(f"{base}/progress/")
        offline_page = page.inner_text("h1")
        page.goto(f"{base}{session_url}")
        count = run_player(page)
        fill_log_form(page)
        page.click("text=Save my session")
        page.wait_for_selector(f'#outbox-status:has-text("{SAVED}")')
        status_role = page.get_attribute("#outbox-status", "role")
        above_form = page.evaluate("document.getElementById('outbox-status').nextElementSibling.id")
        while_offline = logs_on_server(patient)
        kept = page.evaluate(
            """() => new Promise((resolve) => {
                const open = indexedDB.open("spinewise-outbox");
                open.onsuccess = () => {
                    const req = open.result.transaction("entries").objectStore("entries").getAll();
                    req.onsuccess = () => resolve(req.result.map((e) => e.status));
                };
            })"""
        )

        # Back online: sent once, and the page says so with a link to the log.
        context.set_offline(False)
        page.wait_for_selector("#outbox-status [data-outbox=sent]", timeout=20000)
        sent_text = page.inner_text("#outbox-status")
        log_href = page.get_attribute("#outbox-status a", "href")
        # another page load (another tab, the worker) sends nothing more
        page.goto(f"{base}/")
        page.wait_for_load_state("networkidle")

        # Logging out forgets the kept pages and this person's outbox.
        page.goto(f"{base}/programme/")
        page.wait_for_function(KEPT, arg="/programme/")
        page.click("button:has-text('Log out')")
        page.wait_for_selector("text=Log in")
        page.wait_for_load_state("networkidle")
        after_logout = page.evaluate(
            """async (paths) => {
                const kept = [];
                for (const name of await caches.keys()) {
                    if (!name.startsWith("spinewise-pages-")) continue;
                    const cache = await caches.open(name);
                    for (const path of paths) if (await cache.match(path)) kept.push(path);
                }
                const entries = await new Promise((resolve) => {
                    const open = indexedDB.open("spinewise-outbox");
                    open.onsuccess = () => {
                        const req = open.result.transaction("entries").objectStore("entries").getAll();
                        req.onsuccess = () => resolve(req.result.length);
                    };
                });
                return {kept, entries};
            }""",
            ["/programme/", session_url],
        )
        browser.close()

    assert errors == [], f"JavaScript errors: {errors}"
    assert manifest["type"] == "application/manifest+json"
    assert manifest["body"]["name"] == "Spinewise"
    assert json.dumps(manifest["body"]["icons"])
    assert controlled
    assert count > 0
    assert offline_page == "You're offline"
    assert status_role == "status" and above_form == "session-log-form"
    assert while_offline == 0
    assert kept == ["pending"]
    assert sent_text.startswith("Sent")
    logs = list(SessionLog.objects.filter(patient=patient))
    assert len(logs) == 1
    assert log_href == f"/sessions/log/{logs[0].pk}/"
    assert after_logout == {"kept": [], "entries": 0}
