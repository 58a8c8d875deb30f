from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "upward.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from axes.signals import user_locked_out

        # Registers its panel on the signed-in home page.
        from upward.web.accounts import home  # noqa: F401
        from upward.web.accounts.throttling import audit_lockout

        user_locked_out.connect(audit_lockout, dispatch_uid="upward.audit_lockout")

        # Registers the clean-up of answered reset requests with the worker.
        from upward.web.accounts import jobs  # noqa: F401
