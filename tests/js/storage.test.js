// Progress kept on this device, under one key per session and day; earlier days pruned;
// a storage that is full, blocked or missing is survived.
import assert from "node:assert/strict";
import { test } from "node:test";

import { isStale, keyDay, loadSaved, MAX_AGE_MS, prune, save, storageKey } from "../../src/spinewise/training/static/spinewise/player/storage.js";

function memoryStore(limit = Infinity) {
  const data = new Map();
  const size = () => [...data.values()].reduce((n, v) => n + v.length, 0);
  return {
    data,
    get length() { return data.size; },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => {
      const before = data.get(k);
      data.set(k, String(v));
      if (size() > limit) {
        if (before === undefined) data.delete(k); else data.set(k, before);
        throw new Error("QuotaExceededError");
      }
    },
    removeItem: (k) => data.delete(k),
  };
}

const TODAY = storageKey("12-3-2-2026-12-07");

test("progress is kept under the page's session key and read back", () => {
  const store = memoryStore();
  assert.equal(TODAY, "spinewise-player:12-3-2-2026-12-07");
  assert.equal(save(TODAY, { v: 1, pos: 2, items: [{ sets: [8] }], updatedAt: 1234 }, () => store), true);
  assert.deepEqual(loadSaved(TODAY, () => store), { v: 1, pos: 2, items: [{ sets: [8] }], updatedAt: 1234 });
  assert.equal(loadSaved(storageKey("another-session"), () => store), null);
});

test("only objects count as saved progress", () => {
  const store = memoryStore();
  for (const text of ["[1,2]", "7", '"text"', "null"]) {
    store.data.set("k", text);
    assert.equal(loadSaved("k", () => store), null, text);
  }
});

test("unreadable, full, blocked or missing storage is survived, not thrown", () => {
  const store = memoryStore();
  store.data.set("k", "{not json");
  assert.equal(loadSaved("k", () => store), null);
  const full = { length: 0, key: () => null, getItem: () => { throw new Error("SecurityError"); }, setItem: () => { throw new Error("QuotaExceededError"); } };
  assert.equal(loadSaved("k", () => full), null);
  assert.equal(save("k", { v: 1 }, () => full), false);
  // where storage is blocked, even looking window.localStorage up throws
  const blocked = () => { throw new Error("SecurityError: access denied"); };
  assert.equal(loadSaved("k", blocked), null);
  assert.equal(save("k", { v: 1 }, blocked), false);
  assert.equal(prune("k", blocked), 0);
  // Node has no localStorage: the default store is simply absent
  assert.equal(loadSaved("k"), null);
  assert.equal(save("k", { v: 1 }), false);
  assert.equal(prune("k"), 0);
  // a state that cannot be written as JSON is not written
  const loop = {};
  loop.self = loop;
  assert.equal(save("k", loop, () => store), false);
});

test("a key's day is the date it ends in", () => {
  assert.equal(keyDay(TODAY), "2026-12-07");
  assert.equal(keyDay(storageKey("demo-session")), "");
});

test("records of earlier days go; today's, other keys and the current one stay", () => {
  const store = memoryStore();
  const now = Date.UTC(2026, 11, 7, 12);
  store.data.set(storageKey("12-3-1-2026-12-05"), JSON.stringify({ v: 1, updatedAt: now }));
  store.data.set(storageKey("12-3-2-2026-12-06"), "{broken");
  store.data.set(storageKey("12-3-1-2026-12-07"), JSON.stringify({ v: 1, updatedAt: now - 1000 }));
  store.data.set(TODAY, JSON.stringify({ v: 1 }));
  store.data.set("someone-else:2020-01-01", "x");
  assert.equal(prune(TODAY, () => store, now), 2);
  assert.deepEqual([...store.data.keys()].sort(), [storageKey("12-3-1-2026-12-07"), TODAY, "someone-else:2020-01-01"].sort());
});

test("a key without a day goes once its record is older than MAX_AGE_MS", () => {
  const now = 10 * MAX_AGE_MS;
  const demo = storageKey("demo-session");
  assert.equal(isStale(demo, { updatedAt: now - 1000 }, TODAY, now), false);
  assert.equal(isStale(demo, { updatedAt: now - MAX_AGE_MS - 1 }, TODAY, now), true);
  assert.equal(isStale(demo, null, TODAY, now), true); // unreadable or never stamped
  assert.equal(isStale(TODAY, null, TODAY, now), false); // never the one in use
});

test("when storage is full, the player's other records make room for this one", () => {
  const store = memoryStore(120);
  store.data.set(storageKey("12-3-1-2026-12-07"), JSON.stringify({ v: 1, note: "x".repeat(80) }));
  store.data.set("someone-else", "y".repeat(10));
  assert.equal(save(TODAY, { v: 1, pos: 1, note: "z".repeat(40) }, () => store), true);
  assert.equal(loadSaved(TODAY, () => store).pos, 1);
  assert.equal(store.data.has(storageKey("12-3-1-2026-12-07")), false);
  assert.equal(store.data.get("someone-else"), "y".repeat(10));
  // nothing of the player's left to free: the write is given up, not thrown
  assert.equal(save(TODAY, { v: 1, note: "z".repeat(200) }, () => store), false);
});
