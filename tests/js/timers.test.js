// The player's clock with a hand-driven fake, and the arithmetic of holds and breaths.
import assert from "node:assert/strict";
import { test } from "node:test";

import { breathPhase, breathsTaken, clockText, INHALE_SHARE, secondsHeld, secondsLeft, speedFactor, Ticker, TICK_MS } from "../../src/spinewise/training/static/spinewise/player/timers.js";

function fakeClock() {
  const clock = { t: 1000, timers: new Map(), next: 1 };
  clock.now = () => clock.t;
  clock.every = (fn, ms) => { clock.timers.set(clock.next, { fn, ms }); return clock.next++; };
  clock.cancel = (id) => clock.timers.delete(id);
  clock.pass = (ms) => { clock.t += ms; for (const { fn } of clock.timers.values()) fn(); };
  return clock;
}

test("each tick passes the wall time since the last, times the speed", () => {
  const clock = fakeClock();
  let speed = 1;
  const ticks = [];
  const ticker = new Ticker({ ...clock, speed: () => speed });
  ticker.start((dt, now) => ticks.push([dt, now]));
  assert.deepEqual([...clock.timers.values()].map((t) => t.ms), [TICK_MS]);
  clock.pass(100);
  speed = 40; // read at every tick, as window.SPINEWISE_PLAYER_SPEED is
  clock.pass(100);
  assert.deepEqual(ticks, [[100, 1100], [4000, 1200]]);
});

test("restart forgets the time since the last tick; stop ends the ticks", () => {
  const clock = fakeClock();
  const dts = [];
  const ticker = new Ticker(clock);
  ticker.start((dt) => dts.push(dt));
  clock.t += 60000; // a minute in the pause dialog
  ticker.restart();
  clock.pass(100);
  ticker.stop();
  clock.pass(100);
  assert.deepEqual(dts, [100]);
  assert.equal(clock.timers.size, 0);
});

test("the speed hook accepts only a positive number", () => {
  assert.equal(speedFactor(40), 40);
  assert.equal(speedFactor("2.5"), 2.5);
  for (const bad of [undefined, null, 0, -3, "fast", NaN, Infinity]) assert.equal(speedFactor(bad), 1);
});

test("a breath is an in-breath for the first share of it, then a longer out-breath", () => {
  assert.equal(INHALE_SHARE, 0.4);
  assert.deepEqual(breathPhase(0, 5), { breaths: 0, within: 0, inhaling: true });
  assert.equal(breathPhase(1999, 5).inhaling, true);
  assert.equal(breathPhase(2000, 5).inhaling, false);
  assert.deepEqual(breathPhase(12500, 5), { breaths: 2, within: 0.5, inhaling: false });
  assert.equal(breathsTaken(-100, 5), 0);
});

test("hold seconds: whole seconds held, countdown rounded up", () => {
  assert.equal(secondsHeld(-2500), 0);
  assert.equal(secondsHeld(7999), 7);
  assert.equal(secondsLeft(0, 30), 30);
  assert.equal(secondsLeft(10001, 30), 20);
  assert.equal(secondsLeft(-3000, 30), 33);
});

test("the countdown reads in seconds, minutes past a minute", () => {
  assert.equal(clockText(9.2), "10");
  assert.equal(clockText(60), "1:00");
  assert.equal(clockText(65), "1:05");
  assert.equal(clockText(-3), "0");
});
