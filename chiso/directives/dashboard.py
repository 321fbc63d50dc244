"""Cards for the home page and links for the reports page."""

from django.urls import reverse

from chiso.registry import permissions


def home_cards(request):
    from .models import ReminderSchedule
    from .services import life, lists

    user = request.user
    on, soon = life.today(), ReminderSchedule.current().due_soon_days
    cards = []
    if permissions.scope(user, "view", "task") == permissions.ALL:
        s = lists.summary(lists.leaves(), on, soon)
        cards.append(
            {
                "title": "Nhiệm vụ quá hạn (toàn tỉnh)",
                "value": s["overdue"],
                "detail": f"{s['reported']} báo cáo chờ xem xét",
                "url": reverse("directives:board") + "?state=overdue",
            }
        )
    elif user.agency_id:
        c = lists.inbox_counts(user, on, soon)
        cards.append(
            {
                "title": "Việc của đơn vị",
                "value": c["open"],
                "detail": f"quá hạn {c['overdue']}, sắp đến hạn {c['due_soon']}",
                "url": reverse("directives:inbox"),
            }
        )
    return cards


def report_links(request):
    links = []
    if permissions.can_some(request.user, "view", "report"):
        links.append(
            {
                "title": "Báo cáo tình hình thực hiện các văn bản chỉ đạo",
                "url": reverse("directives:reports"),
                "detail": "DOCX theo NĐ 30/2020, XLSX, mỗi đơn vị một tệp (ZIP)",
            }
        )
    if permissions.can_some(request.user, "view", "accountability"):
        links.append(
            {
                "title": "Kết quả thực hiện nhiệm vụ theo cơ quan, đơn vị",
                "url": reverse("directives:accountability"),
                "detail": "Căn cứ đánh giá trách nhiệm người đứng đầu",
            }
        )
    return links


def header_items(request):
    """The notification bell with the unread count, on every page (polled every minute)."""
    from .services import notify

    return [
        {
            "url": reverse("directives:notifications"),
            "label": "Thông báo",
            "count": notify.unread(request.user),
            "poll": reverse("directives:notification_count"),
        }
    ]
