// The session log's offline outbox: what is kept, what the server's answers mean, and
// that one submission is sent exactly once (fake storage, fake fetch, fake clock).
import assert from "node:assert/strict";
import { test } from "node:test";

import "../../src/spinewise/training/static/spinewise/player/outbox.js";

const O = globalThis.SpinewiseOutbox;
const BASE = "http://127.0.0.1:8000";
const TOKEN = "2b0e8a5e-4a8f-4d0c-9a53-0d6f3f2b8b11";
const FIELDS = [
  ["csrfmiddlewaretoken", "old-csrf"],
  ["token", TOKEN],
  ["version", "7"],
  ["items-0-rpe", "4"],
  ["items-0-reps_done", "10,10,8"],
];

function entry(overrides = {}) {
  const made = O.makeEntry(FIELDS, { url: "/sessions/2/", user: "12", now: 1000, uuid: () => "fresh-uuid" });
  return Object.assign(made, overrides);
}

function answer(status, url, { redirected = false, text = "" } = {}) {
  return { status, url: BASE + url, redirected, text: async () => text };
}

// A fake server: records each POST's fields and answers with `reply(call number)`.
function fakeFetch(reply) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, fields: Object.fromEntries(init.body), method: init.method });
    return reply(calls.length);
  };
  return { calls, fetch };
}

function clock(start = 5000) {
  let t = start;
  const now = () => t;
  now.advance = (ms) => (t += ms);
  return now;
}

// navigator.locks, one holder at a time
function fakeLocks() {
  let queue = Promise.resolve();
  return {
    request(name, work) {
      const run = queue.then(() => work());
      queue = run.catch(() => null);
      return run;
    },
  };
}

test("a submission is kept with its fields, keyed by the form's token", () => {
  const e = entry();
  assert.equal(e.id, TOKEN);
  assert.equal(e.token, TOKEN);
  assert.equal(e.status, "pending");
  assert.equal(e.url, "/sessions/2/");
  assert.equal(e.user, "12");
  assert.deepEqual(e.fields, FIELDS);
});

test("a token already sent (a page kept from before) gets a fresh one", () => {
  const e = O.makeEntry(FIELDS, { url: "/sessions/2/", user: "12", now: 1, usedTokens: [TOKEN], uuid: () => "fresh-uuid" });
  assert.equal(e.id, "fresh-uuid");
  assert.equal(e.fields.filter(([k]) => k === "token").length, 1);
  assert.deepEqual(e.fields.find(([k]) => k === "token"), ["token", "fresh-uuid"]);
});

test("what the server's answer means", () => {
  const log = O.classify({ status: 200, redirected: true, url: BASE + "/sessions/log/41/" });
  assert.deepEqual(log, { outcome: "sent", duplicate: false, logUrl: "/sessions/log/41/" });
  const already = O.classify({ status: 409, url: BASE + "/sessions/2/", text: '<a href="/sessions/log/40/">See your log</a>' });
  assert.deepEqual(already, { outcome: "sent", duplicate: true, logUrl: "/sessions/log/40/" });
  assert.equal(O.classify({ status: 409, url: BASE + "/sessions/2/", text: "" }).logUrl, "/sessions/");
  // form errors come back as the page again, with 200
  assert.deepEqual(O.classify({ status: 200, redirected: false, url: BASE + "/sessions/2/" }), { outcome: "attention", problem: "invalid" });
  // redirected elsewhere (the safety questions first): not logged
  assert.equal(O.classify({ status: 200, redirected: true, url: BASE + "/screening/" }).outcome, "attention");
  assert.deepEqual(O.classify({ status: 200, redirected: true, url: BASE + "/accounts/login/?next=/sessions/2/" }), { outcome: "retry", problem: "login" });
  assert.equal(O.classify({ status: 400, url: BASE + "/sessions/2/" }).outcome, "attention");
  assert.deepEqual(O.classify({ status: 403, url: BASE + "/sessions/2/" }), { outcome: "attention", problem: "forbidden" });
  for (const status of [500, 502, 503, 429, 408]) assert.equal(O.classify({ status, url: BASE + "/sessions/2/" }).outcome, "retry");
  assert.deepEqual(O.classify(null), { outcome: "retry", problem: "" }); // the network failed
});

test("the body carries the page's current CSRF token instead of the saved one", () => {
  const body = O.requestBody(entry(), "new-csrf");
  assert.equal(body.get("csrfmiddlewaretoken"), "new-csrf");
  assert.equal(body.getAll("csrfmiddlewaretoken").length, 1);
  assert.equal(body.get("items-0-reps_done"), "10,10,8");
  assert.equal(O.requestBody(entry(), null).get("csrfmiddlewaretoken"), "old-csrf");
});

test("sent once: a second flush, or one from another tab, sends nothing more", async () => {
  const store = O.memoryStore([entry()]);
  const server = fakeFetch(() => answer(200, "/sessions/log/41/", { redirected: true }));
  const now = clock();
  const deps = { fetch: server.fetch, now, user: "12", csrf: async () => "new-csrf" };
  const settled = await O.flush(store, deps);
  assert.equal(settled.length, 1);
  assert.equal(settled[0].status, "sent");
  assert.equal(settled[0].logUrl, "/sessions/log/41/");
  assert.equal(server.calls.length, 1);
  assert.equal(server.calls[0].url, "/sessions/2/");
  assert.equal(server.calls[0].method, "POST");
  assert.equal(server.calls[0].fields.token, TOKEN);
  assert.equal(server.calls[0].fields.csrfmiddlewaretoken, "new-csrf");
  assert.deepEqual(await O.flush(store, deps), []);
  assert.equal(server.calls.length, 1);
  assert.equal((await store.get(TOKEN)).status, "sent");
});

test("two tabs flushing at once send it once (the claim, with or without a lock)", async () => {
  for (const locks of [undefined, fakeLocks()]) {
    const store = O.memoryStore([entry()]);
    let release;
    const gate = new Promise((resolve) => (release = resolve));
    const server = fakeFetch(async () => {
      await gate; // the first send is still on its way when the second tab looks
      return answer(200, "/sessions/log/41/", { redirected: true });
    });
    const deps = { fetch: server.fetch, now: clock(), user: "12", locks };
    const first = O.flush(store, deps);
    const second = O.flush(store, deps);
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    const results = [...(await first), ...(await second)];
    assert.equal(server.calls.length, 1, "one POST");
    assert.equal(results.length, 1);
    assert.equal((await store.get(TOKEN)).status, "sent");
  }
});

test("a network error keeps it waiting, and it is sent when the connection returns", async () => {
  const store = O.memoryStore([entry(), entry({ id: "b", token: "b", queuedAt: 2000 })]);
  let online = false;
  const server = fakeFetch(() => {
    if (!online) throw new TypeError("Failed to fetch");
    return answer(200, "/sessions/log/41/", { redirected: true });
  });
  const deps = { fetch: server.fetch, now: clock(), user: "12" };
  const settled = await O.flush(store, deps);
  assert.equal(settled.length, 1, "offline: the rest are not tried");
  assert.equal(settled[0].status, "pending");
  assert.equal((await store.get(TOKEN)).attempts, 1);
  online = true;
  const later = await O.flush(store, deps);
  assert.deepEqual(later.map((e) => e.status), ["sent", "sent"]);
  assert.equal(server.calls.length, 3);
});

test("already logged (409) counts as sent; form errors need attention and are kept", async () => {
  const store = O.memoryStore([entry(), entry({ id: "b", token: "b", url: "/sessions/3/", queuedAt: 2000 })]);
  const server = fakeFetch((n) =>
    n === 1 ? answer(409, "/sessions/2/", { text: '<a href="/sessions/log/40/">' }) : answer(200, "/sessions/3/"),
  );
  const settled = await O.flush(store, { fetch: server.fetch, now: clock(), user: "12" });
  assert.equal(settled[0].status, "sent");
  assert.equal(settled[0].duplicate, true);
  assert.equal(settled[0].logUrl, "/sessions/log/40/");
  assert.equal(settled[1].status, "attention");
  assert.equal(settled[1].problem, "invalid");
  // needing attention, it is not sent again by itself
  assert.deepEqual(await O.flush(store, { fetch: server.fetch, now: clock(), user: "12" }), []);
  assert.equal(server.calls.length, 2);
  assert.deepEqual(O.statusFor(settled[1]).link, { href: "/sessions/3/", text: "Open the session" });
});

test("signed out: kept, and sent after logging in again", async () => {
  const store = O.memoryStore([entry()]);
  let loggedIn = false;
  const server = fakeFetch(() =>
    loggedIn
      ? answer(200, "/sessions/log/41/", { redirected: true })
      : answer(200, "/accounts/login/?next=/sessions/2/", { redirected: true }),
  );
  const [first] = await O.flush(store, { fetch: server.fetch, now: clock(), user: "12" });
  assert.equal(first.status, "pending");
  assert.equal(O.statusFor(first).link.text, "Log in");
  loggedIn = true;
  const [second] = await O.flush(store, { fetch: server.fetch, now: clock(), user: "12" });
  assert.equal(second.status, "sent");
});

test("only this person's entries are sent from their pages; the worker sends any", async () => {
  const store = O.memoryStore([entry({ user: "99" })]);
  const server = fakeFetch(() => answer(200, "/sessions/log/41/", { redirected: true }));
  assert.deepEqual(await O.flush(store, { fetch: server.fetch, now: clock(), user: "12" }), []);
  assert.equal(server.calls.length, 0);
  assert.equal((await O.flush(store, { fetch: server.fetch, now: clock(), user: undefined })).length, 1);
});

test("a claim left by a closed tab is taken over once it is stale", () => {
  const sending = entry({ status: "sending", sendingAt: 10000 });
  assert.equal(O.claimable(sending, 10000 + O.STALE_MS - 1), false);
  assert.equal(O.claimable(sending, 10000 + O.STALE_MS + 1), true);
  assert.equal(O.claimable(entry({ status: "sent" }), 1e12), false);
  assert.equal(O.claimable(entry({ status: "attention" }), 1e12), false);
});

test("sent entries are forgotten after a day", async () => {
  const now = clock(1000);
  const store = O.memoryStore([entry({ status: "sent", sentAt: 1000 })]);
  now.advance(25 * 3600 * 1000);
  await O.flush(store, { fetch: async () => assert.fail("nothing to send"), now, user: "12" });
  assert.deepEqual(await store.all(), []);
});

test("what the person is told", () => {
  assert.equal(O.statusFor(entry()).text, "Saved on this phone, will be sent when you're back online.");
  assert.equal(O.statusFor(entry()).link, null);
  const sent = O.statusFor(entry({ status: "sent", logUrl: "/sessions/log/41/" }));
  assert.match(sent.text, /^Sent/);
  assert.deepEqual(sent.link, { href: "/sessions/log/41/", text: "See your log" });
  assert.match(O.statusFor(entry({ status: "attention", problem: "invalid" })).text, /needs your attention/);
});

test("localStorage keeps entries as JSON and claims them once", async () => {
  const data = new Map();
  const storage = { getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)) };
  const store = O.localStore(storage);
  await store.put(entry());
  assert.equal((await store.all()).length, 1);
  assert.ok(JSON.parse(data.get("spinewise-outbox"))[TOKEN]);
  assert.equal((await store.claim(TOKEN, 2000)).status, "sending");
  assert.equal(await store.claim(TOKEN, 2001), null);
  await store.remove(TOKEN);
  assert.deepEqual(await store.all(), []);
  data.set("spinewise-outbox", "{not json");
  assert.deepEqual(await store.all(), []);
});
