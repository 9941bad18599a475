/*
 * The player's progress kept on the server as a draft (training.drafts), so a closed tab,
 * a browser that lost its storage or another device resumes at the same exercise and set.
 *
 * The page names the draft's address in #player's data-draft-url (GET reads the draft,
 * PUT {"state": ...} stores it, with the X-CSRFToken header). On start the player asks
 * for the draft and resumes from whichever of the local copy (storage.js) and the
 * server's is newer by `updatedAt` (`reconcile`). Every change is sent at most once per
 * DEBOUNCE_MS (the last state wins), and at once, with fetch's keepalive, when the page
 * is hidden or left (pagehide, visibilitychange to hidden: a phone call, a closed tab).
 * Network failures are silent: the local copy still holds, and the next change or the
 * next visit sends again.
 *
 * `updatedAt` is stamped by the player (`nextStamp`) and only ever grows, even when this
 * device's clock is behind the one whose draft it resumed from: so a change made after
 * resuming is always newer than what it resumed.
 *
 * The decisions (`reconcile`, `nextStamp`, `sendDelay`, `csrfToken`, `draftBody`) are
 * pure; DraftSync does the I/O, with fetch, the clock and timers injected for tests.
 */

export const DEBOUNCE_MS = 3000;
export const MAX_BYTES = 20000; // as training.models.DRAFT_MAX_BYTES

/** A record's `updatedAt`, or 0 when it has none (a fresh start). */
export function stampOf(record) {
  const t = record && record.updatedAt;
  return typeof t === "number" && Number.isFinite(t) ? t : 0;
}

/** The `updatedAt` for a change made at `now`: never earlier than the one before it. */
export function nextStamp(previous, now) {
  const before = typeof previous === "number" && Number.isFinite(previous) ? previous : 0;
  return Math.max(now, before + 1);
}

/**
 * Which progress to resume from, the local state (already matched onto the plan: its
 * `sig` is the plan's) or the server's `remote` draft (raw, possibly null):
 *   { use: "remote" } when the draft is for this plan and newer;
 *   { use: "local", push: true } when the local copy holds progress the server lacks
 *   (no draft, an older one, or one for another plan), so it is sent up;
 *   { use: "local", push: false } when there is nothing to do.
 */
export function reconcile(local, remote) {
  const mine = stampOf(local);
  const usable = remote !== null && typeof remote === "object" && remote.v === 1 && remote.sig === local.sig;
  const theirs = usable ? stampOf(remote) : 0;
  if (usable && theirs > mine) return { use: "remote", push: false };
  return { use: "local", push: mine > 0 && mine !== theirs };
}

/** Milliseconds to wait before the next PUT, when the last one went at `lastSent`. */
export function sendDelay(lastSent, now, interval = DEBOUNCE_MS) {
  if (!(lastSent > 0)) return 0;
  return Math.min(interval, Math.max(0, lastSent + interval - now));
}

/** The csrftoken cookie's value in `cookies` (document.cookie), else `fallback`. */
export function csrfToken(cookies, fallback = "") {
  for (const part of String(cookies || "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === "csrftoken" && rest.length) return decodeURIComponent(rest.join("="));
  }
  return fallback;
}

/** The PUT body for `state`, or null when it would be too large for the server. */
export function draftBody(state) {
  let body;
  try {
    body = JSON.stringify({ state: state });
  } catch {
    return null;
  }
  // the server limits the state's UTF-8 bytes; a body of at most MAX_BYTES is surely fine
  return new TextEncoder().encode(body).length <= MAX_BYTES ? body : null;
}

function pageToken() {
  const input = globalThis.document && document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

export class DraftSync {
  /**
   * `url` is the draft's address ("" or null: no server draft, every call does nothing).
   * Injected (defaults: the browser's): fetch, now (ms), later(fn, ms), cancel(handle),
   * token() the CSRF token.
   */
  constructor(url, options = {}) {
    this.url = url || "";
    this.fetch = options.fetch || ((...args) => globalThis.fetch(...args));
    this.now = options.now || (() => Date.now());
    this.later = options.later || ((fn, ms) => globalThis.setTimeout(fn, ms));
    this.cancel = options.cancel || ((handle) => globalThis.clearTimeout(handle));
    this.token = options.token || (() => csrfToken(globalThis.document && document.cookie, pageToken()));
    this.interval = options.interval || DEBOUNCE_MS;
    this.pending = null; // the state to send (sent as it is when the PUT goes)
    this.timer = null;
    this.lastSent = 0;
  }

  /** The server's draft state, or null (none, not signed in, offline, anything odd). */
  async load() {
    if (!this.url) return null;
    try {
      const response = await this.fetch(this.url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) return null;
      const body = await response.json();
      return body && typeof body.state === "object" ? body.state : null;
    } catch {
      return null;
    }
  }

  /** `state` changed: send it within DEBOUNCE_MS (later changes before then ride along). */
  push(state) {
    if (!this.url) return;
    this.pending = state;
    if (this.timer !== null) return;
    this.timer = this.later(() => {
      this.timer = null;
      this.send(false);
    }, sendDelay(this.lastSent, this.now(), this.interval));
  }

  /** Send what is pending now (the page is being hidden or left). */
  flush() {
    if (this.timer !== null) this.cancel(this.timer);
    this.timer = null;
    this.send(true);
  }

  send(keepalive) {
    if (!this.pending) return;
    const body = draftBody(this.pending);
    this.pending = null;
    if (body === null) return;
    this.lastSent = this.now();
    try {
      const sent = this.fetch(this.url, {
        method: "PUT",
        body: body,
        keepalive: keepalive,
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": this.token() },
      });
      if (sent && typeof sent.catch === "function") sent.catch(() => {});
    } catch {
      // offline or refused: the local copy still holds
    }
  }

  /**
   * Flush when the page is hidden or left, and call `onReturn` when it is shown again
   * (another device may have moved on meanwhile). Returns a function that stops listening.
   */
  listen(win, doc, onReturn = () => {}) {
    if (!this.url || !win || !doc) return () => {};
    const onHide = () => this.flush();
    const onVisibility = () => {
      if (doc.visibilityState === "hidden") this.flush();
      else if (doc.visibilityState === "visible") onReturn();
    };
    win.addEventListener("pagehide", onHide);
    doc.addEventListener("visibilitychange", onVisibility);
    return () => {
      win.removeEventListener("pagehide", onHide);
      doc.removeEventListener("visibilitychange", onVisibility);
    };
  }
}
