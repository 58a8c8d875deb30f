from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "upward.web.core"
    label = "core"
    verbose_name = "Core"
