"""Writing the access log: who looked at or changed a patient's data, when, from where.

``patients/access.py`` calls :func:`record_access` whenever it hands a patient's data to
someone who is not the patient, so views do not call it themselves. When a caller has no
request at hand (the JSON API passes only the user), the request the clinic middleware
saw is used for the address and browser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

from spinewise.accounts.throttle import client_ip
from spinewise.patients.models import Patient

from . import audit_batch
from .models import AccessEvent

_current: ContextVar[HttpRequest | None] = ContextVar("spinewise_request", default=None)


def current_request() -> HttpRequest | None:
    """The request being served on this thread, if the clinic middleware is installed."""
    return _current.get()


def remember_request(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: keep the current request so the access log knows where access came from."""

    def middleware(request: HttpRequest) -> HttpResponse:
        token = _current.set(request)
        try:
            return get_response(request)
        finally:
            _current.reset(token)

    return middleware


def _actor_name(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "unknown"
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    name = user.get_username()
    return f"{full} ({name})" if full else name


def _event(
    request: HttpRequest | None, patient: Patient, action: str, detail: str, actor: Any
) -> AccessEvent:
    if action not in AccessEvent.Action.values:
        raise ValueError(f"action must be one of {AccessEvent.Action.values}, not {action!r}")
    request = request or current_request()
    if actor is None and request is not None:
        actor = getattr(request, "auth", None) or getattr(request, "user", None)
    authenticated = bool(actor is not None and getattr(actor, "is_authenticated", False))
    return AccessEvent(
        patient=patient,
        actor=actor if authenticated else None,
        actor_name=_actor_name(actor)[:300],
        action=action,
        detail=detail[:300],
        method=(request.method or "")[:10] if request is not None else "",
        path=request.path[:300] if request is not None else "",
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else "",
    )


def record_access(
    request: HttpRequest | None,
    patient: Patient,
    action: str,
    detail: str = "",
    *,
    actor: Any = None,
) -> AccessEvent:
    """Append one access event. ``action`` is "view" or "change"; ``detail`` says what.

    ``actor`` defaults to the request's user; ``request`` defaults to the current request.
    """
    event = _event(request, patient, action, detail, actor)
    event.save()
    return event


def record_accesses(
    request: HttpRequest | None, patients: Iterable[Patient], action: str, detail: str = ""
) -> list[AccessEvent]:
    """Append one access event per patient (e.g. a page of the caseload), written with
    others in one insert off the request (``audit_batch``), stamped with this moment."""
    events = [_event(request, p, action, detail, None) for p in patients]
    audit_batch.batch.add(events)
    return events
