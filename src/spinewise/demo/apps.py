from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "spinewise.demo"
    verbose_name = "Demo data"
