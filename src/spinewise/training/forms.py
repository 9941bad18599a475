"""The after-session log form and the next-morning check.

Field names follow the player's contract (``items-{index}-sets_done`` and so on), so the
guided player fills the very inputs a person without JavaScript types into.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
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
_NUMBER_LIST = re.compile(r"^\s*\d+(\s*,\s*\d+)*\s*$")


@dataclass
class ItemRow:
    """One planned exercise with its bound fields, for the template."""

    index: int
    item: PlannedItem
    exercise: Exercise | None
    fields: dict[str, forms.BoundField]


class SessionLogForm(forms.Form):
    token = forms.UUIDField(widget=forms.HiddenInput)
    performed_on = forms.DateField(
        label="Date of the session",
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    new_symptoms = forms.MultipleChoiceField(
        label="Since your last session, have you noticed any of these?",
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
            "How hard was it?", "0 = no effort, 10 = the hardest you could do.", required=False
        )
        self.fields[p + "pain_during"] = nrs_field(
            "Pain during the exercise", "0 = no pain, 10 = worst imaginable.", required=False
        )
        self.fields[p + "sharp_pain"] = forms.BooleanField(
            label="I felt sharp, shooting or spreading pain", required=False
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
            rows.append(ItemRow(index, item, self.exercises.get(item.exercise_id), fields))
        return rows

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.reports: list[ItemReport] = []
        for index, item in enumerate(self.items):
            report = self._report(index, item)
            if report is not None:
                self.reports.append(report)
        return cleaned

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
    """The log form filled in with what ``log`` says, for correcting it."""
    initial: dict[str, Any] = {
        "token": log.token,
        "performed_on": log.performed_on,
        "note": log.note,
        "new_symptoms": list(log.new_symptoms),
        "other_symptom": log.other_symptom,
    }
    for row in log.exercise_logs.all():
        p = f"items-{row.position}-"
        initial[p + "sets_done"] = row.sets_done
        initial[p + DONE_FOR.get(row.tracking, "reps_done")] = ", ".join(map(str, row.done))
        initial.update(
            {
                p + "band_level": row.band_level,
                p + "rpe": row.rpe,
                p + "pain_during": row.pain_during,
                p + "sharp_pain": row.sharp_pain,
                p + "stopped": row.stopped,
            }
        )
    return initial


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
