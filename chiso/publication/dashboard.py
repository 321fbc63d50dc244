"""A link on the reports page to the choice of what is public."""

from django.urls import reverse

from chiso.registry import permissions


def report_links(request):
    if not permissions.can(request.user, "view", "publication"):
        return []
    return [
        {
            "title": "Nội dung công khai cho người dân",
            "url": reverse("publication:manage"),
            "detail": "Chọn văn bản chỉ đạo, kết quả chỉ số, khảo sát hiện trên trang /cong-khai/",
        }
    ]
