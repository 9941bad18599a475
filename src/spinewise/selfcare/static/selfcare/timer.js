/* Countdown timers for the self-care pages (movement break, heat and cold, body scan).
 *
 * Markup: <div data-timer data-seconds="90"> with .sc-timer__time, buttons
 * [data-timer-start], [data-timer-reset], an optional <select data-timer-minutes>, an
 * optional [data-timer-status] (aria-live) and, for the body scan, [data-starts-at]
 * steps to highlight. When the time is up, a form field [data-timer-log] (minutes done)
 * is filled in. Time comes from the clock, not from counting ticks, so a busy or
 * backgrounded tab stays right. Without JavaScript the page reads as plain text.
 * window.SPINEWISE_TIMER_SPEED (tests only) makes the clock run faster.
 */
(function () {
  "use strict";

  function fmt(seconds) {
    var s = Math.max(0, Math.ceil(seconds));
    var m = Math.floor(s / 60);
    var r = s % 60;
    return m + ":" + (r < 10 ? "0" : "") + r;
  }

  var SPEED = Number(window.SPINEWISE_TIMER_SPEED) || 1;

  function setUp(el) {
    el.classList.add("sc-js");
    var display = el.querySelector(".sc-timer__time");
    var startBtn = el.querySelector("[data-timer-start]");
    var resetBtn = el.querySelector("[data-timer-reset]");
    var minutes = el.querySelector("[data-timer-minutes]");
    var status = el.querySelector("[data-timer-status]");
    var steps = Array.prototype.slice.call(document.querySelectorAll("[data-starts-at]"));
    var logField = document.querySelector("[data-timer-log]");
    var total = Number(el.getAttribute("data-seconds")) || 60;
    var elapsedBefore = 0;
    var startedAt = null;
    var tick = null;

    function chosenTotal() {
      return minutes ? Number(minutes.value) * 60 : total;
    }
    function elapsed() {
      return elapsedBefore + (startedAt === null ? 0 : ((Date.now() - startedAt) / 1000) * SPEED);
    }
    function say(text) {
      if (status) { status.textContent = text; }
    }
    function highlight(at) {
      var current = null;
      steps.forEach(function (step) {
        if (Number(step.getAttribute("data-starts-at")) <= at) { current = step; }
      });
      steps.forEach(function (step) {
        var on = step === current && startedAt !== null;
        step.classList.toggle("sc-current", on);
        if (on) { step.setAttribute("aria-current", "step"); } else { step.removeAttribute("aria-current"); }
      });
    }
    function render() {
      var left = chosenTotal() - elapsed();
      display.textContent = fmt(left);
      highlight(elapsed());
      if (left <= 0) { finish(); }
    }
    function finish() {
      pause();
      elapsedBefore = chosenTotal();
      display.textContent = fmt(0);
      startBtn.textContent = "Start";
      say(el.getAttribute("data-done-text") || "Time is up.");
      if (logField) { logField.value = String(Math.max(1, Math.round(chosenTotal() / 60))); }
    }
    function pause() {
      if (startedAt !== null) { elapsedBefore = elapsed(); startedAt = null; }
      if (tick !== null) { window.clearInterval(tick); tick = null; }
    }
    function start() {
      if (elapsed() >= chosenTotal()) { elapsedBefore = 0; }
      startedAt = Date.now();
      tick = window.setInterval(render, 250);
      startBtn.textContent = "Pause";
      say("Timer started.");
      render();
    }
    startBtn.addEventListener("click", function () {
      if (startedAt === null) { start(); } else { pause(); startBtn.textContent = "Continue"; say("Paused."); }
    });
    if (resetBtn) {
      resetBtn.addEventListener("click", function () {
        pause();
        elapsedBefore = 0;
        startBtn.textContent = "Start";
        say("");
        render();
      });
    }
    if (minutes) { minutes.addEventListener("change", function () { if (startedAt === null) { render(); } }); }
    render();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-timer]"), setUp);
  });
})();
