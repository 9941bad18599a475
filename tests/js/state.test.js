// The session player's state machine, without a browser: what a tap, the clock or a stop
// does to one exercise, and what the player then reports. Run: node --test tests/js/
import assert from "node:assert/strict";
import { test } from "node:test";

import * as machine from "../../src/spinewise/training/static/spinewise/player/state.js";
import { HOLD_LEAD_MS, SWITCH_LEAD_MS } from "../../src/spinewise/training/static/spinewise/player/timers.js";

const reps = { index: 0, name: "Bird dog", tracking: "reps", sets: 2, amount: 6, rest_seconds: 30, per_side: false, seconds_per_rep: 5 };
const hold = { index: 1, name: "Side plank", tracking: "hold", sets: 2, amount: 20, rest_seconds: 0, per_side: true, seconds_per_rep: 5 };
const breaths = { index: 2, name: "Belly breathing", tracking: "breaths", sets: 1, amount: 5, rest_seconds: 0, per_side: false, seconds_per_rep: 6 };

function fresh() {
  return machine.freshItemState();
}

test("counting reps cues at the planned number and records the count as one set", () => {
  const st = fresh();
  let said = null;
  for (let i = 0; i < 6; i++) said = machine.countBy(reps, st, 1);
  assert.equal(st.count, 6);
  assert.equal(said.cue, "count_done");
  assert.match(said.say, /6 of 6/);
  const done = machine.repsSetDone(reps, st);
  assert.deepEqual(st.sets, [6]);
  assert.equal(st.phase, "rest");
  assert.equal(st.restLeft, 30000);
  assert.equal(done.sync, true);
});

test("set done without counting records the planned reps", () => {
  const st = fresh();
  machine.repsSetDone(reps, st);
  assert.deepEqual(st.sets, [6]);
});

test("the count never goes below zero or above three times the plan", () => {
  const st = fresh();
  machine.countBy(reps, st, -1);
  assert.equal(st.count, 0);
  for (let i = 0; i < 40; i++) machine.countBy(reps, st, 1);
  assert.equal(st.count, 18);
});

test("a rest runs out on the clock and the next set starts", () => {
  const st = fresh();
  machine.repsSetDone(reps, st);
  assert.equal(machine.advance(reps, st, 29000), null);
  const over = machine.advance(reps, st, 1500);
  assert.equal(st.phase, "work");
  assert.equal(over.cue, "rest_end");
  assert.match(over.say, /Set 2 of 2/);
});

test("the last set ends the exercise without a rest", () => {
  const st = fresh();
  machine.repsSetDone(reps, st);
  machine.endRest(reps, st, false);
  machine.repsSetDone(reps, st);
  assert.equal(st.phase, "done");
  assert.deepEqual(st.sets, [6, 6]);
});

test("a hold starts with time to get ready, then counts down to a finished side", () => {
  const st = fresh();
  machine.toggleTimer(hold, st);
  assert.equal(st.running, true);
  assert.equal(st.elapsed, -HOLD_LEAD_MS);
  assert.equal(machine.advance(hold, st, HOLD_LEAD_MS).say, "Hold now.");
  const side = machine.advance(hold, st, 20000);
  assert.match(side.say, /other side/);
  assert.equal(st.side, 1);
  assert.equal(st.elapsed, -SWITCH_LEAD_MS);
});

test("a per-side set records the lower of the two sides", () => {
  const st = fresh();
  machine.toggleTimer(hold, st);
  machine.advance(hold, st, HOLD_LEAD_MS + 20000); // first side: the full 20 s
  machine.advance(hold, st, SWITCH_LEAD_MS + 12400);
  machine.endEarly(hold, st); // second side: 12 whole seconds
  assert.deepEqual(st.sets, [12]);
  assert.equal(st.phase, "work");
});

test("breaths count on the pacer and end the set at the planned number", () => {
  const st = fresh();
  const start = machine.toggleTimer(breaths, st);
  assert.match(start.say, /5 breaths/);
  const done = machine.advance(breaths, st, 5 * 6000);
  assert.deepEqual(st.sets, [5]);
  assert.equal(st.phase, "done");
  assert.equal(done.cue, "exercise_end");
});

test("stopping for sharp pain stops the clock and is noted; undo carries on", () => {
  const st = fresh();
  machine.toggleTimer(hold, st);
  machine.stop(st, "sharp_pain");
  assert.equal(st.stopped, true);
  assert.equal(st.reason, "sharp_pain");
  assert.equal(st.running, false);
  assert.equal(machine.advance(hold, st, 5000), null);
  assert.equal(machine.countBy(reps, st, 1), null);
  machine.undoStop(st);
  assert.equal(st.stopped, false);
  assert.equal(st.reason, "");
});

test("stopping during a rest ends the rest; another reason is kept as given", () => {
  const st = fresh();
  machine.repsSetDone(reps, st);
  machine.stop(st, "other");
  assert.equal(st.phase, "work");
  assert.equal(st.reason, "other");
});

test("ticking sets by hand fills in the planned dose; unticking removes them", () => {
  const st = fresh();
  machine.tickSet(reps, st, 1, true);
  assert.deepEqual(st.sets, [6, 6]);
  assert.equal(st.phase, "done");
  machine.tickSet(reps, st, 0, false);
  assert.deepEqual(st.sets, []);
  assert.equal(st.phase, "work");
});

test("leaving an exercise pauses its clock and ends its rest", () => {
  const st = fresh();
  machine.repsSetDone(reps, st);
  assert.equal(machine.leaveItem(reps, st), null);
  assert.equal(st.running, false);
  assert.equal(st.phase, "work");
});

test("the summary reports the sets done per item, as the finish event sends it", () => {
  const items = [reps, hold];
  const state = { items: [fresh(), fresh()] };
  machine.repsSetDone(reps, state.items[0]);
  machine.stop(state.items[1], "sharp_pain");
  assert.deepEqual(machine.summary(items, state), {
    items: [
      { index: 0, sets_done: 1, done: [6], stopped: false },
      { index: 1, sets_done: 0, done: [], stopped: true },
    ],
  });
});

test("a reps exercise runs set by set, resting between sets but not after the last", () => {
  const item = { ...reps, sets: 3 };
  const st = fresh();
  const phases = [];
  for (const count of [6, 5, 7]) {
    for (let i = 0; i < count; i++) machine.countBy(item, st, 1);
    machine.repsSetDone(item, st);
    phases.push(st.phase);
    if (st.phase === "rest") machine.advance(item, st, item.rest_seconds * 1000);
  }
  assert.deepEqual(st.sets, [6, 5, 7]);
  assert.deepEqual(phases, ["rest", "rest", "done"]);
  assert.equal(st.count, 0);
  assert.equal(machine.countBy(item, st, 1), null); // nothing left to count
});

test("per-side reps record the lower side, whichever side it was", () => {
  const item = { ...reps, per_side: true, rest_seconds: 0 };
  const st = fresh();
  for (const [first, second] of [[6, 4], [3, 6]]) {
    for (let i = 0; i < first; i++) machine.countBy(item, st, 1);
    const swap = machine.repsSetDone(item, st);
    assert.equal(st.side, 1);
    assert.equal(st.count, 0);
    assert.equal(swap.cue, "side_end");
    for (let i = 0; i < second; i++) machine.countBy(item, st, 1);
    machine.repsSetDone(item, st);
    assert.equal(st.side, 0);
  }
  assert.deepEqual(st.sets, [4, 3]);
  assert.equal(st.phase, "done");
});

test("the second side of a hold starts by itself after time to swap sides", () => {
  const st = fresh();
  machine.toggleTimer(hold, st);
  machine.advance(hold, st, HOLD_LEAD_MS + hold.amount * 1000);
  assert.equal(st.running, true);
  assert.equal(st.elapsed, -SWITCH_LEAD_MS);
  assert.deepEqual(st.sets, []);
  machine.advance(hold, st, SWITCH_LEAD_MS + hold.amount * 1000);
  assert.deepEqual(st.sets, [20]);
  assert.equal(st.side, 0);
  assert.equal(st.running, false); // the next set waits for Start
});

test("a hold counts down aloud every ten seconds, not at its start", () => {
  const item = { ...hold, amount: 30, per_side: false, sets: 1 };
  const st = fresh();
  machine.toggleTimer(item, st);
  const said = [];
  for (let t = 0; t < HOLD_LEAD_MS + 29000; t += 1000) {
    const step = machine.advance(item, st, 1000);
    if (step) said.push(step.say);
  }
  assert.deepEqual(said, ["Hold now.", "20 seconds left", "10 seconds left"]);
  assert.equal(machine.advance(item, st, 1000).say, "Set 1 done. All sets of Side plank done.");
  assert.deepEqual(st.sets, [30]);
});

test("one fast tick past the start of a hold says the countdown, the later message", () => {
  const item = { ...hold, amount: 30, per_side: false };
  const st = fresh();
  machine.toggleTimer(item, st);
  assert.equal(machine.advance(item, st, HOLD_LEAD_MS + 10500).say, "20 seconds left");
});

test("pausing a hold keeps its time; the clock does not move while paused", () => {
  const st = fresh();
  machine.toggleTimer(hold, st);
  machine.advance(hold, st, HOLD_LEAD_MS + 4000);
  const pause = machine.toggleTimer(hold, st);
  assert.equal(st.running, false);
  assert.equal(pause.say, "");
  assert.equal(machine.advance(hold, st, 60000), null);
  assert.equal(st.elapsed, 4000);
  machine.toggleTimer(hold, st); // resume: no new get-ready lead
  assert.equal(st.elapsed, 4000);
  assert.equal(st.running, true);
});

test("ending early counts whole seconds held, none during the get-ready lead", () => {
  const item = { ...hold, per_side: false };
  const st = fresh();
  machine.toggleTimer(item, st);
  machine.advance(item, st, 1000);
  machine.endEarly(item, st);
  assert.deepEqual(st.sets, [0]);
  machine.toggleTimer(item, st);
  machine.advance(item, st, HOLD_LEAD_MS + 7900);
  machine.endEarly(item, st);
  assert.deepEqual(st.sets, [0, 7]);
});

test("ending a breathing set early counts the whole breaths taken", () => {
  const st = fresh();
  machine.toggleTimer(breaths, st);
  machine.advance(breaths, st, 13000);
  machine.endEarly(breaths, st);
  assert.deepEqual(st.sets, [2]);
});

test("a skipped rest gives no cue; a rest that runs out does", () => {
  const a = fresh();
  machine.repsSetDone(reps, a);
  assert.equal(machine.endRest(reps, a, false).cue, "");
  const b = fresh();
  machine.repsSetDone(reps, b);
  assert.equal(machine.advance(reps, b, 30000).cue, "rest_end");
});

test("a stopped exercise takes no taps; its sets so far are kept", () => {
  const st = fresh();
  machine.repsSetDone(reps, st);
  machine.endRest(reps, st, false);
  machine.stop(st, "other");
  assert.equal(machine.countBy(reps, st, 1), null);
  assert.equal(machine.toggleTimer(hold, st), null);
  assert.deepEqual(st.sets, [6]);
});

test("sharp pain and another reason are both stops, told apart by the reason", () => {
  const items = [reps, breaths];
  const state = { items: [fresh(), fresh()] };
  machine.stop(state.items[0], "sharp_pain");
  machine.stop(state.items[1], "other");
  assert.deepEqual(state.items.map((st) => [st.stopped, st.reason]), [[true, "sharp_pain"], [true, "other"]]);
  assert.deepEqual(machine.summary(items, state).items.map((i) => i.stopped), [true, true]);
});

test("ticking the next set by hand completes it like the counter, rest included", () => {
  const st = fresh();
  const step = machine.tickSet(reps, st, 0, true);
  assert.deepEqual(st.sets, [6]);
  assert.equal(st.phase, "rest");
  assert.equal(step.cue, "set_end");
});

test("the summary's done list is a copy, not the live state", () => {
  const state = { items: [fresh()] };
  machine.repsSetDone(reps, state.items[0]);
  const sent = machine.summary([reps], state);
  sent.items[0].done.push(99);
  assert.deepEqual(state.items[0].sets, [6]);
});

test("each moment of a hold has its own cue: hold now, swap sides, set done, exercise done", () => {
  const item = { ...hold, sets: 2, rest_seconds: 10 };
  const st = fresh();
  const cues = [];
  const note = (step) => { if (step && step.cue) cues.push(step.cue); };
  note(machine.toggleTimer(item, st)); // a tap: no cue
  for (let set = 0; set < 2; set++) {
    if (set > 0) note(machine.toggleTimer(item, st));
    for (let t = 0; t < HOLD_LEAD_MS + SWITCH_LEAD_MS + 2 * item.amount * 1000 && st.phase === "work"; t += 500) {
      note(machine.advance(item, st, 500));
    }
    for (let t = 0; st.phase === "rest"; t += 500) note(machine.advance(item, st, 500));
  }
  assert.deepEqual(cues, [
    "hold_start", "hold_end", "hold_start", "set_end", "rest_end",
    "hold_start", "hold_end", "hold_start", "exercise_end",
  ]);
  assert.deepEqual(st.sets, [20, 20]);
});

test("a fast tick past the start of a hold still cues the start under the countdown", () => {
  const item = { ...hold, amount: 30, per_side: false };
  const st = fresh();
  machine.toggleTimer(item, st);
  const step = machine.advance(item, st, HOLD_LEAD_MS + 10500);
  assert.equal(step.cue, "hold_start");
  assert.equal(machine.advance(item, st, 1000), null); // later ticks: no cue
});

test("breaths and per-side reps cue the first side and the set", () => {
  const item = { ...breaths, per_side: true, sets: 2 };
  const st = fresh();
  machine.toggleTimer(item, st);
  assert.equal(machine.advance(item, st, 5 * 6000).cue, "side_end");
  machine.toggleTimer(item, st);
  assert.equal(machine.advance(item, st, 5 * 6000).cue, "set_end");
});

test("the cue detail gives the set just recorded, its amount and the rest ahead", () => {
  const item = { ...reps, sets: 3 };
  const st = fresh();
  for (let i = 0; i < 7; i++) machine.countBy(item, st, 1);
  machine.repsSetDone(item, st);
  assert.deepEqual(machine.cueDetail(item, st), {
    name: "Bird dog", tracking: "reps", target: 6, sets: 3, set: 1, amount: 7, next: 2, rest: 30,
  });
  machine.endRest(item, st, true);
  assert.equal(machine.cueDetail(item, st).rest, 0);
  assert.equal(machine.cueDetail(item, st).next, 2);
  assert.deepEqual(machine.cueDetail(item, fresh()).amount, 0);
});

test("moving on after counting all the reps records the set, as Set done would", () => {
  const st = fresh();
  for (let i = 0; i < 6; i++) machine.countBy(reps, st, 1);
  const left = machine.leaveItem(reps, st);
  assert.deepEqual(st.sets, [6]);
  assert.equal(st.count, 0);
  assert.equal(left.sync, true);
  assert.equal(left.cue, ""); // moving on: no tone for the set left behind
  assert.equal(st.phase, "work"); // no rest waits on an exercise left behind
  assert.equal(st.running, false);
  // counted beyond the plan: the count is what was done
  const more = fresh();
  for (let i = 0; i < 8; i++) machine.countBy(reps, more, 1);
  machine.leaveItem(reps, more);
  assert.deepEqual(more.sets, [8]);
  // the last set: the exercise is done
  const last = fresh();
  machine.repsSetDone(reps, last);
  machine.endRest(reps, last, false);
  for (let i = 0; i < 6; i++) machine.countBy(reps, last, 1);
  machine.leaveItem(reps, last);
  assert.deepEqual(last.sets, [6, 6]);
  assert.equal(last.phase, "done");
});

test("moving on mid-set keeps a shorter count for when the person comes back", () => {
  const st = fresh();
  for (let i = 0; i < 5; i++) machine.countBy(reps, st, 1);
  assert.equal(machine.leaveItem(reps, st), null);
  assert.deepEqual(st.sets, []);
  assert.equal(st.count, 5);
  // a stopped exercise records nothing more
  const stopped = fresh();
  for (let i = 0; i < 6; i++) machine.countBy(reps, stopped, 1);
  machine.stop(stopped, "other");
  assert.equal(machine.leaveItem(reps, stopped), null);
  assert.deepEqual(stopped.sets, []);
});

test("per-side reps are recorded on moving on only once the second side is counted", () => {
  const item = { ...reps, per_side: true };
  const st = fresh();
  for (let i = 0; i < 6; i++) machine.countBy(item, st, 1);
  assert.equal(machine.leaveItem(item, st), null); // the first side alone is not a set
  assert.equal(st.side, 0);
  assert.equal(st.count, 6);
  machine.repsSetDone(item, st);
  for (let i = 0; i < 6; i++) machine.countBy(item, st, 1);
  machine.leaveItem(item, st);
  assert.deepEqual(st.sets, [6]);
  assert.equal(st.side, 0);
});
