"""Personal access tokens: create, list, use, revoke; hashed at rest; scopes; limits."""

from __future__ import annotations

import hashlib

import pytest
from django.test import Client
from django.urls import reverse
from tests.api.conftest import ApiClient, World, checkin_body
from tests.web.conftest import PASSWORD, client_for

from spinewise.api import tokens
from spinewise.api.models import PersonalAccessToken

pytestmark = pytest.mark.django_db
PAGE = reverse("api_tokens:list")


def sign_in(scope: str = "write", name: str = "phone") -> dict[str, object]:
    response = ApiClient().post(
        "auth/token", {"username": "owner", "password": PASSWORD, "name": name, "scope": scope}
    )
    assert response.status_code == 201, response.content
    return dict(response.json())


def test_a_new_token_works_at_once(world: World) -> None:
    created = sign_in()
    me = ApiClient(token=str(created["secret"])).get("me")
    assert me.json()["username"] == "owner"


def test_only_a_hash_of_the_secret_is_stored(world: World) -> None:
    created = sign_in()
    secret = str(created["secret"])
    stored = PersonalAccessToken.objects.get(pk=created["id"])
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {getattr(stored, f.attname) for f in stored._meta.fields}
    assert secret.startswith(stored.prefix) and len(stored.prefix) < 12


def test_the_list_never_shows_secrets(owner_api: ApiClient, world: World) -> None:
    secret = str(sign_in()["secret"])
    listed = owner_api.get("tokens")
    assert secret not in listed.content.decode()
    assert {t["name"] for t in listed.json()["results"]} == {"script", "dashboard", "phone"}


def test_a_revoked_token_is_refused(owner_api: ApiClient, world: World) -> None:
    created = sign_in()
    assert owner_api.delete(f"tokens/{created['id']}").status_code == 204
    response = ApiClient(token=str(created["secret"])).get("me")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


def test_revoked_tokens_stay_listed_as_inactive(owner_api: ApiClient, world: World) -> None:
    created = sign_in()
    owner_api.delete(f"tokens/{created['id']}")
    listed = {t["id"]: t for t in owner_api.get("tokens").json()["results"]}
    assert listed[created["id"]]["active"] is False
    assert listed[created["id"]]["revoked_at"] is not None


def test_nobody_can_revoke_another_persons_token(world: World) -> None:
    _, theirs = tokens.create_token(world.other.user, "t", "write")
    response = ApiClient(token=theirs).delete(f"tokens/{world.token_id}")
    assert response.status_code == 404
    assert ApiClient(token=world.write_token).get("me").status_code == 200


def test_a_read_token_can_read_but_not_post(world: World) -> None:
    reader = ApiClient(token=str(sign_in("read")["secret"]))
    assert reader.get("patients/me/checkins").status_code == 200
    assert reader.post("patients/me/checkins", checkin_body()).status_code == 403
    assert reader.delete(f"tokens/{world.token_id}").status_code == 403


def test_a_token_of_a_deactivated_account_is_refused(world: World) -> None:
    world.owner.user.is_active = False
    world.owner.user.save()
    assert ApiClient(token=world.write_token).get("me").status_code == 401


def test_using_a_token_records_when(world: World) -> None:
    ApiClient(token=world.write_token).get("me")
    assert PersonalAccessToken.objects.get(pk=world.token_id).last_used_at is not None


def test_a_wrong_password_gets_no_token(world: World) -> None:
    body = {"username": "owner", "password": "nope", "name": "x", "scope": "write"}
    response = ApiClient().post("auth/token", body)
    assert response.status_code == 401
    assert PersonalAccessToken.objects.filter(name="x").count() == 0


def test_token_creation_is_limited_per_hour(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokens, "CREATE_LIMIT_PER_HOUR", 3)  # the world made two already
    sign_in()
    body = {"username": "owner", "password": PASSWORD, "name": "one more", "scope": "read"}
    response = ApiClient().post("auth/token", body)
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"


# --- the settings pages ---------------------------------------------------------------


def test_the_settings_page_lists_my_tokens_only(world: World) -> None:
    tokens.create_token(world.other.user, "someone else's", "read")
    page = client_for(world.owner.user).get(PAGE)
    assert page.status_code == 200
    names = [t.name for t in page.context["tokens"]]
    assert sorted(names) == ["dashboard", "script"]


def test_creating_a_token_on_the_page_shows_the_secret_once(world: World) -> None:
    client = client_for(world.owner.user)
    response = client.post(PAGE, {"name": "clinic system", "scope": "write"})
    assert response.status_code == 201
    secret = response.context["secret"]
    assert "no-store" in response["Cache-Control"]
    assert ApiClient(token=secret).get("me").status_code == 200
    assert secret not in client.get(PAGE).content.decode()


def test_the_page_needs_a_name(world: World) -> None:
    response = client_for(world.owner.user).post(PAGE, {"name": "  ", "scope": "read"})
    assert response.status_code == 400
    assert "name" in response.context["form"].errors


def test_revoking_on_the_page_stops_the_token(world: World) -> None:
    client = client_for(world.owner.user)
    response = client.post(reverse("api_tokens:revoke", args=[world.token_id]))
    assert response.status_code == 302
    assert ApiClient(token=world.write_token).get("me").status_code == 401


def test_the_page_cannot_revoke_someone_elses_token(world: World) -> None:
    response = client_for(world.other.user).post(
        reverse("api_tokens:revoke", args=[world.token_id])
    )
    assert response.status_code == 404


def test_the_pages_need_sign_in(client: Client) -> None:
    assert client.get(PAGE).status_code == 302
