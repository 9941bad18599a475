"""Fixtures for the API tests: an owner with a full history, others, clients, tokens."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.web.conftest import (
    PASSWORD,
    entries_for,
    give_programme,
    log_session,
    session_of,
)

from spinewise.accounts.models import Role, User
from spinewise.api import tokens
from spinewise.checkins.commands import CheckInAnswers
from spinewise.checkins.services import record_checkin
from spinewise.patients.models import Patient
from spinewise.sharing.invitations import accept, invite_with_code
from spinewise.training.models import SessionLog
from spinewise.training.services import record_morning_check

API = "/api/v1"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fast_passwords(settings: Any) -> None:
    # Argon2 is deliberately slow; nothing here tests password hashing.
    settings.PASSWORD_HASHERS = FAST_HASHERS


class ApiClient:
    """A test client speaking JSON, authenticated by a token or a session (with CSRF)."""

    def __init__(self, *, token: str | None = None, user: User | None = None) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.headers: dict[str, str] = {}
        if token:
            self.headers["Authorization"] = f"Bearer {token}"
        if user is not None:
            self.client.force_login(user)
            # A page visit sets the CSRF cookie, as a browser would get it.
            self.client.get("/")
            self.headers["X-CSRFToken"] = self.client.cookies["csrftoken"].value

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        headers: dict[str, str] | None = None,
        **query: Any,
    ) -> Any:
        url = path if path.startswith("/") else f"{API}/{path}"
        all_headers = {**self.headers, **(headers or {})}
        if method == "GET":
            return self.client.get(url, query, headers=all_headers)
        data = json.dumps(body) if body is not None else ""
        return self.client.generic(
            method, url, data, content_type="application/json", headers=all_headers
        )

    def get(self, path: str, **query: Any) -> Any:
        return self.request("GET", path, **query)

    def post(self, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Any:
        return self.request("POST", path, body, headers)

    def delete(self, path: str) -> Any:
        return self.request("DELETE", path)


@dataclass
class World:
    """The owner's records (every kind the API serves), plus the other people."""

    owner: Patient
    other: Patient
    clinician: User
    log: SessionLog
    unchecked_log: SessionLog
    write_token: str
    read_token: str
    token_id: int

    @property
    def screening_id(self) -> int:
        return self.owner.screenings.first().pk  # type: ignore[union-attr]

    @property
    def version_id(self) -> int:
        return self.log.version_id

    @property
    def checkin_id(self) -> int:
        return self.owner.checkins.first().pk  # type: ignore[union-attr]


def make_user(username: str, role: str = Role.PATIENT) -> User:
    return User.objects.create_user(username, f"{username}@example.org", PASSWORD, role=role)


def build_world() -> World:
    owner = Patient.objects.create(user=make_user("owner"))
    other = Patient.objects.create(user=make_user("other"))
    clinician = make_user("clinician", Role.CLINICIAN)
    programme = give_programme(owner)
    # Planned a few days before the sessions below were logged (on a Monday, "yesterday"
    # is in the week before a programme planned today, so progress would not count it).
    programme.created_at = timezone.now() - timedelta(days=3)
    programme.save(update_fields=["created_at"])
    give_programme(other)
    session = session_of(programme, 1)
    yesterday = timezone.localdate() - timedelta(days=1)
    log = log_session(owner, session, day=yesterday - timedelta(days=1))
    record_morning_check(log, 2)
    unchecked = log_session(owner, session_of(programme, 2), day=yesterday)
    record_checkin(
        owner,
        CheckInAnswers(
            pain_now=4, peg_pain=4, peg_enjoyment=3, peg_activity=3, psfs_scores=(4, 5, 3)
        ),
    )
    write, write_secret = tokens.create_token(owner.user, "script", "write")
    _, read_secret = tokens.create_token(owner.user, "dashboard", "read")
    return World(owner, other, clinician, log, unchecked, write_secret, read_secret, write.pk)


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def clinician(world: World) -> User:
    """A clinician both the owner and the other patient linked with, with consent."""
    user = make_user("dr_api", Role.CLINICIAN)
    for patient in (world.owner, world.other):
        link, _ = invite_with_code(user)
        accept(link, patient)
    return user


@pytest.fixture
def dr(clinician: User) -> ApiClient:
    """The linked clinician's API client (a write token)."""
    return ApiClient(token=tokens.create_token(clinician, "t", "write")[1])


@pytest.fixture
def owner_api(world: World) -> ApiClient:
    return ApiClient(token=world.write_token)


@pytest.fixture
def session_api(world: World) -> ApiClient:
    return ApiClient(user=world.owner.user)


def screening_body() -> dict[str, Any]:
    return {"answers": {"age": 40, "regions": ["lower_back"], "pain_now": 3}}


def baseline_body() -> dict[str, Any]:
    return {
        "regions": ["lower_back"],
        "pain_now": 4,
        "pain_last_week": 5,
        "psfs": [
            {"activity": "Putting on socks", "score": 4},
            {"activity": "Sitting for an hour", "score": 5},
            {"activity": "Lifting a bag", "score": 3},
        ],
        "equipment": ["resistance_band"],
        "band_levels": ["yellow", "red"],
        "sessions_per_week": 3,
        "minutes_per_session": 20,
        "level": "beginner",
        "conditions": [],
    }


def session_log_body(world: World, number: int = 3) -> dict[str, Any]:
    """Log planned session ``number`` of the owner's current version, as planned."""
    from spinewise.programmes.services import current_version

    version = current_version(world.owner)
    assert version is not None
    session = version.sessions.get(number=number)
    exercises = []
    for entry in entries_for(session):
        exercises.append(
            {
                "position": entry.position,
                "sets_done": entry.sets_done,
                "done": list(entry.done),
                "band_level": entry.band_level,
                "rpe": 4,
                "pain_during": 2,
            }
        )
    return {"session_number": number, "version_id": version.pk, "exercises": exercises}


def checkin_body() -> dict[str, Any]:
    return {
        "pain_now": 3,
        "peg_pain": 3,
        "peg_enjoyment": 2,
        "peg_activity": 2,
        "psfs_scores": [5, 5, 4],
    }
