"""Pages of inspection teams, visits, findings and minutes (seed II.1.3, II.2.4)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render

from chiso.core.downloads import attachment
from chiso.registry import permissions
from chiso.registry.models import Agency

from .forms import FindingForm, RecordForm, TeamForm, VisitForm
from .models import Finding, InspectionTeam, InspectionVisit
from .services import inspections, minutes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _lead_choices(user):
    if permissions.scope(user, "change", "inspection") == permissions.ALL:
        return None
    return Agency.objects.filter(pk__in=permissions.own_agency_ids(user))


@login_required
def team_list(request):
    if permissions.scope(request.user, "view", "inspection") is None:
        raise PermissionDenied("Bạn không có quyền xem các tổ kiểm tra.")
    can_create = permissions.scope(request.user, "change", "inspection") is not None
    form = TeamForm(
        agencies=_lead_choices(request.user), initial={"checklist": "\n".join(inspections.DEFAULT_CHECKLIST)}
    )
    status = 200
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied
        form = TeamForm(request.POST, agencies=_lead_choices(request.user))
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                team = inspections.create_team(request.user, **data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Đã lập {team.name}.")
                return redirect("programme:team", team.pk)
        status = 400
    teams = [
        (t, inspections.held_vs_planned(t))
        for t in inspections.visible_teams(request.user).select_related("lead_agency")
    ]
    return render(
        request,
        "programme/team_list.html",
        {"teams": teams, "form": form, "can_create": can_create},
        status=status,
    )


def _team_for(request, pk):
    team = get_object_or_404(
        InspectionTeam.objects.select_related("lead_agency", "task", "conclusion"), pk=pk
    )
    if not inspections.may_view_team(request.user, team):
        # the inspected agency reaches its own visit, not the team's whole programme
        own = team.visits.filter(agency__in=permissions.own_agency_ids(request.user)).first()
        if own is not None and inspections.may_view_visit(request.user, own):
            return team, own
        raise PermissionDenied("Bạn không có quyền xem tổ kiểm tra này.")
    return team, None


@login_required
def team_detail(request, pk):
    team, own_visit = _team_for(request, pk)
    if own_visit is not None:
        return redirect("programme:visit", own_visit.pk)
    can_change = inspections.may_change_team(request.user, team)
    form, status = VisitForm(), 200
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        form = VisitForm(request.POST)
        if form.is_valid():
            try:
                visit = inspections.plan_visit(
                    team, form.cleaned_data["agency"], form.cleaned_data["scheduled_on"], request.user
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Đã thêm {visit.agency.name} vào lịch kiểm tra.")
                return redirect("programme:team", team.pk)
        status = 400
    visits = list(team.visits.select_related("agency").prefetch_related("findings__task"))
    return render(
        request,
        "programme/team.html",
        {
            "team": team,
            "visits": visits,
            "counts": inspections.held_vs_planned(team),
            "form": form,
            "can_change": can_change,
        },
        status=status,
    )


def _visit_for(request, pk):
    visit = get_object_or_404(
        InspectionVisit.objects.select_related("team", "team__lead_agency", "agency"), pk=pk
    )
    if not inspections.may_view_visit(request.user, visit):
        raise PermissionDenied("Bạn không có quyền xem lần kiểm tra này.")
    return visit


@login_required
def visit_detail(request, pk):
    visit = _visit_for(request, pk)
    can_change = inspections.may_change_team(request.user, visit.team)
    record = RecordForm(
        checklist=visit.checklist,
        initial={"held_on": visit.held_on or visit.scheduled_on, "place": visit.place, "note": visit.note},
    )
    finding_form, status = FindingForm(), 200
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("Chỉ tổ kiểm tra được cập nhật lần kiểm tra.")
        step = request.POST.get("step")
        try:
            if step == "record":
                record = RecordForm(request.POST, checklist=visit.checklist)
                if record.is_valid():
                    inspections.record_visit(
                        visit,
                        request.user,
                        held_on=record.cleaned_data["held_on"],
                        results=record.results(),
                        note=record.cleaned_data["note"],
                        place=record.cleaned_data["place"],
                    )
                    messages.success(request, "Đã ghi nhận kết quả kiểm tra.")
                    return redirect("programme:visit", visit.pk)
            elif step == "finding":
                finding_form = FindingForm(request.POST, request.FILES)
                if finding_form.is_valid():
                    inspections.add_finding(visit, request.user, **finding_form.cleaned_data)
                    messages.success(request, "Đã thêm phát hiện.")
                    return redirect("programme:visit", visit.pk)
            elif step == "issue":
                tasks = inspections.issue_findings(visit, request.user)
                messages.success(request, f"Đã giao {len(tasks)} nhiệm vụ khắc phục cho {visit.agency.name}.")
                return redirect("programme:visit", visit.pk)
            elif step == "figures":
                inspections.refresh_figures(visit, request.user)
                return redirect("programme:visit", visit.pk)
        except ValidationError as exc:
            finding_form.add_error(None, exc)
        status = 400
    return render(
        request,
        "programme/visit.html",
        {
            "visit": visit,
            "team": visit.team,
            "figures": inspections.figure_rows(visit.figures) if visit.figures else [],
            "findings": list(visit.findings.select_related("task")),
            "record": record,
            "finding_form": finding_form,
            "can_change": can_change,
            "checklist": [
                (r["item"], dict(inspections.RESULTS).get(r.get("result", ""), "—"), r.get("note", ""))
                for r in visit.checklist
            ],
        },
        status=status,
    )


@login_required
def visit_minutes(request, pk):
    visit = _visit_for(request, pk)
    return attachment(minutes.build(visit), minutes.file_name(visit), DOCX)


@login_required
def finding_evidence(request, pk):
    finding = get_object_or_404(Finding.objects.select_related("visit", "visit__team"), pk=pk)
    if not inspections.may_view_visit(request.user, finding.visit) or not finding.evidence:
        raise PermissionDenied("Bạn không có quyền tải minh chứng này.")
    return FileResponse(
        finding.evidence.open("rb"), as_attachment=True, filename=finding.evidence_name or "minh-chung"
    )
