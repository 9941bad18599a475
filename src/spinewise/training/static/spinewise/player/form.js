/*
 * The page's log form, which the player fills in: existing inputs are updated, missing
 * ones created as hidden inputs (field names: see the contract in main.js). Without
 * JavaScript the person types into the very same form. On the short log
 * (training/_log_fields.html) each exercise's summary line is refreshed after a sync
 * (../logform.js); on any other form that does nothing.
 */

import { refreshItem } from "../logform.js";
import { h, reducedMotion } from "./dom.js";

const AMOUNT_FIELD = { reps: "reps_done", hold: "hold_seconds_done", breaths: "breaths_done" };

export class FormSync {
  formHasErrors() {
    // a form sent back with validation errors must stay in view
    return !!this.form.querySelector(".errorlist, [aria-invalid='true']");
  }

  hideForm() {
    // the hidden attribute alone loses to any stylesheet rule that sets display
    this.form.hidden = true;
    this.form.style.setProperty("display", "none", "important");
  }

  revealForm() {
    const form = this.form;
    if (!form) return;
    form.hidden = false;
    form.style.removeProperty("display");
    const target = form.querySelector("h1, h2, h3, legend") || form;
    if (!target.hasAttribute("tabindex") && !/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) {
      target.setAttribute("tabindex", "-1");
    }
    target.focus({ preventScroll: true });
    form.scrollIntoView({ block: "start", behavior: reducedMotion() ? "auto" : "smooth" });
  }

  field(name) {
    if (!this.form) return null;
    const els = this.form.elements;
    for (let i = 0; i < els.length; i++) if (els[i].name === name) return els[i];
    return null;
  }

  setField(name, value, create) {
    let el = this.field(name);
    if (!el && !create) return;
    if (!el) {
      el = h("input", { type: "hidden", name: name, "data-spinewise-player": "" });
      this.form.appendChild(el);
    }
    if (el.type === "checkbox") {
      this.setChecked(el, value !== "" && value !== "0");
    } else if (el.value !== value) {
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  setChecked(box, on) {
    if (box.checked === on) return;
    box.checked = on;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }

  tickSharpPain(index) {
    for (const name of ["items-" + index + "-sharp_pain", "sharp_pain"]) {
      const box = this.field(name);
      if (box && box.type === "checkbox") this.setChecked(box, true);
    }
  }

  syncItem(i) {
    if (!this.form) return;
    const item = this.items[i];
    const st = this.state.items[i];
    const prefix = "items-" + item.index + "-";
    this.setField(prefix + "sets_done", String(st.sets.length), true);
    this.setField(prefix + AMOUNT_FIELD[item.tracking], st.sets.join(","), true);
    this.setField(prefix + "stopped", st.stopped ? "1" : "", st.stopped);
    this.setField(prefix + "stop_reason", st.stopped ? st.reason : "", st.stopped);
    // the short log's one-line summary follows; an exercise that went differently from
    // its plan (fewer sets, a stop) opens its details for the person to check
    refreshItem(this.form, item.index, { sync: true });
  }
}
