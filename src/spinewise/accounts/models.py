"""The user model (with a role) and the record of failed logins used for throttling."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Role(models.TextChoices):
    PATIENT = "patient", "Patient"
    CLINICIAN = "clinician", "Clinician"
    ADMIN = "admin", "Administrator"


class SpinewiseUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """Anyone who signs in. ``role`` decides which pages they see."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.PATIENT)
    # IANA name ("Europe/London"); empty: the site's zone (see accounts/time_zones.py).
    time_zone = models.CharField(max_length=64, blank=True, default="")

    objects = SpinewiseUserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_unique_ci",
                condition=~models.Q(email=""),
                violation_error_message="An account with this e-mail address already exists.",
            )
        ]

    @property
    def is_patient(self) -> bool:
        return self.role == Role.PATIENT

    @property
    def is_clinician(self) -> bool:
        return self.role == Role.CLINICIAN


class LoginFailure(models.Model):
    """One failed login, kept for the throttling window (see accounts/throttle.py)."""

    username = models.CharField(max_length=150)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "ip_address", "created_at"])]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip_address} at {self.created_at:%Y-%m-%d %H:%M}"
