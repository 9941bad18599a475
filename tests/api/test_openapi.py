"""The OpenAPI schema loads and is valid; the interactive docs need nothing from a CDN."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.test import Client

pytestmark = pytest.mark.django_db
CHROMIUM = Path(os.environ.get("SPINEWISE_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture
def schema(client: Client) -> dict[str, Any]:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return dict(response.json())


def _operations(schema: dict[str, Any]) -> list[tuple[str, str]]:
    return [(path, method) for path, ops in schema["paths"].items() for method in ops]


def test_the_schema_is_valid_openapi_3(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.")
    schemathesis.openapi.from_dict(schema).validate()  # raises on any violation


def test_every_operation_documents_its_error_body(schema: dict[str, Any]) -> None:
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            errors = {k: v for k, v in operation["responses"].items() if int(k) >= 400}
            assert errors, f"{method} {path} documents no errors"
            for status, response in errors.items():
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorOut"), (method, path, status)


def test_both_ways_to_authenticate_are_documented(schema: dict[str, Any]) -> None:
    schemes = schema["components"]["securitySchemes"]
    assert {s["type"] for s in schemes.values()} == {"http", "apiKey"}
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_creates_document_the_idempotency_key(schema: dict[str, Any]) -> None:
    creates = [
        (path, op)
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if method == "post"
    ]
    assert len(creates) >= 6
    for path, op in creates:
        headers = {p["name"] for p in op.get("parameters", []) if p["in"] == "header"}
        assert "Idempotency-Key" in headers, path


def test_the_screening_answers_list_every_question(schema: dict[str, Any]) -> None:
    from spinewise.core.screening import question_schema

    answers = schema["components"]["schemas"]["ScreeningAnswers"]
    assert set(answers["properties"]) == {q["id"] for q in question_schema()}
    assert set(answers["required"]) == {q["id"] for q in question_schema() if q["required"]}


def test_the_docs_page_loads_its_assets_from_this_server(client: Client) -> None:
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui-bundle" in s for s in sources)
    for source in sources:
        assert source.startswith("/static/"), source
        assert client.get(source).status_code == 200, source
    assert "<script>" not in html  # the site's CSP forbids inline scripts


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_the_docs_render_in_a_browser_under_the_sites_csp(live_server: Any) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    problems: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        page.on(
            "console",
            lambda m: problems.append(m.text) if m.type == "error" else None,
        )
        page.on(
            "request",
            lambda r: (
                problems.append(f"off-site {r.url}")
                if not r.url.startswith(live_server.url)
                else None
            ),
        )
        page.goto(f"{live_server.url}/api/v1/docs")
        page.wait_for_selector(".opblock", timeout=15000)
        operations = page.locator(".opblock").count()
        browser.close()
    assert problems == []
    assert operations == len(list(_operations(Client().get("/api/v1/openapi.json").json())))


def test_the_docs_use_the_vendored_swagger_ui_with_its_licence(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle" in html
    vendored = Path(__file__).resolve().parents[2] / "src/spinewise/static/vendor/swagger-ui"
    assert "Apache License" in (vendored / "LICENSE").read_text()
    assert (vendored / "swagger-ui-bundle.js.LICENSE.txt").exists()


def test_every_link_leads_to_an_operation_and_its_parameters(schema: dict[str, Any]) -> None:
    operations = {
        op["operationId"]: op for methods in schema["paths"].values() for op in methods.values()
    }
    found = 0
    for methods in schema["paths"].values():
        for op in methods.values():
            for response in op["responses"].values():
                for name, link in response.get("links", {}).items():
                    target = operations.get(link["operationId"])
                    assert target is not None, (name, link["operationId"])
                    names = {p["name"] for p in target.get("parameters", [])}
                    assert set(link["parameters"]) <= names, (name, link["parameters"])
                    found += 1
    assert found >= 10  # creates lead to what they made; alert lists to acting on them
