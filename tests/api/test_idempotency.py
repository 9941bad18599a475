"""Idempotency-Key: a retried create never records twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from tests.api.conftest import (
    ApiClient,
    World,
    checkin_body,
    screening_body,
    session_log_body,
)
from tests.web.conftest import PASSWORD

from spinewise.api import idempotency
from spinewise.api.idempotency import HEADER
from spinewise.api.models import IdempotencyRecord, PersonalAccessToken
from spinewise.checkins.models import WeeklyCheckIn
from spinewise.training.models import MorningCheck, SessionLog

pytestmark = pytest.mark.django_db
KEY = {HEADER: "5f0b8f3e-2f55-4d5e-9d0c-retry-1"}


def twin_looks_too_early(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next request's twin looks for the key before the winner's record is visible,
    then collides on storing it."""
    real_live = idempotency._live
    calls: list[int] = []

    def not_yet_committed(user: object, key: str) -> object:
        calls.append(1)
        return None if len(calls) == 1 else real_live(user, key)

    monkeypatch.setattr(idempotency, "_live", not_yet_committed)


def test_same_key_and_body_twice_records_one_session_with_the_same_answer(
    owner_api: ApiClient, world: World
) -> None:
    body = session_log_body(world)
    first = owner_api.post("patients/me/session-logs", body, KEY)
    second = owner_api.post("patients/me/session-logs", body, KEY)
    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    assert second["Idempotent-Replayed"] == "true"
    assert SessionLog.objects.filter(patient=world.owner).count() == 3  # two from the world


def test_same_key_with_another_body_is_a_409_and_records_nothing(
    owner_api: ApiClient, world: World
) -> None:
    owner_api.post("patients/me/checkins", checkin_body(), KEY)
    changed = {**checkin_body(), "pain_now": 8}
    response = owner_api.post("patients/me/checkins", changed, KEY)
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert WeeklyCheckIn.objects.filter(patient=world.owner, pain_now=8).count() == 0


def test_same_key_on_another_endpoint_is_a_409(owner_api: ApiClient, world: World) -> None:
    owner_api.post("patients/me/checkins", checkin_body(), KEY)
    response = owner_api.post("patients/me/screenings", screening_body(), KEY)
    assert response.status_code == 409


def test_json_spacing_and_key_order_do_not_make_another_request(
    owner_api: ApiClient, world: World
) -> None:
    body = checkin_body()
    first = owner_api.post("patients/me/checkins", body, KEY)
    reordered = dict(reversed(list(body.items())))
    second = owner_api.post("patients/me/checkins", reordered, KEY)
    assert second.content == first.content
    assert WeeklyCheckIn.objects.filter(patient=world.owner).count() == 2  # one from the world


def test_without_a_key_each_request_records(owner_api: ApiClient, world: World) -> None:
    owner_api.post("patients/me/checkins", checkin_body())
    owner_api.post("patients/me/checkins", checkin_body())
    assert WeeklyCheckIn.objects.filter(patient=world.owner).count() == 3


def test_a_rejected_request_can_be_corrected_and_sent_with_the_same_key(
    owner_api: ApiClient, world: World
) -> None:
    bad = {**checkin_body(), "pain_now": 11}
    assert owner_api.post("patients/me/checkins", bad, KEY).status_code == 422
    assert owner_api.post("patients/me/checkins", checkin_body(), KEY).status_code == 201


def test_keys_belong_to_each_user(world: World) -> None:
    from spinewise.api.tokens import create_token

    _, other_secret = create_token(world.other.user, "t", "write")
    mine = ApiClient(token=world.write_token).post("patients/me/checkins", checkin_body(), KEY)
    theirs = ApiClient(token=other_secret).post("patients/me/checkins", checkin_body(), KEY)
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]


def test_an_expired_key_may_be_used_again(owner_api: ApiClient, world: World) -> None:
    owner_api.post("patients/me/checkins", checkin_body(), KEY)
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    changed = {**checkin_body(), "pain_now": 8}
    assert owner_api.post("patients/me/checkins", changed, KEY).status_code == 201


def test_a_retried_morning_check_runs_the_progression_once(
    owner_api: ApiClient, world: World
) -> None:
    url = f"session-logs/{world.unchecked_log.pk}/morning-check"
    first = owner_api.post(url, {"pain_now": 3}, KEY)
    second = owner_api.post(url, {"pain_now": 3}, KEY)
    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    assert MorningCheck.objects.filter(session_log=world.unchecked_log).count() == 1


def test_a_token_sign_in_retried_with_its_key_is_refused_not_replayed(world: World) -> None:
    body = {"username": "owner", "password": PASSWORD, "name": "phone", "scope": "read"}
    before = PersonalAccessToken.objects.count()
    first = ApiClient().post("auth/token", body, KEY)
    second = ApiClient().post("auth/token", body, KEY)
    assert first.status_code == 201
    assert second.status_code == 409
    assert PersonalAccessToken.objects.count() == before + 1
    stored = IdempotencyRecord.objects.get(key=KEY[HEADER])
    assert first.json()["secret"].encode() not in bytes(stored.body)


def test_a_request_that_loses_a_race_is_rolled_back_and_answered_with_the_winners(
    owner_api: ApiClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = owner_api.post("patients/me/checkins", checkin_body(), KEY)
    twin_looks_too_early(monkeypatch)
    second = owner_api.post("patients/me/checkins", checkin_body(), KEY)
    assert second.status_code == 201
    assert second.content == first.content
    assert WeeklyCheckIn.objects.filter(patient=world.owner).count() == 2  # one from the world


def test_a_busy_database_answers_503_and_saves_nothing(
    world: World, owner_api: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    def busy(*args: object, **kwargs: object) -> None:
        raise OperationalError("database is locked")

    before = WeeklyCheckIn.objects.count()
    monkeypatch.setattr(idempotency, "_store", busy)
    response = owner_api.post(
        f"patients/{world.owner.pk}/checkins", checkin_body(), {"Idempotency-Key": "busy-1"}
    )
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "busy"
    assert WeeklyCheckIn.objects.count() == before


def test_a_failed_commit_answers_with_the_error_body(
    world: World, owner_api: ApiClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    def broken(*args: object, **kwargs: object) -> None:
        raise OperationalError("disk I/O error")

    monkeypatch.setattr(idempotency, "_store", broken)
    response = owner_api.post(
        f"patients/{world.owner.pk}/checkins", checkin_body(), {"Idempotency-Key": "broken-1"}
    )
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"


def test_a_log_that_loses_a_race_records_once_and_answers_with_the_winners(
    owner_api: ApiClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Logging holds no transaction around the whole request (the write lock is held only
    # for the inserts): the twin gets past the key check, and the log's own token stops it.
    body = session_log_body(world)
    first = owner_api.post("patients/me/session-logs", body, KEY)
    twin_looks_too_early(monkeypatch)
    second = owner_api.post("patients/me/session-logs", body, KEY)
    assert first.status_code == 201
    assert second.status_code == 201
    assert second.content == first.content
    assert SessionLog.objects.filter(patient=world.owner, session_number=3).count() == 1


def test_a_log_whose_key_could_not_be_stored_is_still_recorded_once(
    owner_api: ApiClient, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.db import OperationalError

    def busy(*args: object, **kwargs: object) -> None:
        raise OperationalError("database is locked")

    body = session_log_body(world)
    monkeypatch.setattr(idempotency, "_store", busy)
    first = owner_api.post("patients/me/session-logs", body, KEY)
    assert first.status_code == 201  # the log is durable: it committed before
    monkeypatch.undo()
    retry = owner_api.post("patients/me/session-logs", body, KEY)
    assert retry.status_code == 200
    assert retry.json()["id"] == first.json()["id"]
    assert SessionLog.objects.filter(patient=world.owner, session_number=3).count() == 1
