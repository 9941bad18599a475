/*
 * The session log's offline outbox: a log form sent without a connection is kept on this
 * phone and sent once, when the connection returns.
 *
 * One file for two worlds: pages load it as a module (`import "./outbox.js"`), the
 * service worker as a classic script (importScripts, for Background Sync). So it has no
 * import or export: it publishes globalThis.SpinewiseOutbox.
 *
 * An entry (one per submission, keyed by the form's hidden `token`, which is the
 * server's idempotency key: a token seen before is answered with the first log):
 *   {id, token, url, user, fields: [[name, value], ...], status, queuedAt, sendingAt,
 *    sentAt, attempts, logUrl, duplicate, problem}
 *   status: "pending" -> "sending" -> "sent" | "attention", or back to "pending" to retry.
 *
 * Pure decisions (tests/js/outbox.test.js): makeEntry, claimable, classify, settle,
 * toSend, expired, requestBody, statusFor.
 * Storage: idbStore (IndexedDB), localStore (localStorage), memoryStore; openStore picks.
 * Sending: flush(store, deps). It runs under a Web Lock where there is one, and claims
 * each entry (status "sending" with the time) in one storage transaction before its fetch,
 * so two tabs, or a tab and the service worker, never send one submission twice.
 * Page glue (browser only): hookForm (the player's log form), startPage (app.js).
 */
(function (root) {
  "use strict";

  const LOCK_NAME = "spinewise-outbox";
  const SYNC_TAG = "spinewise-outbox";
  const STALE_MS = 2 * 60 * 1000; // a "sending" claim older than this was a tab that closed
  const KEEP_SENT_MS = 24 * 3600 * 1000; // sent entries are forgotten after a day
  const LOG_PATH = /^\/sessions\/log\/\d+\/$/;
  const LOGIN_PATH = /^\/accounts\/login\//;
  const LOG_LINK = /href="(\/sessions\/log\/\d+\/)"/;
  const HISTORY_URL = "/sessions/";
  const LOGIN_URL = "/accounts/login/";

  // --- pure decisions --------------------------------------------------------------------

  function fieldValue(fields, name) {
    const found = fields.find((pair) => pair[0] === name);
    return found ? found[1] : "";
  }

  function withField(fields, name, value) {
    const out = fields.filter((pair) => pair[0] !== name);
    out.push([name, value]);
    return out;
  }

  /** A new entry from a form's fields. A token already sent (a page kept from before
   * that was logged with it) gets a fresh one, or the server would answer with that log. */
  function makeEntry(fields, options) {
    let list = fields.map((pair) => [String(pair[0]), String(pair[1])]);
    let token = fieldValue(list, "token");
    if (!token || (options.usedTokens || []).includes(token)) {
      token = options.uuid();
      list = withField(list, "token", token);
    }
    return {
      id: token,
      token: token,
      url: options.url,
      user: options.user ? String(options.user) : "",
      fields: list,
      status: "pending",
      queuedAt: options.now,
      sendingAt: 0,
      sentAt: 0,
      attempts: 0,
      logUrl: "",
      duplicate: false,
      problem: "",
    };
  }

  function claimable(entry, now) {
    if (!entry) return false;
    if (entry.status === "pending") return true;
    return entry.status === "sending" && now - (entry.sendingAt || 0) > STALE_MS;
  }

  /** Entries to send now: waiting ones of this person (user undefined: anyone's). */
  function toSend(entries, user, now) {
    return entries
      .filter((e) => claimable(e, now) && (user === undefined || e.user === String(user || "")))
      .sort((a, b) => a.queuedAt - b.queuedAt);
  }

  function expired(entries, now) {
    return entries.filter((e) => e.status === "sent" && now - (e.sentAt || 0) > KEEP_SENT_MS);
  }

  function pathOf(url) {
    try {
      return new URL(url, "http://x").pathname;
    } catch {
      return "";
    }
  }

  /**
   * What the server's answer means. `response` is {status, redirected, url, text} or null
   * for a network error. Returns {outcome: "sent" | "retry" | "attention", ...}.
   * Only a redirect to the log counts as sent: the player page answers form errors with
   * 200 and the form again; 409 says the session is already logged (a second save of it).
   */
  function classify(response) {
    if (!response) return { outcome: "retry", problem: "" };
    const status = response.status;
    if (status === 409) {
      const link = LOG_LINK.exec(response.text || "");
      return { outcome: "sent", duplicate: true, logUrl: link ? link[1] : HISTORY_URL };
    }
    if (status === 408 || status === 429 || status >= 500 || status === 0) {
      return { outcome: "retry", problem: "" };
    }
    if (status >= 200 && status < 300) {
      const path = pathOf(response.url);
      if (LOG_PATH.test(path)) return { outcome: "sent", duplicate: false, logUrl: path };
      if (LOGIN_PATH.test(path)) return { outcome: "retry", problem: "login" };
      return { outcome: "attention", problem: response.redirected ? "refused" : "invalid" };
    }
    return { outcome: "attention", problem: status === 403 ? "forbidden" : "refused" };
  }

  function settle(entry, result, now) {
    const next = Object.assign({}, entry, { attempts: (entry.attempts || 0) + 1, sendingAt: 0 });
    if (result.outcome === "sent") {
      return Object.assign(next, {
        status: "sent",
        sentAt: now,
        logUrl: result.logUrl || HISTORY_URL,
        duplicate: !!result.duplicate,
        problem: "",
      });
    }
    if (result.outcome === "attention") {
      return Object.assign(next, { status: "attention", problem: result.problem || "refused" });
    }
    return Object.assign(next, { status: "pending", problem: result.problem || "" });
  }

  /** The POST body: the form's fields, with the page's current CSRF token when known. */
  function requestBody(entry, csrf) {
    const fields = csrf ? withField(entry.fields, "csrfmiddlewaretoken", csrf) : entry.fields;
    const body = new URLSearchParams();
    for (const pair of fields) body.append(pair[0], pair[1]);
    return body;
  }

  /** What to tell the person about an entry: {text, link: {href, text} | null, tone}. */
  function statusFor(entry) {
    if (entry.status === "sent") {
      const text = entry.duplicate
        ? "Sent: this session was already logged, so nothing was added twice."
        : "Sent: your session is logged.";
      return { text: text, link: { href: entry.logUrl || HISTORY_URL, text: "See your log" }, tone: "ok" };
    }
    if (entry.status === "attention") {
      const why = entry.problem === "invalid" ? "the form needs a correction" : "the server did not accept it";
      return {
        text: "Your session saved on this phone needs your attention: " + why + ".",
        link: { href: entry.url, text: "Open the session" },
        tone: "warning",
      };
    }
    if (entry.problem === "login") {
      return {
        text: "Saved on this phone. Log in again and it will be sent.",
        link: { href: LOGIN_URL + "?next=" + encodeURIComponent(entry.url), text: "Log in" },
        tone: "warning",
      };
    }
    return { text: "Saved on this phone, will be sent when you're back online.", link: null, tone: "info" };
  }

  // --- storage ---------------------------------------------------------------------------

  function memoryStore(initial) {
    const data = new Map((initial || []).map((e) => [e.id, e]));
    const copy = (e) => (e ? JSON.parse(JSON.stringify(e)) : null);
    return {
      kind: "memory",
      data: data,
      all: async () => [...data.values()].map(copy),
      get: async (id) => copy(data.get(id)),
      put: async (entry) => void data.set(entry.id, copy(entry)),
      remove: async (id) => void data.delete(id),
      claim: async (id, now) => {
        const entry = data.get(id);
        if (!claimable(entry, now)) return null;
        const claimed = Object.assign(copy(entry), { status: "sending", sendingAt: now });
        data.set(id, claimed);
        return copy(claimed);
      },
    };
  }

  /** localStorage, for browsers without IndexedDB (one key holds every entry). */
  function localStore(storage, key) {
    const name = key || "spinewise-outbox";
    const read = () => {
      try {
        const data = JSON.parse(storage.getItem(name) || "{}");
        return data && typeof data === "object" ? data : {};
      } catch {
        return {};
      }
    };
    const write = (data) => storage.setItem(name, JSON.stringify(data));
    return {
      kind: "localStorage",
      all: async () => Object.values(read()),
      get: async (id) => read()[id] || null,
      put: async (entry) => {
        const data = read();
        data[entry.id] = entry;
        write(data);
      },
      remove: async (id) => {
        const data = read();
        delete data[id];
        write(data);
      },
      claim: async (id, now) => {
        // read, check and write without a pause: one tab cannot interleave with itself
        const data = read();
        if (!claimable(data[id], now)) return null;
        data[id] = Object.assign({}, data[id], { status: "sending", sendingAt: now });
        write(data);
        return data[id];
      },
    };
  }

  function idbRequest(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function idbStore(db) {
    const STORE = "entries";
    // one transaction per call; `work(store, done)` uses callbacks so it stays active
    const run = (mode, work) =>
      new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        let result;
        tx.oncomplete = () => resolve(result);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
        work(tx.objectStore(STORE), (value) => {
          result = value;
        });
      });
    const getAll = (store, done) => {
      const req = store.getAll();
      req.onsuccess = () => done(req.result || []);
    };
    return {
      kind: "indexedDB",
      all: () => run("readonly", getAll),
      get: (id) =>
        run("readonly", (store, done) => {
          const req = store.get(id);
          req.onsuccess = () => done(req.result || null);
        }),
      put: (entry) => run("readwrite", (store) => store.put(entry)),
      remove: (id) => run("readwrite", (store) => store.delete(id)),
      claim: (id, now) =>
        run("readwrite", (store, done) => {
          // the check and the claim in one transaction: IndexedDB runs overlapping
          // read-write transactions one after the other, across tabs and the worker
          const req = store.get(id);
          req.onsuccess = () => {
            if (!claimable(req.result, now)) return done(null);
            const claimed = Object.assign({}, req.result, { status: "sending", sendingAt: now });
            store.put(claimed);
            done(claimed);
          };
        }),
    };
  }

  async function openIndexedDB(factory) {
    const request = factory.open("spinewise-outbox", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("entries", { keyPath: "id" });
    return idbStore(await idbRequest(request));
  }

  let opened = null;
  /** IndexedDB, else localStorage, else memory (nothing survives, but nothing breaks). */
  function openStore() {
    if (!opened) {
      opened = (async () => {
        try {
          if (root.indexedDB) return await openIndexedDB(root.indexedDB);
        } catch {
          // blocked (private modes, some browsers): try localStorage
        }
        try {
          const storage = root.localStorage;
          storage.getItem("spinewise-outbox");
          return localStore(storage);
        } catch {
          return memoryStore();
        }
      })();
    }
    return opened;
  }

  // --- sending ---------------------------------------------------------------------------

  async function sendEntry(entry, deps) {
    let response;
    try {
      const csrf = deps.csrf ? await deps.csrf() : null;
      const answer = await deps.fetch(entry.url, {
        method: "POST",
        body: requestBody(entry, csrf),
        credentials: "same-origin",
        redirect: "follow",
        headers: { "X-Spinewise-Outbox": "1" },
      });
      const text = answer.status === 409 ? await answer.text() : "";
      response = { status: answer.status, redirected: answer.redirected, url: answer.url, text: text };
    } catch {
      response = null; // the network failed: the entry waits
    }
    return classify(response);
  }

  /**
   * Send what waits. deps: {fetch, now, csrf?, user?, only?, locks?}. `user` undefined
   * sends anyone's entries (the worker, which has no page); `only` one entry id.
   * Returns the entries this call settled.
   */
  async function flush(store, deps) {
    const now = deps.now || (() => Date.now());
    const work = async () => {
      const settled = [];
      const entries = await store.all();
      for (const old of expired(entries, now())) await store.remove(old.id);
      for (const entry of toSend(entries, deps.user, now())) {
        if (deps.only && entry.id !== deps.only) continue;
        const claimed = await store.claim(entry.id, now());
        if (!claimed) continue; // another tab or the worker has it
        const result = await sendEntry(claimed, deps);
        const next = settle(claimed, result, now());
        await store.put(next);
        settled.push(next);
        if (result.outcome === "retry" && !result.problem) break; // offline again: all wait
      }
      return settled;
    };
    if (deps.locks && typeof deps.locks.request === "function") {
      return deps.locks.request(LOCK_NAME, work);
    }
    return work();
  }

  // --- page glue (browser only) ----------------------------------------------------------

  let currentUser = "";
  const seenUnsent = new Set();

  function pageCsrf() {
    // the cookie is current even when this page came from the cache; else the page's own
    // token (base.html's hx-headers); else the one the form was saved with
    const match = /(?:^|;\s*)csrftoken=([^;]+)/.exec(document.cookie || "");
    if (match) return decodeURIComponent(match[1]);
    try {
      const headers = JSON.parse(document.body.getAttribute("hx-headers") || "{}");
      return headers["X-CSRFToken"] || null;
    } catch {
      return null;
    }
  }

  function pageDeps(extra) {
    return Object.assign(
      {
        fetch: (url, init) => root.fetch(url, init),
        now: () => Date.now(),
        csrf: async () => pageCsrf(),
        user: currentUser,
        locks: root.navigator && root.navigator.locks,
      },
      extra || {},
    );
  }

  function workerDeps() {
    return {
      fetch: (url, init) => root.fetch(url, init),
      now: () => Date.now(),
      csrf: async () => {
        const cookie = root.cookieStore ? await root.cookieStore.get("csrftoken") : null;
        return cookie ? cookie.value : null;
      },
      user: undefined,
      locks: root.navigator && root.navigator.locks,
    };
  }

  function formFor(url) {
    const forms = document.querySelectorAll("form#session-log-form");
    for (const form of forms) if (pathOf(form.action) === url) return form;
    return null;
  }

  function statusBox(form) {
    let box = document.getElementById("outbox-status");
    if (!box) {
      box = document.createElement("div");
      box.id = "outbox-status";
      box.setAttribute("role", "status");
      box.className = "outbox-status";
    }
    const place = form || document.getElementById("main");
    if (form && box.nextElementSibling !== form) form.parentNode.insertBefore(box, form);
    else if (!form && !box.isConnected && place) place.insertBefore(box, place.firstChild);
    return box;
  }

  /** Show every entry of this person that is waiting, needs attention, or was sent while
   * this page was open, right above the log form it came from (else at the top). */
  function render(entries) {
    if (typeof document === "undefined") return;
    const mine = entries.filter((e) => e.user === currentUser);
    for (const e of mine) if (e.status !== "sent") seenUnsent.add(e.id);
    const shown = mine
      .filter((e) => e.status !== "sent" || seenUnsent.has(e.id))
      .sort((a, b) => a.queuedAt - b.queuedAt);
    const existing = document.getElementById("outbox-status");
    if (!shown.length) {
      if (existing) existing.remove();
      return;
    }
    const form = shown.map((e) => formFor(e.url)).find(Boolean) || null;
    const box = statusBox(form);
    box.textContent = "";
    for (const entry of shown) {
      const status = statusFor(entry);
      const notice = document.createElement("div");
      notice.className = status.tone === "ok" ? "notice" : "notice " + status.tone;
      notice.setAttribute("data-outbox", entry.status);
      const line = document.createElement("p");
      line.append(status.text);
      if (status.link) {
        const link = document.createElement("a");
        link.href = status.link.href;
        link.textContent = status.link.text;
        line.append(" ", link);
      }
      notice.append(line);
      box.append(notice);
    }
  }

  /** After a save the person must see what happened to it: the status is above the form,
   * which they have scrolled past to reach the Save button. */
  function revealStatus() {
    const box = document.getElementById("outbox-status");
    if (!box) return;
    if (!box.hasAttribute("tabindex")) box.setAttribute("tabindex", "-1");
    box.focus({ preventScroll: true });
    const still = root.matchMedia && root.matchMedia("(prefers-reduced-motion: reduce)").matches;
    box.scrollIntoView({ block: "center", behavior: still ? "auto" : "smooth" });
  }

  async function refresh() {
    const store = await openStore();
    render(await store.all());
  }

  async function flushPage() {
    if (!currentUser) return [];
    const store = await openStore();
    let settled = [];
    if (root.navigator.onLine !== false) settled = await flush(store, pageDeps());
    render(await store.all());
    return settled;
  }

  function requestSync() {
    const sw = root.navigator.serviceWorker;
    if (!sw || !sw.controller) return;
    sw.ready
      .then((reg) => (reg.sync ? reg.sync.register(SYNC_TAG) : null))
      .catch(() => null); // no Background Sync here: the online event and page loads send it
  }

  function nativeSubmit(form) {
    root.HTMLFormElement.prototype.submit.call(form);
  }

  async function submitThroughOutbox(form) {
    const store = await openStore();
    const entries = await store.all();
    const url = pathOf(form.action);
    for (const old of entries) {
      if (old.url === url && old.status === "attention") await store.remove(old.id); // superseded
    }
    const fields = [];
    new FormData(form).forEach((value, name) => {
      if (typeof value === "string") fields.push([name, value]);
    });
    const entry = makeEntry(fields, {
      url: url,
      user: currentUser,
      now: Date.now(),
      usedTokens: entries.filter((e) => e.status === "sent").map((e) => e.token),
      uuid: () => root.crypto.randomUUID(),
    });
    await store.put(entry);
    seenUnsent.add(entry.id);
    if (root.navigator.onLine === false) {
      render(await store.all());
      revealStatus();
      requestSync();
      return;
    }
    const settled = (await flush(store, pageDeps({ only: entry.id })))[0];
    if (settled && settled.status === "sent" && !settled.duplicate) {
      root.location.assign(settled.logUrl);
      return;
    }
    if (!settled || (settled.status === "pending" && settled.problem !== "login")) {
      render(await store.all()); // the network failed (or another tab sends it): kept
      revealStatus();
      requestSync();
      return;
    }
    if (settled.problem === "login") {
      render(await store.all());
      return;
    }
    // The server had something to say (form errors, already logged): let it say it on
    // its own page, exactly as without JavaScript. No log was stored by this attempt.
    await store.remove(entry.id);
    nativeSubmit(form);
  }

  /** The player's log form: sent through the outbox, so no connection loses it. */
  function hookForm(form) {
    if (!form || form.getAttribute("data-outbox") || !root.fetch) return;
    form.setAttribute("data-outbox", "1");
    form.addEventListener("submit", (event) => {
      if (event.defaultPrevented) return;
      event.preventDefault();
      submitThroughOutbox(form).catch(() => nativeSubmit(form));
    });
    refresh().catch(() => null);
  }

  /** Every page (app.js): send what waits now, when the connection returns, and show
   * what the service worker sent. `user` is the signed-in person's id ("" for nobody). */
  function startPage(user) {
    currentUser = user ? String(user) : "";
    const send = () => flushPage().catch(() => null);
    root.addEventListener("online", send);
    const sw = root.navigator.serviceWorker;
    if (sw) {
      sw.addEventListener("message", (event) => {
        if (event.data && event.data.type === "spinewise:outbox") refresh().catch(() => null);
      });
    }
    return send();
  }

  /** Logging out: forget this person's entries (after asking, when some were not sent). */
  async function forgetUser(user, ask) {
    const store = await openStore();
    const theirs = (await store.all()).filter((e) => e.user === String(user || ""));
    const unsent = theirs.filter((e) => e.status !== "sent");
    if (unsent.length && ask && !ask(unsent.length)) return false;
    for (const e of theirs) await store.remove(e.id);
    return true;
  }

  root.SpinewiseOutbox = {
    SYNC_TAG: SYNC_TAG,
    STALE_MS: STALE_MS,
    makeEntry: makeEntry,
    claimable: claimable,
    toSend: toSend,
    expired: expired,
    classify: classify,
    settle: settle,
    requestBody: requestBody,
    statusFor: statusFor,
    memoryStore: memoryStore,
    localStore: localStore,
    openStore: openStore,
    flush: flush,
    workerDeps: workerDeps,
    hookForm: hookForm,
    startPage: startPage,
    forgetUser: forgetUser,
  };
})(globalThis);
