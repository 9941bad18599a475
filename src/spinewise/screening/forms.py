"""The screening form, built from the core's question schema (the questions are data)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ImproperlyConfigured

from spinewise.web.forms import scale_field

GROUP_TITLES = {
    "about_you": "About you and your pain",
    "nerves": "Nerves, bladder and bowel",
    "chest_and_organs": "Chest, breathing and tummy",
    "general_health": "Your general health",
    "history": "Your history",
}
YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes(value: str) -> bool:
    return value == "yes"


def field_for(question: Mapping[str, Any]) -> forms.Field:
    """One form field for one schema question."""
    kind = question["type"]
    label = question["text"]
    help_text = question.get("help") or ""
    required = bool(question.get("required", False))
    if kind == "boolean":
        return forms.TypedChoiceField(
            label=label,
            help_text=help_text,
            choices=YES_NO,
            coerce=_yes,
            required=required,
            empty_value=None,
            widget=forms.RadioSelect(attrs={"class": "yesno"}),
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
            error_messages={"required": "Please answer this question."},
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
