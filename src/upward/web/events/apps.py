from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "upward.web.events"
    label = "events"
    verbose_name = "Events"

    def ready(self) -> None:
        # Registers notification kinds, audit actions, the searchable content, the home
        # panel, the periodic reminders and the "download my data" section.
        from upward.web.events import platform  # noqa: F401
