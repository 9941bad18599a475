/* Paced breathing: a circle that grows while you breathe in and shrinks while you breathe
 * out, at the rate the page was given (data-inhale / data-exhale seconds, data-breaths).
 * With prefers-reduced-motion the circle stays still and only the words and the count
 * change. Timing follows the clock, so the pace stays true in a busy tab.
 */
(function () {
  "use strict";

  function reducedMotion() {
    return !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  }

  function setUp(el) {
    el.classList.add("sc-js");
    var inhale = Number(el.getAttribute("data-inhale"));
    var exhale = Number(el.getAttribute("data-exhale"));
    var breaths = Number(el.getAttribute("data-breaths"));
    var circle = el.querySelector(".sc-pacer__circle");
    var cue = el.querySelector(".sc-pacer__cue");
    var count = el.querySelector(".sc-pacer__count");
    var button = el.querySelector("[data-pacer-start]");
    var logField = document.querySelector("[data-timer-log]");
    var cycle = inhale + exhale;
    var startedAt = null;
    var frame = null;
    var lastPhase = "";

    function stop(text) {
      startedAt = null;
      if (frame !== null) { window.cancelAnimationFrame(frame); frame = null; }
      button.textContent = "Start";
      circle.style.transform = "";
      cue.textContent = text;
      lastPhase = "";
    }
    function step() {
      var t = (Date.now() - startedAt) / 1000;
      var n = Math.floor(t / cycle);
      if (n >= breaths) {
        stop("Well done");
        count.textContent = breaths + " breaths done. Breathe normally for a moment.";
        if (logField) { logField.value = String(Math.max(1, Math.round((breaths * cycle) / 60))); }
        return;
      }
      var within = t - n * cycle;
      var breathingIn = within < inhale;
      var phase = breathingIn ? "Breathe in" : "Breathe out";
      if (phase !== lastPhase) {
        cue.textContent = phase;
        count.textContent = "Breath " + (n + 1) + " of " + breaths;
        lastPhase = phase;
      }
      if (!reducedMotion()) {
        var share = breathingIn ? within / inhale : 1 - (within - inhale) / exhale;
        circle.style.transform = "scale(" + (0.5 + 0.5 * share).toFixed(3) + ")";
      }
      frame = window.requestAnimationFrame(step);
    }
    button.addEventListener("click", function () {
      if (startedAt === null) {
        startedAt = Date.now();
        button.textContent = "Stop";
        frame = window.requestAnimationFrame(step);
      } else {
        stop("Stopped");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-pacer]"), setUp);
  });
})();
