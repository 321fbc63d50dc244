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


# ---- inspections ------------------------------------------------------------------------------------


@router.get("/inspections/", summary="Các tổ kiểm tra người dùng được xem")
def inspection_teams(request):
    from .services import inspections

    if permissions.scope(request.user, "view", "inspection") is None:
        raise PermissionDenied("Bạn không có quyền xem các tổ kiểm tra.")
    return [
        {
            "id": t.pk,
            "name": t.name,
            "lead_agency": t.lead_agency.name,
            "starts_on": t.starts_on.isoformat(),
            "ends_on": t.ends_on.isoformat(),
            "remediation_due": t.remediation_due.isoformat(),
            **inspections.held_vs_planned(t),
        }
        for t in inspections.visible_teams(request.user).select_related("lead_agency")
    ]


@router.get("/inspections/visits/{pk}", summary="Một lần kiểm tra: số liệu, danh mục, phát hiện")
def inspection_visit(request, pk: int):
    from .models import InspectionVisit
    from .services import inspections

    visit = get_object_or_404(InspectionVisit.objects.select_related("team", "agency"), pk=pk)
    if not inspections.may_view_visit(request.user, visit):
        raise PermissionDenied("Bạn không có quyền xem lần kiểm tra này.")
    return {
        "team": visit.team.name,
        "agency": visit.agency.name,
        "scheduled_on": visit.scheduled_on.isoformat(),
        "held_on": visit.held_on.isoformat() if visit.held_on else None,
        "status": visit.status,
        "figures": visit.figures,
        "checklist": visit.checklist,
        "findings": [
            {
                "text": f.text,
                "recommendation": f.recommendation,
                "due_date": f.due_date.isoformat(),
                "task_id": f.task_id,
                "task_state": f.task.state if f.task_id else None,
            }
            for f in visit.findings.select_related("task")
        ],
    }


# ---- monthly contact --------------------------------------------------------------------------------


@router.get("/contact/{pk}", summary="Lưới tháng × đơn vị của việc tiếp xúc người dân, doanh nghiệp")
def contact_grid(request, pk: int):
    from .models import ContactRequirement
    from .services import contact

    req = get_object_or_404(ContactRequirement, pk=pk)
    found = permissions.scope(request.user, "view", "contact")
    if found is None:
        raise PermissionDenied("Bạn không có quyền xem việc tiếp xúc người dân, doanh nghiệp.")
    mine = None if found == permissions.ALL else permissions.own_agency_ids(request.user)
    cols, rows = contact.grid(req, agency_ids=mine)
    return {
        "task": req.task.ref,
        "months": [f"{m:02d}/{y}" for y, m in cols],
        "agencies": [
            {
                "agency": r.agency.name,
                "agency_code": r.agency.code,
                "months": {
                    f"{m:02d}/{y}": {"state": state, "sessions": n}
                    for (y, m), (state, n) in zip(cols, r.cells)
                },
                "held": r.held,
                "missed": r.missed,
            }
            for r in rows
        ],
    }


# ---- thematic meetings -------------------------------------------------------------------------------


@router.get("/meetings/", summary="Các cuộc họp chuyên đề người dùng được xem")
def meeting_list(request):
    from .models import ThematicMeeting

    found = permissions.scope(request.user, "view", "meeting")
    if found is None:
        raise PermissionDenied("Bạn không có quyền xem các cuộc họp chuyên đề.")
    qs = ThematicMeeting.objects.all()
    if found != permissions.ALL:
        qs = qs.filter(invited__in=permissions.own_agency_ids(request.user)).distinct()
    return [
        {
            "id": m.pk,
            "title": m.title,
            "planned_on": m.planned_on.isoformat(),
            "held_on": m.held_on.isoformat() if m.held_on else None,
            "status": m.status,
            "components": m.components,
            "conclusion_draft": m.draft_id,
            "conclusion_directive": m.draft.directive_id if m.draft_id else None,
        }
        for m in qs.select_related("draft")
    ]
