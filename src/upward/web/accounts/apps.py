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

        # Tells other apps when a person's public details change (core.people).
        from upward.web.accounts.signals import connect_signals

        connect_signals()

        # The API's Bearer tokens are ours: core's API asks this function.
        from upward.web.accounts.services import token_authenticate
        from upward.web.core.api_tokens import register_token_authenticator

        register_token_authenticator(token_authenticate)

        # Registers the clean-up of answered reset requests with the worker.
        from upward.web.accounts import jobs  # noqa: F401
