/*
 * Where the player keeps its progress on this device: the browser's local storage, so a
 * reload, a closed tab or a phone call that sent the browser away resumes at the same
 * exercise and set. One key per patient, programme version, session and day (the page's
 * data-session-key, which ends in the day: "12-3-2-2026-12-07"); the record carries its
 * `updatedAt` (ms since 1970, set by the player) so drafts.js can tell which of this copy
 * and the server's draft is newer.
 *
 * Keys of earlier days are pruned (`prune`), so storage does not grow without end. Storage
 * may be full or switched off (private mode, some privacy settings): the player then
 * still works, it just forgets on reload (the server draft may still hold it).
 */

const STORE_PREFIX = "spinewise-player:";
const DAY_AT_END = /(\d{4}-\d{2}-\d{2})$/;
export const MAX_AGE_MS = 2 * 24 * 3600 * 1000; // records without a day in their key

export function storageKey(sessionKey) {
  return STORE_PREFIX + sessionKey;
}

// Reading window.localStorage itself throws where storage is blocked (some privacy
// settings, sandboxed frames), so the store is looked up inside the try.
function localStore() {
  return globalThis.localStorage;
}

/** The saved progress under `key`, parsed; null when none, unreadable or blocked. */
export function loadSaved(key, store = localStore) {
  try {
    const s = store();
    const value = JSON.parse((s && s.getItem(key)) || "null");
    return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Keep `state` under `key`; true when it was stored. When storage is full, the player's
 * other records are pruned (all but this one) and the write tried once more.
 */
export function save(key, state, store = localStore) {
  let text;
  try {
    text = JSON.stringify(state);
  } catch {
    return false;
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const s = store();
      if (!s) return false;
      s.setItem(key, text);
      return true;
    } catch {
      if (attempt === 0 && prune(key, store, Infinity) === 0) return false; // nothing to free
    }
  }
  return false;
}

/** The day a key ends in ("2026-12-07"), or "" when it has none (the demo page's key). */
export function keyDay(key) {
  const m = DAY_AT_END.exec(key);
  return m ? m[1] : "";
}

/** Should the record under `key` go, now that `currentKey` is in use? */
export function isStale(key, record, currentKey, now = Date.now()) {
  if (key === currentKey) return false;
  if (now === Infinity) return true;
  const day = keyDay(key);
  const today = keyDay(currentKey);
  if (day && today) return day < today;
  const stamp = record && typeof record.updatedAt === "number" ? record.updatedAt : 0;
  return now - stamp > MAX_AGE_MS;
}

/**
 * Remove the player's records of earlier days (or, for keys without a day, older than
 * MAX_AGE_MS); `now` = Infinity removes every record but `currentKey`'s. Returns how many
 * went. Other sites' and other features' keys are never touched.
 */
export function prune(currentKey, store = localStore, now = Date.now()) {
  let removed = 0;
  try {
    const s = store();
    if (!s) return 0;
    const keys = [];
    for (let i = 0; i < s.length; i++) {
      const k = s.key(i);
      if (k && k.startsWith(STORE_PREFIX)) keys.push(k);
    }
    for (const k of keys) {
      if (isStale(k, loadSaved(k, () => s), currentKey, now)) {
        s.removeItem(k);
        removed++;
      }
    }
  } catch {
    // blocked: nothing to prune
  }
  return removed;
}
