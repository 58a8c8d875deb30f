from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "upward.web.community"
    label = "community"
    verbose_name = "Community"

    def ready(self) -> None:
        # Registers the "download my data" section and the account eraser.
        from upward.web.community import personal_data  # noqa: F401
        from upward.web.community.caching import connect_signals

        # Adds the unread count to what is loaded with the signed-in person.
        from upward.web.community.selectors import notifications  # noqa: F401

        connect_signals()

        # Registers the release of embargoed stories and the weekly digest with the worker.
        from upward.web.community import jobs  # noqa: F401
