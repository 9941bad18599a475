/*
 * The short session log (training/_log_fields.html), on the player page and the
 * correction page. Progressive enhancement: without JavaScript every part of the form
 * shows as the server rendered it. With it:
 *   - after a failed submit, the error summary ([data-error-summary]) is scrolled into
 *     view and focused, so the person reads what to fix first;
 *   - the warning-sign boxes ([data-gateway-panel]) show once "Anything new or worrying?"
 *     is answered Yes, and stay shown while anything in them is ticked or typed (a ticked
 *     sign is sent whatever the gateway says, so it is never hidden);
 *   - each exercise's one-line summary ([data-log-item] [data-log-summary]) follows its
 *     fields, worded as forms.py words it; refreshItem(form, index, {sync: true}) (the
 *     player, after writing what was done) also opens the details of an exercise that
 *     differs from its plan, unless the person opened or closed it themselves.
 */

const GATEWAY = "anything_new";

function valueOf(form, name) {
  const el = form.elements.namedItem(name);
  if (!el) return "";
  if (typeof el.length === "number" && !el.tagName) {
    // a RadioNodeList (a 0-10 row of radios): the checked one's value
    for (const radio of el) if (radio.checked) return radio.value;
    return "";
  }
  if (el.type === "checkbox") return el.checked ? "1" : "";
  return el.value;
}

function amounts(raw) {
  if (!/^\s*\d+(\s*,\s*\d+)*\s*$/.test(raw)) return null;
  return raw.split(",").map((v) => parseInt(v, 10));
}

function whole(raw) {
  return /^\s*\d+\s*$/.test(raw) ? parseInt(raw, 10) : null;
}

/** What the exercise's fields say, in one line, and whether it differs from the plan. */
export function describeItem(form, el) {
  const index = el.getAttribute("data-log-item");
  const p = "items-" + index + "-";
  const planSets = parseInt(el.getAttribute("data-plan-sets"), 10) || 0;
  const planAmount = parseInt(el.getAttribute("data-plan-amount"), 10) || 0;
  const planBand = el.getAttribute("data-plan-band") || "";
  const unit = el.getAttribute("data-unit") || "";
  const plan = planSets + " x " + planAmount + unit;
  const sets = whole(valueOf(form, p + "sets_done"));
  const done = amounts(valueOf(form, el.getAttribute("data-done-field") || p + "reps_done"));
  const stopped = valueOf(form, p + "stopped") !== "";
  const band = valueOf(form, p + "band_level");
  const samePlan = done !== null && done.length === planSets && done.every((v) => v === planAmount);
  let changed = sets !== planSets || (sets !== 0 && !samePlan) || stopped || (band !== "" && planBand !== "" && band !== planBand);
  let text;
  if (!changed) text = plan + " as planned";
  else if (sets === 0) text = "skipped (planned " + plan + ")";
  else if (sets === null || done === null || done.length !== sets) text = "check the numbers (planned " + plan + ")";
  else {
    const same = done.every((v) => v === done[0]);
    text = (same ? sets + " x " + done[0] : done.join(", ")) + unit + " (planned " + plan + ")";
  }
  const extras = [];
  if (band && planBand && band !== planBand) extras.push(band + " band");
  if (stopped) extras.push("stopped early");
  for (const [key, word] of [["rpe", "effort"], ["pain_during", "pain"]]) {
    const value = whole(valueOf(form, p + key));
    if (value !== null) {
      extras.push(word + " " + value);
      changed = true;
    }
  }
  return { text: [text].concat(extras).join(" · "), changed: changed };
}

function itemElement(form, index) {
  return form.querySelector("[data-log-item='" + index + "']");
}

/** Bring exercise ``index``'s summary up to date; with {sync: true} (the player wrote it)
 *  open its details when it differs from the plan and close them when it no longer does. */
export function refreshItem(form, index, options) {
  const el = form && itemElement(form, index);
  if (!el) return;
  const { text, changed } = describeItem(form, el);
  const summary = el.querySelector("[data-log-summary]");
  if (summary && summary.textContent !== text) summary.textContent = text;
  const details = el.querySelector("details.log-item__details");
  if (options && options.sync && details && !details.hasAttribute("data-user-toggled")) {
    details.open = changed || !!el.querySelector(".errorlist");
  }
}

function gatewayShown(form, panel) {
  if (valueOf(form, GATEWAY) === "yes") return true;
  if (panel.querySelector("input[type=checkbox]:checked")) return true;
  return [...panel.querySelectorAll("input[type=text], textarea")].some((i) => i.value.trim() !== "");
}

function updateGateway(form) {
  const panel = form.querySelector("[data-gateway-panel]");
  if (!panel || !form.elements.namedItem(GATEWAY)) return;
  panel.hidden = !gatewayShown(form, panel);
}

/** After a failed submit: the summary of what to fix, in view and focused. */
export function focusErrors(form) {
  const summary = form.querySelector("[data-error-summary]");
  if (!summary || form.hidden || summary.getClientRects().length === 0) return false;
  summary.scrollIntoView({ block: "start", behavior: "auto" });
  summary.focus({ preventScroll: true });
  return true;
}

export function initLogForm(form) {
  if (!form || form.hasAttribute("data-logform-ready")) return;
  form.setAttribute("data-logform-ready", "1");
  updateGateway(form);
  const onEdit = (e) => {
    if (e.target.name === GATEWAY || e.target.closest("[data-gateway-panel]")) updateGateway(form);
    const item = e.target.closest("[data-log-item]");
    if (item) refreshItem(form, item.getAttribute("data-log-item"));
  };
  form.addEventListener("change", onEdit);
  form.addEventListener("input", onEdit);
  form.addEventListener("click", (e) => {
    // a person's own open or close is kept: the player no longer opens or closes it
    const summary = e.target.closest("summary");
    if (summary && summary.parentElement.classList.contains("log-item__details")) {
      summary.parentElement.setAttribute("data-user-toggled", "");
    }
  });
  if (focusErrors(form)) {
    // images above the form (the player's figures) may still be loading: look again then
    window.addEventListener("load", () => {
      if (document.activeElement === form.querySelector("[data-error-summary]")) focusErrors(form);
    }, { once: true });
  }
}

function initAll() {
  document.querySelectorAll("form.log-form").forEach(initLogForm);
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", initAll);
  else initAll();
}
