/*
 * Spinewise guided session player.
 *
 * ES modules, no dependencies, no build step. Progressive enhancement: the
 * server page renders a log form that works without JavaScript; this script
 * turns <div id="player"> into a step-by-step player and fills that form.
 *
 * Page contract
 *   <div id="player" data-log-form="FORM_ID" data-session-key="KEY"></div>
 *   <script type="application/json" id="session-data">{"title": ..., "items": [...]}</script>
 *   Optional on #player: data-session-data="ISLAND_ID" (default "session-data"),
 *   data-hide-form="false" to keep the log form visible before the finish screen
 *   (it also stays visible when it holds .errorlist or [aria-invalid=true]).
 *
 * Fields written into the log form (existing inputs are updated, missing ones
 * are created as hidden inputs), N being the item's "index":
 *   items-N-sets_done            sets completed (whole number)
 *   items-N-reps_done            reps per set, comma-separated ("10,10,8")
 *   items-N-hold_seconds_done    seconds held per set, comma-separated
 *   items-N-breaths_done         breaths per set, comma-separated
 *   items-N-stopped              "1" when the person stopped the item early, else ""
 *   items-N-stop_reason          "sharp_pain" or "other" when stopped
 * Stopping for sharp pain also ticks checkboxes named items-N-sharp_pain and
 * sharp_pain when the form has them. Per-side items record, per set, the lower
 * of the two sides.
 *
 * Hooks: window.SPINEWISE_PLAYER_SPEED (number, default 1) speeds every timer up
 * (for tests and demos). Events on #player: "spinewise:change" and
 * "spinewise:finish" (detail: {items: [{index, sets_done, done, stopped}]}).
 *
 * Modules, in the order a newcomer might read them:
 *   state.js    the state machine: what a tap, the clock or a stop does (pure, no DOM)
 *   timers.js   the clock (injected), hold and breath arithmetic
 *   session.js  the data island checked, and saved progress matched back onto it (pure)
 *   storage.js  keeping progress in localStorage (this phone) across reloads and closed tabs
 *   drafts.js   the same progress kept on the server as a draft (/sessions/N/draft/), so
 *               another device or a cleared browser resumes too; the newer copy wins
 *   player.js   the controller: taps, keys and ticks through state.js, then redraw
 *   audio.js    tones (Web Audio) and spoken cues (speech synthesis) at each cue of
 *               state.js; the sound and voice switches, kept in localStorage
 *   wakelock.js the screen kept on from the first tap until a pause or the finish
 *   view.js     what is shown; widgets.js the parts of one exercise's card
 *   form.js     the log-form fields listed above
 *   dom.js      element helpers
 *   outbox.js   the log form sent through an offline outbox (also the service worker's)
 *   main.js     this file: finds #player, reads the data island, starts a Player
 * Unit tests of the pure modules: tests/js/ (node --test tests/js/).
 */

import { h } from "./dom.js";
import { Player } from "./player.js";
import { parseSession } from "./session.js";
import "./outbox.js"; // publishes globalThis.SpinewiseOutbox (the service worker loads it too)

function readSession(root) {
  const island = document.getElementById(root.getAttribute("data-session-data") || "session-data");
  if (!island) throw new Error("the session data is missing");
  return parseSession(JSON.parse(island.textContent));
}

function init(root) {
  if (!root || root.getAttribute("data-player-ready")) return null;
  root.setAttribute("data-player-ready", "1");
  // offline, the log is kept on this phone and sent when the connection returns
  globalThis.SpinewiseOutbox.hookForm(document.getElementById(root.getAttribute("data-log-form") || "session-log-form"));
  let session;
  try {
    session = readSession(root);
  } catch (err) {
    root.textContent = "";
    root.append(h("p", { class: "swp-error", role: "alert", text: "The guided player could not start (" + err.message + "). You can still log your session below." }));
    return null;
  }
  const player = new Player(root, session);
  player.start();
  return player;
}

window.SpinewisePlayer = { init: init };
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", () => init(document.getElementById("player")));
} else {
  init(document.getElementById("player"));
}
// pages that swap content in with htmx get their player started too
document.addEventListener("htmx:load", () => init(document.getElementById("player")));
