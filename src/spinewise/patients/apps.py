from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "spinewise.patients"
    verbose_name = "Patients"
