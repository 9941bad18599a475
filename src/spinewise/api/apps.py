from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "spinewise.api"
    label = "api"
    verbose_name = "JSON API"
