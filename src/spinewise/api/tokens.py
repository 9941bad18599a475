"""Creating, finding and revoking personal access tokens.

A token is ``sw_`` followed by 43 random URL-safe characters (256 bits). The database
keeps its SHA-256 only, so a leaked database does not leak usable tokens; a lost token
cannot be shown again, only revoked and replaced.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from . import token_cache
from .models import PersonalAccessToken, Scope

TOKEN_PREFIX = "sw_"
PREFIX_SHOWN = 10  # "sw_" and 7 characters: enough to tell tokens apart, useless to guess
# Creating tokens is an authentication step: a person (or a stolen session) may create
# at most this many per rolling hour.
CREATE_LIMIT_PER_HOUR = 10
# Writing last_used_at on every request would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class TooManyTokens(Exception):
    """The hourly limit of new tokens is reached."""


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def creation_allowed(user: Any) -> bool:
    since = timezone.now() - timedelta(hours=1)
    recent = PersonalAccessToken.objects.filter(user=user, created_at__gte=since)
    return recent.count() < CREATE_LIMIT_PER_HOUR


def create_token(user: Any, name: str, scope: str) -> tuple[PersonalAccessToken, str]:
    """A new token for ``user``; returns (record, secret). The secret exists only here.

    Raises TooManyTokens past the hourly limit and ValueError for an unknown scope.
    """
    if scope not in Scope.values:
        raise ValueError(f"unknown scope {scope!r}")
    if not creation_allowed(user):
        raise TooManyTokens
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalAccessToken.objects.create(
        user=user,
        name=name.strip()[:80],
        token_hash=hash_secret(secret),
        prefix=secret[:PREFIX_SHOWN],
        scope=scope,
    )
    return token, secret


def find_active(secret: str) -> PersonalAccessToken | None:
    """The live token with this secret (not revoked, its owner active), or None.

    Kept in this process while the revocation counter stays the same (``token_cache``):
    then one tiny SELECT of the counter instead of the token and its owner.
    """
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token_hash = hash_secret(secret)
    counter = token_cache.current()  # read before the lookup it guards
    token = token_cache.get(token_hash, counter) if counter is not None else None
    if token is None:
        token = (
            PersonalAccessToken.objects.select_related("user")
            .filter(token_hash=token_hash, revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            return None
        if counter is not None:
            token_cache.put(token_hash, counter, token)
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        PersonalAccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
        token_cache.note_use(token_hash, now)
    return token


def tokens_of(user: Any) -> QuerySet[PersonalAccessToken]:
    return PersonalAccessToken.objects.filter(user=user).order_by("-created_at", "-id")


def revoke(token: PersonalAccessToken) -> None:
    """Stop ``token`` at once, in every process: saving it bumps the revocation counter
    (``token_cache``) in the same transaction."""
    if token.revoked_at is None:
        with transaction.atomic():
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
