from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "upward.web.insights"
    label = "insights"
    verbose_name = "Insights"

    def ready(self) -> None:
        # Register the "download my data" section and the account eraser, and the
        # panels on the signed-in home page.
        from upward.web.insights import home, personal_data  # noqa: F401
