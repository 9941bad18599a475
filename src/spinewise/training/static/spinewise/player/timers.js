/*
 * Time in the player: the clock that drives it and the arithmetic of holds and breaths.
 * The clock is injected (now, setInterval, clearInterval, speed) so tests can run it by
 * hand; the rest is plain arithmetic on milliseconds of exercise time.
 */

export const TICK_MS = 100;
export const HOLD_LEAD_MS = 3000; // time to get into position after tapping Start
export const SWITCH_LEAD_MS = 5000; // time to change sides between two holds
export const INHALE_SHARE = 0.4; // a longer out-breath is the usual relaxation cue

/** window.SPINEWISE_PLAYER_SPEED as a factor: anything but a positive number means 1. */
export function speedFactor(value) {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/**
 * Calls onTick(dt, now) every TICK_MS, dt being the wall time since the last tick times
 * speed() (read at every tick, so a test or demo may change it while a session runs).
 */
export class Ticker {
  constructor({ now, every, cancel, speed = () => 1, tickMs = TICK_MS }) {
    this.now = now;
    this.every = every;
    this.cancel = cancel;
    this.speed = speed;
    this.tickMs = tickMs;
    this.last = 0;
    this.handle = null;
  }

  start(onTick) {
    this.onTick = onTick;
    this.restart();
    this.handle = this.every(() => this.tick(), this.tickMs);
  }

  /** Forget the time since the last tick (after a pause: paused time never counts). */
  restart() {
    this.last = this.now();
  }

  tick() {
    const now = this.now();
    const dt = (now - this.last) * this.speed();
    this.last = now;
    this.onTick(dt, now);
  }

  stop() {
    if (this.handle !== null) this.cancel(this.handle);
    this.handle = null;
  }
}

/** Whole breaths taken after `elapsed` ms at `secondsPerBreath`. */
export function breathsTaken(elapsed, secondsPerBreath) {
  return Math.floor(Math.max(0, elapsed) / (secondsPerBreath * 1000));
}

/** Where in the breath the pacer is: { breaths, within (0..1 of this breath), inhaling }. */
export function breathPhase(elapsed, secondsPerBreath) {
  const cycle = secondsPerBreath * 1000;
  const within = (Math.max(0, elapsed) % cycle) / cycle;
  return { breaths: breathsTaken(elapsed, secondsPerBreath), within: within, inhaling: within < INHALE_SHARE };
}

/** Whole seconds held after `elapsed` ms (the get-ready lead, negative, counts as none). */
export function secondsHeld(elapsed) {
  return Math.floor(Math.max(0, elapsed) / 1000);
}

/** Whole seconds left of a `holdSeconds` hold, rounded up as a countdown shows them. */
export function secondsLeft(elapsed, holdSeconds) {
  return Math.ceil((holdSeconds * 1000 - elapsed) / 1000);
}

/** As a countdown shows seconds: "45", "1:05". */
export function clockText(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return s >= 60 ? Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0") : String(s);
}
