"""Every list is paginated: {"count", "next", "previous", "results"}."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.api.conftest import ApiClient, World

from spinewise.core.exercises import load_library

pytestmark = pytest.mark.django_db


def test_the_first_page_links_to_the_next(client: Client) -> None:
    page = client.get("/api/v1/exercises", {"limit": 5}).json()
    assert page["count"] == len(load_library())
    assert len(page["results"]) == 5
    assert page["previous"] is None
    assert page["next"] == "http://testserver/api/v1/exercises?limit=5&offset=5"


def test_following_next_walks_the_whole_list_once(client: Client) -> None:
    seen: list[str] = []
    url: str | None = "/api/v1/exercises?limit=30"
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]
    assert sorted(seen) == load_library().ids()


def test_filters_stay_in_the_page_links(client: Client) -> None:
    page = client.get("/api/v1/exercises", {"region": "neck", "limit": 1}).json()
    assert "region=neck" in page["next"]
    assert page["count"] == sum(1 for ex in load_library() if "neck" in ex.regions)


def test_the_last_page_has_no_next_and_links_back(client: Client) -> None:
    count = len(load_library())
    page = client.get("/api/v1/exercises", {"limit": 10, "offset": count - 3}).json()
    assert len(page["results"]) == 3
    assert page["next"] is None
    assert f"offset={count - 13}" in page["previous"]


def test_a_limit_above_100_is_refused(client: Client) -> None:
    assert client.get("/api/v1/exercises", {"limit": 101}).status_code == 422


def test_patient_lists_page_too(owner_api: ApiClient, world: World) -> None:
    page = owner_api.get("patients/me/session-logs", limit=1)
    body = page.json()
    assert body["count"] == 2
    assert len(body["results"]) == 1
    assert body["next"].endswith("limit=1&offset=1")


def test_every_list_in_the_schema_is_a_page(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    components = schema["components"]["schemas"]
    pages = 0
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            ok = op["responses"].get("200", {}).get("content", {}).get("application/json", {})
            ref = ok.get("schema", {}).get("$ref", "")
            shape = components.get(ref.split("/")[-1], {}) if ref else ok.get("schema", {})
            if shape.get("type") == "array":
                pytest.fail(f"{method.upper()} {path} returns a bare list")
            if "results" in shape.get("properties", {}):
                pages += 1
                assert {"limit", "offset"} <= {p["name"] for p in op.get("parameters", [])}, path
    assert pages >= 9  # the lists that exist today
