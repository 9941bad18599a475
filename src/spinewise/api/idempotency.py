"""``Idempotency-Key`` on creates: a retried request never records twice.

The first successful (2xx) response to a key is stored with a fingerprint of the request
(method, path, body). A retry with the same key and the same request gets the stored
response again (header ``Idempotent-Replayed: true``) and nothing new is recorded; the
same key with a different request is refused with 409 ``idempotency_key_reused``.
Keys belong to the user and are kept for ``KEEP``; failures (4xx, 5xx) are not stored,
so correcting a rejected request and sending it again with the same key works.

Two copies of a request racing each other: the stored record is unique per (user, key),
so the loser's transaction (with whatever it created) is rolled back and it answers
with the winner's response.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Header

from .auth import caller
from .errors import ApiError, busy_response, database_busy, error_response, logger
from .models import IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
KEEP = timedelta(hours=24)

# Declare on a create view so the header shows in the OpenAPI schema:
#     idempotency_key: IdempotencyKey = None
IdempotencyKey = Header(
    None,
    alias=HEADER,
    min_length=1,
    max_length=MAX_KEY_LENGTH,
    pattern=r"^[\x21-\x7e]+$",
    description="Any unique string (a UUID is ideal). Retrying with the same key and body "
    "returns the first response instead of recording twice; the same key with another "
    "body is refused (409). Kept for 24 hours.",
)


def fingerprint(request: HttpRequest) -> str:
    """SHA-256 of method, path and body (JSON compared by content, not by spacing).

    Raises RequestDataTooBig for a body over Django's limit (the caller lets the view
    answer it).
    """
    raw = request.body or b""
    try:
        canonical = json.dumps(json.loads(raw), sort_keys=True, separators=(",", ":")).encode()
    except (ValueError, UnicodeDecodeError):
        canonical = raw
    digest = hashlib.sha256()
    for part in (request.method or "", request.path):
        digest.update(part.encode() + b"\0")
    digest.update(canonical)
    return digest.hexdigest()


def _valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and all(0x21 <= ord(c) <= 0x7E for c in key)


def _replay(record: IdempotencyRecord, print_: str) -> HttpResponse:
    if record.fingerprint != print_:
        return error_response(
            409,
            "This Idempotency-Key was already used for a different request. "
            "Use a new key for a new request.",
            code="idempotency_key_reused",
        )
    response = HttpResponse(
        bytes(record.body), status=record.status_code, content_type="application/json"
    )
    response["Idempotent-Replayed"] = "true"
    return response


def _live(user: Any, key: str) -> IdempotencyRecord | None:
    return IdempotencyRecord.objects.filter(
        user=user, key=key, created_at__gte=timezone.now() - KEEP
    ).first()


def _store(
    user: Any, key: str, request: HttpRequest, print_: str, status: int, body: bytes
) -> None:
    now = timezone.now()
    # Expired keys may be reused: clear this user's old records before claiming the key.
    IdempotencyRecord.objects.filter(user=user, created_at__lt=now - KEEP).delete()
    IdempotencyRecord.objects.create(
        user=user,
        key=key,
        method=request.method or "",
        path=request.path[:500],
        fingerprint=print_,
        status_code=status,
        body=body,
        created_at=now,
    )


def _winners(user: Any, key: str, print_: str, lost: IntegrityError) -> HttpResponse:
    """After losing the race to store ``key``: the winner's response (``lost`` again when
    there is no winner: the IntegrityError was something else)."""
    record = _live(user, key)
    if record is None:
        raise lost
    return _replay(record, print_)


def idempotent(run: Callable[..., Any]) -> Callable[..., Any]:
    """Wraps a ninja operation's ``run`` (use with ``ninja.decorators.decorate_view``)."""

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return run(request, *args, **kwargs)
        user = caller(request)
        if user is None or not _valid_key(key):
            return run(request, *args, **kwargs)  # answers 401 / 422 as usual
        try:
            print_ = fingerprint(request)
        except RequestDataTooBig:
            return run(request, *args, **kwargs)  # answers 413
        try:
            with transaction.atomic():
                record = _live(user, key)
                if record is not None:
                    return _replay(record, print_)
                response = run(request, *args, **kwargs)
                if 200 <= response.status_code < 300:
                    _store(user, key, request, print_, response.status_code, response.content)
                elif response.status_code >= 500:
                    transaction.set_rollback(True)
                return response
        except IntegrityError as lost:
            return _winners(user, key, print_, lost)
        except DatabaseError as exc:
            # This wrapper runs outside ninja's handlers: a failed commit (a busy SQLite
            # database) must still answer with the error body, not the site's HTML page.
            logger.error("Idempotent %s %s failed", request.method, request.path, exc_info=exc)
            return busy_response() if database_busy(exc) else error_response(500)

    return wrapper


def idempotent_by_itself(run: Callable[..., Any]) -> Callable[..., Any]:
    """As ``idempotent``, for a create that is already idempotent on the key by itself (a
    session log: its token is derived from the key, unique per patient). The view runs in
    its own short transaction instead of one held around everything, so the database's
    write lock is not held for the reads; the record is stored after, in a transaction of
    its own. Two racing copies both reach the view, which records once; the loser answers
    with the winner's stored response.
    """

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        user = caller(request) if key is not None else None
        if key is None or user is None or not _valid_key(key):
            return run(request, *args, **kwargs)
        try:
            print_ = fingerprint(request)
        except RequestDataTooBig:
            return run(request, *args, **kwargs)  # answers 413
        record = _live(user, key)
        if record is not None:
            return _replay(record, print_)
        response = run(request, *args, **kwargs)
        if not 200 <= response.status_code < 300:
            return response
        try:
            with transaction.atomic():
                _store(user, key, request, print_, response.status_code, response.content)
        except IntegrityError as lost:
            return _winners(user, key, print_, lost)
        except DatabaseError as exc:
            # The log itself is recorded: a retry with the key finds it (200), never twice.
            logger.error("Storing the response to %s failed", request.path, exc_info=exc)
        return response

    return wrapper


def claim(user: Any, key: str | None, request: HttpRequest) -> None:
    """For creates whose response must not be stored (a token's secret): refuse a reused key.

    Raises ApiError(409) when ``key`` was used before; otherwise records the key with an
    empty body, so a retry is refused instead of creating a second object.
    """
    if key is None:
        return
    if _live(user, key) is not None:
        raise ApiError(
            409,
            "A request with this Idempotency-Key was already done. Its result is not shown "
            "again; use a new key for a new request.",
            code="idempotency_key_reused",
        )
    # Only method and path are fingerprinted: the body holds a password.
    print_ = hashlib.sha256(f"{request.method}\0{request.path}".encode()).hexdigest()
    _store(user, key, request, print_, 201, b"")
