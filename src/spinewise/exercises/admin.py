from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import Exercise

CONTENT_FIELDS = (
    "slug",
    "name",
    "summary",
    "modality",
    "tracking",
    "regions",
    "equipment",
    "content",
    "content_hash",
    "in_library",
    "synced_at",
)


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    """The library is edited as YAML files; here an admin views entries and switches them off."""

    list_display = ("name", "slug", "modality", "tracking", "enabled", "in_library")
    list_filter = ("enabled", "modality", "tracking", "in_library")
    list_editable = ("enabled",)
    search_fields = ("name", "slug", "summary")
    readonly_fields = CONTENT_FIELDS
    fields = ("enabled", *CONTENT_FIELDS)
    actions = ("enable", "disable")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Enable the selected exercises")
    def enable(self, request: HttpRequest, queryset: QuerySet[Exercise]) -> None:
        queryset.update(enabled=True)

    @admin.action(description="Disable the selected exercises")
    def disable(self, request: HttpRequest, queryset: QuerySet[Exercise]) -> None:
        queryset.update(enabled=False)
