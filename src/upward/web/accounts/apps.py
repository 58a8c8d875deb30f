from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "upward.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
