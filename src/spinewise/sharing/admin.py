from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .links import end_link
from .models import AccessEvent, CareLink, Clinic, ClinicMembership


class MembershipInline(admin.TabularInline):
    model = ClinicMembership
    extra = 0
    fk_name = "clinic"
    raw_id_fields = ("user", "added_by")


@admin.register(Clinic)
class ClinicAdmin(admin.ModelAdmin):
    list_display = ("name", "created_at")
    search_fields = ("name",)
    inlines = [MembershipInline]
    raw_id_fields = ("created_by",)


@admin.register(CareLink)
class CareLinkAdmin(admin.ModelAdmin):
    list_display = ("clinician", "patient", "clinic", "status", "invited_at", "consent_at")
    list_filter = ("status", "channel")
    search_fields = ("clinician__username", "patient__user__username", "invited_email")
    # Consent is the patient's to give: the admin may look and end links, never forge
    # or revive one, so every field is read-only and ending goes through end_link.
    readonly_fields = (
        "clinician",
        "patient",
        "clinic",
        "status",
        "channel",
        "invited_email",
        "invited_at",
        "expires_at",
        "consent_at",
        "ended_at",
        "ended_by",
        "end_reason",
    )
    actions = ["end_selected"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="End the selected links")
    def end_selected(self, request: HttpRequest, queryset: QuerySet[CareLink]) -> None:
        ended = sum(end_link(link, request.user, "Ended by an administrator") for link in queryset)
        self.message_user(request, f"{ended} link(s) ended.")


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    """Read-only: the access log is append-only from the application."""

    list_display = ("created_at", "actor_name", "action", "patient", "detail", "ip_address")
    list_filter = ("action",)
    search_fields = ("actor_name", "patient__user__username", "detail")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
