from django.apps import AppConfig


class CaseloadConfig(AppConfig):
    name = "spinewise.caseload"
    verbose_name = "Clinician workspace: caseload, alerts, notes and programme edits"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the alert refresh to new patient data)
