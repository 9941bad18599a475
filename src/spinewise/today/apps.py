from django.apps import AppConfig


class TodayConfig(AppConfig):
    name = "spinewise.today"
    verbose_name = "Today: the patient's start pages"
