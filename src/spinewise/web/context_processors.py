from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "site_name": "Spinewise",
        "show_patient_nav": bool(user and user.is_authenticated and user.is_patient),
        "emergency_number": settings.EMERGENCY_NUMBER,
    }
