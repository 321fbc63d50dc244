from django.urls import reverse

from chiso.registry import permissions

from .hooks import app_modules

# (url name, label, permission (action, kind) needed to open it; None: everyone signed in)
NAVIGATION = [
    ("home", "Tổng quan", None),
    ("directives:index", "Chỉ đạo & nhiệm vụ", ("view", "directive")),
    ("indices:index", "Chỉ số", ("view", "index")),
    ("dossiers:index", "Hồ sơ TTHC", ("view", "dossier")),
    ("surveys:index", "Khảo sát", ("view", "survey")),
    ("programme:index", "Kế hoạch, kiểm tra", ("view", "plan")),
    ("core:reports", "Báo cáo", None),
    ("registry:agency_list", "Danh mục", ("view", "agency")),
]


def navigation(request):
    """The main menu shows only what the user may open (no entry that answers 403), and the header
    items apps add through `dashboard.header_items(request)` (e.g. the notification bell)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    items = []
    for name, label, needed in NAVIGATION:
        if needed and permissions.scope(request.user, *needed) is None:
            continue
        url = reverse(name)
        active = request.path == url if url == "/" else request.path.startswith(url)
        items.append({"url": url, "label": label, "active": active})
    header = []
    for _app, module in app_modules("dashboard"):
        if hasattr(module, "header_items"):
            header.extend(module.header_items(request))
    return {
        "nav_items": items,
        "header_items": header,
        "user_roles": permissions.role_labels(request.user),
    }
