"""Care links over the API: invite, consent, who can see my record, ending, the access log."""

from __future__ import annotations

from typing import Any

from django.core import mail
from tests.api.conftest import ApiClient, World, make_user

from spinewise.accounts.models import Role
from spinewise.api.tokens import create_token


def clinician_api(name: str = "dr_api") -> ApiClient:
    return ApiClient(token=create_token(make_user(name, Role.CLINICIAN), "t", "write")[1])


def invite_code(clinician: ApiClient) -> str:
    response = clinician.post("clinician/invitations", {"channel": "code"})
    assert response.status_code == 201, response.content
    return str(response.json()["code"])


def linked(world: World, owner_api: ApiClient) -> ApiClient:
    clinician = clinician_api()
    code = invite_code(clinician)
    assert owner_api.post("sharing/accept", {"code": code, "consent": True}).status_code == 201
    return clinician


def test_code_invitation_is_shown_once_and_pending(world: World) -> None:
    clinician = clinician_api()
    code = invite_code(clinician)
    links = clinician.get("clinician/links", status="invited").json()
    assert len(code) == 14 and links["count"] == 1
    assert code not in str(links)


def test_email_invitation_sends_a_link(world: World) -> None:
    clinician = clinician_api()
    response = clinician.post(
        "clinician/invitations", {"channel": "email", "email": "pat@example.org"}
    )
    assert response.status_code == 201 and response.json()["code"] is None
    assert mail.outbox[0].to == ["pat@example.org"] and "/sharing/" in mail.outbox[0].body


def test_email_invitation_without_an_address_names_the_field(world: World) -> None:
    response = clinician_api().post("clinician/invitations", {"channel": "email"})
    assert response.status_code == 422 and "email" in response.json()["error"]["fields"]


def test_accepting_needs_explicit_consent(world: World, owner_api: ApiClient) -> None:
    code = invite_code(clinician_api())
    response = owner_api.post("sharing/accept", {"code": code, "consent": False})
    assert response.status_code == 422 and "consent" in response.json()["error"]["fields"]
    assert owner_api.get("sharing/links").json()["count"] == 0


def test_accepted_code_lets_the_clinician_read_the_record(
    world: World, owner_api: ApiClient
) -> None:
    clinician = linked(world, owner_api)
    assert clinician.get(f"patients/{world.owner.pk}").status_code == 200
    mine = owner_api.get("sharing/links").json()["results"]
    assert [link["clinician"]["name"] for link in mine] == ["dr_api"]


def test_accepting_the_same_code_again_is_harmless(world: World, owner_api: ApiClient) -> None:
    code = invite_code(clinician_api())
    first = owner_api.post("sharing/accept", {"code": code, "consent": True})
    again = owner_api.post("sharing/accept", {"code": code, "consent": True})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]


def test_a_code_used_by_someone_else_cannot_be_used(world: World, owner_api: ApiClient) -> None:
    code = invite_code(clinician_api())
    owner_api.post("sharing/accept", {"code": code, "consent": True})
    other = ApiClient(token=create_token(world.other.user, "t", "write")[1])
    response = other.post("sharing/accept", {"code": code, "consent": True})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invitation_not_usable"


def test_patient_ending_a_link_stops_clinician_access(world: World, owner_api: ApiClient) -> None:
    clinician = linked(world, owner_api)
    link_id = owner_api.get("sharing/links").json()["results"][0]["id"]
    assert owner_api.delete(f"sharing/links/{link_id}").status_code == 204
    assert clinician.get(f"patients/{world.owner.pk}").status_code == 404


def test_clinician_ending_a_link_stops_their_access(world: World, owner_api: ApiClient) -> None:
    clinician = linked(world, owner_api)
    link_id = clinician.get("clinician/links", status="active").json()["results"][0]["id"]
    assert clinician.delete(f"clinician/links/{link_id}").status_code == 204
    assert clinician.get(f"patients/{world.owner.pk}").status_code == 404
    assert clinician.delete(f"clinician/links/{link_id}").status_code == 404


def test_access_log_shows_the_clinicians_reads(world: World, owner_api: ApiClient) -> None:
    clinician = linked(world, owner_api)
    clinician.get(f"patients/{world.owner.pk}/progress")
    events: list[dict[str, Any]] = owner_api.get("sharing/access-log").json()["results"]
    assert events and events[0]["actor"] == "dr_api" and events[0]["action"] == "view"
    assert events[0]["path"].endswith("/progress")
