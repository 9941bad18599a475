// The data island checked and filled in, and saved progress matched back onto the plan.
import assert from "node:assert/strict";
import { test } from "node:test";

import { freshState, normaliseItem, parseSession, restoreState, signature } from "../../src/spinewise/training/static/spinewise/player/session.js";

const plan = {
  title: "Session 3",
  items: [
    { index: 4, exercise_id: "bird-dog", name: "Bird dog", tracking: "reps", reps: 8, sets: 3, rest_seconds: 30 },
    { index: 5, exercise_id: "side-plank", name: "Side plank", tracking: "hold", hold_seconds: 20, sets: 2, per_side: true },
  ],
};

function copy(value) {
  return JSON.parse(JSON.stringify(value));
}

test("an item's dose is read from the field its tracking names", () => {
  const { title, items } = parseSession(plan);
  assert.equal(title, "Session 3");
  assert.deepEqual(items.map((i) => [i.index, i.tracking, i.sets, i.amount, i.per_side]), [[4, "reps", 3, 8, false], [5, "hold", 2, 20, true]]);
  assert.equal(normaliseItem({ tracking: "breaths", breaths: 6, seconds_per_rep: 7 }, 0).amount, 6);
});

test("missing or odd values get safe defaults", () => {
  const item = normaliseItem({ tracking: "jumping", sets: 0, reps: "x", per_side: "yes", rest_seconds: -5, band_level: "  " }, 2);
  assert.equal(item.tracking, "reps");
  assert.equal(item.index, 2);
  assert.equal(item.name, "Exercise 3");
  assert.equal(item.sets, 1);
  assert.equal(item.amount, 1);
  assert.equal(item.per_side, false); // only a real true counts
  assert.equal(item.rest_seconds, 0);
  assert.equal(item.band_level, null);
  assert.equal(item.seconds_per_rep, 5);
  assert.deepEqual(item.steps, []);
});

test("a session without exercises is refused in plain words", () => {
  assert.throws(() => parseSession({ items: [] }), /no exercises/);
  assert.throws(() => parseSession(null), /no exercises/);
});

test("saved progress resumes at the same exercise and sets", () => {
  const { items } = parseSession(plan);
  const saved = { ...freshState(items), pos: 1, paused: true };
  saved.items[0].sets = [8, 8];
  saved.items[0].touched = true;
  saved.items[1] = { ...saved.items[1], sets: [20], phase: "work", running: true, elapsed: 9000 };
  const state = restoreState(copy(saved), items);
  assert.equal(state.pos, 1);
  assert.equal(state.paused, true);
  assert.deepEqual(state.items[0].sets, [8, 8]);
  assert.equal(state.items[0].touched, true);
  assert.deepEqual(state.items[1].sets, [20]);
  // an interrupted hold starts its set again and waits for Start: the person has let go
  assert.equal(state.items[1].elapsed, 0);
  assert.equal(state.items[1].running, false);
  assert.equal(state.items[1].phase, "work");
});

test("the reps counted so far and a per-side set's first side are kept", () => {
  const { items } = parseSession(plan);
  const saved = freshState(items);
  saved.items[0] = { ...saved.items[0], sets: [8], count: 5 };
  saved.items[1] = { ...saved.items[1], side: 1, sideAmounts: [20], running: true, elapsed: -4000 };
  const state = restoreState(copy(saved), items);
  assert.equal(state.items[0].count, 5);
  assert.equal(state.items[0].touched, true); // a set done is progress, flag or not
  assert.equal(state.items[1].side, 1);
  assert.deepEqual(state.items[1].sideAmounts, [20]);
  assert.equal(state.items[1].elapsed, 0); // the second side's hold starts again
  assert.equal(state.items[1].running, false);
});

test("a stop, its reason, the pause, the finish and the save time come back", () => {
  const { items } = parseSession(plan);
  const saved = { ...freshState(items), paused: true, finished: true, updatedAt: 1765000000000 };
  saved.items[0] = { ...saved.items[0], sets: [8], stopped: true, reason: "sharp_pain", touched: true };
  const state = restoreState(copy(saved), items);
  assert.equal(state.items[0].stopped, true);
  assert.equal(state.items[0].reason, "sharp_pain");
  assert.equal(state.paused && state.finished, true);
  assert.equal(state.updatedAt, 1765000000000);
  assert.equal(restoreState({ ...copy(saved), updatedAt: "soon" }, items).updatedAt, undefined);
});

test("a damaged record is cleaned, field by field", () => {
  const { items } = parseSession(plan);
  const saved = { ...freshState(items), pos: "x", paused: "yes" };
  saved.items[0] = { sets: "8,8", phase: "jumping", count: 999, stopped: 1, restLeft: "x", extra: "kept?" };
  saved.items[1] = "not an item";
  const state = restoreState(copy(saved), items);
  assert.equal(state.pos, 0);
  assert.equal(state.paused, false);
  assert.deepEqual(state.items[0].sets, []);
  assert.equal(state.items[0].phase, "work");
  assert.equal(state.items[0].count, 24); // at most three times the planned reps
  assert.equal(state.items[0].stopped, false);
  assert.equal("extra" in state.items[0], false);
  assert.deepEqual(state.items[1], freshState(items).items[1]);
  // a stop without a known reason is a stop for another reason
  saved.items[0] = { sets: [], stopped: true, reason: "bored" };
  assert.equal(restoreState(copy(saved), items).items[0].reason, "other");
});

test("a rest without time left, or before any set, is over", () => {
  const { items } = parseSession(plan);
  const saved = freshState(items);
  saved.items[0] = { ...saved.items[0], sets: [8], phase: "rest", restLeft: 0, running: true };
  assert.equal(restoreState(copy(saved), items).items[0].phase, "work");
  saved.items[0] = { ...saved.items[0], sets: [], phase: "rest", restLeft: 5000 };
  assert.equal(restoreState(copy(saved), items).items[0].phase, "work");
  // and never longer than the planned rest
  saved.items[0] = { ...saved.items[0], sets: [8], phase: "rest", restLeft: 999999 };
  assert.equal(restoreState(copy(saved), items).items[0].restLeft, 30000);
});

test("a rest saved mid-way carries on running after a reload", () => {
  const { items } = parseSession(plan);
  const saved = freshState(items);
  saved.items[0] = { ...saved.items[0], sets: [8], phase: "rest", restLeft: 12000, running: false };
  const state = restoreState(copy(saved), items);
  assert.equal(state.items[0].running, true);
  assert.equal(state.items[0].restLeft, 12000);
});

test("saved sets are cleaned: whole numbers, at most the planned sets, then done", () => {
  const { items } = parseSession(plan);
  const saved = { ...freshState(items), pos: 99 };
  saved.items[0].sets = [8, "7", "x", 8];
  const state = restoreState(copy(saved), items);
  assert.deepEqual(state.items[0].sets, [8, 7, 0]);
  assert.equal(state.items[0].phase, "done");
  assert.equal(state.pos, 1); // clamped to the last exercise
});

test("progress saved for another plan or format starts afresh", () => {
  const { items } = parseSession(plan);
  const other = parseSession({ items: [plan.items[0], { ...plan.items[1], sets: 3 }] }).items;
  assert.notEqual(signature(items), signature(other));
  const saved = freshState(other);
  saved.items[0].sets = [8];
  assert.deepEqual(restoreState(copy(saved), items).items[0].sets, []);
  assert.deepEqual(restoreState({ ...copy(freshState(items)), v: 2, pos: 1 }, items).pos, 0);
  assert.deepEqual(restoreState(null, items), freshState(items));
});
