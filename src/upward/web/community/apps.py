from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "upward.web.community"
    label = "community"
    verbose_name = "Community"

    def ready(self) -> None:
        # Register the "download my data" section and the account eraser, and the
        # panels on the signed-in home page.
        from upward.web.community import home, personal_data  # noqa: F401
        from upward.web.community.caching import connect_signals

        # Adds the unread count to what is loaded with the signed-in person.
        from upward.web.community.selectors import notifications  # noqa: F401

        connect_signals()
