"""Security headers, vendored front-end code, and no third-party resources."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
PACKAGE = Path(__file__).resolve().parents[3] / "src" / "spinewise"


def test_pages_forbid_foreign_scripts_and_framing(client: Client) -> None:
    response = client.get(reverse("today:home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_htmx_is_served_from_our_own_static_files(client: Client) -> None:
    page = client.get(reverse("today:home")).content.decode()
    assert re.search(r'<script src="/static/vendor/htmx/htmx\.min\.js', page)


def test_the_vendored_htmx_keeps_its_licence() -> None:
    vendor = PACKAGE / "static" / "vendor" / "htmx"
    assert (vendor / "htmx.min.js").stat().st_size > 10_000
    assert "BSD" in (vendor / "LICENSE").read_text()


def test_no_template_loads_anything_from_another_site() -> None:
    pattern = re.compile(r"""(src|href)=["'](https?:)?//""")
    for template in PACKAGE.rglob("templates/**/*.html"):
        assert not pattern.search(template.read_text()), template
