"""Pages of the programme app: remediation plans (seed I.1)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chiso.directives.services import life
from chiso.registry import permissions
from chiso.registry.models import Agency

from .forms import PlanItemFormSet, PlanRequestForm, PlanUploadForm
from .models import PlanItem, PlanRequest, RemediationPlan
from .services import plans, weak_components


@login_required
def index(request):
    return redirect("programme:plans")


def _own_scope(user, action="view"):
    """None: every agency; else the agency ids the user's rule covers."""
    if permissions.scope(user, action, "plan") == permissions.ALL:
        return None
    if permissions.scope(user, action, "plan") is None:
        raise PermissionDenied("Bạn không có quyền xem kế hoạch khắc phục.")
    return permissions.own_agency_ids(user)


@login_required
def plan_list(request):
    mine = _own_scope(request.user)
    form = None
    if permissions.can(request.user, "request", "plan"):
        form = PlanRequestForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                found = plans.request_plans(
                    form.cleaned_data["task"], request.user, form.cleaned_data["results_year"]
                )
            except ValidationError as exc:
                form.add_error("task", exc)
            else:
                messages.success(request, "Đã yêu cầu các cơ quan, đơn vị gửi kế hoạch khắc phục.")
                return redirect("programme:plan_request", found.pk)
    elif request.method == "POST":
        raise PermissionDenied
    rows = []
    for req in PlanRequest.objects.select_related("task", "task__directive"):
        # Monitors see counts only; an agency sees its own rows with their coverage.
        found = plans.overview(req, agency_ids=mine, coverage_of_weak=mine is not None)
        if mine is not None and not found:
            continue
        rows.append(
            {"request": req, "counts": plans.counts(found), "rows": found if mine is not None else []}
        )
    return render(
        request,
        "programme/plan_list.html",
        {"rows": rows, "form": form, "monitor": mine is None, "today": life.today()},
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def plan_request(request, pk):
    req = get_object_or_404(PlanRequest.objects.select_related("task", "task__directive"), pk=pk)
    mine = _own_scope(request.user)
    if mine is not None:
        own = [a for a, _s in plans.expected(req) if a.pk in mine]
        if not own:
            raise PermissionDenied("Đơn vị của bạn không được giao nhiệm vụ này.")
        return redirect("programme:plan", req.pk, own[0].pk)
    rows = plans.overview(req)
    return render(
        request,
        "programme/plan_request.html",
        {
            "req": req,
            "rows": rows,
            "counts": plans.counts(rows),
            "rule": weak_components.RULE,
            "today": life.today(),
        },
    )


def _plan_page(request, req, agency):
    if not plans.may_view(request.user, agency.pk):
        raise PermissionDenied("Bạn không có quyền xem kế hoạch của đơn vị này.")
    share = plans.share_of(req, agency)
    if share is None:
        raise PermissionDenied("Đơn vị này không được giao nhiệm vụ.")
    return share, RemediationPlan.objects.filter(request=req, agency=agency).first()


def _initial(plan):
    return [
        {
            "id": i.pk,
            "text": i.text,
            "deadline_text": i.deadline_text,
            "due_date": i.due_date,
            "components": ", ".join(i.components),
        }
        for i in plan.items.all()
    ]


@login_required
def plan_detail(request, pk, agency_pk):
    req = get_object_or_404(PlanRequest.objects.select_related("task", "task__directive"), pk=pk)
    agency = get_object_or_404(Agency, pk=agency_pk)
    share, plan = _plan_page(request, req, agency)
    can_change = plans.may_change(request.user, agency.pk) and (
        plan is None or plan.status == RemediationPlan.DRAFT
    )
    upload_form, formset, status = PlanUploadForm(), None, 200
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("Bạn không sửa được kế hoạch này.")
        step = request.POST.get("step")
        try:
            if step == "read":
                upload_form = PlanUploadForm(request.POST, request.FILES)
                if upload_form.is_valid():
                    plan = plans.read_plan(
                        req,
                        agency,
                        request.user,
                        upload=upload_form.cleaned_data["file"],
                        text=upload_form.cleaned_data["text"],
                    )
                    messages.success(
                        request,
                        f"Đã đọc kế hoạch: {plan.items.count()} nhiệm vụ. Rà soát rồi bấm “Gửi kế hoạch”.",
                    )
                    return redirect("programme:plan", req.pk, agency.pk)
                status = 400
            elif step in ("save", "submit") and plan is not None:
                formset = PlanItemFormSet(request.POST, initial=_initial(plan))
                if formset.is_valid():
                    plans.save_items(plan, request.user, [f.cleaned_data for f in formset if f.cleaned_data])
                    if step == "submit":
                        plans.submit(plan, request.user)
                        messages.success(request, "Đã gửi kế hoạch khắc phục đến cơ quan theo dõi.")
                    else:
                        messages.success(request, "Đã lưu các nhiệm vụ của kế hoạch.")
                    return redirect("programme:plan", req.pk, agency.pk)
                status = 400
        except ValidationError as exc:
            upload_form.add_error(None, exc)
            status = 400
    if plan is not None and can_change and formset is None:
        formset = PlanItemFormSet(initial=_initial(plan))
    rows = plans.overview(req, agency_ids={agency.pk})
    return render(
        request,
        "programme/plan.html",
        {
            "req": req,
            "agency": agency,
            "share": share,
            "plan": plan,
            "row": rows[0] if rows else None,
            "can_change": can_change,
            "upload_form": upload_form,
            "formset": formset,
            "can_follow": plan is not None
            and plan.status == RemediationPlan.SUBMITTED
            and plans.may_change(request.user, agency.pk),
            "states": PlanItem.STATES,
        },
        status=status,
    )


@login_required
def plan_file(request, pk, agency_pk):
    req = get_object_or_404(PlanRequest, pk=pk)
    agency = get_object_or_404(Agency, pk=agency_pk)
    _share, plan = _plan_page(request, req, agency)
    if plan is None or not plan.file:
        raise PermissionDenied("Kế hoạch này không có tệp.")
    return FileResponse(plan.file.open("rb"), as_attachment=True, filename=plan.filename or "ke-hoach.docx")


@login_required
@require_POST
def plan_item_state(request, pk, agency_pk, item_pk):
    """The agency follows its own sub-tasks: chưa thực hiện → đang thực hiện → hoàn thành."""
    req = get_object_or_404(PlanRequest, pk=pk)
    agency = get_object_or_404(Agency, pk=agency_pk)
    _share, plan = _plan_page(request, req, agency)
    if plan is None or not plans.may_change(request.user, agency.pk):
        raise PermissionDenied("Bạn không cập nhật được việc này.")
    item = get_object_or_404(plan.items, pk=item_pk)
    try:
        plans.set_item_state(item, request.user, request.POST.get("state", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programme:plan", req.pk, agency.pk)
