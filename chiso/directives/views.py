"""Follow-up pages: the agency inbox, the monitor board, directive and task pages, accountability."""

from collections import namedtuple
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from chiso.core import jobqueue
from chiso.core.exports import download
from chiso.core.forms import PeriodForm
from chiso.registry import permissions
from chiso.registry.models import Agency

from . import tasks
from .forms import (
    ExtensionDecisionForm,
    ExtensionRequestForm,
    OfficialReportForm,
    ProgressReportForm,
    TaskActionForm,
    TaskEditForm,
)
from .models import (
    HEAVY_DIRECTIVE_FIELDS,
    Directive,
    Evidence,
    Extension,
    Notification,
    NotificationPreference,
    ProgressReport,
    ReminderSchedule,
    Task,
)
from .services import accountability, life, lists, notify


def _ctx(request, **extra):
    on = life.today()
    return {
        "today": on,
        "frozen": on != date.today(),
        "can_board": permissions.scope(request.user, "view", "task") == permissions.ALL,
        "can_inbox": bool(request.user.agency_id) and permissions.can_some(request.user, "report", "task"),
        "can_accountability": permissions.can_some(request.user, "view", "accountability"),
        "can_reports": permissions.can_some(request.user, "view", "report"),
        **extra,
    }


@login_required
def index(request):
    if permissions.scope(request.user, "view", "task") == permissions.ALL:
        return redirect("directives:board")
    return redirect("directives:inbox")


def _rows(tasks, on, soon):
    return [(t, life.status(t, on, soon)) for t in tasks]


@login_required
def inbox(request):
    if not request.user.agency_id or permissions.scope(request.user, "view", "task") is None:
        if permissions.scope(request.user, "view", "task") == permissions.ALL:
            return redirect("directives:board")
        raise PermissionDenied
    on, soon = life.today(), ReminderSchedule.current().due_soon_days
    tab = request.GET.get("tab", "open")
    if tab not in dict(lists.INBOX_TABS):
        tab = "open"
    tasks = lists.inbox(request.user, tab, on, soon)
    if request.GET.get("format") == "xlsx":
        return download(
            lists.xlsx(tasks, on, f"Việc của đơn vị – {dict(lists.INBOX_TABS)[tab]}"), "viec-cua-don-vi.xlsx"
        )
    page = Paginator(lists.grouped(tasks, on, soon), 50).get_page(request.GET.get("page"))
    counts = lists.inbox_counts(request.user, on, soon)
    ctx = _ctx(
        request,
        tab=tab,
        tabs=[(k, label, counts.get(k, 0)) for k, label in lists.INBOX_TABS],
        page=page,
        rows=lists.rows_for(page, on, soon),
        agency=request.user.agency,
    )
    template = "directives/_task_table.html" if request.headers.get("HX-Request") else "directives/inbox.html"
    return render(request, template, ctx)


@login_required
def board(request):
    permissions.require_some(request.user, "view", "task")
    on, soon = life.today(), ReminderSchedule.current().due_soon_days
    params = {
        k: request.GET.get(k, "").strip() for k in ("directive", "agency", "state", "window", "index", "q")
    }
    tasks = lists.board(request.user, params, on, soon)
    if request.GET.get("format") == "xlsx":
        return download(lists.xlsx(tasks, on, "Bảng theo dõi nhiệm vụ"), "bang-theo-doi-nhiem-vu.xlsx")
    page = Paginator(lists.grouped(tasks, on, soon), 50).get_page(request.GET.get("page"))
    ctx = _ctx(
        request,
        page=page,
        rows=lists.rows_for(page, on, soon),
        params=params,
        summary=lists.summary(tasks, on, soon),
        query=request.GET.urlencode(),
    )
    if request.headers.get("HX-Request"):
        return render(request, "directives/_board_results.html", ctx)
    ctx.update(
        directives=Directive.objects.filter(status=Directive.PUBLISHED).only("pk", "kind", "number", "title"),
        agencies=Agency.objects.filter(led_tasks__isnull=False).distinct().only("pk", "name"),
        states=lists.STATE_FILTERS,
        windows=lists.WINDOWS,
        indices=lists.INDEX_FILTERS,
    )
    return render(request, "directives/board.html", ctx)


@login_required
def directive_list(request):
    permissions.require(request.user, "view", "directive")
    on = life.today()
    rows = []
    for d in Directive.objects.filter(status=Directive.PUBLISHED).annotate(
        parts=Count("tasks", filter=Q(tasks__children__isnull=True), distinct=True)
    ):
        leaves = d.tasks.filter(children__isnull=True)
        done = leaves.filter(state=Task.DONE).count()
        rows.append(
            {
                "directive": d,
                "parts": d.parts,
                "done": done,
                "overdue": leaves.filter(life.overdue_q(on)).count(),
                "percent": round(100 * done / d.parts) if d.parts else 0,
            }
        )
    return render(
        request,
        "directives/directive_list.html",
        _ctx(request, rows=rows, can_intake=permissions.can(request.user, "change", "directive")),
    )


_Leaf = namedtuple("_Leaf", "pk parent_id grandparent_id state due_date due_strict completed_on")


@login_required
def directive_detail(request, pk):
    # The notice's full text and its reading are the intake page's; the targets are shown twice.
    directive = get_object_or_404(
        Directive.objects.select_related("issuer").defer("source_text", "parsed").prefetch_related("targets"),
        pk=pk,
    )
    permissions.require(request.user, "view", "directive")
    on, soon = life.today(), ReminderSchedule.current().due_soon_days
    tops = list(
        directive.tasks.filter(parent__isnull=True)
        .select_related("lead")
        .defer("source_text", "checklist", "coordinators_text", "milestones")
    )
    # Everyone who sees every task (monitors, leaders) needs no list of the visible ones.
    sees_all = permissions.scope(request.user, "view", "task") == permissions.ALL
    visible = (
        None
        if sees_all
        else set(life.visible_tasks(request.user, directive.tasks.all()).values_list("pk", flat=True))
    )
    # Each leaf (a task, its shares, their periods) counted under its top task in one pass, as plain
    # rows with what the deadline status reads (no model instance per leaf).
    parts_of = {}
    fields = ("pk", "parent_id", "parent__parent_id", "state", "due_date", "due_strict", "completed_on")
    for row in directive.tasks.filter(children__isnull=True).order_by().values_list(*fields):
        leaf = _Leaf(*row)
        parts_of.setdefault(leaf.grandparent_id or leaf.parent_id or leaf.pk, []).append(leaf)
    rows = []
    for task in tops:
        parts = parts_of.get(task.pk, [])
        keys = [life.status(t, on, soon).key for t in parts]
        counts = {k: keys.count(k) for k in ("done_on_time", "done_late", "overdue", "due_soon", "reported")}
        counts["done"] = counts["done_on_time"] + counts["done_late"]
        rows.append(
            {
                "task": task,
                "status": life.status(task, on, soon),
                "parts": len(parts),
                "counts": counts,
                "percent": round(100 * counts["done"] / len(parts)) if parts else 0,
                "can_view": sees_all or task.pk in visible or any(p.pk in visible for p in parts),
            }
        )
    if request.GET.get("format") == "xlsx":
        return download(
            lists.xlsx(
                life.visible_tasks(request.user, directive.tasks.filter(children__isnull=True))
                .select_related("lead", "directive")
                .defer(*HEAVY_DIRECTIVE_FIELDS),
                on,
                str(directive),
            ),
            f"chi-dao-{directive.pk}.xlsx",
        )
    events = life.TaskEvent.objects.filter(task__directive=directive)
    if visible is not None:
        events = events.filter(task__in=visible) if visible else events.none()
    events = list(
        events.select_related("task", "task__lead")
        .defer("task__source_text", "task__checklist", "task__coordinators_text", "task__milestones")
        .order_by("-on", "-at")[:30]
    )
    for e in events:
        e.label = life.ACTION_LABELS.get(e.action, e.action)
    total = sum(r["parts"] for r in rows)
    done = sum(r["counts"]["done"] for r in rows)
    return render(
        request,
        "directives/directive.html",
        _ctx(
            request,
            directive=directive,
            rows=rows,
            events=events,
            total=total,
            done=done,
            percent=round(100 * done / total) if total else 0,
            action_labels=life.ACTION_LABELS,
            states=dict(Task.STATES),
        ),
    )


def _task_for(request, pk):
    return life.task_for(request.user, pk)


@login_required
def task_detail(request, pk, error=None, status=200):
    task = _task_for(request, pk)
    on, soon = life.today(), ReminderSchedule.current().due_soon_days
    children = list(task.children.select_related("lead").order_by("lead__name", "start_date", "pk"))
    child_rows = _rows(children, on, soon)
    counts = {}
    for _t, st in child_rows:
        counts[st.key] = counts.get(st.key, 0) + 1
    reports = list(
        task.reports.select_related("author", "approved_by", "reviewed_by").prefetch_related("evidence")
    )
    ctx = _ctx(
        request,
        task=task,
        status=life.status(task, on, soon),
        child_rows=child_rows,
        counts=counts,
        done=counts.get("done_on_time", 0) + counts.get("done_late", 0),
        reports=reports,
        extensions=task.extensions.select_related("requested_by", "decided_by"),
        events=_labelled(task.events.select_related("actor")),
        actions=life.allowed_actions(request.user, task),
        action_labels=life.ACTION_LABELS,
        states=dict(Task.STATES),
        error=error,
        can_approve=life.may(request.user, "approve", task),
        can_edit=life.may(request.user, "change", task) and task.state not in (Task.DONE, Task.CANCELLED),
        can_decide=life.may(request.user, "decide_extension", task),
        can_evidence=permissions.can(request.user, "view", "evidence", life.task_agencies(task)),
    )
    return render(request, "directives/task.html", ctx, status=status)


def _labelled(events):
    events = list(events)
    for e in events:
        e.label = life.ACTION_LABELS.get(e.action, e.action)
    return events


def _act(request, pk, work, perm=None):
    """Run one change; wrong role → 403, stale version → 409, bad input → 400, each with the reason shown.
    `perm` (the task action the change needs) is checked before the form is read: 403 comes before 400."""
    task = _task_for(request, pk)
    if perm and not life.may(request.user, perm, task):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với nhiệm vụ.")
    try:
        work(task)
    except life.StaleTask as exc:
        return task_detail(request, pk, error=str(exc), status=409)
    except ValidationError as exc:
        return task_detail(request, pk, error=" ".join(exc.messages), status=400)
    return redirect("directives:task", pk=pk)


@login_required
@require_POST
def task_action(request, pk, action):
    def work(task):
        if action not in life.TRANSITIONS:
            raise ValidationError("Thao tác không hợp lệ.")
        data = TaskActionForm(request.POST).data_or_error()
        life.transition(task, action, request.user, version=data["version"], note=data["note"])
        messages.success(request, f"Đã {life.ACTION_LABELS[action].lower()}.")

    return _act(request, pk, work, perm=life.TRANSITIONS[action][0] if action in life.TRANSITIONS else None)


@login_required
@require_POST
def task_edit(request, pk):
    def work(task):
        data = TaskEditForm(request.POST).data_or_error()
        life.edit(
            task,
            request.user,
            version=data["version"],
            note=data["note"],
            text=data["text"].strip() if "text" in request.POST else task.text,
            due_date=data["due_date"],
            due_strict=data["due_strict"],
        )
        messages.success(request, "Đã lưu thay đổi nhiệm vụ.")

    return _act(request, pk, work, perm="change")


@login_required
@require_POST
def task_report(request, pk):
    def work(task):
        data = ProgressReportForm(request.POST).data_or_error()
        life.submit_report(
            task,
            request.user,
            text=data["text"],
            percent=data["percent"] or 0,
            final=data["final"],
            files=request.FILES.getlist("files"),
            version=data["version"],
        )
        messages.success(request, "Đã gửi báo cáo.")

    return _act(request, pk, work, perm="report")


@login_required
@require_POST
def report_approve(request, pk, report_pk):
    def work(task):
        report = get_object_or_404(ProgressReport, pk=report_pk, task=task)
        life.approve_report(
            report, request.user, version=TaskActionForm(request.POST).data_or_error()["version"]
        )
        messages.success(request, "Đã duyệt báo cáo, gửi cơ quan theo dõi.")

    return _act(request, pk, work, perm="approve")


@login_required
@require_POST
def report_return(request, pk, report_pk):
    def work(task):
        report = get_object_or_404(ProgressReport, pk=report_pk, task=task)
        data = TaskActionForm(request.POST).data_or_error()
        life.return_report(report, request.user, note=data["note"], version=data["version"])
        messages.success(request, "Đã trả lại báo cáo cho chuyên viên kèm ý kiến.")

    return _act(request, pk, work, perm="approve")


@login_required
@require_POST
def extension_request(request, pk):
    def work(task):
        data = ExtensionRequestForm(request.POST).data_or_error()
        life.request_extension(
            task, request.user, new_due=data["new_due"], reason=data["reason"], version=data["version"]
        )
        messages.success(request, "Đã gửi đề nghị gia hạn.")

    return _act(request, pk, work, perm="request_extension")


@login_required
@require_POST
def extension_decide(request, pk, ext_pk):
    def work(task):
        ext = get_object_or_404(Extension, pk=ext_pk, task=task)
        data = ExtensionDecisionForm(request.POST).data_or_error()
        life.decide_extension(
            ext,
            request.user,
            approve=data["decision"] == "approve",
            note=data["note"],
            version=data["version"],
        )
        messages.success(request, "Đã quyết định đề nghị gia hạn.")

    return _act(request, pk, work, perm="decide_extension")


@login_required
def evidence_download(request, pk):
    evidence = get_object_or_404(
        Evidence.objects.select_related("report__task", "report__task__parent"), pk=pk
    )
    permissions.require(request.user, "view", "evidence", life.task_agencies(evidence.report.task))
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.filename,
        content_type=evidence.content_type,
    )


@login_required
def notification_count(request):
    return render(request, "directives/_bell.html", {"unread": notify.unread(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    if request.method == "POST":
        mode = request.POST.get("email")
        if mode not in dict(NotificationPreference.MODES):
            raise ValidationError("Cách nhận thư không hợp lệ.")
        NotificationPreference.objects.update_or_create(user=request.user, defaults={"email": mode})
        messages.success(request, "Đã lưu cách nhận thư thông báo.")
        return redirect("directives:notifications")
    items = list(Notification.objects.filter(user=request.user).select_related("task")[:100])
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return render(
        request,
        "directives/notifications.html",
        _ctx(
            request,
            items=items,
            modes=NotificationPreference.MODES,
            mode=NotificationPreference.mode_for(request.user),
            has_email=bool(request.user.email),
        ),
    )


@login_required
def task_shares(request, pk):
    """The shares (or periods) of a group task, for the expandable row of a list."""
    task = _task_for(request, pk)
    on, soon = life.today(), ReminderSchedule.current().due_soon_days
    children = life.visible_tasks(request.user, lists.leaves().filter(Q(parent_id=pk) | Q(root_id=pk)))
    children = children.select_related("lead", "parent", "parent__lead").order_by(
        "lead__name", "start_date", "pk"
    )
    return render(request, "directives/_shares.html", {"task": task, "rows": _rows(children, on, soon)})


def _period(request):
    on = life.today()
    form = PeriodForm(request.GET, default=(date(on.year, 1, 1), date(on.year, 12, 31)))
    for message in form.messages():
        messages.error(request, message)
    return form.period()


@login_required
def accountability_view(request):
    permissions.require_some(request.user, "view", "accountability")
    start, end = _period(request)
    agency_ids = permissions.agency_scope(request.user, "view", "accountability")
    if request.GET.get("format") == "docx":
        # Built by a worker like the official report: the page shows progress, then the download.
        job = jobqueue.start(
            tasks.accountability_report,
            label=f"Báo cáo kết quả thực hiện nhiệm vụ theo cơ quan {start:%d/%m/%Y}–{end:%d/%m/%Y}",
            user=request.user,
            start=start.isoformat(),
            end=end.isoformat(),
            agency_ids=None if agency_ids is None else sorted(agency_ids),
        )
        return redirect("core:job_status", job.pk)
    rows = accountability.table(start, end, agency_ids=agency_ids)
    if request.GET.get("format") == "xlsx":
        from .services import official

        return download(
            official.accountability_xlsx(rows, start, end), f"trach-nhiem-{start:%Y%m%d}-{end:%Y%m%d}.xlsx"
        )
    top = rows[:30]
    chart = {
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0},
        "grid": {"left": 220, "right": 30, "top": 30, "bottom": 20},
        "xAxis": {"type": "value"},
        "yAxis": {
            "type": "category",
            "inverse": True,
            "data": [r.agency.short_name or r.agency.name for r in top],
        },
        "series": [
            {
                "name": "Đúng hạn",
                "type": "bar",
                "stack": "a",
                "data": [r.on_time for r in top],
                "itemStyle": {"color": "#2e7d32"},
            },
            {
                "name": "Trễ hạn",
                "type": "bar",
                "stack": "a",
                "data": [r.late for r in top],
                "itemStyle": {"color": "#ef8f00"},
            },
            {
                "name": "Quá hạn",
                "type": "bar",
                "stack": "a",
                "data": [r.overdue for r in top],
                "itemStyle": {"color": "#c62828"},
            },
            {
                "name": "Đang thực hiện",
                "type": "bar",
                "stack": "a",
                "data": [r.open for r in top],
                "itemStyle": {"color": "#90a4ae"},
            },
        ],
    }
    return render(
        request,
        "directives/accountability.html",
        _ctx(
            request,
            rows=rows,
            start=start,
            end=end,
            chart=chart,
            formula=accountability.FORMULA,
            chart_height=max(300, 26 * len(top) + 60),
        ),
    )


@login_required
def official_report(request):
    """Báo cáo tình hình thực hiện, built by a background job; the page shows its progress and the file."""
    permissions.require_some(request.user, "view", "report")
    if request.method != "POST":
        return redirect("directives:reports")
    form = OfficialReportForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("directives:reports")
    on = life.today()
    data = form.cleaned_data
    start, end = data["start"] or date(on.year, 1, 1), data["end"] or date(on.year, 12, 31)
    scope = permissions.agency_scope(request.user, "view", "report")
    agency_ids = None if scope is None else sorted(scope)
    job = jobqueue.start(
        tasks.official_report,
        label=f"Báo cáo tình hình thực hiện {start:%d/%m/%Y}–{end:%d/%m/%Y}",
        user=request.user,
        directive_id=data["directive"].pk if data["directive"] else None,
        start=start.isoformat(),
        end=end.isoformat(),
        fmt=data["format"],
        agency_ids=agency_ids,
    )
    return redirect("core:job_status", job.pk)


@login_required
def reports_page(request):
    permissions.require_some(request.user, "view", "report")
    start, end = _period(request)
    return render(
        request,
        "directives/reports.html",
        _ctx(request, form=OfficialReportForm(initial={"start": start, "end": end})),
    )


def task_url(task):
    return reverse("directives:task", args=[task.pk])
