"""Login throttling against password guessing.

Failures are counted per (username, client address) in the database, so the limit holds
across several app servers and restarts. After ``LOGIN_FAILURE_LIMIT`` failures within
``LOGIN_FAILURE_WINDOW_MINUTES`` further attempts are refused without checking the
password, until the oldest failure leaves the window.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from .models import LoginFailure


def _window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_FAILURE_WINDOW_MINUTES)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address; with SPINEWISE_PROXY_COUNT proxies, taken from X-Forwarded-For."""
    if request is None:
        return None
    count = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR") or None


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def is_locked(username: str, ip: str | None, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    recent = LoginFailure.objects.filter(
        username=_key(username), ip_address=ip, created_at__gt=now - _window()
    )
    return recent.count() >= settings.LOGIN_FAILURE_LIMIT


def record_failure(username: str, ip: str | None, now: datetime | None = None) -> None:
    now = now or timezone.now()
    LoginFailure.objects.create(username=_key(username), ip_address=ip, created_at=now)
    # Old rows are useless; clearing them here keeps the table small without a cron job.
    LoginFailure.objects.filter(created_at__lt=now - 2 * _window()).delete()


def clear_failures(username: str, ip: str | None) -> None:
    LoginFailure.objects.filter(username=_key(username), ip_address=ip).delete()
