from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "spinewise.training"
    verbose_name = "Sessions and progression"
