/*
 * The player's controller: taps, keys and the clock go through the state machine
 * (state.js); what it returns is announced, cued (vibration, flash, tone and voice:
 * audio.js), written into the log form and drawn (view.js), and the progress is kept
 * (storage.js). From the first tap until a pause or the finish the screen is kept on
 * (wakelock.js).
 */

import { browserCues } from "./audio.js";
import { reducedMotion } from "./dom.js";
import * as machine from "./state.js";
import { DraftSync, nextStamp, reconcile } from "./drafts.js";
import { restoreState } from "./session.js";
import { loadSaved, prune, save, storageKey } from "./storage.js";
import { speedFactor, Ticker } from "./timers.js";
import { PlayerView } from "./view.js";
import { ScreenWake } from "./wakelock.js";

// the events that count as a tap for the browser's audio and wake-lock rules
const GESTURES = ["pointerdown", "click", "keydown"];

export class Player extends PlayerView {
  constructor(root, session) {
    super();
    this.root = root;
    this.title = session.title;
    this.items = session.items;
    this.form = document.getElementById(root.getAttribute("data-log-form") || "");
    this.key = storageKey(root.getAttribute("data-session-key") || window.location.pathname);
    prune(this.key);
    this.state = restoreState(loadSaved(this.key), this.items);
    // the server's draft (drafts.js): resume from it when newer, now and on coming back
    this.drafts = new DraftSync(root.getAttribute("data-draft-url"));
    const fetchDraft = () => this.drafts.load().then((remote) => this.resumeFrom(remote));
    this.drafts.listen(window, document, fetchDraft);
    fetchDraft();
    this.ui = {};
    this.ticker = new Ticker({
      now: () => performance.now(),
      every: (fn, ms) => window.setInterval(fn, ms),
      cancel: (handle) => window.clearInterval(handle),
      speed: () => speedFactor(window.SPINEWISE_PLAYER_SPEED),
    });
    this.lastSave = 0;
    this.audio = browserCues(window);
    this.awake = new ScreenWake({ wakeLock: navigator.wakeLock, visible: () => document.visibilityState === "visible" });
  }

  start() {
    this.buildShell();
    if (this.form && this.root.getAttribute("data-hide-form") !== "false" && !this.state.finished && !this.formHasErrors()) {
      this.hideForm();
    }
    // A form the server sent back with errors holds what the person sent, their own edits
    // included: the player's kept progress must not write over it.
    if (!this.formHasErrors()) this.state.items.forEach((st, i) => { if (st.touched) this.syncItem(i); });
    this.renderItem();
    if (this.state.finished) this.showFinish(false);
    if (this.state.paused) this.showPause();
    this.onKeyHandler = (e) => this.onKey(e);
    this.onVisible = () => { if (!this.state.paused && !this.state.finished) this.awake.visibilityChanged(); };
    this.onGesture = () => this.gesture();
    this.ticker.start((dt, now) => this.tick(dt, now));
    document.addEventListener("keydown", this.onKeyHandler);
    document.addEventListener("visibilitychange", this.onVisible);
    // captured, so audio is unlocked before the tapped button's own handler plays a cue
    GESTURES.forEach((type) => this.root.addEventListener(type, this.onGesture, true));
  }

  detach() {
    // the page replaced the player (e.g. an htmx swap): stop the clock and listeners
    this.ticker.stop();
    document.removeEventListener("keydown", this.onKeyHandler);
    document.removeEventListener("visibilitychange", this.onVisible);
    GESTURES.forEach((type) => this.root.removeEventListener(type, this.onGesture, true));
    this.unwatchDocking();
    this.releaseWake();
    this.audio.hush();
  }

  /** A tap or key press in the player: browsers allow audio and the wake lock from here. */
  gesture() {
    this.audio.unlock();
    this.keepAwake();
  }

  cur() { return this.state.items[this.state.pos]; }
  item() { return this.items[this.state.pos]; }

  /** Carry out what a step of the state machine says: cue, announce, sync and redraw. */
  apply(result) {
    if (result === null) return;
    if (result.cue) this.cue(result.cue);
    if (result.say) this.announce(result.say);
    this.changed(result.sync);
  }

  // --------------------------------------------------------------- doing

  countBy(step) { this.apply(machine.countBy(this.item(), this.cur(), step)); }
  repsSetDone() { this.apply(machine.repsSetDone(this.item(), this.cur())); }
  endEarly() { this.apply(machine.endEarly(this.item(), this.cur())); }

  toggleTimer() {
    const result = machine.toggleTimer(this.item(), this.cur());
    if (result && this.cur().running) this.keepAwake();
    this.apply(result);
  }

  endRest(timedOut) {
    this.apply(machine.endRest(this.item(), this.cur(), timedOut));
    this.focusWork();
  }

  tickSet(i, checked) { this.apply(machine.tickSet(this.item(), this.cur(), i, checked)); }

  toggleStopAsk(show) {
    const s = this.ui.stopArea;
    s.confirm.hidden = !show;
    s.open.setAttribute("aria-expanded", show ? "true" : "false");
    if (show) s.confirm.querySelector("button").focus();
  }

  stop(reason) {
    const result = machine.stop(this.cur(), reason);
    if (reason === "sharp_pain") this.tickSharpPain(this.item().index);
    this.apply(result);
    this.ui.stopped.next.focus();
  }

  undoStop() {
    const result = machine.undoStop(this.cur());
    const box = this.field("items-" + this.item().index + "-sharp_pain");
    if (box && box.type === "checkbox") this.setChecked(box, false);
    this.apply(result);
    this.focusWork();
  }

  // ----------------------------------------------------------- the clock

  /** `dt` ms of exercise time (already sped up) have passed; `now` is the wall clock. */
  tick(dt, now) {
    if (!this.root.isConnected) {
      this.detach();
      return;
    }
    if (this.state.paused || this.state.finished) return;
    const st = this.cur();
    if (!st.running || st.stopped) return;
    const item = this.item();
    const phase = st.phase;
    const result = machine.advance(item, st, dt);
    if (result && result.sync) {
      this.apply(result);
      if (phase === "rest") this.focusWork();
    } else {
      if (result && result.cue) this.cue(result.cue);
      if (result && result.say) this.announce(result.say);
      if (st.phase === "rest") this.updateRest(item, st);
      else this.updateWork(item, st);
    }
    if (now - this.lastSave > 1000) this.save();
  }

  // ---------------------------------------------------------- navigation

  go(step) {
    const pos = this.state.pos + step;
    if (pos < 0 || pos >= this.items.length) return;
    // a set counted to the end but not confirmed is recorded as done (state.leaveItem)
    const left = machine.leaveItem(this.item(), this.cur());
    if (left && left.sync) this.syncItem(this.state.pos);
    this.state.pos = pos;
    this.ui.stopArea.confirm.hidden = true;
    this.renderItem();
    this.save();
    this.ui.card.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
    this.ui.heading.focus({ preventScroll: true });
    this.announce((left && left.say ? left.say + " " : "") + "Exercise " + (pos + 1) + " of " + this.items.length + ": " + this.item().name);
    this.audio.speak(this.item().name);
    if (left) this.root.dispatchEvent(new CustomEvent("spinewise:change", { bubbles: true, detail: this.summary() }));
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

  resume() {
    this.state.paused = false;
    const d = this.ui.dialog;
    if (typeof d.close === "function" && d.open) d.close(); else d.removeAttribute("open");
    this.ticker.restart();
    this.save();
    this.ui.pauseBtn.focus();
    this.keepAwake();
  }

  finish() {
    machine.leaveItem(this.item(), this.cur()); // every item is written to the form below
    this.state.finished = true;
    this.items.forEach((item, i) => this.syncItem(i));
    this.save();
    this.showFinish(true);
    this.releaseWake();
    this.audio.cue("session_end");
    this.root.dispatchEvent(new CustomEvent("spinewise:finish", { bubbles: true, detail: this.summary() }));
  }

  reopen() {
    this.state.finished = false;
    this.hideFinish();
    this.save();
    this.renderItem();
    this.ui.heading.focus();
    this.keepAwake();
  }

  summary() { return machine.summary(this.items, this.state); }

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
      this.gesture();
      this.spaceAction();
    } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      e.preventDefault();
      this.gesture();
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

  // ------------------------------------------------------- bookkeeping

  changed(syncForm) {
    if (syncForm) this.syncItem(this.state.pos);
    this.update();
    this.save();
    this.root.dispatchEvent(new CustomEvent("spinewise:change", { bubbles: true, detail: this.summary() }));
  }

  save() {
    this.lastSave = performance.now();
    this.state.updatedAt = nextStamp(this.state.updatedAt, Date.now());
    save(this.key, this.state);
    this.drafts.push(this.state);
  }

  /** The server's draft arrived: resume from it when it is newer than this device's copy. */
  resumeFrom(remote) {
    const choice = reconcile(this.state, remote);
    if (choice.push) this.drafts.push(this.state);
    if (choice.use !== "remote") return;
    this.state = restoreState(remote, this.items);
    save(this.key, this.state);
    if (!this.ui || !this.ui.card) return; // not drawn yet: start() draws this state
    this.items.forEach((item, i) => {
      this.syncItem(i);
      const st = this.state.items[i];
      if (st.stopped && st.reason === "sharp_pain") this.tickSharpPain(item.index);
    });
    this.ticker.restart();
    this.renderItem();
    if (this.state.finished) this.showFinish(false); else this.hideFinish();
    const d = this.ui.dialog;
    if (this.state.paused) this.showPause();
    else if (d.open) { if (typeof d.close === "function") d.close(); else d.removeAttribute("open"); }
    this.announce("Resumed where you left off: exercise " + (this.state.pos + 1) + " of " + this.items.length + ".");
  }

  announce(message) {
    const live = this.ui.live;
    live.textContent = "";
    window.setTimeout(() => { live.textContent = message; }, 50);
  }

  /** Cue `kind` of the state machine: a vibration where supported, a flash, a tone and words. */
  cue(kind) {
    this.audio.cue(kind, machine.cueDetail(this.item(), this.cur()));
    if (navigator.vibrate) { try { navigator.vibrate(150); } catch { /* not allowed */ } }
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
    // the screen stays on for the whole running session; harmless where unsupported
    if (this.state.paused || this.state.finished) return;
    this.awake.hold();
  }

  releaseWake() {
    this.awake.release();
  }

  /** The sound or voice switch was tapped: flip it, and let the person hear it is on. */
  toggleAudio(name) {
    const on = this.audio.toggle(name);
    if (on && name === "sound") this.audio.tone("go");
    if (on && name === "voice") this.audio.speak("Voice on.");
    this.updateAudio();
  }
}
