/*
 * The session the page hands the player (its JSON data island), checked and filled in
 * with defaults, and the saved progress matched back onto it. Pure: no DOM.
 */

import { freshItemState } from "./state.js";

const TRACKING = ["reps", "hold", "breaths"];

export function wholeNumber(value, fallback, low) {
  const n = Number(value);
  return Number.isFinite(n) && n >= low ? Math.round(n) : fallback;
}

export function text(value) {
  return typeof value === "string" ? value : "";
}

export function normaliseItem(raw, pos) {
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

/** The session from the data island's parsed JSON; throws a plain-words Error when unusable. */
export function parseSession(data) {
  if (!data || !Array.isArray(data.items) || data.items.length === 0) {
    throw new Error("this session has no exercises");
  }
  return { title: text(data.title), items: data.items.map(normaliseItem) };
}

/** Which planned items the saved progress belongs to: a changed plan starts afresh. */
export function signature(items) {
  return items.map((i) => i.index + ":" + i.exercise_id + ":" + i.tracking + ":" + i.sets).join("|");
}

export function freshState(items) {
  return { v: 1, sig: signature(items), pos: 0, paused: false, finished: false, items: items.map(freshItemState) };
}

/** The saved progress (parsed, or null) matched onto `items`, or a fresh start. */
export function restoreState(stored, items) {
  if (!stored || stored.v !== 1 || stored.sig !== signature(items) || !Array.isArray(stored.items)) {
    return freshState(items);
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
