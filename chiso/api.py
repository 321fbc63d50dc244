"""The JSON API (django-ninja): each app adds its router; documented at /api/docs."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from chiso.core.hooks import app_modules
from chiso.registry.tokens import SessionOrToken

api = NinjaAPI(
    title="chiso API",
    version="1",
    description="Dữ liệu chỉ đạo, nhiệm vụ, chỉ số, hồ sơ và khảo sát. Xác thực: `Authorization: Bearer <mã>`.",
    auth=SessionOrToken(),
    urls_namespace="api",
    # The schema maps every endpoint and field: for people who have an account, not for the world.
    docs_decorator=login_required,
)


@api.exception_handler(PermissionDenied)
def forbidden(request, exc):
    return api.create_response(request, {"detail": str(exc) or "Không có quyền."}, status=403)


_PROBLEMS = {
    "missing": "bắt buộc",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là true hoặc false",
    "date_from_datetime_parsing": "phải là ngày dạng YYYY-MM-DD",
    "date_parsing": "phải là ngày dạng YYYY-MM-DD",
    "string_type": "phải là chuỗi ký tự",
    "json_invalid": "JSON không hợp lệ",
}


def _problem(error):
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "greater_than_equal":
        return f"phải lớn hơn hoặc bằng {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"phải nhỏ hơn hoặc bằng {ctx.get('le')}"
    return _PROBLEMS.get(kind, "không hợp lệ")


@api.exception_handler(NinjaValidationError)
def invalid_input(request, exc):
    """Bad parameters answer 422 with what and where, in Vietnamese (never a 500)."""
    problems = []
    for error in exc.errors:
        where = ".".join(str(part) for part in error.get("loc", ())[1:]) or "dữ liệu"
        problems.append(f"{where}: {_problem(error)}")
    return api.create_response(
        request, {"detail": "Dữ liệu gửi lên không hợp lệ – " + "; ".join(problems) + "."}, status=422
    )


@api.exception_handler(ValidationError)
def refused(request, exc):
    return api.create_response(request, {"detail": " ".join(exc.messages)}, status=400)


for _app, _module in app_modules("api"):
    api.add_router(f"/{_app}/", _module.router)
