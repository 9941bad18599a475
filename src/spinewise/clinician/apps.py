from django.apps import AppConfig


class ClinicianConfig(AppConfig):
    """The clinician's workspace: caseload, alerts, notes, programme edits, invitations.

    The label stays "caseload", the app's first name, so existing databases keep their tables
    and migration history (caseload_alert, ...): renaming the package changed no schema.
    """

    name = "spinewise.clinician"
    label = "caseload"
    verbose_name = "Clinician workspace: caseload, alerts, notes and programme edits"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the alert refresh to new patient data)
