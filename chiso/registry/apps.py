from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "chiso.registry"
    label = "registry"
    verbose_name = "Danh mục cơ quan, người dùng"

    def ready(self):
        from . import services

        services.connect_cache_invalidation()
