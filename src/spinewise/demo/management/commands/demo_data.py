from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from spinewise.demo.builder import build_demo
from spinewise.demo.clinic import build_demo_clinic


class Command(BaseCommand):
    help = (
        "Create a demo patient with six weeks of history and a demo clinician with about "
        "twenty patients (does nothing for those that exist)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = build_demo()
        verb = "Created" if result.created else "Kept the existing"
        self.stdout.write(
            f"{verb} demo patient: {result.sessions} sessions, {result.versions} programme versions."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Log in at http://127.0.0.1:8000/accounts/login/ as "
                f"username '{result.username}', password '{result.password}'."
            )
        )
        clinic = build_demo_clinic()
        verb = "Created" if clinic.created else "Kept the existing"
        alerts = ", ".join(
            f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(clinic.alerts.items())
        )
        self.stdout.write(f"{verb} demo clinician with {clinic.patients} patients ({alerts}).")
        self.stdout.write(
            self.style.SUCCESS(
                f"Clinician: log in as username '{clinic.username}', "
                f"password '{clinic.password}', and open My patients."
            )
        )
