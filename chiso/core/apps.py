from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "chiso.core"
    label = "core"
    verbose_name = "Hệ thống"

    def ready(self):
        from . import audit

        audit.connect_signals()
