from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "spinewise.catalogue"
    verbose_name = "Exercise library"
