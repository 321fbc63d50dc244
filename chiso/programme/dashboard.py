"""Home card: remediation plans still missing (monitors) or the agency's own plan to send."""

from django.urls import reverse

from chiso.registry import permissions


def home_cards(request):
    from .models import PlanRequest
    from .services import plans

    user = request.user
    scope = permissions.scope(user, "view", "plan")
    if scope is None:
        return []
    mine = None if scope == permissions.ALL else permissions.own_agency_ids(user)
    cards = []
    for req in PlanRequest.objects.select_related("task")[:3]:
        rows = plans.overview(req, agency_ids=mine, coverage_of_weak=False)
        if not rows:
            continue
        c = plans.counts(rows)
        cards.append(
            {
                "title": f"Kế hoạch khắc phục ({req.task.ref})",
                "value": f"{c['submitted']}/{c['expected']}",
                "detail": f"đã gửi; chưa gửi quá hạn {c['overdue']}",
                "url": reverse("programme:plan_request", args=[req.pk]),
            }
        )
    return cards
