/* Reminder settings: on first visit, preselect the time zone the browser is in.
 * The person still sees it and saves it themselves; nothing is sent anywhere. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form[data-guess-timezone]");
    if (!form || !window.Intl || !Intl.DateTimeFormat) { return; }
    var select = form.querySelector("select[name=timezone]");
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!select || !zone) { return; }
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone) { select.value = zone; return; }
    }
  });
})();
