from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "upward.web.outreach"
    label = "outreach"
    verbose_name = "Outreach"

    def ready(self) -> None:
        # Registers the audit actions and notification kinds with the platform, the
        # periodic reminders, the home panel and the "download my data" section.
        from upward.web.outreach import home, jobs, personal_data, platform  # noqa: F401
