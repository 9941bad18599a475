"""Limit/offset pagination for every list: ``{"count", "next", "previous", "results"}``.

``next`` and ``previous`` are absolute URLs (the same query with another offset), or null.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema

T = TypeVar("T")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip.")


class Page(Schema, Generic[T]):
    count: int = Field(..., description="Items in the whole list.")
    next: str | None = Field(None, description="URL of the next page, or null.")
    previous: str | None = Field(None, description="URL of the previous page, or null.")
    results: list[T]


def _url(request: HttpRequest, offset: int, limit: int) -> str:
    query = request.GET.copy()
    query["limit"] = str(limit)
    query["offset"] = str(offset)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def paginate(
    request: HttpRequest,
    items: QuerySet[Any] | Sequence[Any],
    params: PageParams,
    serialize: Callable[[Any], Any] = lambda item: item,
) -> dict[str, Any]:
    """One page of ``items`` (a queryset is counted and sliced in the database)."""
    count = items.count() if isinstance(items, QuerySet) else len(items)
    window = items[params.offset : params.offset + params.limit]
    return page_body(request, count, params, [serialize(item) for item in window])


def page_body(
    request: HttpRequest, count: int, params: PageParams, results: list[Any]
) -> dict[str, Any]:
    """The page's answer around ``results`` (already cut to ``params``) of ``count`` items."""
    limit, offset = params.limit, params.offset
    return {
        "count": count,
        "next": _url(request, offset + limit, limit) if offset + limit < count else None,
        "previous": _url(request, max(offset - limit, 0), limit) if offset > 0 else None,
        "results": results,
    }
