"""The after-session log form and the next-morning check.

Field names follow the player's contract (``items-{index}-sets_done`` and so on), so the
guided player fills the very inputs a person without JavaScript types into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django import forms

from spinewise.core.errors import InputError
from spinewise.core.exercises import Exercise, load_library
from spinewise.core.progression import log_from_dict
from spinewise.programmes.models import PlannedItem
from spinewise.web.forms import nrs_field

OLDEST_LOG_DAYS = 14
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


def _done_key(tracking: str) -> str:
    return {"reps": "reps_done", "hold": "hold_seconds_done", "breaths": "breaths_done"}[tracking]


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
            initial=item.sets,
            help_text="0 if you skipped it.",
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        )
        self.fields[p + _done_key(tracking)] = forms.CharField(
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

    def clean_performed_on(self) -> date:
        value: date = self.cleaned_data["performed_on"]
        if value > self.today:
            raise forms.ValidationError("The date cannot be in the future.")
        if value < self.today - timedelta(days=OLDEST_LOG_DAYS):
            raise forms.ValidationError(
                f"You can log sessions from the last {OLDEST_LOG_DAYS} days."
            )
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.exercise_data: list[dict[str, Any]] = []
        for index, item in enumerate(self.items):
            data = self._clean_item(index, item)
            if data is not None:
                self.exercise_data.append(data)
        return cleaned

    def _clean_item(self, index: int, item: PlannedItem) -> dict[str, Any] | None:
        p = f"items-{index}-"
        cd = self.cleaned_data
        if p + "sets_done" not in cd:
            return None  # the field already has its own error
        exercise = self.exercises.get(item.exercise_id)
        tracking = exercise.tracking if exercise else "reps"
        done_key = _done_key(tracking)
        sets_done: int = cd[p + "sets_done"]
        sharp = bool(cd.get(p + "sharp_pain")) or cd.get(p + "stop_reason") == "sharp_pain"
        entry: dict[str, Any] = {
            "position": index,
            "exercise_id": item.exercise_id,
            "tracking": tracking,
            "sets_done": sets_done,
            "band_level": cd.get(p + "band_level") or item.band_level or None,
            "rpe": cd.get(p + "rpe"),
            "pain_during": cd.get(p + "pain_during"),
            "sharp_pain": sharp,
            "stopped": bool(cd.get(p + "stopped")),
            done_key: None,
        }
        if sets_done == 0:
            return entry
        amounts = self._amounts(p + done_key, sets_done)
        for key, what in (("rpe", "how hard it was"), ("pain_during", "your pain")):
            if cd.get(p + key) is None and p + key not in self.errors:
                self.add_error(p + key, f"Please rate {what} from 0 to 10.")
        if amounts is None or p + "rpe" in self.errors or p + "pain_during" in self.errors:
            return None
        entry[done_key] = amounts
        core = {k: entry[k] for k in ("sets_done", "band_level", "rpe", "pain_during")}
        core.update({done_key: amounts, "sharp_pain": sharp})
        try:
            log_from_dict(core, prefix=p)
        except InputError as exc:
            field = exc.field.split("[", 1)[0]
            self.add_error(field if field in self.fields else None, exc.problem)
            return None
        return entry

    def _amounts(self, name: str, sets_done: int) -> list[int] | None:
        raw = (self.cleaned_data.get(name) or "").strip()
        if not raw or not _NUMBER_LIST.match(raw):
            self.add_error(name, "Give one whole number per set, separated by commas.")
            return None
        values = [int(v) for v in raw.split(",")]
        if len(values) != sets_done:
            self.add_error(
                name, f"Give one number for each of the {sets_done} sets (you gave {len(values)})."
            )
            return None
        return values


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
