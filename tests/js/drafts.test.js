// The server draft: which record a resume uses, the stamps, how often the state is sent,
// and that the network failing changes nothing.
import assert from "node:assert/strict";
import { test } from "node:test";

import { csrfToken, DEBOUNCE_MS, draftBody, DraftSync, MAX_BYTES, nextStamp, reconcile, sendDelay, stampOf } from "../../src/spinewise/training/static/spinewise/player/drafts.js";

const SIG = "0:bird-dog:reps:3";

function record(updatedAt, fields = {}) {
  return { v: 1, sig: SIG, pos: 0, items: [], ...(updatedAt === undefined ? {} : { updatedAt }), ...fields };
}

test("the newer record wins; a tie or no draft keeps the local one", () => {
  assert.deepEqual(reconcile(record(1000), record(2000)), { use: "remote", push: false });
  assert.deepEqual(reconcile(record(2000), record(1000)), { use: "local", push: true });
  assert.deepEqual(reconcile(record(2000), record(2000)), { use: "local", push: false });
  assert.deepEqual(reconcile(record(2000), null), { use: "local", push: true });
  // a fresh start (never saved) with no draft: nothing to send
  assert.deepEqual(reconcile(record(undefined), null), { use: "local", push: false });
  // a fresh start on a new device takes the server's progress
  assert.deepEqual(reconcile(record(undefined), record(5)), { use: "remote", push: false });
});

test("a draft for another plan or format, or no record at all, is never resumed", () => {
  assert.deepEqual(reconcile(record(1000), record(9000, { sig: "other" })), { use: "local", push: true });
  assert.deepEqual(reconcile(record(1000), record(9000, { v: 2 })), { use: "local", push: true });
  assert.deepEqual(reconcile(record(undefined), "not a record"), { use: "local", push: false });
  assert.deepEqual(reconcile(record(undefined), record("soon")), { use: "local", push: false });
});

test("stamps only grow, even when this device's clock is behind the draft it resumed", () => {
  assert.equal(nextStamp(undefined, 5000), 5000);
  assert.equal(nextStamp(1000, 5000), 5000);
  assert.equal(nextStamp(9000, 5000), 9001); // resumed from a device whose clock is ahead
  assert.equal(nextStamp("x", 5000), 5000);
  assert.equal(stampOf(null), 0);
  assert.equal(stampOf({ updatedAt: NaN }), 0);
});

test("a PUT goes at once after a quiet spell, then at most once per DEBOUNCE_MS", () => {
  assert.equal(sendDelay(0, 50000), 0); // never sent yet
  assert.equal(sendDelay(50000, 50000), DEBOUNCE_MS);
  assert.equal(sendDelay(50000, 51000), DEBOUNCE_MS - 1000);
  assert.equal(sendDelay(50000, 50000 + DEBOUNCE_MS + 1), 0);
  assert.equal(sendDelay(50000, 40000), DEBOUNCE_MS); // the clock went back: wait, but not longer
});

test("the CSRF token comes from the csrftoken cookie, else the page", () => {
  assert.equal(csrfToken("sessionid=abc; csrftoken=T0k%3Den; theme=dark"), "T0k=en");
  assert.equal(csrfToken("csrftoken=a=b"), "a=b");
  assert.equal(csrfToken("", "from-page"), "from-page");
  assert.equal(csrfToken(undefined, "from-page"), "from-page");
  assert.equal(csrfToken("xcsrftoken=no", ""), "");
});

test("a state too large for the server is not sent", () => {
  assert.equal(JSON.parse(draftBody(record(1))).state.updatedAt, 1);
  assert.equal(draftBody({ note: "x".repeat(MAX_BYTES) }), null);
  assert.equal(draftBody({ note: "é".repeat(MAX_BYTES / 2) }), null); // bytes, not characters
  const loop = {};
  loop.self = loop;
  assert.equal(draftBody(loop), null);
});

function fakeWorld() {
  const world = { t: 100000, timers: [], calls: [] };
  world.fetch = (url, options = {}) => {
    world.calls.push({ url, ...options, sent: options.body ? JSON.parse(options.body) : undefined });
    return world.answer(url, options);
  };
  world.answer = () => Promise.resolve({ ok: true, json: () => Promise.resolve({ saved: true }) });
  world.options = {
    fetch: world.fetch,
    now: () => world.t,
    later: (fn, ms) => { const timer = { fn, at: world.t + ms }; world.timers.push(timer); return timer; },
    cancel: (timer) => { world.timers = world.timers.filter((x) => x !== timer); },
    token: () => "tok",
  };
  world.advance = (ms) => {
    world.t += ms;
    for (const timer of world.timers.filter((x) => x.at <= world.t)) {
      world.timers = world.timers.filter((x) => x !== timer);
      timer.fn();
    }
  };
  return world;
}

test("changes are sent throttled, the latest state wins, with the CSRF header", () => {
  const world = fakeWorld();
  const sync = new DraftSync("/sessions/1/draft/", world.options);
  const state = record(1, { pos: 0 });
  sync.push(state);
  world.advance(0);
  assert.equal(world.calls.length, 1);
  assert.equal(world.calls[0].method, "PUT");
  assert.equal(world.calls[0].headers["X-CSRFToken"], "tok");
  assert.equal(world.calls[0].keepalive, false);
  state.pos = 1;
  sync.push(state);
  world.advance(1000);
  state.pos = 2;
  sync.push(state);
  assert.equal(world.calls.length, 1); // still inside the interval
  world.advance(DEBOUNCE_MS);
  assert.equal(world.calls.length, 2);
  assert.equal(world.calls[1].sent.state.pos, 2); // one PUT carries the last change
  world.advance(10 * DEBOUNCE_MS);
  assert.equal(world.calls.length, 2); // nothing changed, nothing sent
});

test("hiding or leaving the page sends what is pending at once, with keepalive", () => {
  const world = fakeWorld();
  const sync = new DraftSync("/d/", world.options);
  sync.push(record(1));
  world.advance(0);
  sync.push(record(2, { pos: 1 }));
  sync.flush();
  assert.equal(world.calls.length, 2);
  assert.equal(world.calls[1].keepalive, true);
  assert.equal(world.calls[1].sent.state.pos, 1);
  assert.equal(world.timers.length, 0);
  sync.flush(); // nothing pending: nothing sent
  assert.equal(world.calls.length, 2);
});

test("the page's hide, pagehide and return events are listened to, and let go", () => {
  const world = fakeWorld();
  const sync = new DraftSync("/d/", world.options);
  const listeners = new Map();
  const target = () => ({
    addEventListener: (type, fn) => listeners.set(type, fn),
    removeEventListener: (type) => listeners.delete(type),
  });
  const win = target();
  const doc = { ...target(), visibilityState: "visible" };
  let returned = 0;
  const stop = sync.listen(win, doc, () => { returned++; });
  sync.push(record(1));
  doc.visibilityState = "hidden";
  listeners.get("visibilitychange")();
  assert.equal(world.calls.length, 1);
  assert.equal(world.calls[0].keepalive, true);
  doc.visibilityState = "visible";
  listeners.get("visibilitychange")();
  assert.equal(returned, 1);
  sync.push(record(2));
  listeners.get("pagehide")();
  assert.equal(world.calls.length, 2);
  stop();
  assert.equal(listeners.size, 0);
});

test("the draft is read back; a failure or no draft gives null, never an error", async () => {
  const world = fakeWorld();
  const sync = new DraftSync("/d/", world.options);
  world.answer = () => Promise.resolve({ ok: true, json: () => Promise.resolve({ state: record(7), updated_at: "x" }) });
  assert.deepEqual(await sync.load(), record(7));
  world.answer = () => Promise.resolve({ ok: false, status: 404, json: () => Promise.resolve({ error: "none" }) });
  assert.equal(await sync.load(), null);
  world.answer = () => Promise.reject(new TypeError("Failed to fetch"));
  assert.equal(await sync.load(), null);
  world.answer = () => Promise.resolve({ ok: true, json: () => Promise.reject(new SyntaxError("not JSON")) });
  assert.equal(await sync.load(), null);
  world.answer = () => { throw new TypeError("fetch is not a function"); };
  assert.equal(await sync.load(), null);
});

test("a PUT that fails is silent", async () => {
  const world = fakeWorld();
  const sync = new DraftSync("/d/", world.options);
  world.answer = () => Promise.reject(new TypeError("offline"));
  assert.doesNotThrow(() => { sync.push(record(1)); world.advance(0); });
  world.answer = () => { throw new TypeError("blocked"); };
  assert.doesNotThrow(() => { sync.push(record(2)); sync.flush(); });
  await new Promise((resolve) => setTimeout(resolve, 0)); // no unhandled rejection follows
});

test("without a draft address nothing is ever sent or read", async () => {
  const world = fakeWorld();
  const sync = new DraftSync("", world.options);
  sync.push(record(1));
  sync.flush();
  assert.equal(await sync.load(), null);
  assert.equal(world.calls.length, 0);
  assert.equal(typeof sync.listen({}, {}), "function");
});
