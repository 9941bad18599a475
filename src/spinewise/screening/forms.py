"""The screening form, built from the core's question schema (the questions are data)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured

from spinewise.web.forms import scale_field, whole_number_messages

GROUP_TITLES = {
    "about_you": "About you and your pain",
    "nerves": "Nerves, bladder and bowel",
    "head_and_neck": "Head, eyes, speech and balance",
    "chest_and_organs": "Chest, breathing and tummy",
    "general_health": "Your general health",
    "history": "Your history",
}
YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes(value: str) -> bool:
    return value == "yes"


def field_for(question: Mapping[str, Any]) -> forms.Field:
    """One form field for one schema question.

    Every yes/no question is required (a person never skips a warning sign); a follow-up
    (``ask_if``) is required only after a "yes" to its gateway, checked in ``clean``.
    """
    kind = question["type"]
    label = question["text"]
    help_text = question.get("help") or ""
    required = bool(question.get("required", False))
    if kind == "boolean":
        attrs = {"class": "yesno"}
        if question.get("ask_if"):
            attrs["data-ask-if"] = question["ask_if"]
        return forms.TypedChoiceField(
            label=label,
            help_text=help_text,
            choices=YES_NO,
            coerce=_yes,
            required=not question.get("ask_if"),
            empty_value=None,
            widget=forms.RadioSelect(attrs=attrs),
            error_messages={"required": "Please answer yes or no."},
        )
    if kind == "integer":
        low, high = question.get("min"), question.get("max")
        return forms.IntegerField(
            label=label,
            help_text=help_text,
            min_value=low,
            max_value=high,
            required=required,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            error_messages={
                **whole_number_messages(low, high),
                "required": "Please answer this question.",
            },
        )
    if kind == "scale":
        return scale_field(
            label,
            int(question.get("min", 0)),
            int(question.get("max", 10)),
            help_text,
            required=required,
        )
    if kind == "regions":
        return forms.MultipleChoiceField(
            label=label,
            help_text=help_text,
            choices=[(c["id"], c["label"]) for c in question.get("choices", [])],
            required=required,
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Please choose at least one."},
        )
    raise ImproperlyConfigured(f"screening question {question.get('id')!r} has type {kind!r}")


class ScreeningForm(forms.Form):
    def __init__(self, *args: Any, schema: Sequence[Mapping[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.schema = list(schema)
        for question in self.schema:
            self.fields[question["id"]] = field_for(question)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for question in self.schema:
            gate = question.get("ask_if")
            if gate and cleaned.get(gate) is True and cleaned.get(question["id"]) is None:
                self.add_error(question["id"], "Please answer yes or no.")
        return cleaned

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Questions grouped for display, in the schema's order."""
        grouped: dict[str, list[forms.BoundField]] = {}
        for question in self.schema:
            grouped.setdefault(question.get("group", "other"), []).append(self[question["id"]])
        return [
            (GROUP_TITLES.get(g, g.replace("_", " ").capitalize()), fields)
            for g, fields in grouped.items()
        ]

    def answers(self) -> dict[str, Any]:
        """The answers given, without the unanswered ones (a missing yes/no counts as no)."""
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if value is not None and value != "" and value != []
        }


class DoctorSeenForm(forms.Form):
    """The person's statement that a doctor has seen them about an open warning."""

    seen_by = forms.CharField(
        label="Who saw you?",
        help_text="The doctor's name, or the service (for example: A&E at the city hospital).",
        max_length=200,
        error_messages={"required": "Please say who saw you."},
    )
    seen_on = forms.DateField(
        label="When?",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": "Please give the date.", "invalid": "Enter a date."},
    )
    ruled_out = forms.CharField(
        label="What did they find or tell you?",
        help_text="For example: the heart and lungs were checked and are fine; exercise is OK.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Please say what the doctor told you."},
    )
    confirm = forms.BooleanField(
        label="A doctor has examined me about these symptoms and said I may exercise.",
        error_messages={"required": "Please confirm, or wait until a doctor has seen you."},
    )
