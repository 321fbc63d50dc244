from django.urls import reverse

from chiso.core import numbers
from chiso.registry import permissions

from .services import report


def home_cards(request):
    if permissions.scope(request.user, "view", "dossier") is None:
        return []
    agency_ids = report.visible_agency_ids(request.user)
    years = report.years(agency_ids)
    if not years:
        return []
    totals = report.totals(years[0], agency_ids)
    rate = totals["on_time_rate"]
    return [
        {
            "title": f"Hồ sơ TTHC đúng hạn {years[0]}",
            "value": numbers.ratio(rate),
            "detail": f"{totals['late']} trễ hạn, {totals['late_no_apology']} chưa xin lỗi",
            "url": reverse("dossiers:index"),
        }
    ]


def report_links(request):
    if permissions.scope(request.user, "view", "dossier") is None:
        return []
    return [
        {
            "title": "Hồ sơ TTHC: đúng hạn, trễ hạn, xin lỗi",
            "url": reverse("dossiers:index"),
            "detail": "xếp hạng cơ quan, bản đồ nhiệt",
        },
        {
            "title": "Chỉ số 766 từ dữ liệu hồ sơ",
            "url": reverse("dossiers:indicators"),
            "detail": "tử số/mẫu số, điểm, xếp loại",
        },
        {
            "title": "Hồ sơ nghi chưa đồng bộ",
            "url": reverse("dossiers:sync_gaps"),
            "detail": "quá hạn lâu, có thể đã xong trên giấy",
        },
    ]
