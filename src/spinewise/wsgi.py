"""WSGI entry point (waitress serves it for ``make run``; any WSGI server in production)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spinewise.settings")

application = get_wsgi_application()
