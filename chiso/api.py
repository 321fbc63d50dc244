"""The JSON API (django-ninja): each app adds its router; documented at /api/docs."""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI

from chiso.core.hooks import app_modules
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


for _app, _module in app_modules("api"):
    api.add_router(f"/{_app}/", _module.router)
