/*
 * Every page: installable and offline (the service worker at /sw.js, rendered by
 * spinewise.web.pwa), and the session-log outbox (player/outbox.js) sent on each page load
 * and when the connection returns.
 *
 * Page contract (base.html):
 *   <script type="module" src=".../app.js" data-spinewise-app data-sw="/sw.js"
 *           data-user="USER_ID or empty" data-logout="/accounts/logout/"></script>
 *
 * Kept pages belong to one person: they are deleted on logging out, and whenever a page
 * says someone else (or no one) is signed in.
 */

import "./player/outbox.js";

const outbox = globalThis.SpinewiseOutbox;
const script = document.querySelector("script[data-spinewise-app]");
const attr = (name) => (script ? script.getAttribute(name) || "" : "");
const user = attr("data-user");
const OWNER_KEY = "spinewise-kept-for";

async function forgetKeptPages() {
  if (!("caches" in window)) return;
  const names = await caches.keys();
  await Promise.all(
    names.filter((n) => n.startsWith("spinewise-pages-") || n === "spinewise-figures").map((n) => caches.delete(n)),
  );
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked: nothing to compare with, so nothing is kept across people
  }
}

function checkOwner() {
  const store = storage();
  const before = store ? store.getItem(OWNER_KEY) : null;
  if (before === user) return;
  forgetKeptPages().catch(() => null);
  if (!store) return;
  if (user) store.setItem(OWNER_KEY, user);
  else store.removeItem(OWNER_KEY);
}

function register() {
  // service workers need a secure context (https, or localhost while developing)
  if (!window.isSecureContext || !("serviceWorker" in navigator) || !attr("data-sw")) return;
  navigator.serviceWorker.register(attr("data-sw"), { scope: "/" }).catch(() => null);
}

function hookLogout() {
  const logout = attr("data-logout");
  if (!logout) return;
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || new URL(form.action).pathname !== logout) return;
    if (form.hasAttribute("data-logging-out")) return;
    event.preventDefault();
    const submit = () => {
      form.setAttribute("data-logging-out", "");
      HTMLFormElement.prototype.submit.call(form);
    };
    const ask = (count) =>
      window.confirm(
        (count === 1 ? "A session saved on this phone has" : count + " sessions saved on this phone have") +
          " not been sent yet. Logging out deletes it from this phone. Log out anyway?",
      );
    (async () => {
      if (!(await outbox.forgetUser(user, ask))) {
        form.querySelectorAll("button").forEach((b) => window.setTimeout(() => (b.disabled = false), 10));
        return;
      }
      await forgetKeptPages();
      const store = storage();
      if (store) store.removeItem(OWNER_KEY);
      submit();
    })().catch(submit);
  });
}

checkOwner();
register();
hookLogout();
outbox.startPage(user);
