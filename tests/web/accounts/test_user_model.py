from __future__ import annotations

from typing import Any

import pytest

from spinewise.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2(settings: Any) -> None:
    from spinewise import settings as project

    settings.PASSWORD_HASHERS = project.PASSWORD_HASHERS  # undo the fast test hasher
    user = User.objects.create_user("kim", "kim@example.org", "a-long-passphrase-1")
    assert user.password.startswith("argon2")


def test_new_users_are_patients_by_default() -> None:
    assert User.objects.create_user("kim").role == Role.PATIENT


def test_superusers_are_administrators() -> None:
    admin = User.objects.create_superuser("root", "root@example.org", "a-long-passphrase-1")
    assert admin.role == Role.ADMIN
