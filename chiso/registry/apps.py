from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "chiso.registry"
    label = "registry"
    verbose_name = "Danh mục cơ quan, người dùng"

    def ready(self):
        from chiso.core import memo

        from . import services
        from .models import HomeProvince

        services.connect_cache_invalidation()
        memo.forget_on_change(HomeProvince)
