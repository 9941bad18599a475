/*
 * What the player shows: the shell, one exercise at a time (counter, hold ring, breathing
 * pacer, rest, done, stopped), the progress bar, the pause dialog and the finish screen.
 * It reads the state and never changes it: every tap goes to the controller (player.js).
 *
 * Player (player.js) extends PlayerView (here) extends FormSync (form.js): the view and the
 * form read this.items, this.state, this.form and this.ui, which the controller sets up
 * (and this.audio, the controller's audio.js Cues, for the sound and voice switches).
 */

import { flatten, h, reducedMotion } from "./dom.js";
import { FormSync } from "./form.js";
import { plural } from "./state.js";
import { breathPhase, clockText, INHALE_SHARE } from "./timers.js";
import { buildAudio, buildDone, buildGuide, buildRest, buildSets, buildStop, buildStopped, buildWork, RING_LENGTH } from "./widgets.js";

function bandText(level) {
  return /band|cord/i.test(level) ? level : level + " band";
}

export class PlayerView extends FormSync {
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
    ui.audio = buildAudio(this);
    this.root.append.apply(this.root, flatten([
      h("header", { class: "swp-top" },
        h("div", { class: "swp-top__row" }, h("p", { class: "swp-title", text: this.title || "Today's session" }), ui.pauseBtn),
        ui.progress,
        h("div", { class: "swp-top__meta" }, ui.progressText, ui.audio.el)),
      ui.card, ui.nav, ui.finish, ui.skipLink, ui.live, ui.dialog], []));
    this.updateAudio();
    this.watchDocking();
  }

  /**
   * The bottom bar is pinned to the screen only once the player's header has reached the
   * top: before that (the page opens on the stop signs, the player lower down) a pinned
   * bar would sit on top of the player's own header and take taps meant for it.
   */
  watchDocking() {
    const dock = () => {
      this.dockFrame = 0;
      const top = this.root.getBoundingClientRect().top;
      this.root.classList.toggle("swp--docked", top <= window.innerHeight * 0.25);
    };
    this.onDock = () => { if (!this.dockFrame) this.dockFrame = window.requestAnimationFrame(dock); };
    window.addEventListener("scroll", this.onDock, { passive: true });
    window.addEventListener("resize", this.onDock, { passive: true });
    dock();
  }

  unwatchDocking() {
    window.removeEventListener("scroll", this.onDock);
    window.removeEventListener("resize", this.onDock);
  }

  /** The sound and voice switches show what is on. */
  updateAudio() {
    const a = this.ui.audio;
    a.sound.setAttribute("aria-pressed", this.audio.sound ? "true" : "false");
    a.voice.setAttribute("aria-pressed", this.audio.voice ? "true" : "false");
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
    ui.work = buildWork(this, item);
    ui.rest = buildRest(this);
    ui.done = buildDone(this);
    ui.stopped = buildStopped(this);
    ui.sets = buildSets(this, item);
    ui.stopArea = buildStop(this);
    ui.card.textContent = "";
    ui.card.classList.toggle("swp-card--per-side", item.per_side);
    ui.card.append.apply(ui.card, flatten([
      ui.heading, ui.dose, ui.side, ui.figure,
      h("div", { class: "swp-stage" }, ui.work.el, ui.rest.el, ui.done.el, ui.stopped.el),
      ui.sets.el, ui.stopArea.el, buildGuide(item)], []));
    this.update();
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
      w.time.textContent = clockText(-st.elapsed / 1000);
      w.label.textContent = st.side === 1 ? "Swap sides" : "Get ready";
    } else {
      w.time.textContent = clockText((total - st.elapsed) / 1000);
      w.label.textContent = st.running ? "Hold" : st.elapsed > 0 ? "Paused" : "seconds";
    }
    const fraction = Math.min(1, Math.max(0, st.elapsed / total));
    w.ring.setAttribute("stroke-dashoffset", (RING_LENGTH * (1 - fraction)).toFixed(2));
    w.el.classList.toggle("swp-hold--lead", st.elapsed < 0);
  }

  updatePacer(item, st, w) {
    const { breaths, within, inhaling } = breathPhase(st.elapsed, item.seconds_per_rep);
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
    r.time.textContent = clockText(st.restLeft / 1000);
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

  // ------------------------------------------------- pause and finish

  showPause() {
    const d = this.ui.dialog;
    if (typeof d.showModal === "function") { if (!d.open) d.showModal(); } else d.setAttribute("open", "");
    this.ui.resumeBtn.focus();
    this.releaseWake();
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

  hideFinish() {
    const ui = this.ui;
    ui.card.hidden = false;
    ui.nav.hidden = false;
    ui.pauseBtn.hidden = false;
    if (ui.skipLink) ui.skipLink.hidden = false;
    ui.finish.hidden = true;
  }
}
