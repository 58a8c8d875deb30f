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

        # Stories, comments, discussions and replies as the shared platform's content:
        # searchable, flaggable, notified about.
        from upward.web.community.content import register_community_content

        register_community_content()
        connect_signals()

        # Registers the release of embargoed stories with the worker.
        from upward.web.community import jobs  # noqa: F401
