"""Form fields shared by every questionnaire."""

from __future__ import annotations

from django import forms


def nrs_field(label: str, help_text: str = "", *, required: bool = True) -> forms.TypedChoiceField:
    """A 0-10 numeric rating scale shown as a row of buttons; anything else is rejected."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=[(i, str(i)) for i in range(11)],
        coerce=int,
        required=required,
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "nrs"}),
        error_messages={
            "invalid_choice": "Choose a whole number from 0 to 10.",
            "required": "Please choose a number from 0 to 10.",
        },
    )


def scale_field(
    label: str, low: int, high: int, help_text: str = "", *, required: bool = True
) -> forms.TypedChoiceField:
    """A whole-number scale from ``low`` to ``high`` shown as buttons."""
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=[(i, str(i)) for i in range(low, high + 1)],
        coerce=int,
        required=required,
        empty_value=None,
        widget=forms.RadioSelect(attrs={"class": "nrs"}),
        error_messages={
            "invalid_choice": f"Choose a whole number from {low} to {high}.",
            "required": f"Please choose a number from {low} to {high}.",
        },
    )
