"""Self-care forms. Django checks the shape of each answer; the core checks the rules,
and its InputError is shown next to the field it names."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django import forms

from spinewise.core.errors import InputError
from spinewise.core.selfcare import (
    Lesson,
    breathing_pattern_from_dict,
    heat_cold_log_from_dict,
    load_workstation_checklist,
    step_entry_from_dict,
)
from spinewise.core.selfcare.breaks import INTERVAL_BOUNDS, break_settings_from_dict
from spinewise.core.selfcare.heatcold import EFFECT_BOUNDS, MINUTES_BOUNDS
from spinewise.core.selfcare.relaxation import (
    BREATHS_PER_MINUTE_BOUNDS,
    PARTS_BOUNDS,
    SESSION_MINUTES_BOUNDS,
)
from spinewise.core.selfcare.steps import STEPS_BOUNDS
from spinewise.web.forms import nrs_field, scale_field

DAY_CHOICES = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
]


def time_field(label: str, help_text: str = "", *, required: bool = True) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text=help_text,
        required=required,
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Enter a time of day such as 09:30."},
    )


def number_field(label: str, low: float, high: float, **kwargs: Any) -> forms.IntegerField:
    """A whole number; the range is the core's, checked there, hinted to the browser."""
    return forms.IntegerField(
        label=label,
        widget=forms.NumberInput(attrs={"min": low, "max": high, "inputmode": "numeric"}),
        error_messages={"invalid": "Enter a whole number.", "required": "Please fill this in."},
        **kwargs,
    )


def token_field() -> forms.UUIDField:
    return forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)


def hhmm(value: Any) -> Any:
    return value.strftime("%H:%M") if hasattr(value, "strftime") else value


class CoreCheckedForm(forms.Form):
    """Runs a core validator in ``clean`` and puts its error next to the named field.

    ``core_fields`` maps the core's field path (without its prefix) to a form field;
    a path not listed, or a field with an error already, becomes a form-wide error.
    """

    core_fields: Mapping[str, str] = {}

    def core_check(self, check: Callable[[], Any], prefix: str) -> Any:
        try:
            return check()
        except InputError as err:
            path = err.field.removeprefix(prefix)
            name = self.core_fields.get(path) or self.core_fields.get(path.split(".")[0])
            message = err.problem[:1].upper() + err.problem[1:] + "."
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
            else:
                self.add_error(None, message)
            return None


class LessonCheckForm(forms.Form):
    def __init__(self, *args: Any, lesson: Lesson, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lesson = lesson
        self.fields["choice"] = forms.TypedChoiceField(
            label=lesson.check.question,
            choices=list(enumerate(lesson.check.options)),
            coerce=int,
            widget=forms.RadioSelect,
            error_messages={
                "required": "Choose one answer.",
                "invalid_choice": "Choose one of the three answers.",
            },
        )


class WorkstationForm(forms.Form):
    """One question per checklist line, built from the core's checklist data."""

    token = token_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checklist = load_workstation_checklist()
        for q in self.checklist.questions:
            self.fields[q.id] = forms.ChoiceField(
                label=q.text,
                choices=[(c.id, c.label) for c in q.choices],
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Please answer this question.",
                    "invalid_choice": "Choose one of the answers.",
                },
            )

    def question_fields(self) -> list[tuple[str, forms.BoundField]]:
        return [(q.topic, self[q.id]) for q in self.checklist.questions]

    def answers(self) -> dict[str, str]:
        return {q.id: self.cleaned_data[q.id] for q in self.checklist.questions}


class BreakSettingsForm(CoreCheckedForm):
    start = time_field("I start work at")
    end = time_field("I finish work at", "Earlier than the start means you work past midnight.")
    interval_minutes = number_field(
        "A break every ... minutes",
        *INTERVAL_BOUNDS,
        help_text=f"Between {INTERVAL_BOUNDS[0]} and {INTERVAL_BOUNDS[1]} minutes.",
    )
    days = forms.MultipleChoiceField(
        label="Working days",
        choices=DAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one working day."},
    )
    core_fields = {
        "start": "start",
        "end": "end",
        "interval_minutes": "interval_minutes",
        "days": "days",
    }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        raw = {
            "start": hhmm(data["start"]),
            "end": hhmm(data["end"]),
            "interval_minutes": data["interval_minutes"],
            "days": list(data["days"]),
        }
        self.core_check(lambda: break_settings_from_dict(raw), "breaks.")
        return data


class HeatColdForm(CoreCheckedForm):
    token = token_field()
    kind = forms.ChoiceField(
        label="What did you use?",
        choices=[("heat", "Heat"), ("cold", "Cold")],
        widget=forms.RadioSelect(attrs={"class": "yesno"}),
        error_messages={"required": "Choose heat or cold."},
    )
    minutes = number_field("For how many minutes?", *MINUTES_BOUNDS, initial=15)
    used_on = forms.DateField(
        label="When", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    effect = scale_field(
        "How did it help?",
        *EFFECT_BOUNDS,
        "-5 much worse, 0 no difference, +5 much better.",
        required=False,
    )
    pain_before = nrs_field("Pain before (0-10)", required=False)
    pain_after = nrs_field("Pain after (0-10)", required=False)
    core_fields = {
        "kind": "kind",
        "minutes": "minutes",
        "effect": "effect",
        "pain_before": "pain_before",
        "pain_after": "pain_after",
    }

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["used_on"].initial = today
        self.fields["used_on"].widget.attrs["max"] = today.isoformat()
        self.fields["effect"].choices = [
            (i, f"{i:+d}" if i else "0") for i in range(EFFECT_BOUNDS[0], EFFECT_BOUNDS[1] + 1)
        ]
        self.log: Any = None

    def clean_used_on(self) -> date:
        used_on: date = self.cleaned_data["used_on"]
        if used_on > self.today:
            raise forms.ValidationError("This date is in the future.")
        return used_on

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        raw = {
            key: data[key]
            for key in ("kind", "minutes", "effect", "pain_before", "pain_after")
            if data.get(key) is not None
        }
        self.log = self.core_check(lambda: heat_cold_log_from_dict(raw), "log.")
        return data


class BreathingForm(CoreCheckedForm):
    """The pace for the breathing exercise (read from the page's address, not stored)."""

    breaths_per_minute = forms.FloatField(
        label="Breaths a minute",
        help_text="6 a minute is a good place to start; slower is not better if it strains.",
        widget=forms.NumberInput(
            attrs={
                "min": BREATHS_PER_MINUTE_BOUNDS[0],
                "max": BREATHS_PER_MINUTE_BOUNDS[1],
                "step": "0.5",
            }
        ),
        error_messages={"invalid": "Enter a number, such as 6."},
    )
    inhale_parts = number_field("Breathe in (parts)", *PARTS_BOUNDS)
    exhale_parts = number_field(
        "Breathe out (parts)", *PARTS_BOUNDS, help_text="A longer out-breath helps you relax."
    )
    minutes = number_field("For how many minutes?", *SESSION_MINUTES_BOUNDS)
    core_fields = {
        "breaths_per_minute": "breaths_per_minute",
        "inhale_parts": "inhale_parts",
        "exhale_parts": "exhale_parts",
        "minutes": "minutes",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pattern: Any = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        self.pattern = self.core_check(
            lambda: breathing_pattern_from_dict(dict(data)), "breathing."
        )
        return data


class RelaxationLogForm(forms.Form):
    token = token_field()
    kind = forms.ChoiceField(
        choices=[("breathing", "Paced breathing"), ("body_scan", "Body scan")],
        widget=forms.HiddenInput,
    )
    minutes = forms.IntegerField(
        label="Minutes done",
        min_value=SESSION_MINUTES_BOUNDS[0],
        max_value=SESSION_MINUTES_BOUNDS[1],
        widget=forms.NumberInput(
            attrs={
                "min": SESSION_MINUTES_BOUNDS[0],
                "max": SESSION_MINUTES_BOUNDS[1],
                "data-timer-log": "",
            }
        ),
        error_messages={
            "invalid": "Enter a whole number of minutes.",
            "min_value": f"Enter {SESSION_MINUTES_BOUNDS[0]} minute or more.",
            "max_value": f"Enter at most {SESSION_MINUTES_BOUNDS[1]} minutes.",
        },
    )
    breaths_per_minute = forms.FloatField(
        required=False,
        min_value=BREATHS_PER_MINUTE_BOUNDS[0],
        max_value=BREATHS_PER_MINUTE_BOUNDS[1],
        widget=forms.HiddenInput,
    )


class StepsForm(CoreCheckedForm):
    on = forms.DateField(
        label="Day", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    steps = number_field(
        "Steps",
        *STEPS_BOUNDS,
        help_text="From your phone, a pedometer or a watch. Entering a day again replaces it.",
    )
    core_fields = {"on": "on", "steps": "steps"}

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["on"].initial = today
        self.fields["on"].widget.attrs["max"] = today.isoformat()
        self.entry: Any = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        raw = {"on": data["on"].isoformat(), "steps": data["steps"]}
        self.entry = self.core_check(lambda: step_entry_from_dict(raw, self.today), "entry.")
        return data
