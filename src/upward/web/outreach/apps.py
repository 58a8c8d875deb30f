from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "upward.web.outreach"
    label = "outreach"
    verbose_name = "Outreach"

    def ready(self) -> None:
        # Registers the audit actions with the platform.
        from upward.web.outreach import platform  # noqa: F401
