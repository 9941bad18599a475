"""Installable and offline: the web app manifest, the service worker and its offline page.

The service worker is a template rendered here, so it carries the static URLs exactly as
``static()`` gives them (hashed names in production) and a cache version that changes
whenever one of those files or the worker itself changes. Its strategy is in
``templates/web/sw.js``; the page side is ``static/spinewise/app.js``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

THEME_COLOUR = "#0f766e"  # --primary in css/site.css
BACKGROUND_COLOUR = "#f6f4ef"  # --bg in css/site.css

# The app shell: what every patient page needs, cached when the worker installs.
SHELL_FILES = (
    "css/site.css",
    "spinewise/player.css",
    "vendor/htmx/htmx.min.js",
    "js/site.js",
    "img/spinewise.svg",
    "img/icons/icon-192.png",
    "spinewise/app.js",
)
# Kept too when they exist (the player page's log-form helper).
OPTIONAL_SHELL_FILES = ("spinewise/logform.js",)
# Every ES module of the session player (the folder is read, so a new module is never
# missed), outbox.js among them.
PLAYER_MODULES = "spinewise/player"
OUTBOX = "spinewise/player/outbox.js"


def player_modules() -> list[str]:
    main = finders.find(f"{PLAYER_MODULES}/main.js")
    if not main:
        return []
    folder = Path(str(main)).parent
    return sorted(f"{PLAYER_MODULES}/{p.name}" for p in folder.glob("*.js"))


def shell_files() -> list[str]:
    optional = [name for name in OPTIONAL_SHELL_FILES if finders.find(name)]
    return [*SHELL_FILES, *optional, *player_modules()]


def _version(files: list[str], urls: list[str]) -> str:
    """Changes when a shell file, its URL or the worker's own source changes."""
    digest = hashlib.sha256()
    for url in urls:
        digest.update(url.encode())
    for name in files:
        found = finders.find(name)
        if found:
            digest.update(Path(str(found)).read_bytes())
    origin = get_template("web/sw.js").origin.name  # type: ignore[attr-defined]
    digest.update(Path(origin).read_bytes())
    return digest.hexdigest()[:16]


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    data: dict[str, Any] = {
        "id": "/",
        "name": "Spinewise",
        "short_name": "Spinewise",
        "description": "Your back exercise programme: today's session, guided, even offline.",
        "lang": "en-GB",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("img/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("img/icons/icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
            {"src": static("img/icons/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "max-age=3600"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    files = shell_files()
    offline = reverse("web:offline")
    shell = [static(name) for name in files] + [offline]
    config = {
        "version": _version(files, shell),
        "shell": shell,
        "offline": offline,
        "outbox": static(OUTBOX),
        "static_prefix": settings.STATIC_URL,
        # the pages kept for offline use: Today, the programme, a session's player
        "today": reverse("today:home"),
        "programme": reverse("programmes:current"),
        "session_prefix": reverse("training:player", args=[0]).removesuffix("0/"),
        "figure_prefix": reverse("exercises:animated", args=["x"]).removesuffix("x/animated.svg"),
    }
    response = render(
        request,
        "web/sw.js",
        {"config": json.dumps(config, indent=2), "outbox_url": json.dumps(static(OUTBOX))},
        content_type="text/javascript; charset=utf-8",
    )
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
@cache_control(max_age=3600)
def offline(request: HttpRequest) -> HttpResponse:
    """The generic page for a navigation that is neither online nor kept: no one's data."""
    return render(request, "web/offline.html")
