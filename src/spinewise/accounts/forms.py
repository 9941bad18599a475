"""Sign-up and throttled login forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError

from . import throttle
from .models import User
from .time_zones import known_zone, zone_choices

THROTTLED_MESSAGE = (
    "Too many failed attempts for this account from your connection. "
    "Please wait 15 minutes and try again, or reset your password."
)


NAME_MAX = 150  # characters, as Django keeps first_name


class SignupForm(UserCreationForm):
    full_name = forms.CharField(
        label="Your name",
        required=False,
        max_length=NAME_MAX,
        help_text="Shown to the clinicians you choose to share your record with.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        help_text="Only used to reset your password. We never share it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Filled in by the browser (accounts/time_zone.js); editable later on the account page.
    time_zone = forms.CharField(
        required=False,
        max_length=64,
        widget=forms.HiddenInput(attrs={"data-browser-time-zone": ""}),
    )
    understands = forms.BooleanField(
        label="I understand that Spinewise gives exercise guidance, not a diagnosis "
        "or medical advice.",
        error_messages={"required": "Please confirm that you have read this."},
    )

    class Meta:
        model = User
        fields = ("username", "email")

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError("An account with this e-mail address already exists.")
        return email

    def clean_time_zone(self) -> str:
        # A guess that is no zone we know is dropped, not an error: the site's zone holds.
        return known_zone(self.cleaned_data.get("time_zone", "").strip())

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        user.first_name = self.cleaned_data.get("full_name", "").strip()
        user.time_zone = self.cleaned_data.get("time_zone", "")
        if commit:
            user.save()
        return user


class AccountForm(forms.Form):
    """The person's own name, e-mail address and time zone."""

    full_name = forms.CharField(
        label="Your name",
        required=False,
        max_length=NAME_MAX,
        help_text="Shown to the clinicians you share your record with.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="E-mail address",
        help_text="Used to reset your password. We never share it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    time_zone = forms.ChoiceField(
        label="Your time zone",
        choices=zone_choices,
        help_text="Your day runs in this zone: today's session, the next-morning check and "
        "reminders.",
        error_messages={"invalid_choice": "Choose a time zone from the list."},
        widget=forms.Select(attrs={"data-device-time-zone": ""}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"].strip()
        taken = User.objects.filter(email__iexact=email).exclude(pk=self.user.pk).exists()
        if taken:
            raise ValidationError("Another account already uses this e-mail address.")
        return email


class ThrottledAuthenticationForm(AuthenticationForm):
    """Refuses to check a password once the username + address has failed too often."""

    throttled = False

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = throttle.client_ip(self.request)
        if username and throttle.is_locked(username, ip):
            self.throttled = True
            raise ValidationError(THROTTLED_MESSAGE, code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError:
            if username:
                throttle.record_failure(username, ip)
            raise
        throttle.clear_failures(username, ip)
        return cleaned
