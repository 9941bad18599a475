from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "spinewise.patients"
    verbose_name = "Patients"

    def ready(self) -> None:
        from .revision import connect

        connect()
