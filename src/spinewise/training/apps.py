from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "spinewise.training"
    verbose_name = "Sessions and progression"

    def ready(self) -> None:
        from . import jobs  # noqa: F401 - registers the training's job handlers
