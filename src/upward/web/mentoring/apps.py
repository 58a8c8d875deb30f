from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "upward.web.mentoring"
    label = "mentoring"
    verbose_name = "Mentoring"

    def ready(self) -> None:
        # Registers notification kinds, the notifiable content, audit actions, home panels
        # and the periodic nudges with the platform.
        from upward.web.mentoring import platform  # noqa: F401
