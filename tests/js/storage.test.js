// Progress kept across reloads, under one key per session, and a storage that fails.
import assert from "node:assert/strict";
import { test } from "node:test";

import { loadSaved, save, storageKey } from "../../src/spinewise/training/static/spinewise/player/storage.js";

function memoryStore() {
  const data = new Map();
  return { data, getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)) };
}

test("progress is kept under the page's session key and read back", () => {
  const store = memoryStore();
  const key = storageKey("p12-v3-s2-2026-12-07");
  assert.equal(key, "spinewise-player:p12-v3-s2-2026-12-07");
  save(key, { v: 1, pos: 2, items: [{ sets: [8] }] }, () => store);
  assert.deepEqual(loadSaved(key, () => store), { v: 1, pos: 2, items: [{ sets: [8] }] });
  assert.equal(loadSaved(storageKey("another-session"), () => store), null);
});

test("unreadable, full, blocked or missing storage is survived, not thrown", () => {
  const store = memoryStore();
  store.data.set("k", "{not json");
  assert.equal(loadSaved("k", () => store), null);
  const full = { getItem: () => { throw new Error("SecurityError"); }, setItem: () => { throw new Error("QuotaExceededError"); } };
  assert.equal(loadSaved("k", () => full), null);
  assert.doesNotThrow(() => save("k", { v: 1 }, () => full));
  // where storage is blocked, even looking window.sessionStorage up throws
  const blocked = () => { throw new Error("SecurityError: access denied"); };
  assert.equal(loadSaved("k", blocked), null);
  assert.doesNotThrow(() => save("k", { v: 1 }, blocked));
  // Node has no sessionStorage: the default store is simply absent
  assert.equal(loadSaved("k"), null);
  assert.doesNotThrow(() => save("k", { v: 1 }));
});
