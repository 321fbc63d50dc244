"""Open data without login (the same allow-listed figures as the pages) and the administrator's list."""

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema

from chiso.registry import permissions

from .models import Publication
from .services import public_data

router = Router(tags=["Công khai"])


@router.get("/", auth=None, summary="Danh mục nội dung công khai (không cần đăng nhập)")
def published(request):
    return public_data.catalogue(request.build_absolute_uri("/").rstrip("/"))


@router.get("/{pk}", auth=None, summary="Số liệu của một nội dung công khai (không cần đăng nhập)")
def published_item(request, pk: int):
    return public_data.data(public_data.get(pk))


class PublicationOut(Schema):
    id: int
    kind: str
    title: str
    active: bool
    visible: bool
    published_at: str


@router.get("/quan-ly/", response=list[PublicationOut], summary="Mọi lựa chọn công khai (kể cả đã thôi)")
def manage_list(request):
    if not permissions.can(request.user, "view", "publication"):
        raise PermissionDenied("Bạn không có quyền xem danh sách nội dung công khai.")
    return [
        {
            "id": p.pk,
            "kind": p.kind,
            "title": public_data.title(p),
            "active": p.active,
            "visible": public_data.visible(p),
            "published_at": p.published_at.isoformat(),
        }
        for p in Publication.objects.select_related("directive", "index", "province", "wave")
    ]
