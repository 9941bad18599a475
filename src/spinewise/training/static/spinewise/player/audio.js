/*
 * Audio guidance: a short tone at the moments the state machine cues (state.js lists
 * them) and, optionally, a spoken cue, so a person lying on a mat need not watch the
 * screen. Tones are made with the Web Audio API (an oscillator through a gain envelope;
 * nothing is fetched); speech with the browser's speech synthesis.
 *
 * Two switches, sound and voice, both on unless the person turned them off; they are
 * remembered in localStorage under AUDIO_KEY. Browsers start audio only after a tap, so
 * the controller calls unlock() on the first taps in the player; until then tones are
 * skipped. Where Web Audio, speech or storage is missing or blocked, that part stays quiet.
 *
 * Nothing is read from the browser when this module loads: the AudioContext constructor,
 * speechSynthesis, SpeechSynthesisUtterance and the store are passed in (browserCues()
 * picks the real ones), so Node's tests can use fakes.
 */

import { plural } from "./state.js";

export const AUDIO_KEY = "spinewise-player-audio";
const PEAK = 0.3; // gain at the top of a note's envelope
const ATTACK = 0.015; // seconds to reach it (no click at the start)

/** Each tone: notes of [frequency Hz, start s, length s]. */
export const TONES = {
  end: [[523.25, 0, 0.35]], // one calm note: this hold or side is over
  set: [[659.25, 0, 0.16], [523.25, 0.18, 0.3]], // a falling pair: the set is done
  go: [[587.33, 0, 0.12], [880, 0.14, 0.2]], // a rising pair: start now
  finish: [[523.25, 0, 0.14], [659.25, 0.16, 0.14], [783.99, 0.32, 0.4]], // the session is done
};

/** The tone of each cue of the state machine (and of the session's end). */
export const CUE_TONES = {
  hold_start: "go",
  rest_end: "go",
  hold_end: "end",
  side_end: "end",
  count_done: "end",
  set_end: "set",
  exercise_end: "set",
  session_end: "finish",
};

function amountText(tracking, amount) {
  if (tracking === "hold") return plural(amount, "second", "seconds");
  if (tracking === "breaths") return plural(amount, "breath", "breaths");
  return plural(amount, "rep", "reps");
}

/** What the voice says for cue `kind`, given state.cueDetail(); "" for nothing. */
export function phrase(kind, d = {}) {
  const setDone = () => "Set " + d.set + " of " + d.sets + " done, " + amountText(d.tracking, d.amount) + ".";
  switch (kind) {
    case "hold_start": return "Hold.";
    case "hold_end":
    case "side_end": return "Swap sides.";
    case "count_done": return d.target + " of " + d.target + ".";
    case "set_end": return setDone() + (d.rest > 0 ? " Rest " + plural(d.rest, "second", "seconds") + "." : "");
    case "exercise_end": return setDone() + " " + d.name + " done.";
    case "rest_end": return "Rest over. Set " + d.next + " of " + d.sets + ".";
    case "session_end": return "Session done.";
    default: return "";
  }
}

function readSettings(store) {
  const settings = { sound: true, voice: true };
  try {
    const s = store();
    const saved = JSON.parse((s && s.getItem(AUDIO_KEY)) || "null");
    if (saved && typeof saved === "object") {
      for (const name of Object.keys(settings)) {
        if (typeof saved[name] === "boolean") settings[name] = saved[name];
      }
    }
  } catch {
    // unreadable or blocked storage: the defaults
  }
  return settings;
}

export class Cues {
  /**
   * AudioContext: the constructor (window.AudioContext or webkitAudioContext), or none;
   * speech: window.speechSynthesis; Utterance: window.SpeechSynthesisUtterance;
   * store: () => window.localStorage (a function: looking storage up may throw);
   * lang: the page's language for the voice.
   */
  constructor({ AudioContext = null, speech = null, Utterance = null, store = () => null, lang = "" } = {}) {
    this.AudioContext = typeof AudioContext === "function" ? AudioContext : null;
    this.speech = speech && typeof speech.speak === "function" && typeof Utterance === "function" ? speech : null;
    this.Utterance = Utterance;
    this.store = store;
    this.lang = lang;
    this.ctx = null;
    this.settings = readSettings(store);
  }

  /** Whether this browser can play tones, and speak. */
  get canPlay() { return this.AudioContext !== null; }
  get canSpeak() { return this.speech !== null; }

  get sound() { return this.settings.sound; }
  get voice() { return this.settings.voice; }

  /** Switch "sound" or "voice" on or off, and remember it. */
  set(name, on) {
    if (!(name in this.settings)) return;
    this.settings[name] = !!on;
    try {
      const s = this.store();
      if (s) s.setItem(AUDIO_KEY, JSON.stringify(this.settings));
    } catch {
      // full or blocked: the switch holds until the page is left
    }
    if (name === "voice" && !on) this.hush();
    if (name === "sound" && on) this.unlock(); // switching on is itself a tap
  }

  toggle(name) {
    this.set(name, !this.settings[name]);
    return this.settings[name];
  }

  /** Call from a tap or key press: creates (or wakes) the audio context browsers hold back. */
  unlock() {
    if (!this.canPlay || !this.settings.sound) return;
    try {
      if (!this.ctx) this.ctx = new this.AudioContext();
      if (this.ctx.state === "suspended" || this.ctx.state === "interrupted") quietly(() => this.ctx.resume());
    } catch {
      this.ctx = null;
    }
  }

  /** Tone and words for a cue of the state machine; `detail` from state.cueDetail(). */
  cue(kind, detail) {
    if (!kind) return;
    if (CUE_TONES[kind]) this.tone(CUE_TONES[kind]);
    this.speak(phrase(kind, detail));
  }

  /** Play tone `name` of TONES, when sound is on and a tap has unlocked audio. */
  tone(name) {
    const notes = TONES[name];
    const ctx = this.ctx;
    if (!notes || !this.settings.sound || !ctx || ctx.state === "closed") return;
    try {
      if (ctx.state !== "running") quietly(() => ctx.resume());
      const start = ctx.currentTime + 0.01;
      for (const [frequency, offset, length] of notes) {
        const t = start + offset;
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = "sine";
        osc.frequency.setValueAtTime(frequency, t);
        gain.gain.setValueAtTime(0.0001, t);
        gain.gain.linearRampToValueAtTime(PEAK, t + ATTACK);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + length);
        osc.connect(gain);
        gain.connect(ctx.destination);
        osc.onended = () => { quietly(() => osc.disconnect()); quietly(() => gain.disconnect()); };
        osc.start(t);
        osc.stop(t + length + 0.02);
      }
    } catch {
      // an audio device that went away: stay quiet
    }
  }

  /** Say `text` when voice is on, cutting off whatever was still being said. */
  speak(text) {
    if (!text || !this.settings.voice || !this.speech) return;
    try {
      this.speech.cancel();
      if (this.speech.paused && typeof this.speech.resume === "function") this.speech.resume();
      const utterance = new this.Utterance(text);
      if (this.lang) utterance.lang = this.lang;
      this.speech.speak(utterance);
    } catch {
      // speech refused: stay quiet
    }
  }

  /** Stop speaking at once. */
  hush() {
    if (this.speech) quietly(() => this.speech.cancel());
  }
}

/** Cues on this browser's own audio, speech and localStorage (read now, not at import). */
export function browserCues(win = globalThis) {
  let speech;
  try {
    speech = win.speechSynthesis || null;
  } catch {
    speech = null;
  }
  const doc = win.document;
  return new Cues({
    AudioContext: win.AudioContext || win.webkitAudioContext || null,
    speech: speech,
    Utterance: win.SpeechSynthesisUtterance || null,
    store: () => win.localStorage,
    lang: (doc && doc.documentElement && doc.documentElement.lang) || "",
  });
}

function quietly(fn) {
  try {
    const done = fn();
    if (done && typeof done.catch === "function") done.catch(() => {});
  } catch {
    // nothing to do
  }
}
