from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "spinewise.jobs"
    verbose_name = "Work after a write"
    default_auto_field = "django.db.models.BigAutoField"
