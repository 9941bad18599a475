from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "spinewise.web"
    verbose_name = "Web site"
