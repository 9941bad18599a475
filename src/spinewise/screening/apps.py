from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "spinewise.screening"
    verbose_name = "Safety screening"
