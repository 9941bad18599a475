"""The NinjaAPI behind ``/api/v1/``: auth, error handlers, routers, and JSON-only URLs.

- Auth: a personal access token (``Authorization: Bearer sw_…``) or the browser session
  with CSRF (:mod:`.auth`); a few reads are open (``auth=None`` on the operation).
- Errors: one body, ``{"error": {"code", "message", "fields"}}`` (:mod:`.errors`), also for
  the answers ninja gives outside any view (405) and for paths that match nothing (404).
- Lists are paginated (:mod:`.pagination`); creates honour ``Idempotency-Key``
  (:mod:`.idempotency`); programme edits will use ETag / If-Match (:mod:`.conditional`).
- Patient data lives under ``/patients/{patient}/…`` where ``patient`` is ``me`` or an id,
  and every patient object is checked by the patients app's single rule
  (``patients.access``), so clinician access arrives by extending that rule alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern, URLResolver, re_path, reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from ninja import NinjaAPI

from . import errors
from .auth import API_AUTH
from .routers import (
    accounts,
    care_links,
    caseload,
    checkins,
    exercises,
    patients,
    programme_edits,
    programmes,
    progress,
    safety,
    screening,
    training,
)

DESCRIPTION = """\
Everything a person can do in the Spinewise pages, for apps, clinic systems and scripts.

**Authentication.** Create a personal access token in your account settings (or with
`POST /api/v1/auth/token`) and send it as `Authorization: Bearer sw_…`. A *read* token may
only read. The pages themselves use the session cookie and send the CSRF token in
`X-CSRFToken`.

**Errors** always look like `{"error": {"code": "…", "message": "…", "fields": {"…": "…"}}}`.

**Lists** take `limit` (1-100, default 20) and `offset`, and answer
`{"count", "next", "previous", "results"}`.

**Creates** honour an `Idempotency-Key` header: a retry with the same key and body returns
the first response and records nothing new.

**Patient data** is under `/patients/{patient}/…`; use `me` for your own.

Dates and times are ISO 8601; times carry their offset (UTC, `Z`). Pain, effort and
questionnaire scores are 0-10.

Spinewise gives exercise guidance, not a diagnosis or medical advice.
"""

api = NinjaAPI(
    title="Spinewise API",
    version="1",
    description=DESCRIPTION,
    auth=API_AUTH,
    urls_namespace="api",
)
errors.install(api)
for module in (
    accounts,
    exercises,
    screening,
    safety,
    patients,
    programmes,
    training,
    checkins,
    progress,
    care_links,
    caseload,
    programme_edits,
):
    api.add_router("", module.router)


def _json_405(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Ninja answers an unsupported method with plain text; answer with the error body."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            # Sorted: ninja builds the list from a set, in no stable order.
            allowed = ", ".join(sorted(m.strip() for m in response.get("Allow", "").split(",")))
            response = errors.error_response(
                405, f"This method is not allowed here. Allowed: {allowed}."
            )
            response["Allow"] = allowed
        return response

    return wrapper


@csrf_exempt
@require_GET
def index(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """``/api/v1/``: where the documentation is."""
    return JsonResponse(
        {
            "name": api.title,
            "version": api.version,
            "openapi": reverse("api:openapi-json"),
            "docs": reverse("api:openapi-view"),
        }
    )


@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    return errors.error_response(404, "No such API endpoint. See /api/v1/docs.")


def json_urlpatterns(ninja_api: NinjaAPI) -> list[URLPattern | URLResolver]:
    """The API's URL patterns with JSON 405 answers, then a JSON 404 for anything else."""
    patterns: list[URLPattern | URLResolver] = []
    for pattern in ninja_api.urls[0]:
        if isinstance(pattern, URLPattern):
            view = pattern.callback
            if pattern.name == "api-root":
                view = index  # ninja's root raises Http404 (an HTML page)
            elif pattern.name in ("openapi-json", "openapi-view"):
                view = require_GET(view)
            wrapped = csrf_exempt(_json_405(view))
            pattern = URLPattern(pattern.pattern, wrapped, pattern.default_args, pattern.name)
        patterns.append(pattern)
    patterns.append(re_path(r"^(?P<path>.*)$", not_found, name="not_found"))
    return patterns
