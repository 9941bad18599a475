from __future__ import annotations

from django.db import models
from django.utils import timezone


class Exercise(models.Model):
    """One exercise of the YAML library, mirrored for the admin. Content is read-only here."""

    slug = models.SlugField(max_length=80, unique=True, help_text="The exercise id in the library.")
    name = models.CharField(max_length=120)
    summary = models.TextField(blank=True)
    modality = models.CharField(max_length=32)
    tracking = models.CharField(max_length=16)
    regions = models.JSONField(default=list)
    equipment = models.JSONField(default=list)
    content = models.JSONField(default=dict, help_text="The full entry as loaded from YAML.")
    content_hash = models.CharField(max_length=64)
    enabled = models.BooleanField(
        default=True, help_text="Untick to stop planning this exercise for anyone."
    )
    in_library = models.BooleanField(
        default=True, help_text="False when the YAML file has been removed."
    )
    synced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"
