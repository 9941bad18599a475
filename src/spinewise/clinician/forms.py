"""Forms for alerts, notes and programme edits. Every programme edit carries the version
number the clinician saw (stale edits are refused) and a short reason the patient sees."""

from __future__ import annotations

from typing import Any

from django import forms

from spinewise.core import vocab
from spinewise.core.exercises import AMOUNT_BOUNDS, SETS_BOUNDS, Exercise
from spinewise.web.labels import choices

from .alerts import ALERT_NOTE_MAX
from .record import NOTE_MAX
from .search import NO_EQUIPMENT

REASON_MAX = 200
AMOUNT_LABELS = {"reps": "Reps per set", "hold": "Hold (seconds)", "breaths": "Breaths per set"}


class AlertActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("acknowledge", "Acknowledge"), ("resolve", "Resolve")],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(
        label="Note",
        max_length=ALERT_NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="What you did or decided. Required to resolve.",
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="New note",
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Seen by the clinicians this patient shares their record with; never by the "
        "patient.",
    )


class EditForm(forms.Form):
    """What every programme change needs: the version seen and why."""

    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Reason (the patient sees it)",
        max_length=REASON_MAX,
        help_text="A short reason in plain words, e.g. “Knee sore on kneeling: easier option.”",
    )

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data["reason"]).strip()
        if not reason:
            raise forms.ValidationError("Say why you are making this change.")
        return reason


class DoseForm(EditForm):
    sets = forms.IntegerField(label="Sets", min_value=SETS_BOUNDS[0], max_value=SETS_BOUNDS[1])
    amount = forms.IntegerField(label="Reps per set")
    band_level = forms.ChoiceField(label="Band level", required=False)

    def __init__(self, *args: Any, exercise: Exercise, band_levels: list[str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        low, high = AMOUNT_BOUNDS[exercise.tracking]  # the bounds the core enforces
        self.fields["amount"] = forms.IntegerField(
            label=AMOUNT_LABELS[exercise.tracking], min_value=low, max_value=high
        )
        if exercise.uses_band_level and band_levels:
            self.fields["band_level"].choices = [(b, b) for b in band_levels]  # type: ignore[attr-defined]
            self.fields["band_level"].required = True
        else:
            del self.fields["band_level"]


class LockForm(EditForm):
    locked = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ChooseForm(EditForm):
    """Add or swap in an exercise; an override reason is needed for a contraindication."""

    exercise_id = forms.CharField(max_length=80, widget=forms.HiddenInput)
    override_reason = forms.CharField(
        label="Reason for overriding a contraindication",
        max_length=REASON_MAX,
        required=False,
        help_text="Only when the exercise is not advised with the patient's conditions; "
        "recorded with the change.",
    )


class AddForm(ChooseForm):
    session = forms.TypedChoiceField(label="Session", coerce=int)

    def __init__(self, *args: Any, sessions: list[int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [(n, f"Session {n}") for n in sessions]  # type: ignore[attr-defined]


class SearchForm(forms.Form):
    q = forms.CharField(label="Words", required=False, max_length=80)
    region = forms.ChoiceField(
        label="Region", required=False, choices=[("", "Any region"), *choices(vocab.REGIONS)]
    )
    modality = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *choices(vocab.MODALITIES)]
    )
    equipment = forms.ChoiceField(
        label="Equipment",
        required=False,
        choices=[("", "Any"), (NO_EQUIPMENT, "No equipment"), *choices(vocab.EQUIPMENT)],
    )


class CeilingForm(EditForm):
    ceiling = forms.IntegerField(
        label="Pain limit during exercise (0-10)",
        min_value=0,
        max_value=10,
        help_text="The most pain during exercise that still counts as acceptable. Above it, "
        "the programme steps back. The default is 5.",
    )


class FlareLiftForm(EditForm):
    confirm = forms.BooleanField(
        label="I have reviewed this flare-up and the programme may step up again.",
        error_messages={"required": "Tick the box to confirm you have reviewed the flare-up."},
    )


class ClearanceForm(EditForm):
    confirm = forms.BooleanField(
        label="A medical review has ruled out what the warning signs were about, and this "
        "patient may do a full programme.",
        error_messages={"required": "Tick the box to confirm the medical review."},
    )
