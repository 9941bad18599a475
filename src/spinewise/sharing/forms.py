"""Forms for invitations, consent and clinic membership."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from spinewise.core.errors import Invalid

from .commands import InviteCommand
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

    def command(self) -> InviteCommand:
        """The invitation as asked for (call after ``is_valid()``); the service checks it."""
        cd = self.cleaned_data
        clinic = cd.get("clinic")
        return InviteCommand(
            channel=cd["channel"],
            email=cd.get("email") or "",
            clinic_id=clinic.pk if clinic else None,
        )

    def add_invalid(self, invalid: Invalid) -> None:
        """Show the service's findings next to the fields they are about."""
        for name, problem in invalid.errors.items():
            field = "clinic" if name == "clinic_id" else name
            self.add_error(field if field in self.fields else None, problem)


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
