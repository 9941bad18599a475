// The screen wake lock held for a whole running session, with a fake navigator.wakeLock.
import assert from "node:assert/strict";
import { test } from "node:test";

import { ScreenWake } from "../../src/spinewise/training/static/spinewise/player/wakelock.js";

/** A fake navigator.wakeLock: its locks can be released by the page or by the "browser". */
function fakeWakeLock({ refuse = false } = {}) {
  const fake = { requests: 0, live: [], refuse };
  fake.request = (type) => {
    assert.equal(type, "screen");
    fake.requests += 1;
    if (fake.refuse) return Promise.reject(new Error("NotAllowedError"));
    const listeners = [];
    const lock = {
      released: false,
      addEventListener: (name, fn) => { if (name === "release") listeners.push(fn); },
      release: () => {
        if (!lock.released) {
          lock.released = true;
          fake.live = fake.live.filter((l) => l !== lock);
          listeners.forEach((fn) => fn());
        }
        return Promise.resolve();
      },
    };
    fake.live.push(lock);
    return Promise.resolve(lock);
  };
  return fake;
}

test("holding asks for a screen lock once; releasing lets it go", async () => {
  const fake = fakeWakeLock();
  const wake = new ScreenWake({ wakeLock: fake });
  await wake.hold();
  await wake.hold(); // a second tap asks for nothing more
  assert.equal(fake.requests, 1);
  assert.equal(wake.held, true);
  assert.equal(fake.live.length, 1);
  wake.release();
  assert.equal(wake.held, false);
  assert.equal(fake.live.length, 0);
});

test("a lock the browser dropped while hidden is asked for again when the page is back", async () => {
  const fake = fakeWakeLock();
  let visible = true;
  const wake = new ScreenWake({ wakeLock: fake, visible: () => visible });
  await wake.hold();
  visible = false;
  fake.live[0].release(); // the browser releases the lock when the page hides
  assert.equal(wake.held, false);
  await wake.visibilityChanged();
  assert.equal(fake.requests, 1); // still hidden: nothing asked
  visible = true;
  await wake.visibilityChanged();
  assert.equal(fake.requests, 2);
  assert.equal(wake.held, true);
});

test("after a release, coming back into view asks for nothing", async () => {
  const fake = fakeWakeLock();
  const wake = new ScreenWake({ wakeLock: fake });
  await wake.hold();
  wake.release(); // paused or finished
  await wake.visibilityChanged();
  assert.equal(fake.requests, 1);
  assert.equal(wake.held, false);
});

test("a hidden page asks for no lock until it is in view", async () => {
  const fake = fakeWakeLock();
  let visible = false;
  const wake = new ScreenWake({ wakeLock: fake, visible: () => visible });
  await wake.hold();
  assert.equal(fake.requests, 0);
  visible = true;
  await wake.visibilityChanged();
  assert.equal(wake.held, true);
});

test("a lock granted after the session was paused is let go at once", async () => {
  const fake = fakeWakeLock();
  const wake = new ScreenWake({ wakeLock: fake });
  const asked = wake.hold();
  wake.release(); // paused before the browser answered
  await asked;
  assert.equal(wake.held, false);
  assert.equal(fake.live.length, 0);
});

test("a refused request is survived and tried again on the next hold", async () => {
  const fake = fakeWakeLock({ refuse: true });
  const wake = new ScreenWake({ wakeLock: fake });
  await wake.hold();
  assert.equal(wake.held, false);
  fake.refuse = false;
  await wake.hold();
  assert.equal(wake.held, true);
  assert.equal(fake.requests, 2);
});

test("without the API, or with one that throws, nothing happens and nothing throws", async () => {
  const none = new ScreenWake({ wakeLock: undefined });
  assert.equal(none.supported, false);
  await none.hold();
  await none.visibilityChanged();
  none.release();
  assert.equal(none.held, false);
  const throwing = new ScreenWake({ wakeLock: { request: () => { throw new Error("SecurityError"); } } });
  await throwing.hold();
  assert.equal(throwing.held, false);
  const badRelease = new ScreenWake({ wakeLock: { request: () => Promise.resolve({ release: () => { throw new Error("gone"); } }) } });
  await badRelease.hold();
  assert.doesNotThrow(() => badRelease.release());
});
