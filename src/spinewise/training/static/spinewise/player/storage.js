/*
 * Where the player keeps its progress between page loads: the browser's session storage,
 * under one key per patient, programme version, session and day (the page's
 * data-session-key). Storage may be full or switched off (private mode): the player then
 * still works, it just forgets on reload.
 */

const STORE_PREFIX = "spinewise-player:";

export function storageKey(sessionKey) {
  return STORE_PREFIX + sessionKey;
}

// Reading window.sessionStorage itself throws where storage is blocked (some privacy
// settings, sandboxed frames), so the store is looked up inside the try.
function sessionStore() {
  return globalThis.sessionStorage;
}

/** The saved progress under `key`, parsed; null when none, unreadable or blocked. */
export function loadSaved(key, store = sessionStore) {
  try {
    const s = store();
    return JSON.parse((s && s.getItem(key)) || "null");
  } catch {
    return null;
  }
}

export function save(key, state, store = sessionStore) {
  try {
    const s = store();
    if (s) s.setItem(key, JSON.stringify(state));
  } catch {
    // full or blocked: nothing to do
  }
}
