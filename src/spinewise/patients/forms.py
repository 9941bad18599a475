"""The baseline questionnaire: pain, PSFS, equipment and bands, time, conditions."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from spinewise.core.errors import Invalid
from spinewise.web.forms import nrs_field, whole_number_messages
from spinewise.web.labels import (
    CONDITION_CHOICES,
    EQUIPMENT_CHOICES,
    LEVEL_CHOICES,
    REGION_CHOICES,
)

from .commands import ACTIVITY_MAX, PSFS_COUNT, BaselineAnswers

_PSFS = re.compile(r"^psfs\[(?P<n>\d+)\]\.(?P<field>activity|score)$")


class BaselineForm(forms.Form):
    regions = forms.MultipleChoiceField(
        label="Where is your back pain?",
        choices=REGION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one place."},
    )
    pain_now = nrs_field("How bad is your pain right now?", "0 = no pain, 10 = worst imaginable.")
    pain_last_week = nrs_field(
        "How bad was your pain on average over the last week?",
        "0 = no pain, 10 = worst imaginable.",
    )
    equipment = forms.MultipleChoiceField(
        label="What equipment do you have at home?",
        help_text="Leave all unticked if you have none: plenty of exercises need only a mat, "
        "a chair or a wall.",
        choices=EQUIPMENT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    band_levels = forms.CharField(
        label="Your bands, easiest first",
        help_text="Band colours differ between brands, so name your own: one per line, the "
        "easiest at the top (for example yellow, red, green).",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sessions_per_week = forms.IntegerField(
        label="How many days a week can you exercise?",
        min_value=1,
        max_value=7,
        initial=3,
        error_messages=whole_number_messages(1, 7),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    minutes_per_session = forms.IntegerField(
        label="How many minutes each time?",
        min_value=10,
        max_value=60,
        initial=20,
        error_messages=whole_number_messages(10, 60),
        help_text="Between 10 and 60 minutes.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
    )
    level = forms.ChoiceField(
        label="How active are you at the moment?",
        choices=LEVEL_CHOICES,
        initial="beginner",
        widget=forms.RadioSelect,
    )
    conditions = forms.MultipleChoiceField(
        label="Do any of these apply to you?",
        help_text="They change which exercises are safe for you.",
        choices=CONDITION_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, PSFS_COUNT + 1):
            self.fields[f"psfs_activity_{n}"] = forms.CharField(
                label=f"Activity {n}",
                max_length=ACTIVITY_MAX,
                error_messages={"required": "Name an activity your back makes hard."},
                widget=forms.TextInput(attrs={"placeholder": "e.g. putting on socks"}),
            )
            self.fields[f"psfs_score_{n}"] = nrs_field(
                f"How well can you do activity {n} now?",
                "0 = unable to do it, 10 = as well as before your back problem.",
            )

    def psfs_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"psfs_activity_{n}"], self[f"psfs_score_{n}"]) for n in range(1, PSFS_COUNT + 1)
        ]

    def clean_band_levels(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["band_levels"].splitlines()]
        return [name for name in lines if name]

    def answers(self) -> BaselineAnswers:
        """The answers as typed in (call after ``is_valid()``); the service checks them."""
        cd = self.cleaned_data
        return BaselineAnswers(
            regions=tuple(cd["regions"]),
            pain_now=cd["pain_now"],
            pain_last_week=cd["pain_last_week"],
            psfs=tuple(
                (cd[f"psfs_activity_{n}"], cd[f"psfs_score_{n}"]) for n in range(1, PSFS_COUNT + 1)
            ),
            equipment=tuple(cd.get("equipment") or ()),
            band_levels=tuple(cd.get("band_levels") or ()),
            sessions_per_week=cd["sessions_per_week"],
            minutes_per_session=cd["minutes_per_session"],
            level=cd["level"],
            conditions=tuple(cd.get("conditions") or ()),
        )

    def add_invalid(self, invalid: Invalid) -> None:
        """Show the service's findings next to the fields they are about."""
        for name, problem in invalid.errors.items():
            match = _PSFS.match(name)
            field = f"psfs_{match['field']}_{int(match['n']) + 1}" if match else name
            self.add_error(field if field in self.fields else None, problem)


def initial_from(baseline: Any) -> dict[str, Any]:
    """Form values from an earlier baseline, so changing one answer is quick."""
    if baseline is None:
        return {}
    initial: dict[str, Any] = {
        "regions": baseline.regions,
        "pain_now": baseline.pain_now,
        "pain_last_week": baseline.pain_last_week,
        "equipment": baseline.equipment,
        "band_levels": "\n".join(baseline.band_levels),
        "sessions_per_week": baseline.sessions_per_week,
        "minutes_per_session": baseline.minutes_per_session,
        "level": baseline.level,
        "conditions": baseline.conditions,
    }
    for n, (activity, score) in enumerate(baseline.psfs_pairs, start=1):
        initial[f"psfs_activity_{n}"] = activity
        initial[f"psfs_score_{n}"] = score
    return initial
