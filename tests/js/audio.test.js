// Audio guidance with fakes for Web Audio, speech synthesis and localStorage: which tones
// and words each cue gives, the sound and voice switches, and browsers lacking either.
import assert from "node:assert/strict";
import { test } from "node:test";

import { AUDIO_KEY, browserCues, CUE_TONES, Cues, phrase, TONES } from "../../src/spinewise/training/static/spinewise/player/audio.js";
import * as machine from "../../src/spinewise/training/static/spinewise/player/state.js";
import { HOLD_LEAD_MS } from "../../src/spinewise/training/static/spinewise/player/timers.js";

/** A fake AudioContext class; every context made is kept in `made`, its notes in `notes`. */
function fakeAudio() {
  const made = [];
  class FakeContext {
    constructor() {
      this.state = "suspended"; // as a browser makes it before the first tap
      this.currentTime = 12;
      this.destination = { name: "speakers" };
      this.notes = [];
      this.resumed = 0;
      made.push(this);
    }
    resume() { this.resumed += 1; this.state = "running"; return Promise.resolve(); }
    createGain() {
      const calls = [];
      const param = (what) => (value, time) => calls.push([what, value, time]);
      return {
        calls,
        gain: { setValueAtTime: param("set"), linearRampToValueAtTime: param("linear"), exponentialRampToValueAtTime: param("exp") },
        connect(to) { this.to = to; },
        disconnect() {},
      };
    }
    createOscillator() {
      const ctx = this;
      const osc = {
        type: "",
        frequency: { setValueAtTime(value, time) { osc.hz = value; osc.at = time; } },
        connect(gain) { osc.gain = gain; },
        disconnect() {},
        start(time) { osc.started = time; ctx.notes.push(osc); },
        stop(time) { osc.stopped = time; },
      };
      return osc;
    }
  }
  return { FakeContext, made };
}

function fakeSpeech() {
  const speech = { said: [], cancelled: 0, paused: false };
  speech.speak = (u) => speech.said.push(u.text);
  speech.cancel = () => { speech.cancelled += 1; };
  class Utterance { constructor(text) { this.text = text; } }
  return { speech, Utterance };
}

function memoryStore() {
  const data = new Map();
  return { data, getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)) };
}

function setup({ store = memoryStore() } = {}) {
  const audio = fakeAudio();
  const { speech, Utterance } = fakeSpeech();
  const cues = new Cues({ AudioContext: audio.FakeContext, speech, Utterance, store: () => store, lang: "en-GB" });
  return { cues, audio, speech, store, tones: () => (audio.made[0] ? audio.made[0].notes.map((n) => n.hz) : []) };
}

const reps = { index: 0, name: "Bird dog", tracking: "reps", sets: 3, amount: 8, rest_seconds: 30, per_side: false, seconds_per_rep: 5 };
const hold = { index: 1, name: "Side plank", tracking: "hold", sets: 2, amount: 20, rest_seconds: 0, per_side: true, seconds_per_rep: 1 };

/** Runs a step of the state machine and gives its cue to `cues`, as the controller does. */
function step(cues, item, st, result) {
  if (result && result.cue) cues.cue(result.cue, machine.cueDetail(item, st));
  return result;
}

test("no tone plays before a tap unlocks audio; the tap wakes the context", () => {
  const { cues, audio, tones } = setup();
  cues.cue("set_end", { set: 1, sets: 2, amount: 8, tracking: "reps" });
  assert.equal(audio.made.length, 0); // no context made outside a tap
  cues.unlock();
  assert.equal(audio.made.length, 1);
  assert.equal(audio.made[0].state, "running");
  cues.unlock(); // later taps reuse it
  assert.equal(audio.made.length, 1);
  cues.cue("set_end", { set: 1, sets: 2, amount: 8, tracking: "reps" });
  assert.deepEqual(tones(), [659.25, 523.25]);
});

test("the end of a hold's first side: a calm note and 'Swap sides'", () => {
  const { cues, speech, tones } = setup();
  cues.unlock();
  const st = machine.freshItemState();
  machine.toggleTimer(hold, st);
  step(cues, hold, st, machine.advance(hold, st, HOLD_LEAD_MS)); // the lead is over
  assert.deepEqual(tones(), TONES.go.map((n) => n[0]));
  assert.deepEqual(speech.said, ["Hold."]);
  step(cues, hold, st, machine.advance(hold, st, 20000));
  assert.deepEqual(tones().slice(2), [523.25]);
  assert.deepEqual(speech.said, ["Hold.", "Swap sides."]);
});

test("the end of a set: a falling pair, the count and the rest ahead", () => {
  const { cues, speech, tones } = setup();
  cues.unlock();
  const st = machine.freshItemState();
  for (let i = 0; i < 7; i++) machine.countBy(reps, st, 1);
  step(cues, reps, st, machine.repsSetDone(reps, st));
  assert.deepEqual(tones(), [659.25, 523.25]);
  assert.deepEqual(speech.said, ["Set 1 of 3 done, 7 reps. Rest 30 seconds."]);
});

test("the end of a rest: a rising 'go' pair, distinct from the end of a hold or set", () => {
  const { cues, speech, tones } = setup();
  cues.unlock();
  const st = machine.freshItemState();
  machine.repsSetDone(reps, st);
  step(cues, reps, st, machine.advance(reps, st, 30000));
  assert.deepEqual(tones(), [587.33, 880]);
  assert.ok(tones()[1] > tones()[0], "the go tone rises");
  assert.deepEqual(speech.said, ["Rest over. Set 2 of 3."]);
  assert.notDeepEqual(TONES.go, TONES.end);
  assert.notDeepEqual(TONES.go, TONES.set);
  assert.notDeepEqual(TONES.end, TONES.set);
});

test("a skipped rest is silent: the person tapped it away", () => {
  const { cues, speech, tones } = setup();
  cues.unlock();
  const st = machine.freshItemState();
  machine.repsSetDone(reps, st);
  step(cues, reps, st, machine.endRest(reps, st, false));
  assert.deepEqual(tones(), []);
  assert.deepEqual(speech.said, []);
});

test("each note rises from silence and fades out, through a gain to the speakers", () => {
  const { cues, audio } = setup();
  cues.unlock();
  cues.tone("set");
  const ctx = audio.made[0];
  const [first, second] = ctx.notes;
  assert.equal(first.type, "sine");
  assert.equal(first.gain.to, ctx.destination);
  assert.ok(Math.abs(first.started - 12.01) < 1e-9);
  assert.ok(second.started > first.started);
  assert.ok(first.stopped > first.started);
  const kinds = first.gain.calls.map((c) => c[0]);
  assert.deepEqual(kinds, ["set", "linear", "exp"]);
  assert.ok(first.gain.calls[0][1] < 0.001 && first.gain.calls[2][1] < 0.001);
  assert.ok(first.gain.calls[1][1] > 0.1);
});

test("every cue of the state machine has a tone and a phrase", () => {
  for (const kind of ["hold_start", "hold_end", "side_end", "count_done", "set_end", "exercise_end", "rest_end", "session_end"]) {
    assert.ok(TONES[CUE_TONES[kind]], kind);
    assert.notEqual(phrase(kind, { set: 1, sets: 2, amount: 5, target: 5, next: 2, name: "X", tracking: "hold", rest: 0 }), "", kind);
  }
  assert.equal(phrase("set_end", { set: 2, sets: 3, amount: 20, tracking: "hold", rest: 0 }), "Set 2 of 3 done, 20 seconds.");
  assert.equal(phrase("exercise_end", { set: 1, sets: 1, amount: 6, tracking: "breaths", name: "Belly breathing" }), "Set 1 of 1 done, 6 breaths. Belly breathing done.");
  assert.equal(phrase("count_done", { target: 8 }), "8 of 8.");
  assert.equal(phrase("session_end"), "Session done.");
  assert.equal(phrase("nothing"), "");
});

test("a new cue cuts off the one still being said, so cues never pile up", () => {
  const { cues, speech } = setup();
  cues.speak("Bird dog");
  cues.speak("Set 1 of 3 done, 8 reps.");
  assert.equal(speech.cancelled, 2); // before each utterance
  assert.deepEqual(speech.said, ["Bird dog", "Set 1 of 3 done, 8 reps."]);
});

test("utterances take the page's language", () => {
  const audio = fakeAudio();
  const spoken = [];
  const speech = { speak: (u) => spoken.push(u), cancel: () => {} };
  class Utterance { constructor(text) { this.text = text; } }
  new Cues({ AudioContext: audio.FakeContext, speech, Utterance, lang: "en-GB" }).speak("Hold.");
  assert.equal(spoken[0].lang, "en-GB");
});

test("switching sound off stops the tones, voice off stops the words; each on its own", () => {
  const { cues, speech, tones } = setup();
  cues.unlock();
  assert.equal(cues.sound, true);
  assert.equal(cues.voice, true);
  cues.set("sound", false);
  cues.cue("rest_end", { next: 2, sets: 3 });
  assert.deepEqual(tones(), []);
  assert.deepEqual(speech.said, ["Rest over. Set 2 of 3."]);
  cues.set("sound", true);
  const before = speech.cancelled;
  assert.equal(cues.toggle("voice"), false);
  assert.equal(speech.cancelled, before + 1); // what was being said stops at once
  cues.cue("rest_end", { next: 3, sets: 3 });
  assert.deepEqual(tones(), [587.33, 880]);
  assert.deepEqual(speech.said, ["Rest over. Set 2 of 3."]);
  cues.set("bogus", false); // unknown switches are ignored
  assert.deepEqual(Object.keys(cues.settings), ["sound", "voice"]);
});

test("the switches are remembered in localStorage and read back by the next player", () => {
  const store = memoryStore();
  const first = setup({ store }).cues;
  first.set("voice", false);
  assert.deepEqual(JSON.parse(store.data.get(AUDIO_KEY)), { sound: true, voice: false });
  const next = setup({ store });
  assert.equal(next.cues.voice, false);
  assert.equal(next.cues.sound, true);
  next.cues.cue("session_end");
  assert.deepEqual(next.speech.said, []);
  first.set("sound", false);
  assert.equal(setup({ store }).cues.sound, false);
});

test("with sound switched off no audio context is made at all", () => {
  const store = memoryStore();
  store.setItem(AUDIO_KEY, JSON.stringify({ sound: false, voice: true }));
  const { cues, audio } = setup({ store });
  cues.unlock();
  assert.equal(audio.made.length, 0);
  cues.set("sound", true); // the switch is a tap: audio unlocks then
  assert.equal(audio.made.length, 1);
});

test("blocked, full or garbled storage gives both switches on and never throws", () => {
  const blocked = () => { throw new Error("SecurityError"); };
  const audio = fakeAudio();
  const cues = new Cues({ AudioContext: audio.FakeContext, store: blocked });
  assert.equal(cues.sound, true);
  assert.doesNotThrow(() => cues.set("voice", false));
  assert.equal(cues.voice, false); // still holds for this page
  const full = { getItem: () => "{not json", setItem: () => { throw new Error("QuotaExceededError"); } };
  const other = new Cues({ store: () => full });
  assert.equal(other.voice, true);
  assert.doesNotThrow(() => other.toggle("sound"));
  const odd = memoryStore();
  odd.setItem(AUDIO_KEY, JSON.stringify({ sound: "no", voice: 0 }));
  assert.deepEqual(new Cues({ store: () => odd }).settings, { sound: true, voice: true });
});

test("a browser without Web Audio or speech stays silent and never throws", () => {
  const cues = new Cues();
  assert.equal(cues.canPlay, false);
  assert.equal(cues.canSpeak, false);
  assert.doesNotThrow(() => {
    cues.unlock();
    cues.cue("set_end", { set: 1, sets: 2, amount: 8, tracking: "reps" });
    cues.speak("Hold.");
    cues.hush();
  });
  // a context that cannot be made, speech that refuses
  const broken = new Cues({
    AudioContext: function () { throw new Error("NotSupportedError"); },
    speech: { speak: () => { throw new Error("not-allowed"); }, cancel: () => {} },
    Utterance: function (t) { this.text = t; },
  });
  assert.doesNotThrow(() => { broken.unlock(); broken.cue("rest_end", { next: 2, sets: 2 }); });
});

test("browserCues reads the browser only when called, and copes with an empty one", () => {
  const { FakeContext, made } = fakeAudio();
  const { speech, Utterance } = fakeSpeech();
  const store = memoryStore();
  const win = {
    webkitAudioContext: FakeContext, speechSynthesis: speech, SpeechSynthesisUtterance: Utterance,
    localStorage: store, document: { documentElement: { lang: "en" } },
  };
  const cues = browserCues(win);
  assert.equal(cues.canPlay, true);
  assert.equal(cues.canSpeak, true);
  cues.unlock();
  cues.cue("hold_start");
  assert.equal(made[0].notes.length, 2);
  assert.deepEqual(speech.said, ["Hold."]);
  const bare = browserCues({});
  assert.equal(bare.canPlay, false);
  assert.equal(bare.canSpeak, false);
  assert.equal(bare.sound, true);
});
