from datetime import date

from django.core.exceptions import PermissionDenied
from ninja import Router

from chiso.registry import permissions

from .services import report
from .services.stats import period_stats

router = Router(tags=["Hồ sơ TTHC"])


@router.get("/stats")
def stats(request, start: date, end: date):
    """Số liệu trong kỳ như lệnh `chiso dossier-stats` (trong phạm vi cơ quan người dùng được xem)."""
    if permissions.scope(request.user, "view", "dossier") is None:
        raise PermissionDenied
    return period_stats(start, end, report.visible_agency_ids(request.user))
