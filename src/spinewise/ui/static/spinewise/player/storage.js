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

export function loadSaved(key, store = globalThis.sessionStorage) {
  try {
    return JSON.parse((store && store.getItem(key)) || "null");
  } catch (err) {
    return null;
  }
}

export function save(key, state, store = globalThis.sessionStorage) {
  try {
    if (store) store.setItem(key, JSON.stringify(state));
  } catch (err) {
    // full or disabled: nothing to do
  }
}
