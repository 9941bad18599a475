/*
 * The player's state machine: what one exercise's state becomes after a tap, a tick of
 * the clock or a stop. Pure: no DOM, no window, no timers. Time comes in as numbers
 * (milliseconds of exercise time, already scaled by the player's speed).
 *
 * Each step changes `st` (one item's state, see freshItemState) in place and returns
 * what the person should hear and see: { cue, say, sync }, or null when the tap changed
 * nothing. `cue` names the moment that gets a tone, a vibration and a flash ("" for none):
 *   hold_start    a hold's get-ready (or swap-sides) lead is over: hold now
 *   hold_end      the first side of a per-side hold is over: swap sides
 *   side_end      the first side of per-side reps or breaths is done: swap sides
 *   count_done    the rep counter reached the planned reps
 *   set_end       a set is recorded and more follow (a rest, when st.phase is "rest")
 *   exercise_end  the last set is recorded
 *   rest_end      a rest ran out on the clock (a skipped rest gives no cue)
 * `say` is a sentence for the screen reader; `sync` that the log form's fields change.
 * cueDetail(item, st) gives the numbers a spoken cue needs, read after the step.
 */

import { breathsTaken, HOLD_LEAD_MS, secondsHeld, secondsLeft, SWITCH_LEAD_MS } from "./timers.js";

export function plural(n, one, many) {
  return n + " " + (n === 1 ? one : many);
}

export function freshItemState() {
  return {
    sets: [], stopped: false, reason: "", touched: false, phase: "work",
    side: 0, sideAmounts: [], count: 0, elapsed: 0, running: false, restLeft: 0,
  };
}

function effect(say, cue, sync) {
  return { say: say || "", cue: cue || "", sync: sync !== false };
}

/** What a spoken cue says of the step just taken: the set recorded last, the rest ahead. */
export function cueDetail(item, st) {
  const set = st.sets.length;
  return {
    name: item.name, tracking: item.tracking, target: item.amount, sets: item.sets,
    set: set, amount: set > 0 ? st.sets[set - 1] : 0, next: Math.min(set + 1, item.sets),
    rest: st.phase === "rest" ? item.rest_seconds : 0,
  };
}

export function resetSet(st) {
  st.side = 0;
  st.sideAmounts = [];
  st.count = 0;
  st.elapsed = 0;
  st.running = false;
}

/** Count a rep up (+1) or down (-1); at most three times the planned reps. */
export function countBy(item, st, step) {
  if (st.phase !== "work" || st.stopped) return null;
  st.count = Math.min(Math.max(0, st.count + step), item.amount * 3);
  if (step > 0 && st.count === item.amount) {
    return effect(item.amount + " of " + item.amount + ". Tap Set done when you are ready.", "count_done", false);
  }
  return effect("", false, false);
}

/** "Set done" on a reps exercise: what was counted, or the planned reps when none was. */
export function repsSetDone(item, st) {
  return finishSide(item, st, st.count === 0 ? item.amount : st.count);
}

/** Start or pause a hold or a breathing pacer; a new hold starts with time to get ready. */
export function toggleTimer(item, st) {
  if (st.phase !== "work" || st.stopped) return null;
  let say = "";
  if (!st.running && st.elapsed === 0 && item.tracking === "hold") {
    st.elapsed = -HOLD_LEAD_MS;
    say = "Get ready. Hold for " + item.amount + " seconds.";
  } else if (!st.running && st.elapsed === 0) {
    say = "Breathe with the circle: " + plural(item.amount, "breath", "breaths") + ".";
  }
  st.running = !st.running;
  return effect(say, false, true);
}

/** End a hold or pacer early: the whole seconds held (or breaths taken) count. */
export function endEarly(item, st) {
  const done = item.tracking === "hold" ? secondsHeld(st.elapsed) : breathsTaken(st.elapsed, item.seconds_per_rep);
  st.running = false;
  return finishSide(item, st, done);
}

/** One side (or the whole set) done with `amount`; a per-side set records the lower side. */
export function finishSide(item, st, amount) {
  st.touched = true;
  if (item.per_side && st.side === 0) {
    st.sideAmounts = [amount];
    st.side = 1;
    st.count = 0;
    st.running = item.tracking === "hold";
    st.elapsed = st.running ? -SWITCH_LEAD_MS : 0;
    return effect("First side done. Now the other side.", item.tracking === "hold" ? "hold_end" : "side_end", true);
  }
  return completeSet(item, st, item.per_side ? Math.min(st.sideAmounts[0], amount) : amount, true);
}

/** Record a set of `amount`; then rest (when `rest` and the item has one), or go on. */
export function completeSet(item, st, amount, rest) {
  st.sets.push(amount);
  st.touched = true;
  resetSet(st);
  const n = st.sets.length;
  if (n >= item.sets) {
    st.phase = "done";
    return effect("Set " + n + " done. All sets of " + item.name + " done.", "exercise_end", true);
  }
  let say = "Set " + n + " done.";
  if (rest && item.rest_seconds > 0) {
    st.phase = "rest";
    st.restLeft = item.rest_seconds * 1000;
    st.running = true;
    say += " Rest for " + item.rest_seconds + " seconds.";
  } else {
    st.phase = "work";
  }
  return effect(say, "set_end", true);
}

/** The rest is over (`timedOut`) or skipped. */
export function endRest(item, st, timedOut) {
  st.phase = "work";
  st.running = false;
  st.restLeft = 0;
  return effect("Rest over. Set " + (st.sets.length + 1) + " of " + item.sets + ".", timedOut ? "rest_end" : "", true);
}

/** Tick or untick set `i` by hand: ticking the next set completes it at the planned dose. */
export function tickSet(item, st, i, checked) {
  if (checked) {
    if (i === st.sets.length) return completeSet(item, st, item.amount, true);
    while (st.sets.length <= i) st.sets.push(item.amount);
  } else {
    st.sets.length = Math.min(st.sets.length, i);
  }
  resetSet(st);
  st.touched = true;
  st.phase = st.sets.length >= item.sets ? "done" : "work";
  return effect("", false, true);
}

/** Stop this exercise for `reason` ("sharp_pain" or "other"). */
export function stop(st, reason) {
  st.stopped = true;
  st.reason = reason;
  st.touched = true;
  st.running = false;
  if (st.phase === "rest") st.phase = "work";
  return effect("Exercise stopped and noted.", false, true);
}

export function undoStop(st) {
  st.stopped = false;
  st.reason = "";
  return effect("", false, true);
}

/**
 * Moving to another exercise (or finishing) pauses this one's clock and ends its rest. A
 * set counted up to the planned reps but not yet confirmed with "Set done" is recorded, as
 * the person did it (on a per-side item only once the second side is counted); a shorter
 * count is kept for when they come back. Returns the step's effect when a set was
 * recorded (with no cue: the person is moving on), else null.
 */
export function leaveItem(item, st) {
  let result = null;
  const counted = st.phase === "work" && !st.stopped && item.tracking === "reps" && st.count >= item.amount;
  if (counted && (!item.per_side || st.side === 1)) {
    result = finishSide(item, st, st.count);
    result.cue = "";
  }
  st.running = false;
  if (st.phase === "rest") st.phase = "work";
  return result;
}

/**
 * `dt` milliseconds of exercise time pass. Returns the step's effect, or null when only
 * the clock moved (the view then just redraws the time).
 */
export function advance(item, st, dt) {
  if (!st.running || st.stopped) return null;
  if (st.phase === "rest") {
    st.restLeft -= dt;
    return st.restLeft <= 0 ? endRest(item, st, true) : null;
  }
  if (st.phase !== "work" || item.tracking === "reps") return null;
  const before = st.elapsed;
  st.elapsed += dt;
  if (item.tracking === "hold") {
    if (st.elapsed >= item.amount * 1000) return finishSide(item, st, item.amount);
    // both may fall in one fast tick; the countdown, said last, is what is heard
    const starts = before < 0 && st.elapsed >= 0;
    let say = starts ? "Hold now." : "";
    const left = secondsLeft(st.elapsed, item.amount);
    if (st.elapsed > 0 && left < item.amount && left !== secondsLeft(before, item.amount) && left % 10 === 0) {
      say = left + " seconds left";
    }
    return say ? effect(say, starts ? "hold_start" : "", false) : null;
  }
  if (breathsTaken(st.elapsed, item.seconds_per_rep) >= item.amount) {
    return finishSide(item, st, item.amount);
  }
  return null;
}

/** What the player reports in its events: per item, the sets done and their amounts. */
export function summary(items, state) {
  return {
    items: items.map((item, i) => {
      const st = state.items[i];
      return { index: item.index, sets_done: st.sets.length, done: st.sets.slice(), stopped: st.stopped };
    }),
  };
}
