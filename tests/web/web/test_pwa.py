"""Installable and offline: the web app manifest, the service worker and the offline page."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from spinewise.patients.models import Patient

pytestmark = pytest.mark.django_db


def static_name(url: str) -> str:
    assert url.startswith(settings.STATIC_URL), url
    return url.removeprefix(settings.STATIC_URL)


def worker_config(text: str) -> dict[str, Any]:
    match = re.search(r"^const CONFIG = (\{.*?^\});$", text, re.M | re.S)
    assert match, "the worker's CONFIG is missing"
    config: dict[str, Any] = json.loads(match.group(1))
    return config


def test_the_manifest_describes_an_installable_app(client: Client) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Spinewise"
    assert manifest["short_name"]
    assert manifest["start_url"] == "/" and manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    # the site's colours (css/site.css: --primary and --bg)
    css = (Path(str(finders.find("css/site.css")))).read_text()
    assert f"--primary: {manifest['theme_color']};" in css
    assert f"--bg: {manifest['background_color']};" in css


def test_the_manifest_icons_are_real_pngs_of_their_sizes(client: Client) -> None:
    image = pytest.importorskip("PIL.Image")
    icons = json.loads(client.get("/manifest.webmanifest").content)["icons"]
    pngs = [icon for icon in icons if icon["type"] == "image/png"]
    assert {icon["sizes"] for icon in pngs} >= {"192x192", "512x512"}
    assert any(icon.get("purpose") == "maskable" for icon in pngs)
    assert any(icon["type"] == "image/svg+xml" for icon in icons)
    for icon in icons:
        path = finders.find(static_name(icon["src"]))
        assert path, icon["src"]
        if icon["type"] == "image/png":
            with image.open(str(path)) as png:
                assert png.format == "PNG"
                assert f"{png.width}x{png.height}" == icon["sizes"]


def test_every_page_links_the_manifest_and_the_app_script(client: Client) -> None:
    html = client.get("/").content.decode()
    assert f'<link rel="manifest" href="{reverse("web:manifest")}">' in html
    assert '<meta name="theme-color" content="#0f766e">' in html
    touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', html)
    assert touch and finders.find(static_name(touch.group(1)))
    app = re.search(r'<script type="module" src="([^"]+)" data-spinewise-app ([^>]*)>', html)
    assert app and app.group(1).endswith("spinewise/app.js")
    assert f'data-sw="{reverse("web:sw")}"' in app.group(2)
    assert 'data-user=""' in app.group(2)  # nobody signed in


def test_the_service_worker_headers(client: Client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == "text/javascript"
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"


def test_the_service_worker_lists_only_real_static_files(client: Client) -> None:
    text = client.get("/sw.js").content.decode()
    config = worker_config(text)
    shell = config["shell"]
    assert len(shell) == len(set(shell))
    for url in shell:
        if url == config["offline"]:
            continue
        assert finders.find(static_name(url)), f"{url} is not a static file"
    names = {static_name(url) for url in shell if url != config["offline"]}
    assert {"css/site.css", "spinewise/player.css", "vendor/htmx/htmx.min.js"} <= names
    assert "spinewise/app.js" in names
    # every module of the player, read from its folder
    folder = Path(str(finders.find("spinewise/player/main.js"))).parent
    modules = {f"spinewise/player/{p.name}" for p in folder.glob("*.js")}
    assert {"spinewise/player/main.js", "spinewise/player/outbox.js"} <= modules <= names
    assert config["offline"] == reverse("web:offline") and config["offline"] in shell
    assert f'importScripts("{config["outbox"]}");' in text
    assert re.fullmatch(r"[0-9a-f]{16}", config["version"])
    # nothing from the API is ever listed
    assert not any(url.startswith("/api/") for url in shell)


def test_the_service_worker_is_valid_javascript(client: Client, tmp_path: Path) -> None:
    node = shutil.which("node")
    if not node:
        pytest.skip("no node")
    path = tmp_path / "sw.js"
    path.write_bytes(client.get("/sw.js").content)
    result = subprocess.run([node, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_the_offline_page_holds_no_ones_data(patient: Patient) -> None:
    client = Client()
    client.force_login(patient.user)
    response = client.get(reverse("web:offline"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "You're offline" in html
    assert patient.user.get_username() not in html
    assert "csrfmiddlewaretoken" not in html and "X-CSRFToken" not in html


def test_production_hashing_finds_every_file_the_worker_lists(
    client: Client, settings: Any, tmp_path: Path
) -> None:
    """With the production storage (hashed names, collectstatic into STATIC_ROOT) and
    DEBUG off, the worker lists hashed URLs, each of them collected."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "spinewise.web.storage.StaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0, stdout=io.StringIO())
    text = client.get("/sw.js").content.decode()
    config = worker_config(text)
    for url in config["shell"]:
        if url == config["offline"]:
            continue
        name = static_name(url)
        assert re.search(r"\.[0-9a-f]{12}\.", name), f"{url} is not hashed"
        assert staticfiles_storage.exists(name), f"{url} was not collected"
    assert re.search(r"outbox\.[0-9a-f]{12}\.js", config["outbox"])
    # the player's modules import each other by their hashed names
    main = next(static_name(u) for u in config["shell"] if "/player/main." in u)
    with staticfiles_storage.open(main) as fh:
        source = fh.read().decode()
    assert re.search(r'import\s*"\./outbox\.[0-9a-f]{12}\.js";', source)
    app = next(static_name(u) for u in config["shell"] if "/spinewise/app." in u)
    with staticfiles_storage.open(app) as fh:
        assert re.search(r'import\s*"\./player/outbox\.[0-9a-f]{12}\.js";', fh.read().decode())
    manifest = json.loads(client.get("/manifest.webmanifest").content)
    for icon in manifest["icons"]:
        assert staticfiles_storage.exists(static_name(icon["src"]))
