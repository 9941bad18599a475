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


def whole_number_messages(low: int | None, high: int | None) -> dict[str, str]:
    """Plain words for a whole-number field, naming its range, instead of Django's
    "Ensure this value is greater than or equal to 16."."""
    if low is not None and high is not None:
        span = f"a whole number from {low} to {high}"
    elif low is not None:
        span = f"a whole number of {low} or more"
    elif high is not None:
        span = f"a whole number up to {high}"
    else:
        span = "a whole number"
    return {
        "invalid": f"Give {span}.",
        "min_value": f"Give {span}.",
        "max_value": f"Give {span}.",
    }
