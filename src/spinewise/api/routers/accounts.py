"""Who am I, and personal access tokens: sign in for a token, list them, revoke one."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.conf import settings
from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from spinewise.accounts import throttle
from spinewise.accounts.forms import THROTTLED_MESSAGE
from spinewise.sharing.access import own_patient

from .. import tokens
from ..errors import ApiError, documented_errors
from ..idempotency import IdempotencyKey, claim
from ..models import PersonalAccessToken
from ..pagination import Page, PageParams, paginate
from ..params import Text, object_id

router = Router(tags=["account"])


class MeOut(Schema):
    id: int
    username: str
    role: str = Field(..., description="patient, clinician or admin")
    patient_id: int | None = Field(None, description="Your patient record (patients only).")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str = Field(..., description="The first characters, to tell tokens apart.")
    scope: Literal["read", "write"]
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    active: bool


class NewTokenOut(TokenOut):
    secret: str = Field(
        ..., description="The token itself. Shown this once: it is stored only as a hash."
    )


class TokenLoginIn(Schema):
    username: Text(150)  # type: ignore[valid-type]
    password: Text(200)  # type: ignore[valid-type]
    name: Text(80) = Field(  # type: ignore[valid-type]
        ..., min_length=1, description="What the token is for, e.g. 'my phone'."
    )
    scope: Literal["read", "write"] = "read"


def token_out(token: PersonalAccessToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "scope": token.scope,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
        "active": token.is_active,
    }


@router.get("/me", response={200: MeOut, **documented_errors(401)}, url_name="me")
def me(request: HttpRequest) -> Any:
    """The signed-in user."""
    user = request.auth  # type: ignore[attr-defined]
    patient = own_patient(user)
    return {
        "id": user.pk,
        "username": user.get_username(),
        "role": user.role,
        "patient_id": patient.pk if patient else None,
    }


def _too_many(message: str, minutes: int) -> ApiError:
    return ApiError(429, message, headers={"Retry-After": str(minutes * 60)})


@router.post(
    "/auth/token",
    response={201: NewTokenOut, **documented_errors(400, 401, 409, 413, 422, 429)},
    auth=None,
    url_name="token_login",
    summary="Sign in with username and password for a personal access token",
)
def token_login(
    request: HttpRequest, payload: TokenLoginIn, idempotency_key: str | None = IdempotencyKey
) -> Any:
    """For apps: exchange a username and password for a token (the API's only login).

    Failed attempts are throttled exactly like the login page (per username and address);
    a person may create a limited number of tokens per hour. The secret is never stored,
    so a retry with the same ``Idempotency-Key`` is refused (409) instead of replayed.
    """
    ip = throttle.client_ip(request)
    window = settings.LOGIN_FAILURE_WINDOW_MINUTES
    if throttle.is_locked(payload.username, ip):
        raise _too_many(THROTTLED_MESSAGE, window)
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None:
        throttle.record_failure(payload.username, ip)
        raise ApiError(401, "The username or password is not right.", code="invalid_credentials")
    throttle.clear_failures(payload.username, ip)
    claim(user, idempotency_key, request)
    try:
        token, secret = tokens.create_token(user, payload.name, payload.scope)
    except tokens.TooManyTokens:
        raise _too_many(
            f"You created {tokens.CREATE_LIMIT_PER_HOUR} tokens in the last hour. "
            "Please wait before creating another.",
            60,
        ) from None
    return Status(201, {**token_out(token), "secret": secret})


@router.get(
    "/tokens",
    response={200: Page[TokenOut], **documented_errors(401, 422)},
    url_name="tokens",
    summary="Your personal access tokens, newest first",
)
def list_tokens(request: HttpRequest, page: Query[PageParams]) -> Any:
    return paginate(request, tokens.tokens_of(request.auth), page, token_out)  # type: ignore[attr-defined]


@router.delete(
    "/tokens/{token_id}",
    response={204: None, **documented_errors(401, 403, 404, 422)},
    url_name="token",
    summary="Revoke a token",
)
def revoke_token(request: HttpRequest, token_id: int = object_id("The token's id.")) -> Any:
    """Revoked tokens stop working at once. Revoking twice is harmless."""
    token = tokens.tokens_of(request.auth).filter(pk=token_id).first()  # type: ignore[attr-defined]
    if token is None:
        raise ApiError(404, "You have no token with this id.")
    tokens.revoke(token)
    return Status(204, None)
