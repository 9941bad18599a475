from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "spinewise.api"
    label = "api"
    verbose_name = "JSON API"

    def ready(self) -> None:
        from . import token_cache

        token_cache.connect_signals()  # changes to tokens and users stop kept token lookups
