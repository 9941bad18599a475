"""Forms for invitations, consent and clinic membership."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from .models import Clinic, ClinicMembership


class InviteForm(forms.Form):
    channel = forms.ChoiceField(
        label="How to invite",
        choices=[
            ("email", "Send an e-mail with a link"),
            ("code", "Show me a one-time code to give the patient"),
        ],
        widget=forms.RadioSelect,
        initial="email",
    )
    email = forms.EmailField(
        label="Patient's e-mail address",
        required=False,
        help_text="Only for an e-mail invitation.",
    )
    clinic = forms.ModelChoiceField(
        label="On behalf of clinic",
        queryset=Clinic.objects.none(),
        required=False,
        empty_label="No clinic (just me)",
        help_text="The patient sees the clinic's name with yours.",
    )

    def __init__(self, *args: Any, clinics: QuerySet[Clinic], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["clinic"].queryset = clinics  # type: ignore[attr-defined]
        if not clinics.exists():
            del self.fields["clinic"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("channel") == "email" and not data.get("email"):
            self.add_error("email", "Give the patient's e-mail address, or choose a code.")
        return data


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Invitation code",
        max_length=40,
        help_text="The 12 letters and digits your clinician gave you, e.g. ABCD-EFGH-JKMN.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ConsentForm(forms.Form):
    consent = forms.BooleanField(
        label="I agree to share my Spinewise record with this clinician as described above. "
        "I can end this at any time.",
        error_messages={"required": "Tick the box to agree, or leave this page to say no."},
    )


class ClinicForm(forms.ModelForm):
    class Meta:
        model = Clinic
        fields = ["name"]
        labels = {"name": "Clinic name"}


class AddMemberForm(forms.Form):
    email = forms.EmailField(
        label="Clinician's e-mail address",
        help_text="They need a clinician account on this Spinewise already.",
    )
    role = forms.ChoiceField(
        label="Role", choices=ClinicMembership.Role.choices, initial="clinician"
    )
