from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import LoginFailure, User


@admin.register(User)
class SpinewiseUserAdmin(UserAdmin):
    list_display = ("username", "email", "role", "is_active", "date_joined", "last_login")
    list_filter = ("role", "is_active", "is_staff")
    fieldsets = (*UserAdmin.fieldsets, ("Spinewise", {"fields": ("role",)}))
    add_fieldsets = (
        *UserAdmin.add_fieldsets,
        ("Spinewise", {"fields": ("email", "role")}),
    )


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    list_display = ("username", "ip_address", "created_at")
    search_fields = ("username", "ip_address")
    readonly_fields = ("username", "ip_address", "created_at")
