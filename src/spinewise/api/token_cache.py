"""Token lookups kept in the server process, checked against a shared revocation counter.

Finding a bearer token through the ORM costs about half a millisecond of Python (building
the SQL of a join of the token and its owner) on every API request. This module keeps, per
process, what a found token needs (the token's and its owner's field values) under the
token's SHA-256, in a bounded LRU (``MAX_ENTRIES``, thread-safe: waitress serves from
several threads). A kept lookup is used only

- while the revocation counter is the one it was kept under, and
- for at most ``MAX_AGE_SECONDS`` (tokens have no expiry of their own; this bounds what a
  write that skipped the counter could leave behind).

Where the counter lives: one row of the database (``TokenRevocation``), read with one
primary-key SELECT written out in SQL (about 12 microseconds on SQLite against about 500
for the ORM lookup; on PostgreSQL one round trip, as the lookup was, without the ORM's
work). Not the Django cache: by default (no ``SPINEWISE_CACHE_URL``) it is in memory per
process, so a revocation in another process (a second server, ``manage.py work``, the
admin's shell) would not be seen, and a short TTL instead would let a revoked token work
for that long. Even with Redis, the row is better: it is bumped in the revocation's own
transaction (no window between the commit and the bump, nothing lost to cache eviction),
and it costs a round trip like a Redis GET.

What bumps it (``bump()``): every save or deletion of a token but its creation (revoking,
a change of scope, deletion, also by cascade) and every save or deletion of a user but
their creation and a new ``last_login`` (deactivation, a password change or reset, a new
e-mail, name, role or time zone: the kept owner must not be stale). Both through model
signals, connected in ``ApiConfig.ready``, so no path of another app needs to know; a
write that skips the signals (``QuerySet.update`` of users or tokens, raw SQL) must call
``bump()`` itself. ``last_used_at`` is written through ``QuerySet.update`` and bumps
nothing: it is throttled to once a minute per token and process.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from .models import PersonalAccessToken, TokenRevocation

MAX_ENTRIES = 10_000
MAX_AGE_SECONDS = 300.0
ROW = 1


@dataclass(frozen=True, slots=True)
class Entry:
    """A found token as kept: under which counter, since when, and the field values."""

    counter: int
    kept_at: float  # time.monotonic()
    token_values: tuple[Any, ...]
    user_values: tuple[Any, ...]
    last_used_at: datetime | None


_entries: OrderedDict[str, Entry] = OrderedDict()
_lock = threading.Lock()


def _token_fields() -> list[str]:
    return [f.attname for f in PersonalAccessToken._meta.concrete_fields]


def _user_fields() -> list[str]:
    return [f.attname for f in get_user_model()._meta.concrete_fields]


# --- the counter ------------------------------------------------------------------------


def current() -> int | None:
    """The revocation counter now, or None when its row is missing (then nothing is kept:
    the row is made again, starting from a random number so no old entry can match)."""
    table = connection.ops.quote_name(TokenRevocation._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT counter FROM {table} WHERE id = %s", [ROW])  # noqa: S608
        row = cursor.fetchone()
    if row is None:
        clear()
        TokenRevocation.objects.get_or_create(pk=ROW, defaults={"counter": secrets.randbits(62)})
        return None
    return int(row[0])


def bump() -> None:
    """Make every kept lookup, in every process, stale: call it with any change that may
    stop a token or change what its lookup returns, inside that change's transaction."""
    updated = TokenRevocation.objects.filter(pk=ROW).update(counter=F("counter") + 1)
    if not updated:
        TokenRevocation.objects.get_or_create(pk=ROW, defaults={"counter": secrets.randbits(62)})


# --- the kept lookups ---------------------------------------------------------------------


def get(token_hash: str, counter: int) -> PersonalAccessToken | None:
    """The token kept under ``token_hash`` if it was kept under ``counter`` and not too long
    ago: a fresh instance (with a fresh ``user``) each time, never shared between requests."""
    with _lock:
        entry = _entries.get(token_hash)
        if entry is None:
            return None
        if entry.counter != counter or time.monotonic() - entry.kept_at > MAX_AGE_SECONDS:
            del _entries[token_hash]
            return None
        _entries.move_to_end(token_hash)
    token = PersonalAccessToken.from_db(DEFAULT_DB_ALIAS, _token_fields(), entry.token_values)
    token.user = get_user_model().from_db(DEFAULT_DB_ALIAS, _user_fields(), entry.user_values)
    token.last_used_at = entry.last_used_at
    return token


def put(token_hash: str, counter: int, token: PersonalAccessToken) -> None:
    """Keep ``token`` (found active, its user loaded) under ``counter`` read before it."""
    entry = Entry(
        counter=counter,
        kept_at=time.monotonic(),
        token_values=tuple(getattr(token, name) for name in _token_fields()),
        user_values=tuple(getattr(token.user, name) for name in _user_fields()),
        last_used_at=token.last_used_at,
    )
    with _lock:
        _entries[token_hash] = entry
        _entries.move_to_end(token_hash)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def note_use(token_hash: str, when: datetime) -> None:
    """Remember that ``last_used_at`` was written, so it is not written again at once."""
    with _lock:
        entry = _entries.get(token_hash)
        if entry is not None:
            _entries[token_hash] = replace(entry, last_used_at=when)


def clear() -> None:
    with _lock:
        _entries.clear()


def size() -> int:
    return len(_entries)


# --- what bumps the counter ---------------------------------------------------------------


def _token_saved(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    if not created:
        bump()


def _user_saved(
    sender: Any,
    instance: Any,
    created: bool = False,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    if created or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return  # a new user has no token yet; signing in changes nothing a lookup returns
    bump()


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    bump()


def connect_signals() -> None:
    """Called once by ``ApiConfig.ready``."""
    user_model = get_user_model()
    post_save.connect(_token_saved, sender=PersonalAccessToken, dispatch_uid="token_cache.t")
    post_delete.connect(_deleted, sender=PersonalAccessToken, dispatch_uid="token_cache.td")
    post_save.connect(_user_saved, sender=user_model, dispatch_uid="token_cache.u")
    post_delete.connect(_deleted, sender=user_model, dispatch_uid="token_cache.ud")
