"""Who is calling: a personal access token (Bearer) or the browser session (with CSRF).

Both set ``request.auth`` to the User. A token sent but not valid is a 401 straight away
(no fallback to the session), and a read-scoped token may only read: any other method is
refused with 403 ``insufficient_scope`` before the view runs.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from spinewise.accounts.time_zones import activate_for

from . import tokens
from .errors import ApiError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class BearerToken(HttpBearer):
    """``Authorization: Bearer sw_…``."""

    openapi_bearerFormat = "sw_ personal access token"

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        # The Idempotency-Key wrapper asks who is calling before ninja does: look once.
        checked = getattr(request, "_bearer_checked", None)
        if checked is not None and checked[0] == token:
            found = checked[1]
        else:
            found = tokens.find_active(token.strip())
            request._bearer_checked = (token, found)  # type: ignore[attr-defined]
        if found is None:
            raise ApiError(
                401,
                "This token is not valid: it may be mistyped or revoked.",
                code="invalid_token",
                headers={"WWW-Authenticate": 'Bearer realm="spinewise", error="invalid_token"'},
            )
        if request.method not in SAFE_METHODS and not found.can_write:
            raise ApiError(
                403,
                "This token may only read. Create a token with the write scope to change data.",
                code="insufficient_scope",
            )
        request.api_token = found  # type: ignore[attr-defined]
        activate_for(found.user)  # the caller's "today" is the day where they live
        return found.user


class SessionWithCsrf(APIKeyCookie):
    """The signed-in browser session; changes need the CSRF token (X-CSRFToken header)."""

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        # Unlike ninja's SessionAuth, check the session before CSRF: an anonymous caller
        # gets 401 (sign in), not 403 (CSRF).
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise ApiError(
                403,
                "CSRF check failed: send the X-CSRFToken header with the page's CSRF token.",
                code="csrf_failed",
            )
        return user


bearer = BearerToken()
session = SessionWithCsrf()
API_AUTH = [bearer, session]


def caller(request: HttpRequest) -> Any | None:
    """The authenticated user of ``request`` by the API's rules, or None (never raises)."""
    for method in API_AUTH:
        try:
            user = method(request)
        except ApiError:
            return None
        if user:
            return user
    return None
