from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "spinewise.accounts"
    verbose_name = "Accounts"
