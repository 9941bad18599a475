/*
 * Spinewise service worker, rendered by spinewise.web.pwa.service_worker at /sw.js (root
 * scope). No CDN, no library: the static URLs below come from static(), hashed in production.
 *
 * - The app shell (site and player CSS, the player's modules, htmx, the offline page) is
 *   cached when this worker installs, under a cache named after VERSION; a new version
 *   drops the old caches.
 * - Navigations: the network first. Today, the programme page and a session's player
 *   page are kept when they load (and Today's next session with its exercise figures is
 *   fetched ahead), so offline they come from the cache; any other page offline gets the
 *   offline page. Nothing else is kept: no POST, no API answer, no other page.
 * - Other static files: the network first, kept for offline once fetched.
 * - A POST to a session page forgets the kept copy (its token is used up).
 * - Background Sync ("spinewise-outbox") sends the session logs saved offline (outbox.js).
 * - Logging out (app.js) deletes the kept pages and figures from the page itself.
 */
"use strict";

const CONFIG = {{ config|safe }};
const VERSION = CONFIG.version;
const SHELL_CACHE = "spinewise-shell-" + VERSION;
const PAGES_CACHE = "spinewise-pages-" + VERSION;
const FIGURES_CACHE = "spinewise-figures";
const STATIC_CACHE = "spinewise-static-" + VERSION;
const SHELL_PATHS = new Set(CONFIG.shell.map((url) => new URL(url, self.location.origin).pathname));
const SESSION_PAGE = new RegExp("^" + CONFIG.session_prefix.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&") + "\\d+/$");

importScripts({{ outbox_url|safe }});

function isKeptPage(url) {
  if (url.search) return false;
  const path = url.pathname;
  return path === CONFIG.today || path === CONFIG.programme || SESSION_PAGE.test(path);
}

function isFigure(url) {
  return url.pathname.startsWith(CONFIG.figure_prefix) && url.pathname.endsWith("/animated.svg");
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(CONFIG.shell.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  const keep = new Set([SHELL_CACHE, PAGES_CACHE, FIGURES_CACHE, STATIC_CACHE]);
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(names.filter((n) => n.startsWith("spinewise-") && !keep.has(n)).map((n) => caches.delete(n))),
      )
      .then(() => self.clients.claim()),
  );
});

function keepable(response) {
  return (
    response.status === 200 &&
    !response.redirected &&
    response.type === "basic" &&
    !/no-store|private/.test(response.headers.get("Cache-Control") || "")
  );
}

// Today's next session, found on the Today page, and its figures (the player's data island).
async function fetchAhead(todayHtml) {
  const paths = new Set();
  const link = /href="([^"]+)"/g;
  let match;
  while ((match = link.exec(todayHtml))) {
    const url = new URL(match[1].replace(/&amp;/g, "&"), self.location.origin);
    if (url.origin === self.location.origin && !url.search && SESSION_PAGE.test(url.pathname)) paths.add(url.pathname);
  }
  for (const path of paths) {
    const response = await fetch(path, { credentials: "same-origin" });
    if (!keepable(response)) continue;
    const html = await response.clone().text();
    await (await caches.open(PAGES_CACHE)).put(path, response);
    await fetchFigures(html);
  }
}

async function fetchFigures(sessionHtml) {
  const island = /<script id="session-data" type="application\/json">([\s\S]*?)<\/script>/.exec(sessionHtml);
  if (!island) return;
  let items = [];
  try {
    items = JSON.parse(island[1]).items || [];
  } catch {
    return;
  }
  const cache = await caches.open(FIGURES_CACHE);
  for (const item of items) {
    if (!item.figure_url) continue;
    const url = new URL(item.figure_url, self.location.origin);
    if (url.origin !== self.location.origin || !isFigure(url)) continue;
    if (await cache.match(url.pathname)) continue;
    try {
      const response = await fetch(url.pathname);
      if (response.ok) await cache.put(url.pathname, response);
    } catch {
      return; // offline again
    }
  }
}

async function keepPage(path, response) {
  const cache = await caches.open(PAGES_CACHE);
  if (!keepable(response)) {
    await cache.delete(path); // gone, moved or signed out: never serve an old copy
    return;
  }
  const html = await response.clone().text();
  await cache.put(path, response);
  if (path === CONFIG.today) await fetchAhead(html);
  else if (SESSION_PAGE.test(path)) await fetchFigures(html);
}

async function offlinePage() {
  const page = await caches.match(CONFIG.offline);
  return page || new Response("You're offline.", { status: 503, headers: { "Content-Type": "text/plain" } });
}

async function navigation(event, url) {
  const kept = isKeptPage(url);
  try {
    const response = await fetch(event.request);
    if (kept) event.waitUntil(keepPage(url.pathname, response.clone()).catch(() => null));
    return response;
  } catch {
    if (kept) {
      const cached = await (await caches.open(PAGES_CACHE)).match(url.pathname);
      if (cached) return cached;
    }
    return offlinePage();
  }
}

async function shellAsset(request, url) {
  const cached = await caches.match(url.pathname, { cacheName: SHELL_CACHE });
  return cached || fetch(request);
}

async function figure(request, url) {
  const cache = await caches.open(FIGURES_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(url.pathname, response.clone());
    return response;
  } catch {
    const cached = await cache.match(url.pathname);
    if (cached) return cached;
    throw new Error("offline and not kept");
  }
}

// Any other static file a kept page loads (a module added since): kept once fetched.
async function otherStatic(request, url) {
  const cache = await caches.open(STATIC_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(url.pathname, response.clone());
    return response;
  } catch {
    const cached = (await cache.match(url.pathname)) || (await caches.match(url.pathname));
    if (cached) return cached;
    throw new Error("offline and not kept");
  }
}

async function forgetPage(path) {
  const names = await caches.keys();
  await Promise.all(
    names.filter((n) => n.startsWith("spinewise-pages-")).map(async (n) => (await caches.open(n)).delete(path)),
  );
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== "GET") {
    // never cached; a session page's kept copy goes once its form is posted
    if (request.method === "POST" && SESSION_PAGE.test(url.pathname)) event.waitUntil(forgetPage(url.pathname));
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigation(event, url));
  } else if (SHELL_PATHS.has(url.pathname)) {
    event.respondWith(shellAsset(request, url));
  } else if (isFigure(url)) {
    event.respondWith(figure(request, url));
  } else if (url.pathname.startsWith(CONFIG.static_prefix)) {
    event.respondWith(otherStatic(request, url));
  }
  // anything else (the API, charts, other pages): the network, untouched
});

async function tellPages(message) {
  const pages = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const page of pages) page.postMessage(message);
}

self.addEventListener("sync", (event) => {
  if (event.tag !== self.SpinewiseOutbox.SYNC_TAG) return;
  event.waitUntil(
    (async () => {
      const outbox = self.SpinewiseOutbox;
      const settled = await outbox.flush(await outbox.openStore(), outbox.workerDeps());
      if (settled.length) await tellPages({ type: "spinewise:outbox" });
      // still offline: throwing asks the browser to try again later
      if (settled.some((e) => e.status === "pending")) throw new Error("not sent yet");
    })(),
  );
});
