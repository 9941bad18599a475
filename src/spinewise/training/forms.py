"""The after-session log form and the next-morning check.

Field names follow the player's contract (``items-{index}-sets_done`` and so on), so the
guided player fills the very inputs a person without JavaScript types into.

The log is short by default: one effort and one pain rating for the whole session
(``rpe``, ``pain_during``), each exercise as a one-line summary whose details open on
demand, and the warning-sign questions behind one required gateway (``anything_new``).
An exercise's own effort and pain, when given, override the session's; the command gets
per-item ratings either way.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from django import forms

from spinewise.core.exercises import Exercise, load_library
from spinewise.core.progression import DONE_FOR
from spinewise.programmes.models import PlannedItem
from spinewise.web.forms import nrs_field, whole_number_messages

from .commands import ITEM_FIELD, InvalidLog, ItemReport, LogSession

DONE_LABEL = {
    "reps": "Repetitions in each set",
    "hold": "Seconds held in each set",
    "breaths": "Breaths in each set",
}
DONE_UNIT = {"reps": "", "hold": " s", "breaths": " breaths"}
# The order the page shows the fields in; the exercises' fields come after the ratings.
_PAGE_ORDER = ["performed_on", "rpe", "pain_during", "items", "anything_new", "new_symptoms"]
_ITEM_PREFIX = re.compile(r"^items-\d+-")
_NUMBER_LIST = re.compile(r"^\s*\d+(\s*,\s*\d+)*\s*$")
GATEWAY_REQUIRED = "Tell us whether anything new or worrying happened."
GATEWAY_YES_EMPTY = (
    "You answered Yes: tick the signs you noticed, or describe what is new in the box below."
)


@dataclass
class ItemRow:
    """One planned exercise with its bound fields, for the template: ``summary`` is the
    one-line account of what was recorded, ``changed`` says it differs from the plan (or
    has ratings of its own), so its details open for the person to check."""

    index: int
    item: PlannedItem
    exercise: Exercise | None
    fields: dict[str, forms.BoundField]
    summary: str = ""
    changed: bool = False

    @property
    def tracking(self) -> str:
        return self.exercise.tracking if self.exercise else "reps"

    @property
    def done_name(self) -> str:
        return DONE_FOR[self.tracking]

    @property
    def unit(self) -> str:
        return DONE_UNIT[self.tracking]

    @property
    def planned_amount(self) -> int:
        return self.item.reps or self.item.hold_seconds or self.item.breaths or 0

    @property
    def has_errors(self) -> bool:
        return any(f.errors for f in self.fields.values())

    @property
    def open(self) -> bool:
        return self.changed or self.has_errors

    @property
    def detail_fields(self) -> list[forms.BoundField]:
        return [f for k, f in self.fields.items() if k != "sharp_pain" and not f.is_hidden]

    @property
    def hidden_fields(self) -> list[forms.BoundField]:
        return [f for f in self.fields.values() if f.is_hidden]

    @property
    def sharp_pain(self) -> forms.BoundField:
        return self.fields["sharp_pain"]


class _GatewayField(forms.ChoiceField):
    """Required, but answered in the form's ``clean``: a ticked warning sign or a typed
    symptom answers it too (symptoms win over a missing or a "No" answer)."""

    def validate(self, value: Any) -> None:
        if value not in self.empty_values:
            super().validate(value)


class SessionLogForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    performed_on = forms.DateField(
        label="Date of the session",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    rpe = nrs_field(
        "How hard was the session?", "0 = no effort, 10 = the hardest you could do.", required=False
    )
    pain_during = nrs_field(
        "Pain during the session", "0 = no pain, 10 = worst imaginable.", required=False
    )
    anything_new = _GatewayField(
        label="Anything new or worrying since your last session?",
        choices=[("no", "No"), ("yes", "Yes")],
        widget=forms.RadioSelect(attrs={"class": "yesno"}),
        error_messages={"required": GATEWAY_REQUIRED},
    )
    new_symptoms = forms.MultipleChoiceField(
        label="Tick any of these you have noticed",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_symptom = forms.CharField(
        label="Any other new symptom?",
        help_text="For example pain in a new place, or pain spreading into an arm or leg. "
        "Leave empty if nothing is new.",
        required=False,
        max_length=200,
    )
    note = forms.CharField(
        label="Anything else about this session (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(
        self,
        *args: Any,
        items: list[PlannedItem],
        band_levels: list[str],
        symptoms: list[dict[str, Any]],
        today: date,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        self.today = today
        self.fields["performed_on"].initial = today
        self.fields["new_symptoms"].choices = [(q["id"], q["text"]) for q in symptoms]
        library = load_library()
        self.exercises = {
            i.exercise_id: library.get(i.exercise_id) for i in items if i.exercise_id in library
        }
        for index, item in enumerate(items):
            self._add_item_fields(index, item, band_levels)

    def _add_item_fields(self, index: int, item: PlannedItem, band_levels: list[str]) -> None:
        p = f"items-{index}-"
        exercise = self.exercises.get(item.exercise_id)
        tracking = exercise.tracking if exercise else "reps"
        amount = item.reps or item.hold_seconds or item.breaths or 0
        self.fields[p + "sets_done"] = forms.IntegerField(
            label="Sets done",
            min_value=0,
            max_value=10,
            error_messages=whole_number_messages(0, 10),
            initial=item.sets,
            help_text="0 if you skipped it.",
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
        self.fields[p + DONE_FOR[tracking]] = forms.CharField(
            label=DONE_LABEL[tracking],
            required=False,
            initial=", ".join([str(amount)] * item.sets),
            help_text="One number per set, separated by commas, e.g. 10, 10, 8.",
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        )
        if item.band_level or (exercise is not None and exercise.uses_band_level):
            levels = list(band_levels) or ([item.band_level] if item.band_level else [])
            if levels:
                self.fields[p + "band_level"] = forms.ChoiceField(
                    label="Band used",
                    choices=[(b, b) for b in levels],
                    initial=item.band_level,
                    required=False,
                )
        self.fields[p + "rpe"] = nrs_field(
            "Effort for this exercise",
            "Only if it differs from the session's: 0 = no effort, 10 = the hardest.",
            required=False,
        )
        self.fields[p + "pain_during"] = nrs_field(
            "Pain during this exercise",
            "Only if it differs from the session's: 0 = no pain, 10 = worst imaginable.",
            required=False,
        )
        self.fields[p + "sharp_pain"] = forms.BooleanField(
            label="Sharp, shooting or spreading pain", required=False
        )
        self.fields[p + "stopped"] = forms.BooleanField(
            label="I stopped this exercise early", required=False
        )
        self.fields[p + "stop_reason"] = forms.ChoiceField(
            choices=[("", ""), ("sharp_pain", "Sharp pain"), ("other", "Other")],
            required=False,
            widget=forms.HiddenInput,
        )

    def rows(self) -> list[ItemRow]:
        rows = []
        for index, item in enumerate(self.items):
            p = f"items-{index}-"
            fields = {name[len(p) :]: self[name] for name in self.fields if name.startswith(p)}
            row = ItemRow(index, item, self.exercises.get(item.exercise_id), fields)
            row.summary, row.changed = _summary(row)
            rows.append(row)
        return rows

    @property
    def symptoms_shown(self) -> bool:
        """Whether the warning-sign boxes start open (without JavaScript they always show)."""
        return self["anything_new"].value() == "yes" or bool(
            self["new_symptoms"].value() or self["other_symptom"].value()
        )

    def error_links(self) -> list[dict[str, str]]:
        """Every problem, in the form's order, for the summary at the top: the field's
        anchor (none for a hidden field), what it is called and what is wrong."""
        names = {f"items-{i}-": item.name for i, item in enumerate(self.items)}
        links = [{"href": "", "label": "", "message": str(e)} for e in self.non_field_errors()]
        for bound in sorted(self, key=_page_position):
            item = _ITEM_PREFIX.match(bound.html_name)
            label = str(bound.label or bound.html_name).rstrip("?")
            if item is not None and item[0] in names:
                label = f"{names[item[0]]}: {label[0].lower()}{label[1:]}"
            for error in bound.errors:
                if bound.is_hidden:  # no field to go to: the message alone
                    links.append({"href": "", "label": "", "message": str(error)})
                else:
                    links.append(
                        {"href": f"#field-{bound.html_name}", "label": label, "message": str(error)}
                    )
        return links

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.reports: list[ItemReport] = []
        for index, item in enumerate(self.items):
            report = self._report(index, item)
            if report is not None:
                self.reports.append(report)
        self._use_session_ratings()
        self._check_gateway()
        return cleaned

    def _use_session_ratings(self) -> None:
        """Items done without ratings of their own take the session's; with none there
        either, the session's field says what is missing."""
        cd = self.cleaned_data
        session = {"rpe": cd.get("rpe"), "pain_during": cd.get("pain_during")}
        missing = {
            "rpe": "Effort is missing: rate how hard the session was, from 0 to 10",
            "pain_during": "Pain is missing: rate your pain during the session, from 0 to 10",
        }
        done = [r for r in self.reports if r.sets_done]
        for key, problem in missing.items():
            unrated = [r for r in done if getattr(r, key) is None]
            if not unrated:
                continue
            if session[key] is None:
                if len(unrated) < len(done):  # some exercises have their own: name the rest
                    names = ", ".join(self.items[r.position].name for r in unrated)
                    problem += f" (for {names})"
                if key not in self.errors:
                    self.add_error(key, problem + ".")
                continue
            filled = {r.position for r in unrated}
            self.reports = [
                replace(r, **{key: session[key]}) if r.position in filled else r
                for r in self.reports
            ]

    def _check_gateway(self) -> None:
        cd = self.cleaned_data
        if cd.get("new_symptoms") or cd.get("other_symptom") or "new_symptoms" in self.errors:
            return  # symptoms win, whatever the gateway says
        answer = cd.get("anything_new")
        if not answer and "anything_new" not in self.errors:
            self.add_error("anything_new", GATEWAY_REQUIRED)
        elif answer == "yes":
            self.add_error("new_symptoms", GATEWAY_YES_EMPTY)

    def command(self, token: uuid.UUID | None = None) -> LogSession:
        """The log as typed in (call after ``is_valid()``); the service checks it."""
        cd = self.cleaned_data
        return LogSession(
            token=token or cd["token"],
            performed_on=cd["performed_on"],
            items=tuple(self.reports),
            new_symptoms=tuple(cd.get("new_symptoms") or ()),
            other_symptom=cd.get("other_symptom", ""),
            note=cd.get("note", ""),
        )

    def add_log_errors(self, invalid: InvalidLog) -> None:
        """Show the service's findings next to the fields they are about."""
        for name, problem in invalid.errors.items():
            field = self._field_name(name)
            self.add_error(field if field in self.fields else None, problem)

    def _field_name(self, name: str) -> str:
        match = ITEM_FIELD.match(name)
        if match is None:
            return name
        index, key = int(match["index"]), match["field"]
        if key == "done" and index < len(self.items):
            exercise = self.exercises.get(self.items[index].exercise_id)
            key = DONE_FOR[exercise.tracking if exercise else "reps"]
        return f"items-{index}-{key}"

    def _report(self, index: int, item: PlannedItem) -> ItemReport | None:
        p = f"items-{index}-"
        cd = self.cleaned_data
        if p + "sets_done" not in cd:
            return None  # the field already has its own error
        exercise = self.exercises.get(item.exercise_id)
        sets_done: int = cd[p + "sets_done"]
        done: tuple[int, ...] = ()
        if sets_done:
            name = p + DONE_FOR[exercise.tracking if exercise else "reps"]
            amounts = _amounts(cd.get(name) or "")
            if amounts is None:
                self.add_error(name, "Give one whole number per set, separated by commas.")
                return None
            done = amounts
        return ItemReport(
            position=index,
            sets_done=sets_done,
            done=done,
            band_level=cd.get(p + "band_level") or None,
            rpe=cd.get(p + "rpe"),
            pain_during=cd.get(p + "pain_during"),
            sharp_pain=bool(cd.get(p + "sharp_pain")),
            stopped=bool(cd.get(p + "stopped")),
            stop_reason=cd.get(p + "stop_reason") or "",
        )


def initial_from_log(log: Any) -> dict[str, Any]:
    """The log form filled in with what ``log`` says, for correcting it: the session's
    ratings are the ones most exercises had, and an exercise keeps its own only where it
    differs; the gateway says Yes when the log reported any symptom."""
    rows = list(log.exercise_logs.all())
    initial: dict[str, Any] = {
        "token": log.token,
        "performed_on": log.performed_on,
        "note": log.note,
        "anything_new": "yes" if log.new_symptoms or log.other_symptom else "no",
        "new_symptoms": list(log.new_symptoms),
        "other_symptom": log.other_symptom,
    }
    for key in ("rpe", "pain_during"):
        initial[key] = _most_common([getattr(r, key) for r in rows if r.sets_done])
    for row in rows:
        p = f"items-{row.position}-"
        initial[p + "sets_done"] = row.sets_done
        initial[p + DONE_FOR.get(row.tracking, "reps_done")] = ", ".join(map(str, row.done))
        initial.update(
            {
                p + "band_level": row.band_level,
                p + "sharp_pain": row.sharp_pain,
                p + "stopped": row.stopped,
            }
        )
        for key in ("rpe", "pain_during"):
            value = getattr(row, key)
            initial[p + key] = value if value != initial[key] else None
    return initial


def _page_position(bound: forms.BoundField) -> int:
    name = "items" if _ITEM_PREFIX.match(bound.name) else bound.name
    return _PAGE_ORDER.index(name) if name in _PAGE_ORDER else len(_PAGE_ORDER)


def _most_common(values: list[int | None]) -> int | None:
    rated = [v for v in values if v is not None]
    return max(sorted(set(rated)), key=rated.count) if rated else None


def _summary(row: ItemRow) -> tuple[str, bool]:
    """What the form says about this exercise, in one line, and whether it differs from
    the plan (or has ratings of its own); logform.js words it the same way."""
    item, unit, fields = row.item, row.unit, row.fields
    plan = f"{item.sets} x {row.planned_amount}{unit}"
    sets = _whole(fields["sets_done"].value())
    amounts = _amounts(str(fields[row.done_name].value() or ""))
    stopped = bool(fields["stopped"].value())
    band = fields["band_level"].value() if "band_level" in fields else None
    changed = (
        sets != item.sets
        or (sets != 0 and amounts != (row.planned_amount,) * item.sets)
        or stopped
        or bool(band and band != (item.band_level or band))
    )
    if not changed:
        text = f"{plan} as planned"
    elif sets == 0:
        text = f"skipped (planned {plan})"
    elif sets is None or amounts is None or len(amounts) != sets:
        text = f"check the numbers (planned {plan})"
    else:
        done = f"{sets} x {amounts[0]}" if len(set(amounts)) == 1 else ", ".join(map(str, amounts))
        text = f"{done}{unit} (planned {plan})"
    extras = []
    if band and item.band_level and band != item.band_level:
        extras.append(f"{band} band")
    if stopped:
        extras.append("stopped early")
    for key, word in (("rpe", "effort"), ("pain_during", "pain")):
        value = _whole(fields[key].value())
        if value is not None:
            extras.append(f"{word} {value}")
            changed = True
    return " · ".join([text, *extras]), changed


def _whole(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip()
    return int(text) if text.isdigit() else None


def _amounts(raw: str) -> tuple[int, ...] | None:
    """``"10, 10, 8"`` as numbers; None when it is not a comma-separated list of them."""
    if not _NUMBER_LIST.match(raw):
        return None
    return tuple(int(v) for v in raw.split(","))


class MorningCheckForm(forms.Form):
    pain_now = nrs_field(
        "How does your back feel this morning?", "0 = no pain, 10 = worst imaginable."
    )


class UnwellForm(forms.Form):
    """The player's "Stop: I feel unwell": the warning-sign questions, asked at once."""

    symptoms = forms.MultipleChoiceField(
        label="Do you have any of these now?",
        help_text="Tick every one that applies. If none does, leave them all empty.",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other = forms.CharField(
        label="Anything else that made you stop?",
        help_text="For example pain spreading into an arm or leg, or feeling faint.",
        required=False,
        max_length=200,
    )

    def __init__(self, *args: Any, symptoms: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["symptoms"].choices = [(q["id"], q["text"]) for q in symptoms]
