"""OpenAPI links: where the ids in a response lead next.

A client (and schemathesis' stateful phase in ``.ci/run``) follows them from a create to
the record it made: a logged session to its next-morning check, an alert list to
acknowledging the first alert. Operation ids are ninja's (module path and function name);
``tests/api/test_openapi.py`` checks that every link names an operation that exists.
"""

from __future__ import annotations

from typing import Any

PATIENT_IN_PATH = {"patient": "$request.path.patient"}


def operation(router: str, view: str) -> str:
    """ninja's operation id of ``view`` in ``api/routers/<router>.py``."""
    return f"spinewise_api_routers_{router}_{view}"


def body_id(field: str = "id") -> str:
    return f"$response.body#/{field}"


def links(statuses: tuple[int, ...], **targets: tuple[str, dict[str, str]]) -> dict[str, Any]:
    """``openapi_extra`` adding links (name -> (operation id, parameters)) to responses."""
    described = {
        name: {"operationId": operation_id, "parameters": parameters}
        for name, (operation_id, parameters) in targets.items()
    }
    return {"responses": {status: {"links": described} for status in statuses}}
