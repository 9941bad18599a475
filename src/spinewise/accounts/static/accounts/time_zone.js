/*
 * The person's time zone, from the browser: filled into sign-up's hidden field, and on
 * the account page offered when the device is in another zone than the one saved (a
 * trip, a move). Nothing is sent anywhere until the person submits the form.
 */
(function () {
  "use strict";

  function deviceZone() {
    try {
      return (window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone) || "";
    } catch (e) {
      return "";
    }
  }

  function hasOption(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) return true;
    }
    return false;
  }

  function fillHidden(zone) {
    var inputs = document.querySelectorAll("input[data-browser-time-zone]");
    for (var i = 0; i < inputs.length; i++) if (!inputs[i].value) inputs[i].value = zone;
  }

  function offerOnAccount(zone) {
    var select = document.querySelector("select[data-device-time-zone]");
    var note = document.querySelector("[data-device-time-zone-note]");
    if (!select || !note || select.value === zone || !hasOption(select, zone)) return;
    note.textContent = "This device is set to " + zone.replace(/_/g, " ") + ". ";
    var use = document.createElement("button");
    use.type = "button";
    use.className = "button secondary small";
    use.textContent = "Use this time zone";
    use.addEventListener("click", function () {
      select.value = zone;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      note.textContent = "Time zone set to " + zone.replace(/_/g, " ") + ": save your details to keep it.";
      note.setAttribute("role", "status");
      select.focus();
    });
    note.appendChild(use);
    note.hidden = false;
  }

  function start() {
    var zone = deviceZone();
    if (!zone) return;
    fillHidden(zone);
    offerOnAccount(zone);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
