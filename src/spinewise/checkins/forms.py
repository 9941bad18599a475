from __future__ import annotations

import re
from typing import Any

from django import forms

from spinewise.core.errors import Invalid
from spinewise.web.forms import nrs_field

from .commands import NEW_SYMPTOM_MAX, CheckInAnswers

YES_NO = [("no", "No"), ("yes", "Yes")]
_PSFS = re.compile(r"^psfs_scores\[(\d+)\]$")


class CheckInForm(forms.Form):
    pain_now = nrs_field(
        "How bad is your back pain right now?", "0 = no pain, 10 = worst imaginable."
    )
    peg_pain = nrs_field(
        "What number best describes your pain on average in the past week?",
        "0 = no pain, 10 = pain as bad as you can imagine.",
    )
    peg_enjoyment = nrs_field(
        "During the past week, how much has pain interfered with your enjoyment of life?",
        "0 = not at all, 10 = completely.",
    )
    peg_activity = nrs_field(
        "During the past week, how much has pain interfered with your general activity?",
        "0 = not at all, 10 = completely.",
    )
    has_new_symptom = forms.ChoiceField(
        label="Have you noticed any new symptom this week?",
        help_text="For example numbness, weakness, pain in a new place or spreading into a "
        "limb, fever, or problems with your bladder or bowel.",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Please answer yes or no."},
    )
    new_symptom = forms.CharField(
        label="What is new?",
        required=False,
        max_length=NEW_SYMPTOM_MAX,
    )

    def __init__(self, *args: Any, activities: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.activities = activities
        for n, activity in enumerate(activities, start=1):
            self.fields[f"psfs_score_{n}"] = nrs_field(
                # The person's own words, quoted as they wrote them: "putting on socks"
                # cannot be slotted into "How well can you ... now?".
                f"{activity.strip().rstrip('.')}: how well can you do it now?"
                if activity.strip()
                else f"Activity {n}: how well can you do it now?",
                "0 = unable to do it, 10 = as well as before your back problem.",
            )

    def psfs_fields(self) -> list[forms.BoundField]:
        return [self[f"psfs_score_{n}"] for n in range(1, len(self.activities) + 1)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            cleaned.get("has_new_symptom") == "yes"
            and not (cleaned.get("new_symptom") or "").strip()
        ):
            self.add_error("new_symptom", "Tell us in a few words what is new.")
        return cleaned

    def answers(self) -> CheckInAnswers:
        """The answers as typed in (call after ``is_valid()``); the service checks them."""
        cd = self.cleaned_data
        return CheckInAnswers(
            pain_now=cd["pain_now"],
            peg_pain=cd["peg_pain"],
            peg_enjoyment=cd["peg_enjoyment"],
            peg_activity=cd["peg_activity"],
            psfs_scores=tuple(cd[f"psfs_score_{n}"] for n in range(1, len(self.activities) + 1)),
            new_symptom=cd["new_symptom"] if cd.get("has_new_symptom") == "yes" else "",
        )

    def add_invalid(self, invalid: Invalid) -> None:
        """Show the service's findings next to the fields they are about."""
        for name, problem in invalid.errors.items():
            match = _PSFS.match(name)
            field = f"psfs_score_{int(match[1]) + 1}" if match else name
            self.add_error(field if field in self.fields else None, problem)
