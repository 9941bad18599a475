from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "spinewise.progress"
    verbose_name = "Progress"
