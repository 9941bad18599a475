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

const PHASES = ["work", "rest", "done"];
const REASONS = ["sharp_pain", "other"];

function isRecord(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * The saved progress (parsed, or null; from this device or the server's draft) matched
 * onto `items`, or a fresh start when it belongs to another plan or format. Only known
 * fields are taken, each checked, so a damaged record cannot break the player.
 *
 * What a person coming back (after a reload, a closed tab, a phone call, or on another
 * device) finds:
 *   - the same exercise, its sets done (whole numbers, at most the planned sets; all of
 *     them means done), a stop and its reason, the pause and the finish screen;
 *   - on a reps exercise, the reps counted so far in the current set;
 *   - a rest carries on from the time it had left (time away does not count; Skip ends it);
 *   - an interrupted hold or breathing pacer starts the current set again, waiting for
 *     Start: by then the person has let go of the position, and seconds nobody saw held
 *     must not be logged as held. Sets already done, and on a per-side set its first
 *     side, are kept.
 * `updatedAt` (when the record was saved) is carried over for drafts.js.
 */
export function restoreState(stored, items) {
  if (!isRecord(stored) || stored.v !== 1 || stored.sig !== signature(items) || !Array.isArray(stored.items)) {
    return freshState(items);
  }
  const state = {
    v: 1,
    sig: stored.sig,
    pos: Math.min(wholeNumber(stored.pos, 0, 0), items.length - 1),
    paused: stored.paused === true,
    finished: stored.finished === true,
    items: items.map((item, i) => restoreItem(stored.items[i], item)),
  };
  if (typeof stored.updatedAt === "number" && Number.isFinite(stored.updatedAt)) state.updatedAt = stored.updatedAt;
  return state;
}

function restoreItem(raw, item) {
  const st = freshItemState();
  if (!isRecord(raw)) return st;
  st.sets = Array.isArray(raw.sets) ? raw.sets.slice(0, item.sets).map((n) => wholeNumber(n, 0, 0)) : [];
  st.stopped = raw.stopped === true;
  st.reason = st.stopped ? (REASONS.indexOf(raw.reason) >= 0 ? raw.reason : "other") : "";
  st.touched = raw.touched === true || st.sets.length > 0 || st.stopped;
  st.phase = PHASES.indexOf(raw.phase) >= 0 ? raw.phase : "work";
  if (st.sets.length >= item.sets) st.phase = "done";
  else if (st.phase === "done" || (st.phase === "rest" && (st.stopped || st.sets.length === 0))) st.phase = "work";
  if (st.phase === "rest") {
    st.restLeft = Math.min(Math.max(0, Number(raw.restLeft) || 0), item.rest_seconds * 1000);
    st.running = st.restLeft > 0; // the rest's clock carries on
    if (!st.running) st.phase = "work";
  }
  if (st.phase !== "work") return st;
  if (item.per_side && raw.side === 1 && Array.isArray(raw.sideAmounts) && raw.sideAmounts.length === 1) {
    st.side = 1;
    st.sideAmounts = [wholeNumber(raw.sideAmounts[0], 0, 0)];
  }
  if (item.tracking === "reps") st.count = Math.min(wholeNumber(raw.count, 0, 0), item.amount * 3);
  // a hold or pacer: elapsed 0 and not running (freshItemState), so this set starts again
  return st;
}
