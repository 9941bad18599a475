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

(function () {
  "use strict";
  // Follow-up questions (data-ask-if="<gateway id>") show only after a "yes" to their
  // gateway. Without JavaScript they stay visible; the server requires them after a yes.
  document.addEventListener("DOMContentLoaded", function () {
    var seen = {};
    document.querySelectorAll("input[data-ask-if]").forEach(function (input) {
      var box = input.closest(".field");
      var gate = input.getAttribute("data-ask-if");
      if (!box || seen[box.id]) { return; }
      seen[box.id] = true;
      function update() {
        var yes = document.querySelector("input[name='" + gate + "'][value='yes']");
        var show = !!(yes && yes.checked);
        box.hidden = !show;
        if (!show) { box.querySelectorAll("input").forEach(function (i) { i.checked = false; }); }
      }
      document.querySelectorAll("input[name='" + gate + "']").forEach(function (i) {
        i.addEventListener("change", update);
      });
      update();
    });
  });
})();
