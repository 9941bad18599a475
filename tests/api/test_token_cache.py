"""Token lookups kept in the process: used while nothing changed, never after a revocation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from tests.api.conftest import ApiClient, World
from tests.web.conftest import PASSWORD, client_for

from spinewise.api import token_cache, tokens
from spinewise.api.models import PersonalAccessToken, TokenRevocation

pytestmark = pytest.mark.django_db
TOKEN_TABLE = PersonalAccessToken._meta.db_table


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    token_cache.clear()
    yield
    token_cache.clear()


def token_selects(queries: CaptureQueriesContext) -> int:
    return sum(
        1
        for q in queries.captured_queries
        if q["sql"].startswith("SELECT") and TOKEN_TABLE in q["sql"]
    )


def used(token: str) -> ApiClient:
    """A client whose token has just worked (so its lookup is kept)."""
    client = ApiClient(token=token)
    assert client.get("me").status_code == 200
    assert client.get("me").status_code == 200
    return client


def refused(client: ApiClient) -> bool:
    response = client.get("me")
    return response.status_code == 401 and response.json()["error"]["code"] == "invalid_token"


# --- revocation stops a kept token at once -----------------------------------------------


def test_a_token_revoked_through_the_api_is_refused_on_the_next_request(
    owner_api: ApiClient, world: World
) -> None:
    _, secret = tokens.create_token(world.owner.user, "phone", "read")
    phone = used(secret)
    revoked_id = PersonalAccessToken.objects.get(name="phone").pk
    assert owner_api.delete(f"tokens/{revoked_id}").status_code == 204
    assert refused(phone)


def test_a_token_revoking_itself_is_refused_on_its_next_request(world: World) -> None:
    script = used(world.write_token)
    assert script.delete(f"tokens/{world.token_id}").status_code == 204
    assert refused(script)


def test_a_token_revoked_on_the_settings_page_is_refused_at_once(world: World) -> None:
    script = used(world.write_token)
    page = client_for(world.owner.user)
    assert page.post(reverse("api_tokens:revoke", args=[world.token_id])).status_code == 302
    assert refused(script)


def test_a_revocation_by_another_process_is_seen_through_the_shared_counter(
    world: World,
) -> None:
    script = used(world.write_token)
    # Another process's tokens.revoke reaches this one only through the database: its own
    # copy of the token (not this process's memory), the revocation and the counter.
    theirs = PersonalAccessToken.objects.get(pk=world.token_id)
    before = TokenRevocation.objects.get().counter
    tokens.revoke(theirs)
    assert TokenRevocation.objects.get().counter > before
    assert refused(script)


def test_the_counter_not_this_process_memory_is_what_stops_a_kept_token(world: World) -> None:
    script = used(world.write_token)
    # A raw write, as a process running other code might do, skips the model signals...
    PersonalAccessToken.objects.filter(pk=world.token_id).update(revoked_at=timezone.now())
    assert script.get("me").status_code == 200  # ...so it must bump the counter itself:
    token_cache.bump()
    assert refused(script)


def test_a_deactivated_account_is_refused_even_just_after_a_kept_lookup(world: World) -> None:
    script = used(world.write_token)
    world.owner.user.is_active = False
    world.owner.user.save(update_fields=["is_active"])
    assert refused(script)


def test_a_deleted_account_is_refused(world: World) -> None:
    script = used(world.write_token)
    world.owner.user.delete()
    assert refused(script)


def test_a_change_of_scope_applies_at_once(world: World) -> None:
    script = used(world.write_token)
    token = PersonalAccessToken.objects.get(pk=world.token_id)
    token.scope = "read"
    token.save(update_fields=["scope"])
    response = script.delete(f"tokens/{world.token_id}")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "insufficient_scope"


def test_a_kept_lookup_is_not_used_past_its_age(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = used(world.write_token)
    PersonalAccessToken.objects.filter(pk=world.token_id).update(revoked_at=timezone.now())
    start = token_cache.time.monotonic()
    later = start + token_cache.MAX_AGE_SECONDS + 1
    monkeypatch.setattr(token_cache.time, "monotonic", lambda: later)
    assert refused(script)  # nothing bumped the counter; the age alone ends the kept lookup


# --- password changes, and the person's details ---------------------------------------------


def test_a_password_change_makes_the_next_request_look_the_token_up_again(
    world: World,
) -> None:
    script = used(world.write_token)
    body = {
        "old_password": PASSWORD,
        "new_password1": "a-new-long-phrase-42",
        "new_password2": "a-new-long-phrase-42",
    }
    before = TokenRevocation.objects.get().counter
    response = client_for(world.owner.user).post(reverse("accounts:change_password"), body)
    assert response.status_code == 302
    assert TokenRevocation.objects.get().counter > before
    with CaptureQueriesContext(connection) as queries:
        assert script.get("me").status_code == 200  # tokens outlive a password change
    assert token_selects(queries) == 1


def test_a_password_reset_makes_the_next_request_look_the_token_up_again(
    world: World,
) -> None:
    script = used(world.write_token)
    browser = Client()
    browser.post(reverse("accounts:password_reset"), {"email": "owner@example.org"})
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body)
    assert link is not None
    page = browser.get(link.group(1), follow=True)
    new = "another-long-passphrase-3"
    before = TokenRevocation.objects.get().counter
    browser.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert TokenRevocation.objects.get().counter > before
    with CaptureQueriesContext(connection) as queries:
        assert script.get("me").status_code == 200
    assert token_selects(queries) == 1


def test_a_new_time_zone_is_used_by_the_next_request(world: World) -> None:
    script = used(world.write_token)
    client_for(world.owner.user).post(
        reverse("accounts:account"),
        {"full_name": "Owner", "email": "owner@example.org", "time_zone": "Pacific/Kiritimati"},
    )
    response = script.get("patients/me/today")
    assert response.status_code == 200
    their_today = timezone.now().astimezone(timezone.get_fixed_timezone(14 * 60)).date()
    assert response.json()["date"] == their_today.isoformat()


def test_signing_in_does_not_make_kept_lookups_stale(world: World) -> None:
    before = TokenRevocation.objects.get().counter
    Client().login(username="owner", password=PASSWORD)  # writes last_login only
    assert TokenRevocation.objects.get().counter == before


# --- what it saves, and its bounds -----------------------------------------------------------


def test_a_kept_lookup_issues_fewer_queries_than_a_first_one(world: World) -> None:
    client = ApiClient(token=world.read_token)
    with CaptureQueriesContext(connection) as first:
        assert client.get("me").status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get("me").status_code == 200
    assert token_selects(first) == 1
    assert token_selects(again) == 0
    assert len(again) < len(first)


def test_last_used_is_written_at_most_once_a_minute(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = ApiClient(token=world.read_token)

    def updates() -> int:
        with CaptureQueriesContext(connection) as queries:
            for _ in range(5):
                assert client.get("me").status_code == 200
        return sum(1 for q in queries.captured_queries if q["sql"].startswith("UPDATE"))

    assert updates() == 1  # the first use
    two_minutes_on = timezone.now() + timedelta(minutes=2)
    monkeypatch.setattr(tokens.timezone, "now", lambda: two_minutes_on)
    assert updates() == 1  # kept, yet recorded once more after a minute
    stored = PersonalAccessToken.objects.get(name="dashboard").last_used_at
    assert stored == two_minutes_on


def test_the_cache_is_bounded_and_an_evicted_token_still_works(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(token_cache, "MAX_ENTRIES", 3)
    secrets = [tokens.create_token(world.other.user, f"t{n}", "read")[1] for n in range(5)]
    for secret in secrets:
        assert ApiClient(token=secret).get("me").status_code == 200
    assert token_cache.size() == 3
    assert ApiClient(token=secrets[0]).get("me").status_code == 200  # looked up again


def test_an_unknown_token_is_never_kept(world: World) -> None:
    assert refused(ApiClient(token="sw_" + "x" * 43))
    assert token_cache.size() == 0


def test_a_missing_counter_row_turns_keeping_off_until_it_is_back(world: World) -> None:
    TokenRevocation.objects.all().delete()
    client = ApiClient(token=world.read_token)
    assert client.get("me").status_code == 200
    assert token_cache.size() == 0
    assert TokenRevocation.objects.count() == 1
    assert client.get("me").status_code == 200
    assert token_cache.size() == 1
