/*
 * The parts of one exercise's card, built fresh for each exercise: the rep counter, the
 * hold ring, the breathing pacer, the rest, done and stopped panels, the set boxes, the
 * stop button and the written guide; and, built once in the header, the sound and voice
 * switches. Each returns its elements so the view can update them; taps call the
 * controller `p` (player.js), which owns every change of state.
 */

import { h, svg } from "./dom.js";

export const RING_RADIUS = 52;
export const RING_LENGTH = 2 * Math.PI * RING_RADIUS;

export function buildWork(p, item) {
  if (item.tracking === "reps") return buildCounter(p);
  return item.tracking === "hold" ? buildHold(p) : buildPacer(p);
}

function buildCounter(p) {
  const count = h("output", { class: "swp-count__n", "aria-live": "polite", "aria-atomic": "true" });
  const minus = h("button", { type: "button", class: "swp-btn swp-count__btn", "aria-label": "One rep fewer", onclick: () => p.countBy(-1) }, "−");
  const plus = h("button", { type: "button", class: "swp-btn swp-count__btn swp-count__btn--plus", "aria-label": "Count one rep", onclick: () => p.countBy(1) }, "+");
  const target = h("p", { class: "swp-count__target" });
  const done = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => p.repsSetDone() });
  const el = h("div", { class: "swp-work swp-count" },
    h("div", { class: "swp-count__row" }, minus, h("div", { class: "swp-count__display" }, count, target), plus), done);
  return { el: el, count: count, target: target, done: done, minus: minus };
}

function buildRing(extraClass) {
  const ring = svg("svg", { viewBox: "0 0 120 120", class: "swp-ring " + extraClass, "aria-hidden": "true", focusable: "false" });
  ring.append(
    svg("circle", { cx: 60, cy: 60, r: RING_RADIUS, class: "swp-ring__track" }),
    svg("circle", { cx: 60, cy: 60, r: RING_RADIUS, class: "swp-ring__fill", "stroke-dasharray": RING_LENGTH.toFixed(2), "stroke-dashoffset": RING_LENGTH.toFixed(2), transform: "rotate(-90 60 60)" }));
  return ring;
}

function buildHold(p) {
  const ring = buildRing("swp-hold__ring");
  const time = h("p", { class: "swp-timer__time", role: "timer", "aria-live": "off" });
  const label = h("p", { class: "swp-timer__label" });
  const toggle = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => p.toggleTimer() });
  const end = h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => p.endEarly() }, "End hold now");
  const el = h("div", { class: "swp-work swp-hold" },
    h("div", { class: "swp-timer" }, ring, h("div", { class: "swp-timer__inner" }, time, label)), toggle, end);
  return { el: el, ring: ring.lastChild, time: time, label: label, toggle: toggle, end: end };
}

function buildPacer(p) {
  const cue = h("p", { class: "swp-pacer__cue" });
  const circle = h("div", { class: "swp-pacer__circle", "aria-hidden": "true" });
  const count = h("p", { class: "swp-pacer__count", "aria-live": "polite" });
  const toggle = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => p.toggleTimer() });
  const end = h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => p.endEarly() }, "End this set now");
  const el = h("div", { class: "swp-work swp-pacer" },
    h("div", { class: "swp-pacer__stage" }, circle, cue), count, toggle, end);
  return { el: el, cue: cue, circle: circle, count: count, toggle: toggle, end: end };
}

export function buildRest(p) {
  const time = h("p", { class: "swp-rest__time", role: "timer", "aria-live": "off" });
  const bar = h("div", { class: "swp-rest__bar" });
  const nextUp = h("p", { class: "swp-rest__next" });
  const skip = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => p.endRest(false) }, "Skip rest");
  const el = h("div", { class: "swp-rest", hidden: true },
    h("p", { class: "swp-rest__label", text: "Rest" }), time,
    h("div", { class: "swp-rest__track", "aria-hidden": "true" }, bar), nextUp, skip);
  return { el: el, time: time, bar: bar, nextUp: nextUp, skip: skip };
}

export function buildDone(p) {
  const msg = h("p", { class: "swp-done__msg" });
  const next = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => p.nextOrFinish() });
  return { el: h("div", { class: "swp-done", hidden: true }, msg, next), msg: msg, next: next };
}

export function buildStopped(p) {
  const msg = h("p", { class: "swp-stopped__msg" });
  const next = h("button", { type: "button", class: "swp-btn swp-btn--primary swp-wide", onclick: () => p.nextOrFinish() });
  const undo = h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => p.undoStop() }, "Undo: I can carry on");
  const el = h("div", { class: "swp-stopped", hidden: true, role: "status" }, msg,
    h("p", { text: "If the pain is severe or does not settle, stop the session and contact your clinician." }), next, undo);
  return { el: el, msg: msg, next: next, undo: undo };
}

export function buildSets(p, item) {
  const boxes = [];
  const list = h("div", { class: "swp-sets__list" });
  for (let i = 0; i < item.sets; i++) {
    const box = h("input", { type: "checkbox", class: "swp-sets__box", onchange: (e) => p.tickSet(i, e.target.checked) });
    boxes.push(box);
    list.append(h("label", { class: "swp-sets__item" }, box, h("span", { text: "Set " + (i + 1) })));
  }
  const el = h("fieldset", { class: "swp-sets" },
    h("legend", { text: "Sets done" }), list,
    h("p", { class: "swp-hint", text: "Tick a set if you did all of it without the " + (item.tracking === "reps" ? "counter." : "timer.") }));
  return { el: el, boxes: boxes };
}

export function buildStop(p) {
  const open = h("button", { type: "button", class: "swp-btn swp-btn--danger swp-wide", "aria-expanded": "false" }, "Stop this exercise");
  const confirm = h("div", { class: "swp-stopask", hidden: true, role: "group", "aria-label": "Why are you stopping?" },
    h("p", { text: "Why are you stopping? We note it so your programme can adjust." }),
    h("button", { type: "button", class: "swp-btn swp-btn--danger swp-wide", onclick: () => p.stop("sharp_pain") }, "Sharp or worrying pain"),
    h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => p.stop("other") }, "Another reason"),
    h("button", { type: "button", class: "swp-btn swp-btn--quiet swp-wide", onclick: () => p.toggleStopAsk(false) }, "Cancel, keep going"));
  open.addEventListener("click", () => p.toggleStopAsk(confirm.hidden));
  return { el: h("div", { class: "swp-stop" }, open, confirm), open: open, confirm: confirm };
}

export function buildGuide(item) {
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

// 24x24 line icons: a speaker with sound waves, a speech bubble; a slash shows "off"
const ICONS = {
  sound: ["M4 9.5h3.5L12 6v12l-4.5-3.5H4z", "M15.5 9.5a3.5 3.5 0 0 1 0 5", "M18 7a7 7 0 0 1 0 10"],
  voice: ["M4.5 5h15v10h-9l-4 3.5V15h-2z", "M8 9h8", "M8 12h5"],
};

function toggleIcon(name) {
  const icon = svg("svg", { viewBox: "0 0 24 24", class: "swp-toggle__icon", "aria-hidden": "true", focusable: "false" });
  for (const d of ICONS[name]) icon.append(svg("path", { d: d }));
  icon.append(svg("path", { d: "M4 4l16 16", class: "swp-toggle__slash" }));
  return icon;
}

/**
 * The sound (tones) and voice (spoken cues) switches: toggle buttons whose aria-pressed
 * the view keeps in step with p.audio; one the browser cannot do is left out.
 */
export function buildAudio(p) {
  const make = (name, label, hint) => h("button", {
    type: "button", class: "swp-btn swp-btn--quiet swp-toggle", "data-audio": name,
    "aria-pressed": "true", title: hint, onclick: () => p.toggleAudio(name),
  }, toggleIcon(name), h("span", { class: "swp-toggle__label", text: label }));
  const sound = make("sound", "Sound", "Tones at the end of each hold, rest and set");
  const voice = make("voice", "Voice", "Spoken cues: the exercise, hold, rest, sets done");
  sound.hidden = !p.audio.canPlay;
  voice.hidden = !p.audio.canSpeak;
  const el = h("div", { class: "swp-audio", role: "group", "aria-label": "Audio cues" }, sound, voice);
  el.hidden = sound.hidden && voice.hidden;
  return { el: el, sound: sound, voice: voice };
}
