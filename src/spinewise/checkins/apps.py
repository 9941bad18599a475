from django.apps import AppConfig


class CheckinsConfig(AppConfig):
    name = "spinewise.checkins"
    verbose_name = "Weekly check-ins"
