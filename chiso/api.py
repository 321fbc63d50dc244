"""The JSON API (django-ninja): each app adds its router; documented at /api/docs."""
from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI

from chiso.registry.tokens import SessionOrToken

api = NinjaAPI(
    title="chiso API",
    version="1",
    description="Dữ liệu chỉ đạo, nhiệm vụ, chỉ số, hồ sơ và khảo sát. Xác thực: `Authorization: Bearer <mã>`.",
    auth=SessionOrToken(),
    urls_namespace="api",
)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Không có quyền."}, status=403)


def _mount():
    import importlib

    for app in ("registry", "directives", "indices", "dossiers", "surveys"):
        try:
            module = importlib.import_module(f"chiso.{app}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"chiso.{app}.api":
                raise
            continue
        api.add_router(f"/{app}/", module.router)


_mount()
