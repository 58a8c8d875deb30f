from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "upward.web.awards"
    label = "awards"
    verbose_name = "Awards"

    def ready(self) -> None:
        # Registers notification kinds, audit actions, the periodic consent reminder and
        # the "download my data" section and eraser with the platform.
        from upward.web.awards import (
            jobs_judging,  # noqa: F401  (judges' reminders)
            platform,  # noqa: F401
        )
