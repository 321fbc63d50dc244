from django.urls import reverse

from chiso.registry import permissions

NAVIGATION = [
    ("home", "Tổng quan"),
    ("directives:index", "Chỉ đạo & nhiệm vụ"),
    ("indices:index", "Chỉ số"),
    ("dossiers:index", "Hồ sơ TTHC"),
    ("surveys:index", "Khảo sát"),
    ("core:reports", "Báo cáo"),
    ("registry:agency_list", "Danh mục"),
]


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    items = []
    for name, label in NAVIGATION:
        url = reverse(name)
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    return {"nav_items": items, "user_roles": permissions.role_labels(request.user)}
