from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from spinewise.core.errors import InputError
from spinewise.exercises.sync import sync_library


class Command(BaseCommand):
    help = "Copy the YAML exercise library into the database (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = sync_library()
        except InputError as exc:
            raise CommandError(f"the exercise library is invalid: {exc}") from None
        self.stdout.write(
            f"Exercise library: {report.created} added, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.removed} no longer in the library."
        )
