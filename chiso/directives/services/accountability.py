"""Trách nhiệm người đứng đầu: per agency and period, how the agency did with its tasks.

Counted tasks: the ones an agency itself must do (single-agency tasks, each agency's share of a group
task, each period of a recurring task) whose deadline falls in the period — or, without a deadline,
that were completed in the period or are still open. Score (0–100), written on the page:

    score = 100 × (đúng hạn + 0,5 × trễ hạn) / (đúng hạn + trễ hạn + quá hạn)

Tasks not yet due are not held against anyone; an agency with nothing evaluated has no score and is
ranked last. Ties rank by more tasks done on time.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from chiso.registry.models import Agency

from ..models import Task
from . import life

FORMULA = "Điểm = 100 × (đúng hạn + 0,5 × trễ hạn) / (đúng hạn + trễ hạn + quá hạn); nhiệm vụ chưa đến hạn không tính."


@dataclass
class Row:
    agency: Agency
    assigned: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    open: int = 0
    cancelled: int = 0
    score: float | None = None
    rank: int | None = None
    tasks: list = field(default_factory=list, repr=False)


def leaf_tasks(start, end, directive=None):
    qs = Task.objects.filter(children__isnull=True, lead__isnull=False)
    if directive is not None:
        qs = qs.filter(directive=directive)
    in_period = Q(due_date__gte=start, due_date__lte=end) | Q(due_date__isnull=True) & (
        Q(completed_on__gte=start, completed_on__lte=end) | Q(state__in=life.ACTIVE_STATES)
    )
    return qs.filter(in_period)


def table(start, end, on=None, directive=None, agency_ids=None):
    on = on or life.today()
    rows = {}
    qs = leaf_tasks(start, end, directive)
    if agency_ids is not None:
        qs = qs.filter(lead_id__in=agency_ids)
    for task in qs.select_related("lead").only(
        "lead",
        "state",
        "due_date",
        "due_strict",
        "completed_on",
        "lead__name",
        "lead__code",
        "lead__kind",
        "lead__short_name",
    ):
        row = rows.setdefault(task.lead_id, Row(task.lead))
        key = life.status(task, on).key
        row.assigned += 1
        if key == "done_on_time":
            row.on_time += 1
        elif key == "done_late":
            row.late += 1
        elif key == "overdue":
            row.overdue += 1
        elif key == "cancelled":
            row.cancelled += 1
        else:
            row.open += 1
    result = list(rows.values())
    for row in result:
        judged = row.on_time + row.late + row.overdue
        row.score = round(100 * (row.on_time + 0.5 * row.late) / judged, 1) if judged else None
    result.sort(key=lambda r: (r.score is None, -(r.score or 0), -r.on_time, r.agency.name))
    for i, row in enumerate(result, 1):
        row.rank = i if row.score is not None else None
    return result
