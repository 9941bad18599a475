from __future__ import annotations

from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import call_command

from spinewise.core.exercises import Library, load_library
from spinewise.exercises.library import enabled_library
from spinewise.exercises.models import Exercise
from spinewise.exercises.sync import sync_library

pytestmark = pytest.mark.django_db


def test_sync_mirrors_every_yaml_exercise() -> None:
    report = sync_library()
    assert report.created == len(load_library())
    row = Exercise.objects.get(slug="cat-camel")
    assert row.name == "Cat-camel"
    assert row.content["instructions"]["setup"]


def test_a_second_sync_changes_nothing() -> None:
    sync_library()
    report = sync_library()
    assert (report.created, report.updated) == (0, 0)
    assert report.unchanged == len(load_library())


def test_sync_keeps_an_admins_decision_to_disable() -> None:
    sync_library()
    Exercise.objects.filter(slug="cat-camel").update(enabled=False)
    sync_library()
    assert not Exercise.objects.get(slug="cat-camel").enabled


def test_changed_yaml_content_updates_the_mirror() -> None:
    sync_library()
    library = load_library()
    changed = [replace(e, summary="A new summary.") if e.id == "cat-camel" else e for e in library]
    report = sync_library(Library(changed))
    assert report.updated == 1
    assert Exercise.objects.get(slug="cat-camel").summary == "A new summary."


def test_an_exercise_removed_from_yaml_is_marked() -> None:
    sync_library()
    library = load_library()
    kept = [e for e in library if e.id == "cat-camel"]
    sync_library(Library([replace(e, easier=(), harder=()) for e in kept]))
    assert Exercise.objects.filter(in_library=False).count() == len(library) - 1


def test_disabled_exercises_are_left_out_of_planning_and_links() -> None:
    sync_library()
    target = next(e for e in load_library() if e.easier)
    Exercise.objects.filter(slug=target.id).update(enabled=False)
    library = enabled_library()
    assert target.id not in library
    assert all(target.id not in e.easier + e.harder for e in library)


def test_the_command_reports_what_it_did() -> None:
    out = StringIO()
    call_command("sync_exercises", stdout=out)
    assert "added" in out.getvalue()
