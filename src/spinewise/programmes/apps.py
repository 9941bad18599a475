from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "spinewise.programmes"
    verbose_name = "Programmes"
