"""Monthly contact with citizens and businesses (seed I.4, II.4.2): each agency records its sessions;
the monitor reads a month × agency grid; a month without a session counts in accountability.

How a missed month reaches accountability: the requirement is a recurring task whose monthly
instances (directives' make_instances) are counted by directives.services.accountability like every
task. Recording a session reports that month's instance for the agency (the monitor accepts it as
usual); a month with no session leaves its instance open, overdue once the month is over. No new
rule in accountability, no import from directives back into this app.
"""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from chiso.directives.models import Directive, Task
from chiso.directives.services import life, notify
from chiso.registry import permissions

from ..models import ContactRequirement, ContactSession, ForwardedIssue


def may_view(user, agency_id):
    return permissions.can(user, "view", "contact", [agency_id])


def may_change(user, agency_id):
    return permissions.can(user, "change", "contact", [agency_id])


@transaction.atomic
def require_contact(task, user, starts_on=None):
    permissions.require(user, "request", "contact")
    if task.parent_id:
        raise ValidationError("Chọn nhiệm vụ gốc của văn bản, không chọn phần việc của một đơn vị.")
    starts_on = starts_on or task.start_date or _first_period(task)
    if starts_on is None:
        raise ValidationError("Nhiệm vụ chưa có tháng bắt đầu; nhập tháng bắt đầu.")
    found, _ = ContactRequirement.objects.get_or_create(
        task=task, defaults={"starts_on": starts_on.replace(day=1)}
    )
    return found


def _first_period(task):
    first = (
        task.children.filter(child_kind=Task.INSTANCE).order_by("start_date").first()
        or Task.objects.filter(parent__parent=task, child_kind=Task.INSTANCE).order_by("start_date").first()
    )
    return first.start_date if first else None


def expected(req):
    """[(agency, leaf or share task)] that must hold sessions."""
    task = req.task
    shares = list(task.children.filter(child_kind=Task.SHARE).select_related("lead").order_by("lead__name"))
    if shares:
        return [(s.lead, s) for s in shares if s.lead_id]
    return [(task.lead, task)] if task.lead_id else []


def months(req, on):
    """[(year, month)] from the first month to the month of `on`."""
    found, y, m = [], req.starts_on.year, req.starts_on.month
    while (y, m) <= (on.year, on.month):
        found.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return found


def _instance(share, held_on):
    label = f"{held_on:%m/%Y}"
    return share.children.filter(child_kind=Task.INSTANCE, period=label).first()


@transaction.atomic
def record_session(
    req,
    agency,
    user,
    *,
    held_on,
    chair,
    participants=0,
    participants_text="",
    issues_raised=0,
    issues_resolved=0,
    summary="",
):
    if not may_change(user, agency.pk):
        raise PermissionDenied("Chỉ cơ quan, đơn vị được giao mới ghi buổi tiếp xúc của mình.")
    share = dict((a.pk, s) for a, s in expected(req)).get(agency.pk)
    if share is None:
        raise ValidationError(f"{agency.name} không được giao nhiệm vụ này.")
    on = life.today()
    if held_on > on:
        raise ValidationError("Ngày tiếp xúc không được sau hôm nay.")
    if held_on < req.starts_on:
        raise ValidationError(f"Yêu cầu tiếp xúc hằng tháng bắt đầu từ tháng {req.starts_on:%m/%Y}.")
    if not chair.strip():
        raise ValidationError("Vui lòng ghi người chủ trì buổi tiếp xúc.")
    if issues_resolved > issues_raised:
        raise ValidationError("Số vướng mắc giải quyết không thể nhiều hơn số ý kiến nêu ra.")
    instance = _instance(share, held_on)
    session = ContactSession.objects.create(
        requirement=req,
        agency=agency,
        held_on=held_on,
        chair=chair.strip(),
        participants=participants,
        participants_text=participants_text.strip(),
        issues_raised=issues_raised,
        issues_resolved=issues_resolved,
        summary=summary.strip(),
        instance=instance,
        created_by=user,
    )
    if instance is not None and instance.state in life.OPEN_STATES and life.may(user, "report", instance):
        life.submit_report(
            instance,
            user,
            text=f"Đã tổ chức tiếp xúc người dân, doanh nghiệp ngày {held_on:%d/%m/%Y} do {session.chair} chủ trì; "
            f"{participants} người tham dự, {issues_raised} ý kiến, giải quyết tại buổi {issues_resolved}.",
            percent=100,
            final=True,
            # the month's work was done on the day of the session, whenever it is entered
            on=held_on,
        )
    return session


def _forward_directive(req, user):
    if req.forwarded_id:
        return req.forwarded
    directive = Directive.objects.create(
        kind="KIẾN NGHỊ",
        title=f"Kiến nghị của người dân, doanh nghiệp qua tiếp xúc hằng tháng theo {req.task.ref} ({req.task.directive})",
        issued_on=life.today(),
        status=Directive.PUBLISHED,
        published_at=timezone.now(),
        published_by=user if user.pk else None,
    )
    req.forwarded = directive
    req.save(update_fields=["forwarded"])
    return directive


@transaction.atomic
def forward_issue(session, user, *, text, to_agency, due_date):
    """An issue the session could not settle becomes a task of the agency that can."""
    if not may_change(user, session.agency_id):
        raise PermissionDenied("Chỉ cơ quan tổ chức buổi tiếp xúc được chuyển kiến nghị.")
    if not text.strip():
        raise ValidationError("Vui lòng ghi nội dung kiến nghị.")
    if due_date <= session.held_on:
        raise ValidationError("Hạn xử lý phải sau ngày tiếp xúc.")
    directive = _forward_directive(session.requirement, user)
    n = directive.tasks.count() + 1
    task = Task.objects.create(
        directive=directive,
        ref=str(n),
        position=n,
        text=f"Giải quyết kiến nghị tại buổi tiếp xúc ngày {session.held_on:%d/%m/%Y} của {session.agency.name}: {text.strip()}",
        lead=to_agency,
        lead_text=to_agency.name,
        report_to=session.agency,
        deadline_kind="date",
        deadline_text=f"trước ngày {due_date:%d/%m/%Y}",
        due_date=due_date,
        due_strict=True,
    )
    issue = ForwardedIssue.objects.create(
        session=session, text=text.strip(), to_agency=to_agency, due_date=due_date, task=task
    )
    notify.assigned([task], actor=user)
    return issue


@dataclass
class Row:
    agency: object
    cells: list = field(default_factory=list)  # [(state, sessions)] per month
    held: int = 0
    missed: int = 0


def _month_end(y, m):
    return date(y, m, calendar.monthrange(y, m)[1])


def grid(req, on=None, agency_ids=None):
    """(months, rows): per agency and month, "held" (n sessions), "missed" (month over, none), "open"."""
    on = on or life.today()
    cols = months(req, on)
    counts = {}
    for agency_id, held_on in req.sessions.values_list("agency_id", "held_on"):
        key = (agency_id, held_on.year, held_on.month)
        counts[key] = counts.get(key, 0) + 1
    rows = []
    for agency, _share in expected(req):
        if agency_ids is not None and agency.pk not in agency_ids:
            continue
        row = Row(agency)
        for y, m in cols:
            n = counts.get((agency.pk, y, m), 0)
            if n:
                state = "held"
                row.held += 1
            elif _month_end(y, m) < on:
                state = "missed"
                row.missed += 1
            else:
                state = "open"
            row.cells.append((state, n))
        rows.append(row)
    return cols, rows


def missed_by_agency(req, on=None):
    """{agency_id: missed months} (for the annual evaluation and the accountability page's reader)."""
    return {r.agency.pk: r.missed for r in grid(req, on)[1]}
