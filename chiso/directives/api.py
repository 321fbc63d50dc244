"""JSON API for directives, tasks and progress reports; the same permission rules as the web."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from chiso.core.audit import acting_as
from chiso.registry import permissions

from .models import Directive, ProgressReport, ReminderSchedule
from .services import life, lists

router = Router(tags=["Chỉ đạo, nhiệm vụ"])


class DirectiveOut(Schema):
    id: int
    kind: str
    number: str
    title: str
    issued_on: date | None
    meeting_date: date | None
    status: str


class TaskOut(Schema):
    id: int
    directive_id: int
    parent_id: int | None
    child_kind: str
    ref: str
    period: str
    text: str
    lead_id: int | None
    lead_text: str
    due_date: date | None
    due_strict: bool
    original_due_date: date | None
    state: str
    status: str
    status_label: str
    percent: int
    completed_on: date | None
    version: int


class ReportOut(Schema):
    id: int
    task_id: int
    reported_on: date
    text: str
    percent: int
    final: bool
    status: str
    review_comment: str


class ReportIn(Schema):
    text: str
    percent: int = 0
    final: bool = False
    version: int


class TransitionIn(Schema):
    action: str
    version: int
    note: str = ""


class Problem(Schema):
    detail: str


def _out(task, on):
    st = life.status(task, on)
    return {
        **{
            f: getattr(task, f)
            for f in (
                "id",
                "directive_id",
                "parent_id",
                "child_kind",
                "ref",
                "period",
                "text",
                "lead_id",
                "lead_text",
                "due_date",
                "due_strict",
                "original_due_date",
                "state",
                "percent",
                "completed_on",
                "version",
            )
        },
        "status": st.key,
        "status_label": st.label,
    }


@router.get("/directives", response=list[DirectiveOut])
def list_directives(request):
    permissions.require(request.user, "view", "directive")
    return Directive.objects.filter(status=Directive.PUBLISHED)


@router.get("/directives/{directive_id}", response=DirectiveOut)
def get_directive(request, directive_id: int):
    permissions.require(request.user, "view", "directive")
    return get_object_or_404(Directive, pk=directive_id)


@router.get("/tasks", response=list[TaskOut])
def list_tasks(
    request,
    directive: int | None = None,
    agency: int | None = None,
    state: str = "",
    window: str = "",
    limit: int = Query(200, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
):
    """Tasks someone reports on (shares and periods included), filtered like the monitor board."""
    permissions.require_some(request.user, "view", "task")
    on = life.today()
    params = {"directive": directive, "agency": agency, "state": state, "window": window}
    qs = lists.board(request.user, params, on, ReminderSchedule.current().due_soon_days)
    return [_out(t, on) for t in qs[offset : offset + limit]]


def _task(request, task_id):
    return life.task_for(request.user, task_id)


@router.get("/tasks/{task_id}", response=TaskOut)
def get_task(request, task_id: int):
    return _out(_task(request, task_id), life.today())


@router.post("/tasks/{task_id}/transition", response={200: TaskOut, 400: Problem, 409: Problem})
def transition(request, task_id: int, payload: TransitionIn):
    """Move the task: start, accept, return, cancel, reopen. `version` guards against overwriting someone else's change."""
    task = _task(request, task_id)
    try:
        with acting_as(request.user):
            task = life.transition(
                task, payload.action, request.user, version=payload.version, note=payload.note
            )
    except life.StaleTask as exc:
        return 409, {"detail": str(exc)}
    except ValidationError as exc:
        return 400, {"detail": " ".join(exc.messages)}
    return 200, _out(task, life.today())


@router.get("/tasks/{task_id}/reports", response=list[ReportOut])
def list_reports(request, task_id: int):
    return _task(request, task_id).reports.all()


@router.post("/tasks/{task_id}/reports", response={201: ReportOut, 400: Problem, 409: Problem})
def create_report(request, task_id: int, payload: ReportIn):
    """A progress report without files (evidence files are uploaded on the task page)."""
    task = _task(request, task_id)
    try:
        with acting_as(request.user):
            report = life.submit_report(
                task,
                request.user,
                text=payload.text,
                percent=payload.percent,
                final=payload.final,
                version=payload.version,
            )
    except life.StaleTask as exc:
        return 409, {"detail": str(exc)}
    except ValidationError as exc:
        return 400, {"detail": " ".join(exc.messages)}
    return 201, report


class ExtensionIn(Schema):
    new_due: date
    reason: str
    version: int


class DecisionIn(Schema):
    approve: bool
    note: str = ""
    version: int


class ExtensionOut(Schema):
    id: int
    task_id: int
    old_due: date | None
    new_due: date
    reason: str
    status: str
    decision_note: str


@router.post("/tasks/{task_id}/extensions", response={201: ExtensionOut, 400: Problem, 409: Problem})
def request_extension(request, task_id: int, payload: ExtensionIn):
    task = _task(request, task_id)
    try:
        with acting_as(request.user):
            ext = life.request_extension(
                task, request.user, new_due=payload.new_due, reason=payload.reason, version=payload.version
            )
    except life.StaleTask as exc:
        return 409, {"detail": str(exc)}
    except ValidationError as exc:
        return 400, {"detail": " ".join(exc.messages)}
    return 201, ext


@router.post(
    "/tasks/{task_id}/extensions/{extension_id}/decision",
    response={200: ExtensionOut, 400: Problem, 409: Problem},
)
def decide_extension(request, task_id: int, extension_id: int, payload: DecisionIn):
    task = _task(request, task_id)
    ext = get_object_or_404(task.extensions, pk=extension_id)
    try:
        with acting_as(request.user):
            ext = life.decide_extension(
                ext, request.user, approve=payload.approve, note=payload.note, version=payload.version
            )
    except life.StaleTask as exc:
        return 409, {"detail": str(exc)}
    except ValidationError as exc:
        return 400, {"detail": " ".join(exc.messages)}
    return 200, ext


@router.get("/reports/{report_id}", response=ReportOut)
def get_report(request, report_id: int):
    report = get_object_or_404(ProgressReport.objects.select_related("task", "task__parent"), pk=report_id)
    if not life.may(request.user, "view", report.task):
        raise PermissionDenied("Bạn không có quyền xem báo cáo này.")
    return report
