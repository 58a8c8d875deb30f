from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "upward.web.impact"
    label = "impact"
    verbose_name = "Impact and reporting"

    def ready(self) -> None:
        # Registers the impact app's audit actions with the platform.
        from upward.web.impact import platform  # noqa: F401
