"""Care links over the API: invite, consent, who can see my record, ending, the access log."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from tests.api.conftest import ApiClient, World, make_user

from spinewise.accounts.models import Role
from spinewise.api.tokens import create_token
from spinewise.sharing.models import CareLink


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


@pytest.mark.parametrize("kind", ["code", "token"])
def test_an_invitation_used_by_someone_else_cannot_be_used(
    kind: str, world: World, owner_api: ApiClient
) -> None:
    invite = invite_code if kind == "code" else invite_by_email
    secret = invite(clinician_api())
    owner_api.post("sharing/accept", {kind: secret, "consent": True})
    other = ApiClient(token=create_token(world.other.user, "t", "write")[1])
    response = other.post("sharing/accept", {kind: secret, "consent": True})
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


def invite_by_email(clinician: ApiClient) -> str:
    """The token of a new e-mailed invitation, as the patient finds it in the link."""
    body = {"channel": "email", "email": "owner@example.org"}
    assert clinician.post("clinician/invitations", body).status_code == 201
    found = re.search(r"/sharing/invitation/([^/\s]+)/", mail.outbox[-1].body)
    assert found, mail.outbox[-1].body
    return found.group(1)


def test_an_emailed_invitation_is_accepted_with_its_token(
    world: World, owner_api: ApiClient
) -> None:
    clinician = clinician_api()
    response = owner_api.post(
        "sharing/accept", {"token": invite_by_email(clinician), "consent": True}
    )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "active" and response.json()["channel"] == "email"
    assert clinician.get(f"patients/{world.owner.pk}").status_code == 200


def test_accepting_the_same_token_again_is_harmless(world: World, owner_api: ApiClient) -> None:
    token = invite_by_email(clinician_api())
    first = owner_api.post("sharing/accept", {"token": token, "consent": True})
    again = owner_api.post("sharing/accept", {"token": token, "consent": True})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]


def test_a_retried_accept_with_its_idempotency_key_is_replayed(
    world: World, owner_api: ApiClient
) -> None:
    body = {"token": invite_by_email(clinician_api()), "consent": True}
    key = {"Idempotency-Key": "accept-1"}
    first = owner_api.post("sharing/accept", body, key)
    again = owner_api.post("sharing/accept", body, key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again["Idempotent-Replayed"] == "true" and again.content == first.content
    assert CareLink.objects.filter(patient=world.owner, status="active").count() == 1


def test_accepting_a_token_needs_explicit_consent(world: World, owner_api: ApiClient) -> None:
    token = invite_by_email(clinician_api())
    response = owner_api.post("sharing/accept", {"token": token, "consent": False})
    assert response.status_code == 422 and "consent" in response.json()["error"]["fields"]
    assert owner_api.get("sharing/links").json()["count"] == 0


def test_an_unknown_token_is_422_naming_the_token(world: World, owner_api: ApiClient) -> None:
    response = owner_api.post("sharing/accept", {"token": "x" * 43, "consent": True})
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["token"]


def test_sending_both_code_and_token_is_422_naming_both(world: World, owner_api: ApiClient) -> None:
    clinician = clinician_api()
    body = {"code": invite_code(clinician), "token": invite_by_email(clinician), "consent": True}
    response = owner_api.post("sharing/accept", body)
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"code", "token"}
    assert owner_api.get("sharing/links").json()["count"] == 0


def test_sending_neither_code_nor_token_is_422_naming_both(
    world: World, owner_api: ApiClient
) -> None:
    response = owner_api.post("sharing/accept", {"consent": True})
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"code", "token"}


def test_an_expired_token_cannot_be_used(world: World, owner_api: ApiClient) -> None:
    token = invite_by_email(clinician_api())
    CareLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = owner_api.post("sharing/accept", {"token": token, "consent": True})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invitation_not_usable"


def test_a_clinician_cannot_accept_an_emailed_invitation(world: World) -> None:
    clinician = clinician_api()
    response = clinician.post(
        "sharing/accept", {"token": invite_by_email(clinician), "consent": True}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_a_patient"


def test_a_read_only_token_cannot_accept_an_emailed_invitation(world: World) -> None:
    token = invite_by_email(clinician_api())
    reader = ApiClient(token=world.read_token)
    response = reader.post("sharing/accept", {"token": token, "consent": True})
    assert response.status_code == 403
    assert CareLink.objects.get().status == "invited"
