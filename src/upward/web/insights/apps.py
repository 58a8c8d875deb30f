from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "upward.web.insights"
    label = "insights"
    verbose_name = "Insights"

    def ready(self) -> None:
        # Registers the "download my data" section and the account eraser.
        from upward.web.insights import personal_data  # noqa: F401
