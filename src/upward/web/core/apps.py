from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "upward.web.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Registers the task queue's housekeeping and the weekly digest with the worker.
        from upward.web.core import jobs  # noqa: F401
        from upward.web.core.notifications import jobs as notification_jobs  # noqa: F401
