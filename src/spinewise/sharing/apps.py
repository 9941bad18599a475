from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "spinewise.clinic"
    verbose_name = "Clinics, care links and access log"
