"""ETag / If-Match for programme edits: two people cannot overwrite each other silently.

A programme's ETag names its latest version, which changes with every edit (versions are
never edited in place: each change is a new version). Reading the programme returns the
ETag; an edit must send it back in ``If-Match``. Missing -> 428 ``precondition_required``;
not the current one -> 412 ``precondition_failed`` (someone changed it meanwhile: read it
again, reapply the change). Editing endpoints arrive with the clinician workspace.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from .errors import ApiError


def programme_etag(programme: Any) -> str:
    """Strong ETag of a programme: its id and latest version number (0 when none)."""
    version = programme.current_version()
    number = version.number if version is not None else 0
    return f'"programme-{programme.pk}-v{number}"'


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def require_if_match(request: HttpRequest, current: str) -> None:
    """Raise 428 when If-Match is missing, 412 when it does not name ``current``.

    Strong comparison (RFC 9110 13.1.1): a weak tag (W/"…") never matches; ``*`` does.
    """
    header = request.headers.get("If-Match")
    if header is None:
        raise ApiError(
            428,
            "Send the programme's ETag in If-Match (read the programme first), so a change "
            "made meanwhile by someone else is not overwritten.",
            code="precondition_required",
        )
    tags = _tags(header)
    if "*" in tags or current in tags:
        return
    raise ApiError(
        412,
        "The programme changed since you read it. Read it again and reapply your change.",
        code="precondition_failed",
        headers={"ETag": current},
    )


def with_etag(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    return response
