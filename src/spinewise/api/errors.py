"""One error body for every failure: ``{"error": {"code", "message", "fields"}}``.

``code`` is stable and machine-readable, ``message`` a plain sentence for people,
``fields`` maps a field path (``exercises[2].rpe``, ``limit``) to what is wrong with it.
Ninja's own handlers (validation, 404, HttpError, anything unexpected) are replaced so
that clients never see another shape, a Django HTML page or a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from spinewise.core.errors import InputError, Invalid
from spinewise.screening.safety import SafetyBlocked
from spinewise.web.database import database_busy

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger("spinewise.api")

# The status -> code used when nothing more specific is known.
DEFAULT_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    428: "precondition_required",
    429: "rate_limited",
    500: "server_error",
    503: "busy",
}
DEFAULT_MESSAGES = {
    400: "The request could not be read.",
    401: "Sign in, or send a personal access token: Authorization: Bearer sw_…",
    403: "You may not do this.",
    404: "Not found.",
    405: "This method is not allowed here.",
    413: "The request body is too large.",
    422: "Some values are not valid: see fields.",
    429: "Too many requests: please wait and try again.",
    500: "Something went wrong on our side. It has been logged; please try again later.",
    503: "The server is busy: nothing was saved. Please try again in a moment.",
}


class ErrorDetail(Schema):
    code: str
    message: str
    fields: dict[str, str] = {}


class ErrorOut(Schema):
    error: ErrorDetail


class ApiError(Exception):
    """Raise anywhere in an API view to answer with the standard error body."""

    def __init__(
        self,
        status: int,
        message: str | None = None,
        *,
        code: str | None = None,
        fields: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.code = code or DEFAULT_CODES.get(status, "error")
        self.message = message or DEFAULT_MESSAGES.get(status, "The request failed.")
        self.fields = dict(fields or {})
        self.headers = dict(headers or {})
        super().__init__(f"{status} {self.code}: {self.message}")


def error_response(
    status: int,
    message: str | None = None,
    *,
    code: str | None = None,
    fields: Mapping[str, str] | None = None,
) -> HttpResponse:
    exc = ApiError(status, message, code=code, fields=fields)
    return _render(exc)


def _render(exc: ApiError) -> HttpResponse:
    body = {"error": {"code": exc.code, "message": exc.message, "fields": exc.fields}}
    response = JsonResponse(body, status=exc.status)
    for name, value in exc.headers.items():
        response[name] = value
    return response


def field_path(loc: Iterable[Any]) -> str:
    """``("body", "payload", "exercises", 2, "rpe")`` -> ``"exercises[2].rpe"``."""
    parts = list(loc)
    # Ninja prefixes the source and, for a body, the view's argument name.
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form", "file"):
        source = parts.pop(0)
        if source == "body" and len(parts) > 1:
            parts.pop(0)
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if path else str(part)
    return path or "body"


def validation_fields(errors: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for error in errors:
        path = field_path(error.get("loc", ()))
        message = str(error.get("msg", "Invalid value."))
        fields[path] = f"{fields[path]} {message}" if path in fields else message
    return fields


def input_error(exc: InputError, prefix: str = "") -> ApiError:
    """A core InputError as a 422 naming the field (``prefix`` places it in the body)."""
    return ApiError(422, exc.problem, fields={f"{prefix}{exc.field}": exc.problem})


def _on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _render(exc)


def _on_validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _render(ApiError(422, fields=validation_fields(exc.errors)))


def _on_input_error(request: HttpRequest, exc: InputError) -> HttpResponse:
    return _render(input_error(exc))


def _on_invalid(request: HttpRequest, exc: Invalid) -> HttpResponse:
    # A service refused a command: its field names are the API's (the schemas use them).
    return _render(ApiError(422, fields=exc.errors))


def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    status = exc.status_code
    if isinstance(exc, Throttled):
        headers = {"Retry-After": str(int(exc.wait))} if exc.wait else {}
        return _render(ApiError(429, headers=headers))
    if isinstance(exc, AuthenticationError):
        return _render(ApiError(401, headers={"WWW-Authenticate": 'Bearer realm="spinewise"'}))
    if status == 403 and "csrf" in str(exc).lower():
        return _render(
            ApiError(
                403,
                "CSRF check failed: send the X-CSRFToken header with the page's CSRF token.",
                code="csrf_failed",
            )
        )
    message = str(exc) if status != 400 else DEFAULT_MESSAGES[400]
    return _render(ApiError(status, message))


def _on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _render(ApiError(404))


def _on_permission_denied(request: HttpRequest, exc: Exception) -> HttpResponse:
    message = str(exc) or None
    return _render(ApiError(403, message))


def _on_suspicious(request: HttpRequest, exc: Exception) -> HttpResponse:
    if isinstance(exc, RequestDataTooBig):
        return _render(ApiError(413))
    return _render(ApiError(400))


def busy_response() -> HttpResponse:
    return _render(ApiError(503, headers={"Retry-After": "1"}))


def _on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.error("Unhandled error in %s %s", request.method, request.path, exc_info=exc)
    if database_busy(exc):
        return busy_response()
    return _render(ApiError(500))


def _on_safety_blocked(request: HttpRequest, exc: SafetyBlocked) -> HttpResponse:
    # The one safety gate refused: 409 with the advice and why (screening_required,
    # rescreen_required or programme_blocked), whichever operation asked.
    return _render(ApiError(409, exc.advice, code=exc.code))


def install(api: NinjaAPI) -> None:
    """Replace ninja's exception handlers with ones that all answer with ErrorOut."""
    api.add_exception_handler(ApiError, _on_api_error)
    api.add_exception_handler(SafetyBlocked, _on_safety_blocked)
    api.add_exception_handler(ValidationError, _on_validation)
    api.add_exception_handler(InputError, _on_input_error)
    api.add_exception_handler(Invalid, _on_invalid)
    api.add_exception_handler(HttpError, _on_http_error)
    api.add_exception_handler(Http404, _on_not_found)
    api.add_exception_handler(PermissionDenied, _on_permission_denied)
    api.add_exception_handler(SuspiciousOperation, _on_suspicious)
    api.add_exception_handler(Exception, _on_unexpected)


def documented_errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """Response declarations for the OpenAPI schema: each status answers with ErrorOut."""
    return dict.fromkeys(statuses, ErrorOut)
