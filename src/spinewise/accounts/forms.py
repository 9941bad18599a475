"""Sign-up and throttled login forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.core.exceptions import ValidationError

from . import throttle
from .models import User

THROTTLED_MESSAGE = (
    "Too many failed attempts for this account from your connection. "
    "Please wait 15 minutes and try again, or reset your password."
)


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        help_text="Only used to reset your password. We never share it.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
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
