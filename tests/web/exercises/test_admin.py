from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from spinewise.accounts.models import User
from spinewise.exercises.models import Exercise
from spinewise.exercises.sync import sync_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(db: None) -> Client:
    admin = User.objects.create_superuser("root", "root@example.org", "a-long-passphrase-1")
    client = Client()
    client.force_login(admin)
    return client


def test_an_admin_can_list_and_view_exercises(admin_client: Client) -> None:
    sync_library()
    row = Exercise.objects.get(slug="cat-camel")
    assert admin_client.get(reverse("admin:catalogue_exercise_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:catalogue_exercise_change", args=[row.pk]))
    assert b"Cat-camel" in page.content


def test_an_admin_can_disable_an_exercise(admin_client: Client) -> None:
    sync_library()
    row = Exercise.objects.get(slug="cat-camel")
    admin_client.post(
        reverse("admin:catalogue_exercise_changelist"),
        {"action": "disable", "_selected_action": [row.pk]},
    )
    row.refresh_from_db()
    assert not row.enabled


def test_content_cannot_be_added_or_deleted_in_the_admin(admin_client: Client) -> None:
    assert admin_client.get(reverse("admin:catalogue_exercise_add")).status_code == 403


def test_an_admin_can_manage_users(admin_client: Client) -> None:
    assert admin_client.get(reverse("admin:accounts_user_changelist")).status_code == 200


def test_patients_cannot_open_the_admin(patient_client: Client) -> None:
    response = patient_client.get(reverse("admin:index"))
    assert response.status_code == 302
