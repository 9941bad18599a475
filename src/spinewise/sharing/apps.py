from django.apps import AppConfig


class SharingConfig(AppConfig):
    """Consent, care links, invitations, clinics, the access rule and the access log.

    The label stays "clinic", the app's first name, so existing databases keep their tables
    and migration history (clinic_carelink, ...): renaming the package changed no schema.
    """

    name = "spinewise.sharing"
    label = "clinic"
    verbose_name = "Sharing: consent, care links, clinics and access log"
