/*
 * Keeping a phone's screen on while a session runs (the Screen Wake Lock API). The
 * controller says when it wants the screen kept on (hold) and when not (release); this
 * module asks for the lock, and asks again when the page comes back into view, since the
 * browser drops the lock whenever the page is hidden. Where the API is missing or the
 * request is refused, nothing happens: the screen just follows its usual timeout.
 *
 * Nothing is read from the browser here: pass navigator.wakeLock and a test of
 * document.visibilityState in, so Node's tests can use fakes.
 */

export class ScreenWake {
  /**
   * wakeLock: navigator.wakeLock (or undefined where unsupported);
   * visible: () => whether the page is in view (document.visibilityState === "visible").
   */
  constructor({ wakeLock = null, visible = () => true } = {}) {
    this.wakeLock = wakeLock || null;
    this.visible = visible;
    this.wanted = false;
    this.lock = null;
    this.pending = null;
  }

  get supported() { return !!(this.wakeLock && typeof this.wakeLock.request === "function"); }

  /** Whether a lock is held right now. */
  get held() { return this.lock !== null; }

  /** Keep the screen on from now until release(). Returns a promise settled once asked. */
  hold() {
    this.wanted = true;
    return this.acquire();
  }

  /** The screen may sleep again: the session is paused, finished or gone. */
  release() {
    this.wanted = false;
    const lock = this.lock;
    this.lock = null;
    if (lock) quietly(() => lock.release());
  }

  /** Call on visibilitychange: a lock the browser dropped while hidden is asked for again. */
  visibilityChanged() {
    if (this.wanted && this.visible()) return this.acquire();
    return Promise.resolve();
  }

  acquire() {
    if (!this.supported || this.lock || !this.visible()) return Promise.resolve();
    if (this.pending) return this.pending;
    let request;
    try {
      request = Promise.resolve(this.wakeLock.request("screen"));
    } catch {
      return Promise.resolve();
    }
    this.pending = request.then((lock) => {
      this.pending = null;
      if (!lock) return;
      if (!this.wanted) { // released while the request was on its way
        quietly(() => lock.release());
        return;
      }
      this.lock = lock;
      if (typeof lock.addEventListener === "function") {
        lock.addEventListener("release", () => { if (this.lock === lock) this.lock = null; });
      }
    }, () => { this.pending = null; }); // refused (e.g. battery saver): try again when asked
    return this.pending;
  }
}

function quietly(fn) {
  try {
    const done = fn();
    if (done && typeof done.catch === "function") done.catch(() => {});
  } catch {
    // already released
  }
}
