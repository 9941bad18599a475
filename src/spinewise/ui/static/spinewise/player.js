/*
 * Spinewise guided session player.
 *
 * Plain ES2017, no dependencies, no build step. Progressive enhancement: the
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
 */
(function () {
  "use strict";

  const STORE_PREFIX = "spinewise-player:";
  const AMOUNT_FIELD = { reps: "reps_done", hold: "hold_seconds_done", breaths: "breaths_done" };
  const TRACKING = ["reps", "hold", "breaths"];
  const TICK_MS = 100;
  const HOLD_LEAD_MS = 3000; // time to get into position after tapping Start
  const SWITCH_LEAD_MS = 5000; // time to change sides between two holds
  const INHALE_SHARE = 0.4; // a longer out-breath is the usual relaxation cue
  const RING_RADIUS = 52;
  const RING_LENGTH = 2 * Math.PI * RING_RADIUS;
  const SVG_NS = "http://www.w3.org/2000/svg";

  // ---------------------------------------------------------------- helpers

  function flatten(list, out) {
    for (const item of list) {
      if (Array.isArray(item)) flatten(item, out);
      else if (item !== null && item !== undefined && item !== false) out.push(item);
    }
    return out;
  }

  function h(tag, attrs) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") el.className = value;
      else if (key === "text") el.textContent = value;
      else if (key.slice(0, 2) === "on") el.addEventListener(key.slice(2), value);
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    const children = flatten(Array.prototype.slice.call(arguments, 2), []);
    for (const child of children) {
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return el;
  }

  function svg(tag, attrs) {
    const el = document.createElementNS(SVG_NS, tag);
    for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
    return el;
  }

  function wholeNumber(value, fallback, low) {
    const n = Number(value);
    return Number.isFinite(n) && n >= low ? Math.round(n) : fallback;
  }

  function text(value) {
    return typeof value === "string" ? value : "";
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function clock(seconds) {
    const s = Math.max(0, Math.ceil(seconds));
    return s >= 60 ? Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0") : String(s);
  }

  function speed() {
    const n = Number(window.SPINEWISE_PLAYER_SPEED);
    return Number.isFinite(n) && n > 0 ? n : 1;
  }

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function bandText(level) {
    return /band|cord/i.test(level) ? level : level + " band";
  }

  // ---------------------------------------------------------- session data

  function normaliseItem(raw, pos) {
    const tracking = TRACKING.indexOf(raw.tracking) >= 0 ? raw.tracking : "reps";
    const amountKey = tracking === "hold" ? "hold_seconds" : tracking;
    const ins = raw.instructions || {};
    return {
      index: wholeNumber(raw.index, pos, 0),
      exercise_id: text(raw.exercise_id),
      name: text(raw.name) || "Exercise " + (pos + 1),
      tracking: tracking,
      sets: wholeNumber(raw.sets, 1, 1),
      amount: wholeNumber(raw[amountKey], 1, 1),
      rest_seconds: wholeNumber(raw.rest_seconds, 0, 0),
      band_level: text(raw.band_level).trim() || null,
      per_side: raw.per_side === true,
      seconds_per_rep: wholeNumber(raw.seconds_per_rep, 5, 1),
      setup: text(ins.setup),
      steps: Array.isArray(ins.steps) ? ins.steps.filter((s) => typeof s === "string") : [],
      breathing: text(ins.breathing),
      feel: text(raw.feel),
      stop_if: Array.isArray(raw.stop_if) ? raw.stop_if.filter((s) => typeof s === "string") : [],
      figure_url: text(raw.figure_url) || null,
      reason: text(raw.reason),
    };
  }

  function readSession(root) {
    const island = document.getElementById(root.getAttribute("data-session-data") || "session-data");
    if (!island) throw new Error("the session data is missing");
    const data = JSON.parse(island.textContent);
    if (!data || !Array.isArray(data.items) || data.items.length === 0) {
      throw new Error("this session has no exercises");
    }
    return { title: text(data.title), items: data.items.map(normaliseItem) };
  }

  // ------------------------------------------------------------------ state

  function freshItemState() {
    return {
      sets: [], stopped: false, reason: "", touched: false, phase: "work",
      side: 0, sideAmounts: [], count: 0, elapsed: 0, running: false, restLeft: 0,
    };
  }

  function signature(items) {
    return items.map((i) => i.index + ":" + i.exercise_id + ":" + i.tracking + ":" + i.sets).join("|");
  }

  function loadState(key, items) {
    let stored = null;
    try {
      stored = JSON.parse(window.sessionStorage.getItem(key) || "null");
    } catch (err) {
      stored = null;
    }
    const sig = signature(items);
    if (!stored || stored.v !== 1 || stored.sig !== sig || !Array.isArray(stored.items)) {
      return { v: 1, sig: sig, pos: 0, paused: false, finished: false, items: items.map(freshItemState) };
    }
    stored.pos = Math.min(Math.max(0, wholeNumber(stored.pos, 0, 0)), items.length - 1);
    stored.items = items.map((item, i) => {
      const st = Object.assign(freshItemState(), stored.items[i] || {});
      st.sets = Array.isArray(st.sets) ? st.sets.map((n) => wholeNumber(n, 0, 0)).slice(0, item.sets) : [];
      st.running = st.phase === "rest"; // holds and pacers wait for the person after a reload
      if (st.sets.length >= item.sets) st.phase = "done";
      return st;
    });
    return stored;
  }

  // ---------------------------------------------------------------- player

  class Player {
    constructor(root, session) {
      this.root = root;
      this.title = session.title;
      this.items = session.items;
      this.form = document.getElementById(root.getAttribute("data-log-form") || "");
      this.key = STORE_PREFIX + (root.getAttribute("data-session-key") || window.location.pathname);
      this.state = loadState(this.key, this.items);
      this.ui = {};
      this.lastTick = 0;
      this.lastSave = 0;
      this.wakeLock = null;
    }

    start() {
      this.buildShell();
      if (this.form && this.root.getAttribute("data-hide-form") !== "false" && !this.state.finished && !this.formHasErrors()) {
        this.hideForm();
      }
      this.state.items.forEach((st, i) => { if (st.touched) this.syncItem(i); });
      this.renderItem();
      if (this.state.finished) this.showFinish(false);
      if (this.state.paused) this.showPause();
      this.lastTick = performance.now();
      this.onKeyHandler = (e) => this.onKey(e);
      this.onVisible = () => this.keepAwake();
      this.interval = window.setInterval(() => this.tick(), TICK_MS);
      document.addEventListener("keydown", this.onKeyHandler);
      document.addEventListener("visibilitychange", this.onVisible);
    }

    detach() {
      // the page replaced the player (e.g. an htmx swap): stop the clock and listeners
      window.clearInterval(this.interval);
      document.removeEventListener("keydown", this.onKeyHandler);
      document.removeEventListener("visibilitychange", this.onVisible);
      this.releaseWake();
    }

    cur() { return this.state.items[this.state.pos]; }
    item() { return this.items[this.state.pos]; }

    // ---------------------------------------------------------- the shell

    buildShell() {
      const ui = this.ui;
      this.root.textContent = "";
      this.root.classList.add("swp");
      ui.bar = h("div", { class: "swp-progress__bar" });
      ui.progress = h("div", {
        class: "swp-progress", role: "progressbar", "aria-label": "Session progress",
        "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": 0,
      }, ui.bar);
      ui.progressText = h("p", { class: "swp-progress__text" });
      ui.pauseBtn = h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-pause", onclick: () => this.pause() }, "Pause");
      ui.card = h("section", { class: "swp-card", "aria-label": "Current exercise" });
      ui.prev = h("button", { type: "button", class: "swp-btn swp-btn--quiet", onclick: () => this.go(-1) }, "‹ Previous");
      ui.next = h("button", { type: "button", class: "swp-btn swp-btn--primary", onclick: () => this.nextOrFinish() });
      ui.nav = h("nav", { class: "swp-nav", "aria-label": "Exercises" }, ui.prev, ui.next);
      ui.live = h("p", { class: "swp-sr", "aria-live": "polite", "aria-atomic": "true" });
      ui.finish = h("section", { class: "swp-finish", hidden: true, "aria-labelledby": "swp-finish-title" });
      ui.skipLink = this.form
        ? h("p", { class: "swp-skip" }, h("a", { href: "#" + this.form.id, onclick: (e) => { e.preventDefault(); this.revealForm(); } }, "Skip to the log form"))
        : null;
      ui.dialog = this.buildPauseDialog();
      this.root.append.apply(this.root, flatten([
        h("header", { class: "swp-top" },
          h("div", { class: "swp-top__row" }, h("p", { class: "swp-title", text: this.title || "Today's session" }), ui.pauseBtn),
          ui.progress, ui.progressText),
        ui.card, ui.nav, ui.finish, ui.skipLink, ui.live, ui.dialog], []));
    }

    buildPauseDialog() {
      const resume = h("button", { type: "button", class: "swp-btn swp-btn--primary", onclick: () => this.resume() }, "Resume");
      const end = h("button", { type: "button", class: "swp-btn swp-btn--quiet", onclick: () => { this.resume(); this.finish(); } }, "End session and log it");
      const dialog = h("dialog", { class: "swp-dialog", "aria-labelledby": "swp-paused-title" },
        h("h2", { id: "swp-paused-title", text: "Session paused" }),
        h("p", { text: "Timers are stopped. Take your time." }), resume, end);
      dialog.addEventListener("cancel", (e) => { e.preventDefault(); this.resume(); });
      this.ui.resumeBtn = resume;
      return dialog;
    }

    // -------------------------------------------------- one exercise view

    renderItem() {
      const item = this.item();
      const ui = this.ui;
      ui.heading = h("h2", { class: "swp-name", tabindex: "-1", text: item.name });
      ui.dose = h("p", { class: "swp-dose" });
      ui.side = h("p", { class: "swp-side", hidden: !item.per_side });
      ui.figure = item.figure_url
        ? h("figure", { class: "swp-figure" }, h("img", { src: item.figure_url, alt: item.name + ": animated illustration", decoding: "async" }))
        : null;
      ui.work = this.buildWork(item);
      ui.rest = this.buildRest();
      ui.done = this.buildDone();
      ui.stopped = this.buildStopped();
      ui.sets = this.buildSets(item);
      ui.stopArea = this.buildStop();
      ui.card.textContent = "";
      ui.card.classList.toggle("swp-card--per-side", item.per_side);
      ui.card.append.apply(ui.card, flatten([
        ui.heading, ui.dose, ui.side, ui.figure,
        h("div", { class: "swp-stage" }, ui.work.el, ui.rest.el, ui.done.el, ui.stopped.el),
        ui.sets.el, ui.stopArea.el, this.buildGuide(item)], []));
      this.update();
    }

    buildWork(item) {
      if (item.tracking === "reps") return this.buildCounter(item);
      return item.tracking === "hold" ? this.buildHold(item) : this.buildPacer(item);
    }

    buildCounter(item) {
      const count = h("output", { class: "swp-count__n", "aria-live": "polite", "aria-atomic": "true" });
      const minus = h("button", { type: "button", class: "swp-btn swp-count__btn", "aria-label": "One rep fewer", onclick: () => this.countBy(-1) }, "−");
      const plus = h("button", { type: "button", class: "swp-btn swp-count__btn swp-count__btn--plus", "aria-label": "Count one rep", onclick: () => this.countBy(1) }, "+");
      const target = h("p", { class: "swp-count__target" });
      const done = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => this.repsSetDone() });
      const el = h("div", { class: "swp-work swp-count" },
        h("div", { class: "swp-count__row" }, minus, h("div", { class: "swp-count__display" }, count, target), plus), done);
      return { el: el, count: count, target: target, done: done, minus: minus };
    }

    buildRing(extraClass) {
      const ring = svg("svg", { viewBox: "0 0 120 120", class: "swp-ring " + extraClass, "aria-hidden": "true", focusable: "false" });
      ring.append(
        svg("circle", { cx: 60, cy: 60, r: RING_RADIUS, class: "swp-ring__track" }),
        svg("circle", { cx: 60, cy: 60, r: RING_RADIUS, class: "swp-ring__fill", "stroke-dasharray": RING_LENGTH.toFixed(2), "stroke-dashoffset": RING_LENGTH.toFixed(2), transform: "rotate(-90 60 60)" }));
      return ring;
    }

    buildHold() {
      const ring = this.buildRing("swp-hold__ring");
      const time = h("p", { class: "swp-timer__time", role: "timer", "aria-live": "off" });
      const label = h("p", { class: "swp-timer__label" });
      const toggle = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => this.toggleTimer() });
      const end = h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => this.endEarly() }, "End hold now");
      const el = h("div", { class: "swp-work swp-hold" },
        h("div", { class: "swp-timer" }, ring, h("div", { class: "swp-timer__inner" }, time, label)), toggle, end);
      return { el: el, ring: ring.lastChild, time: time, label: label, toggle: toggle, end: end };
    }

    buildPacer() {
      const cue = h("p", { class: "swp-pacer__cue" });
      const circle = h("div", { class: "swp-pacer__circle", "aria-hidden": "true" });
      const count = h("p", { class: "swp-pacer__count", "aria-live": "polite" });
      const toggle = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => this.toggleTimer() });
      const end = h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => this.endEarly() }, "End this set now");
      const el = h("div", { class: "swp-work swp-pacer" },
        h("div", { class: "swp-pacer__stage" }, circle, cue), count, toggle, end);
      return { el: el, cue: cue, circle: circle, count: count, toggle: toggle, end: end };
    }

    buildRest() {
      const time = h("p", { class: "swp-rest__time", role: "timer", "aria-live": "off" });
      const bar = h("div", { class: "swp-rest__bar" });
      const nextUp = h("p", { class: "swp-rest__next" });
      const skip = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => this.endRest(false) }, "Skip rest");
      const el = h("div", { class: "swp-rest", hidden: true },
        h("p", { class: "swp-rest__label", text: "Rest" }), time,
        h("div", { class: "swp-rest__track", "aria-hidden": "true" }, bar), nextUp, skip);
      return { el: el, time: time, bar: bar, nextUp: nextUp, skip: skip };
    }

    buildDone() {
      const msg = h("p", { class: "swp-done__msg" });
      const next = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => this.nextOrFinish() });
      return { el: h("div", { class: "swp-done", hidden: true }, msg, next), msg: msg, next: next };
    }

    buildStopped() {
      const msg = h("p", { class: "swp-stopped__msg" });
      const next = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => this.nextOrFinish() });
      const undo = h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => this.undoStop() }, "Undo: I can carry on");
      const el = h("div", { class: "swp-stopped", hidden: true, role: "status" }, msg,
        h("p", { text: "If the pain is severe or does not settle, stop the session and contact your clinician." }), next, undo);
      return { el: el, msg: msg, next: next, undo: undo };
    }

    buildSets(item) {
      const boxes = [];
      const list = h("div", { class: "swp-sets__list" });
      for (let i = 0; i < item.sets; i++) {
        const box = h("input", { type: "checkbox", class: "swp-sets__box", onchange: (e) => this.tickSet(i, e.target.checked) });
        boxes.push(box);
        list.append(h("label", { class: "swp-sets__item" }, box, h("span", { text: "Set " + (i + 1) })));
      }
      const el = h("fieldset", { class: "swp-sets" },
        h("legend", { text: "Sets done" }), list,
        h("p", { class: "swp-hint", text: "Tick a set if you did all of it without the " + (item.tracking === "reps" ? "counter." : "timer.") }));
      return { el: el, boxes: boxes };
    }

    buildStop() {
      const open = h("button", { type: "button", class: "swp-btn swp-btn--danger swp-wide", "aria-expanded": "false" }, "Stop this exercise");
      const confirm = h("div", { class: "swp-stopask", hidden: true, role: "group", "aria-label": "Why are you stopping?" },
        h("p", { text: "Why are you stopping? We note it so your programme can adjust." }),
        h("button", { type: "button", class: "swp-btn swp-btn--danger swp-wide", onclick: () => this.stop("sharp_pain") }, "Sharp or worrying pain"),
        h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => this.stop("other") }, "Another reason"),
        h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => this.toggleStopAsk(false) }, "Cancel, keep going"));
      open.addEventListener("click", () => this.toggleStopAsk(confirm.hidden));
      return { el: h("div", { class: "swp-stop" }, open, confirm), open: open, confirm: confirm };
    }

    buildGuide(item) {
      const how = [];
      if (item.setup) how.push(h("h3", { text: "Set-up" }), h("p", { text: item.setup }));
      if (item.steps.length) how.push(h("h3", { text: "Steps" }), h("ol", {}, item.steps.map((s) => h("li", { text: s }))));
      if (item.breathing) how.push(h("h3", { text: "Breathing" }), h("p", { text: item.breathing }));
      return h("div", { class: "swp-guide" },
        how.length ? h("section", { class: "swp-how" }, how) : null,
        item.feel ? h("section", { class: "swp-feel" }, h("h3", { text: "What you should feel" }), h("p", { text: item.feel })) : null,
        item.stop_if.length ? h("section", { class: "swp-stopif" }, h("h3", { text: "Stop if" }), h("ul", {}, item.stop_if.map((s) => h("li", { text: s })))) : null,
        item.reason ? h("details", { class: "swp-why" }, h("summary", { text: "Why this exercise" }), h("p", { text: item.reason })) : null);
    }

    // ------------------------------------------------------------ updating

    update() {
      const item = this.item();
      const st = this.cur();
      const ui = this.ui;
      const phase = st.stopped ? "stopped" : st.phase;
      ui.work.el.hidden = phase !== "work";
      ui.rest.el.hidden = phase !== "rest";
      ui.done.el.hidden = phase !== "done";
      ui.stopped.el.hidden = phase !== "stopped";
      ui.stopArea.el.hidden = phase === "stopped";
      ui.dose.textContent = this.doseText(item, st);
      ui.side.textContent = this.sideText(item, st);
      ui.sets.boxes.forEach((box, i) => {
        box.checked = i < st.sets.length;
        box.disabled = st.stopped;
      });
      const last = this.state.pos === this.items.length - 1;
      const nextLabel = last ? "Finish session" : "Next exercise ›";
      ui.next.textContent = last ? "Finish" : "Next ›";
      ui.done.next.textContent = nextLabel;
      ui.stopped.next.textContent = nextLabel;
      ui.done.msg.textContent = "✓ All " + plural(item.sets, "set", "sets") + " done. Well done.";
      ui.stopped.msg.textContent = st.reason === "sharp_pain"
        ? "You stopped this exercise because of pain. That has been noted."
        : "You stopped this exercise. That has been noted.";
      ui.prev.disabled = this.state.pos === 0;
      this.updateWork(item, st);
      this.updateRest(item, st);
      this.updateProgress();
    }

    doseText(item, st) {
      const setNo = Math.min(st.sets.length + 1, item.sets);
      const parts = [st.phase === "done" || st.stopped
        ? st.sets.length + " of " + plural(item.sets, "set", "sets") + " done"
        : "Set " + setNo + " of " + item.sets];
      if (item.tracking === "reps") parts.push(plural(item.amount, "rep", "reps"));
      else if (item.tracking === "hold") parts.push("hold " + item.amount + " s");
      else parts.push(plural(item.amount, "breath", "breaths"));
      if (item.per_side) parts.push("each side");
      if (item.band_level) parts.push(bandText(item.band_level));
      return parts.join(" · ");
    }

    sideText(item, st) {
      if (!item.per_side) return "";
      return st.side === 0 ? "First side, then swap to the other side." : "Now the other side.";
    }

    updateWork(item, st) {
      const w = this.ui.work;
      const sideWord = item.per_side && st.side === 0 ? "first side" : "set";
      if (item.tracking === "reps") {
        w.count.textContent = String(st.count);
        w.target.textContent = "of " + item.amount + " reps";
        w.minus.disabled = st.count === 0;
        w.el.classList.toggle("swp-count--reached", st.count >= item.amount);
        w.done.textContent = st.count === 0
          ? "Done all " + plural(item.amount, "rep", "reps") + (item.per_side && st.side === 0 ? " (first side)" : "")
          : (sideWord === "set" ? "Set done" : "First side done") + " · " + plural(st.count, "rep", "reps");
        return;
      }
      const started = st.elapsed !== 0;
      const what = item.tracking === "hold" ? "hold" : "breathing";
      w.toggle.textContent = (st.running ? "Pause " : started ? "Resume " : "Start ") + what;
      w.toggle.setAttribute("aria-pressed", st.running ? "true" : "false");
      w.end.hidden = !started;
      if (item.tracking === "hold") this.updateHold(item, st, w);
      else this.updatePacer(item, st, w);
    }

    updateHold(item, st, w) {
      const total = item.amount * 1000;
      if (st.elapsed < 0) {
        w.time.textContent = clock(-st.elapsed / 1000);
        w.label.textContent = st.side === 1 ? "Swap sides" : "Get ready";
      } else {
        w.time.textContent = clock((total - st.elapsed) / 1000);
        w.label.textContent = st.running ? "Hold" : st.elapsed > 0 ? "Paused" : "seconds";
      }
      const fraction = Math.min(1, Math.max(0, st.elapsed / total));
      w.ring.setAttribute("stroke-dashoffset", (RING_LENGTH * (1 - fraction)).toFixed(2));
      w.el.classList.toggle("swp-hold--lead", st.elapsed < 0);
    }

    updatePacer(item, st, w) {
      const cycle = item.seconds_per_rep * 1000;
      const breaths = Math.floor(Math.max(0, st.elapsed) / cycle);
      const within = (Math.max(0, st.elapsed) % cycle) / cycle;
      const inhaling = within < INHALE_SHARE;
      const started = st.elapsed > 0;
      w.cue.textContent = !started ? "Ready" : !st.running ? "Paused" : inhaling ? "Breathe in" : "Breathe out";
      w.count.textContent = "Breath " + Math.min(breaths + 1, item.amount) + " of " + item.amount;
      const scale = !started ? 0.6 : inhaling ? 0.6 + 0.4 * (within / INHALE_SHARE) : 1 - 0.4 * ((within - INHALE_SHARE) / (1 - INHALE_SHARE));
      w.circle.style.transform = reducedMotion() ? "" : "scale(" + scale.toFixed(3) + ")";
      w.el.classList.toggle("swp-pacer--in", started && inhaling);
      w.el.classList.toggle("swp-pacer--out", started && !inhaling);
      const cue = started && st.running ? (inhaling ? "in" : "out") : "";
      if (cue && cue !== this.lastCue) this.announce(inhaling ? "Breathe in" : "Breathe out");
      this.lastCue = cue;
    }

    updateRest(item, st) {
      const r = this.ui.rest;
      if (st.phase !== "rest") return;
      const total = Math.max(1, item.rest_seconds * 1000);
      r.time.textContent = clock(st.restLeft / 1000);
      r.bar.style.transform = "scaleX(" + Math.max(0, st.restLeft / total).toFixed(3) + ")";
      r.nextUp.textContent = "Next: set " + (st.sets.length + 1) + " of " + item.sets;
    }

    updateProgress() {
      let done = 0;
      let total = 0;
      this.items.forEach((item, i) => {
        const st = this.state.items[i];
        total += item.sets;
        done += st.stopped ? item.sets : Math.min(st.sets.length, item.sets);
      });
      const pct = total ? Math.round((100 * done) / total) : 0;
      this.ui.bar.style.width = pct + "%";
      this.ui.progress.setAttribute("aria-valuenow", String(pct));
      this.ui.progress.setAttribute("aria-valuetext", pct + "% of sets done");
      this.ui.progressText.textContent = this.state.finished
        ? "Finished · " + pct + "% of sets done"
        : "Exercise " + (this.state.pos + 1) + " of " + this.items.length + " · " + pct + "% done";
    }

    // --------------------------------------------------------------- doing

    countBy(step) {
      const st = this.cur();
      if (st.phase !== "work" || st.stopped) return;
      const target = this.item().amount;
      st.count = Math.min(Math.max(0, st.count + step), target * 3);
      if (step > 0 && st.count === target) {
        this.cue();
        this.announce(target + " of " + target + ". Tap Set done when you are ready.");
      }
      this.changed(false);
    }

    repsSetDone() {
      const st = this.cur();
      this.finishSide(st.count === 0 ? this.item().amount : st.count);
    }

    toggleTimer() {
      const st = this.cur();
      const item = this.item();
      if (st.phase !== "work" || st.stopped) return;
      if (!st.running && st.elapsed === 0 && item.tracking === "hold") {
        st.elapsed = -HOLD_LEAD_MS;
        this.announce("Get ready. Hold for " + item.amount + " seconds.");
      } else if (!st.running && st.elapsed === 0) {
        this.announce("Breathe with the circle: " + plural(item.amount, "breath", "breaths") + ".");
      }
      st.running = !st.running;
      if (st.running) this.keepAwake();
      this.changed(true);
    }

    endEarly() {
      const st = this.cur();
      const item = this.item();
      const done = item.tracking === "hold"
        ? Math.floor(Math.max(0, st.elapsed) / 1000)
        : Math.floor(Math.max(0, st.elapsed) / (item.seconds_per_rep * 1000));
      st.running = false;
      this.finishSide(done);
    }

    finishSide(amount) {
      const item = this.item();
      const st = this.cur();
      st.touched = true;
      if (item.per_side && st.side === 0) {
        st.sideAmounts = [amount];
        st.side = 1;
        st.count = 0;
        st.running = item.tracking === "hold";
        st.elapsed = st.running ? -SWITCH_LEAD_MS : 0;
        this.cue();
        this.announce("First side done. Now the other side.");
        this.changed(true);
        return;
      }
      this.completeSet(item.per_side ? Math.min(st.sideAmounts[0], amount) : amount, true);
    }

    completeSet(amount, rest) {
      const item = this.item();
      const st = this.cur();
      st.sets.push(amount);
      st.touched = true;
      this.resetSet(st);
      const n = st.sets.length;
      if (n >= item.sets) {
        st.phase = "done";
        this.announce("Set " + n + " done. All sets of " + item.name + " done.");
      } else if (rest && item.rest_seconds > 0) {
        st.phase = "rest";
        st.restLeft = item.rest_seconds * 1000;
        st.running = true;
        this.announce("Set " + n + " done. Rest for " + item.rest_seconds + " seconds.");
      } else {
        st.phase = "work";
        this.announce("Set " + n + " done.");
      }
      this.cue();
      this.changed(true);
    }

    resetSet(st) {
      st.side = 0;
      st.sideAmounts = [];
      st.count = 0;
      st.elapsed = 0;
      st.running = false;
    }

    endRest(timedOut) {
      const st = this.cur();
      st.phase = "work";
      st.running = false;
      st.restLeft = 0;
      if (timedOut) this.cue();
      this.announce("Rest over. Set " + (st.sets.length + 1) + " of " + this.item().sets + ".");
      this.changed(true);
      this.focusWork();
    }

    tickSet(i, checked) {
      const st = this.cur();
      const item = this.item();
      const before = st.sets.length;
      if (checked) {
        if (i === before) {
          this.completeSet(item.amount, true);
          return;
        }
        while (st.sets.length <= i) st.sets.push(item.amount);
      } else {
        st.sets.length = Math.min(st.sets.length, i);
      }
      this.resetSet(st);
      st.touched = true;
      st.phase = st.sets.length >= item.sets ? "done" : "work";
      this.changed(true);
    }

    toggleStopAsk(show) {
      const s = this.ui.stopArea;
      s.confirm.hidden = !show;
      s.open.setAttribute("aria-expanded", show ? "true" : "false");
      if (show) s.confirm.querySelector("button").focus();
    }

    stop(reason) {
      const st = this.cur();
      st.stopped = true;
      st.reason = reason;
      st.touched = true;
      st.running = false;
      if (st.phase === "rest") st.phase = "work";
      if (reason === "sharp_pain") this.tickSharpPain(this.item().index);
      this.announce("Exercise stopped and noted.");
      this.changed(true);
      this.ui.stopped.next.focus();
    }

    undoStop() {
      const st = this.cur();
      st.stopped = false;
      st.reason = "";
      const box = this.field("items-" + this.item().index + "-sharp_pain");
      if (box && box.type === "checkbox") this.setChecked(box, false);
      this.changed(true);
      this.focusWork();
    }

    // ----------------------------------------------------------- the clock

    tick() {
      if (!this.root.isConnected) {
        this.detach();
        return;
      }
      const now = performance.now();
      const dt = (now - this.lastTick) * speed();
      this.lastTick = now;
      if (this.state.paused || this.state.finished) return;
      const st = this.cur();
      if (!st.running || st.stopped) return;
      const item = this.item();
      if (st.phase === "rest") {
        st.restLeft -= dt;
        if (st.restLeft <= 0) this.endRest(true);
        else this.updateRest(item, st);
      } else if (st.phase === "work" && item.tracking !== "reps") {
        this.advanceWork(item, st, dt);
      }
      if (now - this.lastSave > 1000) this.save();
    }

    advanceWork(item, st, dt) {
      const before = st.elapsed;
      st.elapsed += dt;
      if (item.tracking === "hold") {
        const total = item.amount * 1000;
        if (before < 0 && st.elapsed >= 0) this.announce("Hold now.");
        if (st.elapsed >= total) {
          this.finishSide(item.amount);
          return;
        }
        const left = Math.ceil((total - st.elapsed) / 1000);
        if (st.elapsed > 0 && left < item.amount && left !== Math.ceil((total - before) / 1000) && left % 10 === 0) {
          this.announce(left + " seconds left");
        }
      } else if (Math.floor(st.elapsed / (item.seconds_per_rep * 1000)) >= item.amount) {
        this.finishSide(item.amount);
        return;
      }
      this.updateWork(item, st);
    }

    // ---------------------------------------------------------- navigation

    go(step) {
      const pos = this.state.pos + step;
      if (pos < 0 || pos >= this.items.length) return;
      this.leaveItem();
      this.state.pos = pos;
      this.ui.stopArea.confirm.hidden = true;
      this.renderItem();
      this.save();
      this.ui.card.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
      this.ui.heading.focus({ preventScroll: true });
      this.announce("Exercise " + (pos + 1) + " of " + this.items.length + ": " + this.item().name);
    }

    leaveItem() {
      const st = this.cur();
      st.running = false;
      if (st.phase === "rest") st.phase = "work";
    }

    nextOrFinish() {
      if (this.state.pos === this.items.length - 1) this.finish();
      else this.go(1);
    }

    pause() {
      this.state.paused = true;
      this.save();
      this.showPause();
    }

    showPause() {
      const d = this.ui.dialog;
      if (typeof d.showModal === "function") { if (!d.open) d.showModal(); } else d.setAttribute("open", "");
      this.ui.resumeBtn.focus();
      this.releaseWake();
    }

    resume() {
      this.state.paused = false;
      const d = this.ui.dialog;
      if (typeof d.close === "function" && d.open) d.close(); else d.removeAttribute("open");
      this.lastTick = performance.now();
      this.save();
      this.ui.pauseBtn.focus();
      if (this.cur().running) this.keepAwake();
    }

    finish() {
      this.leaveItem();
      this.state.finished = true;
      this.items.forEach((item, i) => this.syncItem(i));
      this.save();
      this.showFinish(true);
      this.releaseWake();
      this.root.dispatchEvent(new CustomEvent("spinewise:finish", { bubbles: true, detail: this.summary() }));
    }

    showFinish(scroll) {
      const ui = this.ui;
      ui.card.hidden = true;
      ui.nav.hidden = true;
      ui.pauseBtn.hidden = true;
      if (ui.skipLink) ui.skipLink.hidden = true;
      ui.finish.hidden = false;
      ui.finish.textContent = "";
      let done = 0;
      let planned = 0;
      const rows = this.items.map((item, i) => {
        const st = this.state.items[i];
        done += st.sets.length;
        planned += item.sets;
        const status = st.stopped ? "stopped early" : st.sets.length + " of " + plural(item.sets, "set", "sets");
        return h("li", { class: st.stopped ? "swp-finish__stopped" : st.sets.length >= item.sets ? "swp-finish__done" : "" },
          h("span", { text: item.name }), h("span", { class: "swp-finish__status", text: status }));
      });
      ui.finish.append(
        h("h2", { id: "swp-finish-title", tabindex: "-1", text: done >= planned ? "Session complete" : "Session ended" }),
        h("p", { text: "You did " + done + " of " + plural(planned, "set", "sets") + "." }),
        h("ul", { class: "swp-finish__list" }, rows),
        this.form ? h("p", { class: "swp-finish__next", text: "Now tell us how it went in the form below: effort, pain and anything that felt wrong." }) : null,
        h("div", { class: "swp-finish__actions" },
          this.form ? h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => this.revealForm() }, "Go to the log form") : null,
          h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => this.reopen() }, "Back to the exercises")));
      this.updateProgress();
      if (scroll && this.form) this.revealForm();
      else if (scroll) ui.finish.querySelector("h2").focus();
    }

    reopen() {
      this.state.finished = false;
      const ui = this.ui;
      ui.card.hidden = false;
      ui.nav.hidden = false;
      ui.pauseBtn.hidden = false;
      if (ui.skipLink) ui.skipLink.hidden = false;
      ui.finish.hidden = true;
      this.save();
      this.renderItem();
      ui.heading.focus();
    }

    formHasErrors() {
      // a form sent back with validation errors must stay in view
      return !!this.form.querySelector(".errorlist, [aria-invalid='true']");
    }

    hideForm() {
      // the hidden attribute alone loses to any stylesheet rule that sets display
      this.form.hidden = true;
      this.form.style.setProperty("display", "none", "important");
    }

    revealForm() {
      const form = this.form;
      if (!form) return;
      form.hidden = false;
      form.style.removeProperty("display");
      const target = form.querySelector("h1, h2, h3, legend") || form;
      if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus({ preventScroll: true });
      form.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
    }

    summary() {
      return {
        items: this.items.map((item, i) => {
          const st = this.state.items[i];
          return { index: item.index, sets_done: st.sets.length, done: st.sets.slice(), stopped: st.stopped };
        }),
      };
    }

    // ------------------------------------------------------------ keyboard

    onKey(e) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (this.state.finished || this.state.paused || !this.root.isConnected) return;
      const t = e.target instanceof Element ? e.target : document.body;
      if (t.closest("input, textarea, select, [contenteditable], dialog")) return;
      if (this.form && this.form.contains(t)) return; // the log form keeps its own keys
      if (e.key === " " || e.key === "Spacebar") {
        if (t.closest("button, a, summary")) return; // the focused control handles space itself
        e.preventDefault();
        this.spaceAction();
      } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        e.preventDefault();
        this.go(e.key === "ArrowRight" ? 1 : -1);
      }
    }

    spaceAction() {
      const st = this.cur();
      if (st.stopped) return;
      if (st.phase === "rest") this.endRest(false);
      else if (st.phase === "work" && this.item().tracking === "reps") this.countBy(1);
      else if (st.phase === "work") this.toggleTimer();
    }

    // ---------------------------------------------------- the log form

    field(name) {
      if (!this.form) return null;
      const els = this.form.elements;
      for (let i = 0; i < els.length; i++) if (els[i].name === name) return els[i];
      return null;
    }

    setField(name, value, create) {
      let el = this.field(name);
      if (!el && !create) return;
      if (!el) {
        el = h("input", { type: "hidden", name: name, "data-spinewise-player": "" });
        this.form.appendChild(el);
      }
      if (el.type === "checkbox") {
        this.setChecked(el, value !== "" && value !== "0");
      } else if (el.value !== value) {
        el.value = value;
        el.dispatchEvent(new Event("input", { bubbles: true }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }

    setChecked(box, on) {
      if (box.checked === on) return;
      box.checked = on;
      box.dispatchEvent(new Event("change", { bubbles: true }));
    }

    tickSharpPain(index) {
      for (const name of ["items-" + index + "-sharp_pain", "sharp_pain"]) {
        const box = this.field(name);
        if (box && box.type === "checkbox") this.setChecked(box, true);
      }
    }

    syncItem(i) {
      if (!this.form) return;
      const item = this.items[i];
      const st = this.state.items[i];
      const prefix = "items-" + item.index + "-";
      this.setField(prefix + "sets_done", String(st.sets.length), true);
      this.setField(prefix + AMOUNT_FIELD[item.tracking], st.sets.join(","), true);
      this.setField(prefix + "stopped", st.stopped ? "1" : "", st.stopped);
      this.setField(prefix + "stop_reason", st.stopped ? st.reason : "", st.stopped);
    }

    // ------------------------------------------------------- bookkeeping

    changed(syncForm) {
      if (syncForm) this.syncItem(this.state.pos);
      this.update();
      this.save();
      this.root.dispatchEvent(new CustomEvent("spinewise:change", { bubbles: true, detail: this.summary() }));
    }

    save() {
      this.lastSave = performance.now();
      try {
        window.sessionStorage.setItem(this.key, JSON.stringify(this.state));
      } catch (err) {
        // storage full or disabled (private mode): the player still works, it just forgets on reload
      }
    }

    announce(message) {
      const live = this.ui.live;
      live.textContent = "";
      window.setTimeout(() => { live.textContent = message; }, 50);
    }

    cue() {
      // audible-free: a short vibration where supported plus a visual flash
      if (navigator.vibrate) { try { navigator.vibrate(150); } catch (err) { /* not allowed */ } }
      const card = this.ui.card;
      card.classList.remove("swp-flash");
      void card.offsetWidth; // restart the animation
      card.classList.add("swp-flash");
      window.clearTimeout(this.flashTimer);
      this.flashTimer = window.setTimeout(() => card.classList.remove("swp-flash"), 900);
    }

    focusWork() {
      const btn = this.ui.work.el.querySelector(".swp-btn--primary, .swp-count__btn--plus");
      if (btn && !this.ui.work.el.hidden) btn.focus({ preventScroll: true });
    }

    keepAwake() {
      // keep a phone screen on during holds and rests; harmless where unsupported
      if (!navigator.wakeLock || this.wakeLock || document.visibilityState !== "visible") return;
      if (this.state.paused || this.state.finished) return;
      navigator.wakeLock.request("screen").then((lock) => {
        this.wakeLock = lock;
        lock.addEventListener("release", () => { this.wakeLock = null; });
      }).catch(() => { this.wakeLock = null; });
    }

    releaseWake() {
      if (this.wakeLock) this.wakeLock.release().catch(() => {});
      this.wakeLock = null;
    }
  }

  function init(root) {
    if (!root || root.getAttribute("data-player-ready")) return null;
    root.setAttribute("data-player-ready", "1");
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
})();
