"""Who may call what: every API endpoint and method against every kind of caller.

``MATRIX`` is the one place that says what each caller gets. It is keyed by the routes
the URL resolver actually serves under /api/v1/ and the methods each route answers (read
from its ``Allow`` header), so a new endpoint that is missing here fails
``test_every_endpoint_is_in_the_matrix`` until someone decides who may use it.

Path parameters always name the *owner's* records (their patient id, their session log),
so "another patient" and "a clinician" are asking for someone else's data.

Clinician columns follow ``patients.access.can_access_patient``: a clinician with an
active, consented care link may read everything of the patient's but record nothing in
the patient's name (the patient's own word); a clinician whose link ended, or who never
had one, learns nothing (404). The linked and ended-link cells run when the clinician
workspace (``spinewise.sharing``, issue 4) is installed, and are skipped before that.
Clinician-only endpoints (caseload, alerts, notes, programme edits) add rows with it.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from tests.api.conftest import (
    FAST_HASHERS,
    ApiClient,
    World,
    baseline_body,
    build_world,
    checkin_body,
    make_user,
    screening_body,
    session_log_body,
)
from tests.web.conftest import PASSWORD

from spinewise.accounts.models import Role

ROLES = (
    "anonymous",
    "owner_session",
    "owner_token",
    "read_token",
    "other_patient",
    "unlinked_clinician",
    "linked_clinician",
    "ended_link",
)
LINK_ROLES = ("linked_clinician", "ended_link")  # need the clinic app's care links


@dataclass(frozen=True)
class Cell:
    """The expected status for each kind of caller."""

    anonymous: int
    owner_session: int
    owner_token: int
    read_token: int
    other_patient: int
    unlinked_clinician: int
    linked_clinician: int
    ended_link: int
    body: Callable[[World], Any] | None = None


def public(status: int = 200, body: Callable[[World], Any] | None = None) -> Cell:
    """Open to everyone (the library, the questions, the docs, the token sign-in)."""
    return Cell(status, status, status, status, status, status, status, status, body)


def own_read() -> Cell:
    """The owner's data: the owner and a linked clinician read it; others get 404."""
    return Cell(401, 200, 200, 200, 404, 404, 200, 404)


def own_create(body: Callable[[World], Any]) -> Cell:
    """Recording in the owner's name: the owner with a write credential, nobody else."""
    return Cell(401, 201, 201, 403, 404, 404, 404, 404, body=body)


def signed_in(status: int = 200) -> Cell:
    """About the caller themselves: anyone signed in."""
    return Cell(401, status, status, status, status, status, status, status)


def patient_read() -> Cell:
    """The caller's own sharing (``/sharing/…``): any patient reads theirs; clinicians 403."""
    return Cell(401, 200, 200, 200, 200, 403, 403, 403)


def clinician_only(status: int = 200, body: Callable[[World], Any] | None = None) -> Cell:
    """About the calling clinician (``/clinician/…``): any clinician; patients get 403."""
    return Cell(401, 403, 403, 403, 403, status, status, status, body)


def linked_only(status: int = 200, body: Callable[[World], Any] | None = None) -> Cell:
    """A clinician's work on a patient: the linked clinician only; patients get 403.

    Programme edits answer the linked clinician 428 here: the matrix sends no If-Match,
    so the cell shows the caller got past every access check (edits: test_clinician_api).
    """
    return Cell(401, 403, 403, 403, 403, 404, status, 404, body)


def reason(world: World) -> dict[str, str]:
    return {"reason": "matrix"}


def doctor_seen_body(world: World) -> dict[str, Any]:
    today = timezone.localdate().isoformat()
    return {"seen_by": "Dr Jones", "seen_on": today, "ruled_out": "matrix", "confirm": True}


def login_body(world: World) -> dict[str, str]:
    return {"username": "owner", "password": PASSWORD, "name": "phone", "scope": "read"}


MATRIX: dict[tuple[str, str], Cell] = {
    ("", "GET"): public(),
    ("openapi.json", "GET"): public(),
    ("docs", "GET"): public(),
    ("me", "GET"): signed_in(),
    ("auth/token", "POST"): public(201, body=login_body),
    ("tokens", "GET"): signed_in(),
    # The owner's write token (the other callers have no token with this id).
    ("tokens/<token_id>", "DELETE"): Cell(401, 204, 204, 403, 404, 404, 404, 404),
    ("exercises", "GET"): public(),
    ("exercises/<exercise_id>", "GET"): public(),
    ("screening/questions", "GET"): public(),
    ("patients/<patient>", "GET"): own_read(),
    ("patients/<patient>/today", "GET"): own_read(),
    ("patients/<patient>/screenings", "GET"): own_read(),
    ("patients/<patient>/screenings", "POST"): own_create(lambda w: screening_body()),
    ("screenings/<screening_id>", "GET"): own_read(),
    ("patients/<patient>/safety", "GET"): own_read(),
    # The owner has no open warning in this world: past every access check, 409.
    ("patients/<patient>/safety/doctor-seen", "POST"): Cell(
        401, 409, 409, 403, 404, 404, 404, 404, body=doctor_seen_body
    ),
    ("patients/<patient>/baselines", "GET"): own_read(),
    ("patients/<patient>/baselines", "POST"): own_create(lambda w: baseline_body()),
    ("patients/<patient>/programme", "GET"): own_read(),
    ("patients/<patient>/programme/versions", "GET"): own_read(),
    ("programme-versions/<version_id>", "GET"): own_read(),
    ("patients/<patient>/session-logs", "GET"): own_read(),
    ("patients/<patient>/session-logs", "POST"): own_create(session_log_body),
    ("session-logs/<log_id>", "GET"): own_read(),
    ("session-logs/<log_id>/morning-check", "POST"): own_create(lambda w: {"pain_now": 3}),
    ("patients/<patient>/morning-checks", "GET"): own_read(),
    ("patients/<patient>/checkins", "GET"): own_read(),
    ("patients/<patient>/checkins", "POST"): own_create(lambda w: checkin_body()),
    ("checkins/<checkin_id>", "GET"): own_read(),
    ("patients/<patient>/progress", "GET"): own_read(),
    # Care links. <link_id> is the owner's active link with the linked clinician.
    ("clinician/invitations", "POST"): clinician_only(201, body=lambda w: {"channel": "code"}),
    ("clinician/links", "GET"): clinician_only(),
    ("clinician/links/<link_id>", "DELETE"): Cell(401, 403, 403, 403, 403, 404, 204, 404),
    # Another patient has no invitation with this code: 422 after the role checks.
    ("sharing/accept", "POST"): Cell(
        401, 422, 422, 403, 422, 403, 403, 403, body=lambda w: {"code": "ABCD", "consent": True}
    ),
    ("sharing/links", "GET"): patient_read(),
    ("sharing/links/<link_id>", "DELETE"): Cell(401, 204, 204, 403, 404, 403, 403, 403),
    ("sharing/access-log", "GET"): patient_read(),
    # The clinician's workspace.
    ("clinician/caseload", "GET"): clinician_only(),
    ("patients/<patient>/alerts", "GET"): linked_only(),
    ("alerts/<alert_id>/acknowledge", "POST"): linked_only(body=lambda w: {"note": "seen"}),
    ("alerts/<alert_id>/resolve", "POST"): linked_only(body=lambda w: {"note": "called"}),
    ("patients/<patient>/notes", "GET"): linked_only(),
    ("patients/<patient>/notes", "POST"): linked_only(201, body=lambda w: {"text": "matrix"}),
    ("patients/<patient>/programme/sessions/<session>/items", "POST"): linked_only(
        428, body=lambda w: {"exercise_id": "cat-camel", "reason": "matrix"}
    ),
    ("patients/<patient>/programme/sessions/<session>/items/<position>/remove", "POST"): (
        linked_only(428, body=reason)
    ),
    ("patients/<patient>/programme/sessions/<session>/items/<position>/swap", "POST"): (
        linked_only(428, body=lambda w: {"exercise_id": "cat-camel", "reason": "matrix"})
    ),
    ("patients/<patient>/programme/sessions/<session>/items/<position>/dose", "POST"): (
        linked_only(428, body=lambda w: {"sets": 2, "amount": 8, "reason": "matrix"})
    ),
    ("patients/<patient>/programme/sessions/<session>/items/<position>/lock", "POST"): (
        linked_only(428, body=lambda w: {"locked": True, "reason": "matrix"})
    ),
    ("patients/<patient>/pain-ceiling", "POST"): linked_only(
        428, body=lambda w: {"ceiling": 4, "reason": "matrix"}
    ),
    ("patients/<patient>/clearance", "POST"): linked_only(428, body=reason),
    ("patients/<patient>/flare-pause/lift", "POST"): linked_only(428, body=reason),
}

PARAMS: dict[str, Callable[[World], Any]] = {
    "patient": lambda w: w.owner.pk,
    "token_id": lambda w: w.token_id,
    "exercise_id": lambda w: "cat-camel",
    "screening_id": lambda w: w.screening_id,
    "version_id": lambda w: w.version_id,
    # The log still waiting for its morning check, so the owner's check can be recorded.
    "log_id": lambda w: w.unchecked_log.pk,
    "checkin_id": lambda w: w.checkin_id,
    "link_id": lambda w: owner_link(w).pk,
    "alert_id": lambda w: owner_alert(w).pk,
    "session": lambda w: 1,
    "position": lambda w: 0,
}


def api_routes() -> Iterator[str]:
    """Every route the resolver serves under api/v1/, except the JSON 404 fallback."""
    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and top.namespace == "api":
            for pattern in top.url_patterns:
                assert isinstance(pattern, URLPattern)
                if pattern.name != "not_found":
                    yield str(pattern.pattern)


def url_for(route: str, world: World) -> str:
    path = route
    for name, value in PARAMS.items():
        path = path.replace(f"<{name}>", str(value(world)))
    assert "<" not in path, f"no value for a parameter of {route}: add it to PARAMS"
    return f"/api/v1/{path}"


def client_for(role: str, world: World) -> ApiClient:
    from spinewise.api.tokens import create_token

    def token_of(user: Any) -> ApiClient:
        return ApiClient(token=create_token(user, "matrix", "write")[1])

    if role == "anonymous":
        return ApiClient()
    if role == "owner_session":
        return ApiClient(user=world.owner.user)
    if role == "owner_token":
        return ApiClient(token=world.write_token)
    if role == "read_token":
        return ApiClient(token=world.read_token)
    if role == "other_patient":
        return token_of(world.other.user)
    if role == "unlinked_clinician":
        return token_of(world.clinician)
    return token_of(linked_clinician(world, ended=role == "ended_link"))


def linked_clinician(world: World, *, ended: bool) -> Any:
    """A clinician the owner consented to (and, with ``ended``, whose link then ended)."""
    # The linked and ended-link columns must never drop out: an unknown app label fails.
    assert apps.is_installed("spinewise.sharing"), "care links live in spinewise.sharing"
    from spinewise.sharing.models import CareLink

    clinician = make_user("ended_dr" if ended else "linked_dr", Role.CLINICIAN)
    now = timezone.now()
    CareLink.objects.create(
        clinician=clinician,
        patient=world.owner,
        status=CareLink.Status.ENDED if ended else CareLink.Status.ACTIVE,
        channel=CareLink.Channel.CODE,
        secret_hash=secrets.token_hex(32),
        expires_at=now + timedelta(days=7),
        consent_at=now,
        ended_at=now if ended else None,
    )
    return clinician


def owner_link(world: World) -> Any:
    """The owner's active link with the linked clinician (made here if the cell has none)."""
    from spinewise.accounts.models import User
    from spinewise.sharing.models import CareLink

    clinician = User.objects.filter(username="linked_dr").first()
    if clinician is None:
        linked_clinician(world, ended=False)
    return CareLink.objects.get(
        clinician__username="linked_dr", patient=world.owner, status=CareLink.Status.ACTIVE
    )


def owner_alert(world: World) -> Any:
    """An open alert about the owner (made here, once per cell)."""
    from spinewise.clinician.models import Alert

    found = Alert.objects.filter(patient=world.owner, kind="pain_rising").first()
    return found or Alert.objects.create(
        patient=world.owner, kind="pain_rising", reason="Pain rising.", event_key="matrix"
    )


@pytest.fixture(scope="module")
def shared_world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once for the module; each test's changes are rolled back by ``db``."""
    with (
        django_db_blocker.unblock(),
        override_settings(PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


CELLS = [(route, method, role) for (route, method) in MATRIX for role in ROLES]


@pytest.mark.parametrize(("route", "method", "role"), CELLS)
def test_matrix_cell(shared_world: World, db: None, route: str, method: str, role: str) -> None:
    cell = MATRIX[(route, method)]
    expected = getattr(cell, role)
    client = client_for(role, shared_world)
    body = cell.body(shared_world) if cell.body else None
    response = client.request(method, url_for(route, shared_world), body)
    assert response.status_code == expected, (
        f"{method} {route} as {role}: {response.status_code} {response.content[:300]!r}"
    )


def test_every_endpoint_is_in_the_matrix(shared_world: World, db: None) -> None:
    served: set[tuple[str, str]] = set()
    for route in set(api_routes()):
        # Any method a route does not serve answers 405 with the ones it does in Allow.
        probe = ApiClient().request("TRACE", url_for(route, shared_world))
        assert probe.status_code == 405, route
        served |= {(route, m.strip()) for m in probe["Allow"].split(",") if m.strip()}
    assert served - set(MATRIX) == set(), "endpoints missing from MATRIX"
    assert set(MATRIX) - served == set(), "MATRIX rows for endpoints that do not exist"
