from django.apps import AppConfig


class IndicesConfig(AppConfig):
    name = "chiso.indices"
    label = "indices"
    verbose_name = "Chỉ số"

    def ready(self):
        from .signals import connect

        connect()
