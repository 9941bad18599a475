"""The guided session player, driven in a real headless Chromium.

The static folder is served by a stdlib http.server on 127.0.0.1; the demo page
holds four items (reps, reps with a band, a per-side hold, breaths) and a log form.
Timers run 40 times faster through the demo's ``?speed=`` hook
(``window.SPINEWISE_PLAYER_SPEED``).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

STATIC = (
    Path(__file__).resolve().parents[4] / "src" / "spinewise" / "training" / "static" / "spinewise"
)
CHROMIUM = Path(os.environ.get("SPINEWISE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SPEED = 40
PHONE = {"width": 390, "height": 844}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(STATIC))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_demo(browser: Any, base_url: str) -> Iterator[Any]:
    """Returns a function opening the demo in a fresh context (fresh sessionStorage)."""
    contexts: list[Any] = []
    errors: list[str] = []

    def _open(
        viewport: dict[str, int] = PHONE,
        reduced_motion: str = "no-preference",
        init_script: str | None = None,
    ) -> Any:
        context = browser.new_context(viewport=viewport, reduced_motion=reduced_motion)
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{base_url}/player-demo.html?speed={SPEED}")
        page.wait_for_selector(".swp-name")
        return page

    yield _open
    for context in contexts:
        context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def field(page: Any, name: str) -> str | bool | None:
    """Value of the log-form control called ``name`` (checked state for checkboxes)."""
    return page.evaluate(
        """name => {
            const el = Array.from(document.getElementById('session-log-form').elements)
                .find(e => e.name === name);
            if (!el) return null;
            return el.type === 'checkbox' ? el.checked : el.value;
        }""",
        name,
    )


def wait_field(page: Any, name: str, value: str) -> None:
    page.wait_for_function(
        """([name, value]) => Array.from(document.getElementById('session-log-form').elements)
            .some(e => e.name === name && e.value === value)""",
        arg=[name, value],
        timeout=10_000,
    )


def go_to(page: Any, name: str) -> None:
    while page.inner_text(".swp-name") != name:
        page.click(".swp-nav .swp-btn--primary")


def test_counting_reps_records_the_counted_reps_for_the_set(open_demo: Any) -> None:
    page = open_demo()
    for _ in range(8):
        page.click("[aria-label='Count one rep']")
    page.click("[aria-label='One rep fewer']")
    assert page.inner_text(".swp-count__n") == "7"
    page.click("text=Set done · 7 reps")
    assert field(page, "items-0-sets_done") == "1"
    assert field(page, "items-0-reps_done") == "7"


def test_done_without_counting_records_the_target_reps(open_demo: Any) -> None:
    page = open_demo()
    page.click("text=Done all 8 reps")
    assert field(page, "items-0-reps_done") == "8"


def test_existing_form_inputs_are_updated_not_duplicated(open_demo: Any) -> None:
    page = open_demo()
    page.click("text=Done all 8 reps")
    count = page.evaluate(
        "document.querySelectorAll('#session-log-form [name=\"items-0-sets_done\"]').length"
    )
    assert count == 1
    assert field(page, "items-0-sets_done") == "1"


def test_a_rest_countdown_follows_a_set_and_can_be_skipped(open_demo: Any) -> None:
    page = open_demo()
    page.evaluate("window.SPINEWISE_PLAYER_SPEED = 1")
    page.click("text=Done all 8 reps")
    assert page.is_visible(".swp-rest")
    assert page.inner_text(".swp-rest__next") == "Next: set 2 of 2"
    page.click("text=Skip rest")
    assert page.is_hidden(".swp-rest")
    assert page.inner_text(".swp-dose").startswith("Set 2 of 2")


def test_the_rest_countdown_ends_by_itself(open_demo: Any) -> None:
    page = open_demo()
    page.click("text=Done all 8 reps")
    page.wait_for_selector(".swp-rest", state="hidden", timeout=5_000)
    assert page.is_visible(".swp-count")


def test_ticking_set_checkboxes_records_full_sets_and_completes_the_exercise(
    open_demo: Any,
) -> None:
    page = open_demo()
    page.check(".swp-sets__item:nth-child(2) input")
    assert field(page, "items-0-sets_done") == "2"
    assert field(page, "items-0-reps_done") == "8,8"
    assert page.is_visible(".swp-done")
    assert page.is_checked(".swp-sets__item:nth-child(1) input")


def test_unticking_a_set_removes_it(open_demo: Any) -> None:
    page = open_demo()
    page.check(".swp-sets__item:nth-child(2) input")
    page.uncheck(".swp-sets__item:nth-child(2) input")
    assert field(page, "items-0-sets_done") == "1"
    assert field(page, "items-0-reps_done") == "8"


def test_a_per_side_hold_runs_on_both_sides_and_records_the_seconds(open_demo: Any) -> None:
    page = open_demo()
    go_to(page, "Open-book stretch")
    assert "each side" in page.inner_text(".swp-dose")
    page.click("text=Start hold")
    page.wait_for_function(
        "document.querySelector('.swp-side').textContent.includes('other side')", timeout=5_000
    )
    wait_field(page, "items-2-sets_done", "1")
    assert field(page, "items-2-hold_seconds_done") == "20"


def test_ending_a_hold_early_records_the_shorter_side(open_demo: Any) -> None:
    page = open_demo()
    go_to(page, "Open-book stretch")
    page.evaluate("window.SPINEWISE_PLAYER_SPEED = 4")
    page.click("text=Start hold")
    page.wait_for_function(
        "Number(document.querySelector('.swp-timer__time').textContent) <= 14"
        " && document.querySelector('.swp-timer__label').textContent === 'Hold'",
        timeout=5_000,
    )
    page.click("text=End hold now")  # first side, after 6 s or a little more
    page.evaluate(f"window.SPINEWISE_PLAYER_SPEED = {SPEED}")
    page.wait_for_function(
        "document.querySelector('.swp-sets__box').checked", timeout=5_000
    )  # the second side runs its full 20 s
    held = field(page, "items-2-hold_seconds_done")
    assert isinstance(held, str) and 6 <= int(held) < 20


def test_pausing_the_session_freezes_a_running_hold(open_demo: Any) -> None:
    page = open_demo()
    go_to(page, "Open-book stretch")
    page.evaluate("window.SPINEWISE_PLAYER_SPEED = 2")
    page.click("text=Start hold")
    page.wait_for_timeout(300)
    page.click(".swp-pause")
    assert page.is_visible("dialog.swp-dialog")
    frozen = page.inner_text(".swp-timer__time")
    page.wait_for_timeout(1_500)
    assert page.inner_text(".swp-timer__time") == frozen
    page.click("text=Resume")
    page.wait_for_function(
        f"document.querySelector('.swp-timer__time').textContent !== '{frozen}'", timeout=5_000
    )


def test_the_breath_pacer_counts_breaths_and_completes_the_set(open_demo: Any) -> None:
    page = open_demo()
    go_to(page, "Belly breathing")
    page.click("text=Start breathing")
    page.wait_for_function(
        "['Breathe in', 'Breathe out'].includes(document.querySelector('.swp-pacer__cue').textContent)",
        timeout=5_000,
    )
    wait_field(page, "items-3-breaths_done", "6")
    assert field(page, "items-3-sets_done") == "1"
    assert page.is_visible(".swp-done")


def test_stopping_for_sharp_pain_flags_the_item_and_ticks_sharp_pain(open_demo: Any) -> None:
    page = open_demo()
    go_to(page, "Open-book stretch")
    page.click("text=Stop this exercise")
    page.click("text=Sharp or worrying pain")
    assert field(page, "items-2-stopped") is True  # the demo form's own checkbox
    assert field(page, "items-2-stop_reason") == "sharp_pain"
    assert field(page, "sharp_pain") is True
    assert page.is_visible(".swp-stopped")


def test_stopping_for_another_reason_writes_a_hidden_stop_flag(open_demo: Any) -> None:
    page = open_demo()
    page.click("text=Stop this exercise")
    page.click("text=Another reason")
    assert field(page, "items-0-stopped") == "1"
    assert field(page, "items-0-stop_reason") == "other"
    assert field(page, "sharp_pain") is False


def test_undoing_a_stop_clears_the_flag(open_demo: Any) -> None:
    page = open_demo()
    page.click("text=Stop this exercise")
    page.click("text=Another reason")
    page.click("text=Undo: I can carry on")
    assert field(page, "items-0-stopped") == ""
    assert page.is_visible(".swp-count")


def test_the_log_form_stays_hidden_until_the_finish(open_demo: Any) -> None:
    page = open_demo()
    assert page.is_hidden("#session-log-form")
    go_to(page, "Belly breathing")
    page.click(".swp-nav >> text=Finish")
    assert page.is_visible("#session-log-form")
    assert page.is_visible(".swp-finish")


def test_a_form_sent_back_with_errors_stays_visible(browser: Any, base_url: str) -> None:
    html = (STATIC / "player-demo.html").read_text(encoding="utf-8")
    html = html.replace(
        "<h2>How did it go?</h2>",
        '<h2>How did it go?</h2><ul class="errorlist"><li>Rate your effort.</li></ul>',
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.route("**/errors.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(f"{base_url}/errors.html")
    page.wait_for_selector(".swp-name")
    visible = page.is_visible("#session-log-form")
    context.close()
    assert visible


def test_a_form_sent_back_with_errors_keeps_what_the_person_sent(
    browser: Any, base_url: str
) -> None:
    """The player's kept progress (8 reps done) must not overwrite the form the server sent
    back, which holds the person's own correction (0 sets: they skipped it after all)."""
    html = (STATIC / "player-demo.html").read_text(encoding="utf-8")
    html = html.replace(
        "<h2>How did it go?</h2>",
        '<h2>How did it go?</h2><ul class="errorlist"><li>Rate your effort.</li></ul>',
    ).replace(
        '<input type="hidden" name="items-0-sets_done" value="">',
        '<input type="hidden" name="items-0-sets_done" value="0">',
    )
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.route("**/errors.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(f"{base_url}/player-demo.html")
    page.click("text=Done all 8 reps")
    assert field(page, "items-0-sets_done") == "1"
    page.goto(f"{base_url}/errors.html")  # the same session (data-session-key), sent back
    page.wait_for_selector(".swp-name")
    sent_back = field(page, "items-0-sets_done")
    context.close()
    assert sent_back == "0"


def test_finishing_tells_the_page_what_was_done(open_demo: Any) -> None:
    page = open_demo()
    page.evaluate(
        "document.getElementById('player').addEventListener('spinewise:finish',"
        " e => { window.finished = e.detail; })"
    )
    page.click("text=Done all 8 reps")
    go_to(page, "Belly breathing")
    page.click(".swp-nav >> text=Finish")
    detail = page.evaluate("window.finished")
    assert detail["items"][0] == {"index": 0, "sets_done": 1, "done": [8], "stopped": False}
    assert len(detail["items"]) == 4


def test_a_whole_session_fills_every_field_of_the_log_form(open_demo: Any) -> None:
    page = open_demo()
    page.evaluate("window.SPINEWISE_PLAYER_SPEED = 1")
    for _ in range(2):
        page.click(".swp-count .swp-btn--primary")
        if page.is_visible(".swp-rest"):
            page.click("text=Skip rest")
    page.click(".swp-done .swp-btn--primary")
    for _ in range(10):
        page.keyboard.press("Space")
    page.click("text=Set done · 10 reps")
    page.click("text=Skip rest")
    page.click("text=Next ›")
    page.click("text=Stop this exercise")
    page.click("text=Another reason")
    page.click(".swp-stopped .swp-btn--primary")
    page.evaluate(f"window.SPINEWISE_PLAYER_SPEED = {SPEED}")
    page.click("text=Start breathing")
    page.wait_for_selector(".swp-done", timeout=10_000)
    page.click("text=Finish session")
    assert "Session ended" in page.inner_text(".swp-finish h2")
    assert page.is_visible("#session-log-form")
    expected = {
        "items-0-sets_done": "2",
        "items-0-reps_done": "8,8",
        "items-1-sets_done": "1",
        "items-1-reps_done": "10",
        "items-2-sets_done": "0",
        "items-2-hold_seconds_done": "",
        "items-2-stopped": True,
        "items-2-stop_reason": "other",
        "items-3-sets_done": "1",
        "items-3-breaths_done": "6",
    }
    assert {name: field(page, name) for name in expected} == expected


def test_progress_survives_a_page_reload(open_demo: Any) -> None:
    page = open_demo()
    page.click("text=Done all 8 reps")
    page.click("text=Next ›")
    for _ in range(3):
        page.click("[aria-label='Count one rep']")
    page.reload()
    page.wait_for_selector(".swp-name")
    assert page.inner_text(".swp-name") == "Band pull-apart"
    assert page.inner_text(".swp-count__n") == "3"
    assert field(page, "items-0-reps_done") == "8"
    assert "13% done" in page.inner_text(".swp-progress__text")


def test_a_finished_session_stays_finished_after_a_reload(open_demo: Any) -> None:
    page = open_demo()
    go_to(page, "Belly breathing")
    page.click(".swp-nav >> text=Finish")
    page.reload()
    page.wait_for_selector(".swp-finish")
    assert page.is_visible(".swp-finish")
    assert page.is_visible("#session-log-form")


def test_space_counts_and_arrow_keys_move_between_exercises(open_demo: Any) -> None:
    page = open_demo()
    page.focus("body")
    for _ in range(3):
        page.keyboard.press("Space")
    assert page.inner_text(".swp-count__n") == "3"
    page.keyboard.press("ArrowRight")
    assert page.inner_text(".swp-name") == "Band pull-apart"
    page.keyboard.press("ArrowLeft")
    assert page.inner_text(".swp-name") == "Cat-camel"


def test_the_player_fits_a_360px_phone_without_sideways_scrolling(open_demo: Any) -> None:
    page = open_demo(viewport={"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360


def test_every_player_button_is_a_large_touch_target(open_demo: Any) -> None:
    page = open_demo(viewport={"width": 360, "height": 740})
    small = page.evaluate(
        """Array.from(document.querySelectorAll('#player button'))
            .filter(b => b.offsetParent !== null)
            .map(b => b.getBoundingClientRect())
            .filter(r => r.height < 44 || r.width < 44).length"""
    )
    assert small == 0


def test_reduced_motion_keeps_the_breath_circle_still(open_demo: Any) -> None:
    page = open_demo(reduced_motion="reduce")
    go_to(page, "Belly breathing")
    page.evaluate("window.SPINEWISE_PLAYER_SPEED = 1")
    page.click("text=Start breathing")
    page.wait_for_timeout(1_500)
    transform = page.evaluate(
        "getComputedStyle(document.querySelector('.swp-pacer__circle')).transform"
    )
    assert transform == "none"
    assert page.inner_text(".swp-pacer__cue") == "Breathe in"


def test_broken_session_data_shows_a_plain_message(browser: Any, base_url: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    html = (
        '<!doctype html><div id="player" data-log-form="f"></div>'
        '<script type="application/json" id="session-data">{"items": [</script>'
        '<form id="f"></form><script type="module" src="player/main.js"></script>'
    )
    page.route("**/broken.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(f"{base_url}/broken.html")
    message = page.inner_text("#player [role=alert]")
    context.close()
    assert "could not start" in message


# Stubs of the browser's own APIs (not of the player): speech synthesis that records what
# it is asked to say, an AudioContext that counts the notes made, and a wake lock that
# records its requests and releases.
SPEECH_STUB = """
window.__spoken = [];
window.__cancels = 0;
const fakeSpeech = {
  speaking: false, pending: false, paused: false,
  speak(u) { window.__spoken.push(u.text); },
  cancel() { window.__cancels += 1; },
  pause() {}, resume() {}, getVoices() { return []; },
  addEventListener() {}, removeEventListener() {},
};
Object.defineProperty(window, "speechSynthesis", { configurable: true, get: () => fakeSpeech });
window.__notes = 0;
const makeOscillator = BaseAudioContext.prototype.createOscillator;
BaseAudioContext.prototype.createOscillator = function () {
  window.__notes += 1;
  return makeOscillator.call(this);
};
"""

WAKE_LOCK_STUB = """
window.__wake = [];
const fakeWakeLock = {
  request(type) {
    window.__wake.push("request");
    const listeners = [];
    const lock = {
      type, released: false,
      addEventListener(name, fn) { if (name === "release") listeners.push(fn); },
      release() {
        if (!lock.released) {
          lock.released = true;
          window.__wake.push("release");
          listeners.forEach((fn) => fn());
        }
        return Promise.resolve();
      },
    };
    return Promise.resolve(lock);
  },
};
Object.defineProperty(Navigator.prototype, "wakeLock", { configurable: true, get: () => fakeWakeLock });
"""


def spoken(page: Any) -> list[str]:
    said: list[str] = page.evaluate("window.__spoken.slice()")
    return said


def test_the_sound_and_voice_switches_toggle_and_are_remembered(open_demo: Any) -> None:
    page = open_demo(init_script=SPEECH_STUB)
    group = page.locator("[role=group][aria-label='Audio cues']")
    sound = group.get_by_role("button", name="Sound")
    voice = group.get_by_role("button", name="Voice")
    assert sound.get_attribute("aria-pressed") == "true"  # both on to begin with
    assert voice.get_attribute("aria-pressed") == "true"
    voice.click()
    assert voice.get_attribute("aria-pressed") == "false"
    assert sound.get_attribute("aria-pressed") == "true"
    page.reload()
    page.wait_for_selector(".swp-name")
    voice = page.locator("[data-audio=voice]")
    assert voice.get_attribute("aria-pressed") == "false"  # kept in localStorage
    voice.click()
    assert voice.get_attribute("aria-pressed") == "true"
    assert spoken(page)[-1] == "Voice on."
    page.locator("[data-audio=sound]").click()
    assert page.get_attribute("[data-audio=sound]", "aria-pressed") == "false"
    assert page.evaluate("JSON.parse(localStorage.getItem('spinewise-player-audio'))") == {
        "sound": False,
        "voice": True,
    }


def test_the_audio_switches_fit_the_phone_header_beside_the_other_controls(
    open_demo: Any,
) -> None:
    page = open_demo()  # 390 x 844
    boxes = page.evaluate(
        """Array.from(document.querySelectorAll(
              '.swp-top .swp-title, .swp-top .swp-progress__text, .swp-top button'))
            .map(e => { const r = e.getBoundingClientRect();
                        return [e.className, r.left, r.top, r.right, r.bottom]; })"""
    )
    assert sum("swp-toggle" in b[0] for b in boxes) == 2
    for _, left, top, right, bottom in boxes:
        assert left >= 0 and right <= PHONE["width"] and top >= 0 and bottom <= PHONE["height"]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, f"{a[0]} overlaps {b[0]}"


def test_a_hold_speaks_its_cues_and_the_voice_switch_silences_them(open_demo: Any) -> None:
    page = open_demo(init_script=SPEECH_STUB)
    page.evaluate("window.SPINEWISE_PLAYER_SPEED = 10")
    go_to(page, "Open-book stretch")
    assert spoken(page)[-1] == "Open-book stretch"  # the exercise's name as it starts
    page.click("text=Start hold")
    page.wait_for_function("window.__spoken.includes('Hold.')", timeout=5_000)
    assert page.evaluate("window.__notes") >= 2  # the rising "go" tone at the hold's start
    page.wait_for_function("window.__spoken.includes('Swap sides.')", timeout=5_000)
    assert page.evaluate("window.__cancels") >= len(spoken(page))  # each cuts off the last
    page.click("[data-audio=voice]")
    said = spoken(page)
    page.evaluate(f"window.SPINEWISE_PLAYER_SPEED = {SPEED}")
    wait_field(page, "items-2-sets_done", "1")
    assert spoken(page) == said  # voice off: the end of the set is not spoken


def test_the_end_of_a_set_is_spoken_with_its_count_and_rest(open_demo: Any) -> None:
    page = open_demo(init_script=SPEECH_STUB)
    for _ in range(8):
        page.click("[aria-label='Count one rep']")
    assert spoken(page)[-1] == "8 of 8."
    page.click("text=Set done · 8 reps")
    assert spoken(page)[-1] == "Set 1 of 2 done, 8 reps. Rest 20 seconds."
    page.wait_for_selector(".swp-rest", state="hidden", timeout=5_000)
    assert spoken(page)[-1] == "Rest over. Set 2 of 2."
    go_to(page, "Belly breathing")
    page.click(".swp-nav >> text=Finish")
    assert spoken(page)[-1] == "Session done."


def test_the_screen_is_kept_on_from_the_first_tap_until_a_pause_or_the_finish(
    open_demo: Any,
) -> None:
    page = open_demo(init_script=WAKE_LOCK_STUB)
    assert page.evaluate("window.__wake") == []  # nothing before a tap
    page.click("[aria-label='Count one rep']")
    page.click("[aria-label='Count one rep']")
    page.wait_for_function("window.__wake.length === 1")
    assert page.evaluate("window.__wake") == ["request"]  # once, for the whole session
    page.click(".swp-pause")
    page.wait_for_function("window.__wake.length === 2")
    page.click("text=Resume")
    page.wait_for_function("window.__wake.length === 3")
    go_to(page, "Belly breathing")
    page.click(".swp-nav >> text=Finish")
    page.wait_for_function("window.__wake.length === 4")
    assert page.evaluate("window.__wake") == ["request", "release", "request", "release"]


def test_moving_on_after_counting_every_rep_records_the_set(open_demo: Any) -> None:
    page = open_demo()
    page.focus("body")
    for _ in range(8):
        page.keyboard.press("Space")
    assert page.inner_text(".swp-count__n") == "8"
    page.keyboard.press("ArrowRight")
    assert page.inner_text(".swp-name") == "Band pull-apart"
    assert field(page, "items-0-sets_done") == "1"
    assert field(page, "items-0-reps_done") == "8"
    page.keyboard.press("ArrowLeft")
    assert page.inner_text(".swp-dose").startswith("Set 2 of 2")
    assert page.inner_text(".swp-count__n") == "0"
