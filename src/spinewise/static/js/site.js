/* Small enhancements; every page works without them. */
(function () {
  "use strict";
  // Ask before leaving a half-filled long form (baseline, check-in, session log).
  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form.stack");
    forms.forEach(function (form) {
      var dirty = false;
      form.addEventListener("input", function () { dirty = true; });
      form.addEventListener("submit", function () {
        dirty = false;
        var button = form.querySelector("button[type=submit]");
        // A second tap must not look like nothing happened; the server ignores duplicates anyway.
        if (button) { window.setTimeout(function () { button.disabled = true; }, 0); }
      });
      window.addEventListener("beforeunload", function (event) {
        if (dirty) { event.preventDefault(); event.returnValue = ""; }
      });
    });
  });
})();
