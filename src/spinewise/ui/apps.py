"""Django app config: lets the static-files finders find ``spinewise/ui/static``."""

from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "spinewise.ui"
    verbose_name = "Spinewise user interface"
