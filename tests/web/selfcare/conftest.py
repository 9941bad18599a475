"""Fixtures for the self-care tests: reminder settings, and a real database that several
threads can write to at once (a file on SQLite; the test database on PostgreSQL)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections

from spinewise.patients.models import Patient
from spinewise.selfcare.models import ReminderPreference, new_calendar_token

_TEMPLATE_DB: dict[str, Path] = {}


def reminders_for(patient: Patient, **fields: Any) -> ReminderPreference:
    """Saved reminder settings: in-app session reminders every day at 18:00 (London, or
    the ``timezone`` given, which is kept on the person's account)."""
    zone = fields.pop("timezone", "Europe/London")
    patient.user.time_zone = zone
    patient.user.save(update_fields=["time_zone"])
    values: dict[str, Any] = {
        "channels": ["in_app"],
        "session_reminders": True,
        "session_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
        "session_time": time(18),
    }
    values.update(fields)
    if "calendar" in values["channels"] and "calendar_token" not in values:
        values["calendar_token"] = new_calendar_token()
    return ReminderPreference.objects.create(patient=patient, **values)


def _migrated_copy(target: Path, settings_dict: dict[str, Any]) -> None:
    """A migrated SQLite file at ``target`` (migrations run once per test process)."""
    template = _TEMPLATE_DB.get("path")
    if template is None:
        template = target.parent / "template.sqlite3"
        _use(settings_dict | {"NAME": str(template)})
        call_command("migrate", verbosity=0, interactive=False)
        connections["default"].close()
        _TEMPLATE_DB["path"] = template
    shutil.copyfile(template, target)


def _use(settings_dict: dict[str, Any]) -> None:
    """Point the ``default`` alias at ``settings_dict`` in this thread and for new threads."""
    connections.settings["default"] = settings_dict
    connections["default"] = connections.create_connection("default")


@pytest.fixture
def shared_db(transactional_db: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A database real concurrent connections can share, with committed data.

    PostgreSQL (CI, ``DATABASE_URL``): the test database itself, every thread with its own
    connection. SQLite: pytest-django's in-memory database cannot take concurrent writers,
    so the test runs on a migrated file database (WAL, IMMEDIATE transactions, as in
    production) and the in-memory one is put back afterwards.
    """
    original = connections["default"]
    if original.vendor != "sqlite":
        yield
        return
    original_settings = connections.settings["default"]
    folder = tmp_path_factory.mktemp("shared-db")
    target = folder / "spinewise.sqlite3"
    file_settings = {**original_settings, "TEST": dict(original_settings.get("TEST", {}))}
    _migrated_copy(target, file_settings)
    _use(file_settings | {"NAME": str(target)})
    try:
        yield
    finally:
        connections["default"].close()
        connections.settings["default"] = original_settings
        connections["default"] = original
