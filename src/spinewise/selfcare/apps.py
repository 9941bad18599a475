from django.apps import AppConfig


class SelfcareConfig(AppConfig):
    name = "spinewise.selfcare"
    verbose_name = "Self-care and reminders"
