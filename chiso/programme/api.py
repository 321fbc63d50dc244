"""Remediation plans over the API, with the same rules as the pages (services.plans)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router

from chiso.registry import permissions
from chiso.registry.models import Agency

from .models import PlanRequest, RemediationPlan
from .services import plans

router = Router(tags=["Kế hoạch khắc phục"])


def _row(r):
    return {
        "agency": r.agency.name,
        "agency_code": r.agency.code,
        "state": r.state,
        "label": r.label,
        "submitted_on": r.plan.submitted_on.isoformat() if r.plan and r.plan.submitted_on else None,
        "items": r.plan.items.count() if r.plan else 0,
        "weak_components": [w["key"] for w in r.assigned],
        "covered": r.covered,
        "missing": r.missing,
    }


@router.get("/plans/{pk}", summary="Tình hình gửi kế hoạch khắc phục theo một nhiệm vụ")
def plan_request(request, pk: int):
    req = get_object_or_404(PlanRequest, pk=pk)
    if permissions.scope(request.user, "view", "plan") == permissions.ALL:
        mine = None
    elif permissions.scope(request.user, "view", "plan") is not None:
        mine = permissions.own_agency_ids(request.user)
    else:
        raise PermissionDenied("Bạn không có quyền xem kế hoạch khắc phục.")
    rows = plans.overview(req, agency_ids=mine)
    return {
        "task": req.task.ref,
        "results_year": req.results_year,
        "counts": plans.counts(rows),
        "agencies": [_row(r) for r in rows],
    }


@router.get("/plans/{pk}/{agency_pk}", summary="Kế hoạch khắc phục của một đơn vị và các nhiệm vụ của nó")
def plan_detail(request, pk: int, agency_pk: int):
    req = get_object_or_404(PlanRequest, pk=pk)
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not plans.may_view(request.user, agency.pk):
        raise PermissionDenied("Bạn không có quyền xem kế hoạch của đơn vị này.")
    plan = RemediationPlan.objects.filter(request=req, agency=agency).first()
    rows = plans.overview(req, agency_ids={agency.pk})
    return {
        **(_row(rows[0]) if rows else {"agency": agency.name}),
        "status": plan.status if plan else None,
        "number": plan.number if plan else "",
        "tasks": [
            {
                "ref": i.ref,
                "text": i.text,
                "deadline": i.deadline_text,
                "due_date": i.due_date.isoformat() if i.due_date else None,
                "components": i.components,
                "state": i.state,
            }
            for i in (plan.items.all() if plan else [])
        ],
    }
