"""Remediation plans (seed I.1): a monitor asks for them through a task, each agency sends its own
(a DOCX/PDF read by the notice reader, or text written in the app), reviews the sub-tasks the reader
found, and submits; the monitor sees who sent, who is late, and each plan's coverage of the weak
components the agency answers for.

The sub-tasks are PlanItems, not directives.Task rows: the agency's share of the asking task stays
one task ("send a plan by 31/8") whose accountability is unchanged, and the plan's own items are the
agency's commitments, followed on the plan page.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from chiso.directives.models import Task
from chiso.directives.services import intake, life, notify
from chiso.indices import tagging
from chiso.notices import NoticeReadError, parse_notice, read_notice_bytes
from chiso.registry import permissions
from chiso.registry.models import Agency

from ..models import PlanItem, PlanRequest, RemediationPlan
from . import uploads, weak_components


def may_view(user, agency_id):
    return permissions.can(user, "view", "plan", [agency_id])


def may_change(user, agency_id):
    return permissions.can(user, "change", "plan", [agency_id])


@transaction.atomic
def request_plans(task, user, results_year):
    """Mark a task as asking each of its agencies for a remediation plan (idempotent)."""
    permissions.require(user, "request", "plan")
    if task.parent_id:
        raise ValidationError("Chọn nhiệm vụ gốc của văn bản, không chọn phần việc của một đơn vị.")
    found, _ = PlanRequest.objects.get_or_create(
        task=task, defaults={"results_year": results_year, "created_by": user if user.pk else None}
    )
    return found


def expected(plan_request):
    """[(agency, share task)] that must send a plan: each share of a group task, or the single lead."""
    task = plan_request.task
    shares = list(task.children.filter(child_kind=Task.SHARE).select_related("lead").order_by("lead__name"))
    if shares:
        return [(s.lead, s) for s in shares if s.lead_id]
    return [(task.lead, task)] if task.lead_id else []


def share_of(plan_request, agency):
    for a, share in expected(plan_request):
        if a.pk == agency.pk:
            return share
    return None


NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[a-zđ])[.)]\s+\S", re.MULTILINE)
SECTION = re.compile(r"^\s*[IVX]{1,4}\.\s+\S", re.MULTILINE)


def _addressed(text, agency_name):
    """The plan as the reader expects a directive: addressed to an agency.

    A notice names who must act; a plan's points have an implicit subject, the agency that wrote it.
    A "Kính gửi" line before the first section makes the reader give every point to that agency. A
    list typed in the app has no document around it, so it gets a title and one section too.
    """
    addressee = f"Kính gửi: {agency_name}\n\n"
    section = SECTION.search(text)
    if section:
        at = text.index(
            section.group().strip(), section.start()
        )  # the line itself, not the blank lines before
        return text[:at].rstrip() + "\n\n" + addressee + text[at:]
    lines = "\n\n".join(line for line in text.splitlines() if line.strip())
    return f"KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n{addressee}{lines}"


def _items_from(text, agency_name, notice_date=None):
    """The reader's tasks as plan items (text, deadline) with suggested components."""
    parsed = parse_notice(text, notice_date=notice_date, gazetteer=intake.gazetteer())
    if NUMBERED.search(text) or SECTION.search(text):
        framed = parse_notice(
            _addressed(text, agency_name), notice_date=notice_date, gazetteer=intake.gazetteer()
        )
        if len(framed.get("tasks") or []) > len(parsed.get("tasks") or []):
            if not SECTION.search(text):
                framed["document"] = {}  # the title and section were ours
                for t in framed["tasks"]:
                    t["ref"] = (t.get("ref") or "").removeprefix("I.")
            parsed = framed
    items = []
    for t in parsed.get("tasks") or []:
        body = (t.get("text") or "").strip()
        if not body:
            continue
        dl = t.get("deadline") or {}
        due = dl.get("due")
        items.append(
            {
                "ref": (t.get("ref") or "")[:40],
                "text": body,
                "deadline_text": (dl.get("text") or "")[:300],
                "due_date": date.fromisoformat(due) if due else None,
                "due_strict": bool(dl.get("strict")),
                "components": sorted(
                    {f"{s['index']}:{s['component']}" for s in tagging.suggest_components(body)}
                ),
            }
        )
    return parsed.get("document") or {}, items


@transaction.atomic
def read_plan(plan_request, agency, user, *, upload=None, text=""):
    """A draft plan for the agency from a file or from text; its items replace the draft's items.

    ValidationError with a Vietnamese message for a bad file, an unreadable one, or a plan already sent.
    """
    if not may_change(user, agency.pk):
        raise PermissionDenied("Chỉ cơ quan, đơn vị được giao mới lập kế hoạch khắc phục của mình.")
    share = share_of(plan_request, agency)
    if share is None:
        raise ValidationError(f"{agency.name} không được giao nhiệm vụ này.")
    plan = RemediationPlan.objects.select_for_update().filter(request=plan_request, agency=agency).first()
    if plan is not None and plan.status == RemediationPlan.SUBMITTED:
        raise ValidationError("Kế hoạch đã gửi; không thay được nữa.")
    data = sha = None
    if upload is not None:
        data, _type, sha = uploads.check(upload)
        try:
            text = read_notice_bytes(data, upload.name)
        except NoticeReadError as exc:
            raise ValidationError(f"Tệp “{upload.name}”: không đọc được nội dung ({exc}).") from exc
    text = (text or "").strip()
    if not text:
        raise ValidationError("Chưa có nội dung kế hoạch: tải tệp DOCX/PDF lên hoặc nhập nội dung.")
    document, items = _items_from(text, agency.name, notice_date=life.today())
    if not items:
        raise ValidationError(
            "Không tìm thấy nhiệm vụ nào trong kế hoạch. Các nhiệm vụ cần được đánh số (1., 2., a), b) …)."
        )
    if plan is None:
        plan = RemediationPlan(request=plan_request, agency=agency, created_by=user)
    plan.share = share
    plan.text = text
    plan.number = (document.get("number") or "")[:80]
    issued = document.get("date")
    plan.issued_on = date.fromisoformat(issued) if issued else None
    if data is not None:
        plan.filename, plan.sha256 = upload.name[:255], sha
        plan.file.save(upload.name, ContentFile(data), save=False)
    elif plan.pk is None:
        plan.filename = plan.sha256 = ""
    plan.save()
    plan.items.all().delete()
    PlanItem.objects.bulk_create(PlanItem(plan=plan, position=i, **item) for i, item in enumerate(items, 1))
    return plan


def _require_draft(plan, user):
    if not may_change(user, plan.agency_id):
        raise PermissionDenied("Chỉ cơ quan, đơn vị được giao mới sửa kế hoạch của mình.")
    if plan.status == RemediationPlan.SUBMITTED:
        raise ValidationError("Kế hoạch đã gửi; không sửa được nữa.")


def known_components():
    """{"PAPI:D8": name} of every component of every index (the keys an item may be tagged with)."""
    from chiso.indices.models import Component

    return {
        f"{i}:{c}": n
        for i, c, n in Component.objects.values_list("methodology__index__code", "code", "name").order_by(
            "methodology__year_from"
        )
    }


def parse_components(text):
    """'PAPI:D8, PAR:LV7' → ['PAPI:D8', 'PAR:LV7']; ValidationError naming the unknown ones."""
    keys = sorted(
        {k.strip().upper().replace(" ", "") for k in (text or "").replace(";", ",").split(",") if k.strip()}
    )
    known = {k.upper(): k for k in known_components()}
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ValidationError(
            f"Không có chỉ số thành phần: {', '.join(unknown)} (viết như PAPI:D8, PAR:LV7)."
        )
    return [known[k] for k in keys]


@transaction.atomic
def save_items(plan, user, rows):
    """The agency's review: rows of {id, text, deadline_text, due_date, components, delete}."""
    _require_draft(plan, user)
    by_id = {i.pk: i for i in plan.items.all()}
    for position, row in enumerate(rows, 1):
        item = by_id.get(row.get("id")) if row.get("id") else None
        if row.get("delete"):
            if item is not None:
                item.delete()
            continue
        if not (row.get("text") or "").strip():
            continue
        item = item or PlanItem(plan=plan)
        item.position = position
        item.text = row["text"].strip()
        item.deadline_text = (row.get("deadline_text") or "")[:300]
        if item.due_date != row.get("due_date"):
            item.due_date, item.due_strict = row.get("due_date"), False
        item.components = row.get("components") or []
        item.save()
    if not plan.items.exists():
        raise ValidationError("Kế hoạch phải có ít nhất một nhiệm vụ.")
    return plan


@transaction.atomic
def submit(plan, user, on=None):
    """Send the reviewed plan to the monitor; the agency's share of the asking task is reported."""
    _require_draft(plan, user)
    if not plan.items.exists():
        raise ValidationError("Kế hoạch phải có ít nhất một nhiệm vụ.")
    on = on or life.today()
    plan.status, plan.submitted_by, plan.submitted_on = RemediationPlan.SUBMITTED, user, on
    plan.save()
    share = plan.share
    url = reverse("programme:plan", args=[plan.request_id, plan.agency_id])
    if share is not None and share.state in life.OPEN_STATES and life.may(user, "report", share):
        life.submit_report(
            share,
            user,
            text=f"Đã gửi kế hoạch khắc phục ({plan.items.count()} nhiệm vụ): {url}",
            percent=100,
            final=True,
            on=on,
        )
    if share is not None:
        notify.send(
            notify.monitors(),
            "plan_submitted",
            share,
            f"{plan.agency.name} đã gửi kế hoạch khắc phục ({plan.items.count()} nhiệm vụ).",
            actor=user,
            url=url,
        )
    return plan


def coverage(plan, assigned):
    """(covered keys, missing keys) of the agency's weak components by the plan's items."""
    tagged = {k for item in plan.items.all() for k in item.components} if plan else set()
    keys = [w["key"] for w in assigned]
    return [k for k in keys if k in tagged], [k for k in keys if k not in tagged]


@dataclass
class Row:
    agency: Agency
    share: Task
    plan: RemediationPlan | None
    state: str  # submitted_on_time, submitted_late, draft, missing, overdue
    label: str
    badge: str
    days_late: int = 0
    assigned: list = field(default_factory=list)
    covered: list = field(default_factory=list)
    missing: list = field(default_factory=list)

    @property
    def coverage_percent(self):
        if not self.assigned:
            return None
        return round(100 * len(self.covered) / len(self.assigned))


def overview(plan_request, on=None, agency_ids=None, coverage_of_weak=True):
    """One row per agency that must send a plan: sent on time / late, draft, not sent (overdue).

    With coverage_of_weak=False the rows leave `assigned`, `covered` and `missing` empty: callers that
    only count states (home card, the monitors' list) skip the index analysis of every province
    (~0.2 s a request, most of the home page's time)."""
    on = on or life.today()
    plans = plan_request.plans.all()
    if coverage_of_weak:  # the items' components; loading them was most of the card's time
        plans = plans.prefetch_related("items")
    plans = {p.agency_id: p for p in plans}
    year = plan_request.results_year
    province_weak, province_memo = {}, {}
    rows = []
    for agency, share in expected(plan_request):
        if agency_ids is not None and agency.pk not in agency_ids:
            continue
        plan = plans.get(agency.pk)
        last = life.last_day(share)
        if plan is not None and plan.status == RemediationPlan.SUBMITTED:
            late = last is not None and plan.submitted_on > last
            days = (plan.submitted_on - last).days if late else 0
            state, label, badge = (
                ("submitted_late", f"Gửi trễ {days} ngày", "warn")
                if late
                else ("submitted_on_time", "Đã gửi đúng hạn", "ok")
            )
        else:
            overdue = last is not None and on > last
            days = (on - last).days if overdue else 0
            if plan is not None:
                state, label, badge = "draft", "Đang rà soát, chưa gửi", "warn"
            else:
                state, label, badge = "missing", "Chưa gửi", ""
            if overdue:
                label = "Đang rà soát, chưa gửi" if plan is not None else "Chưa gửi"
                state, label, badge = "overdue", f"{label}, quá hạn {days} ngày", "bad"
        if not coverage_of_weak:
            rows.append(Row(agency, share, plan, state, label, badge, days))
            continue
        province = weak_components.province_of(agency, province_memo)
        if province is not None and province.pk not in province_weak:
            weak_list = weak_components.weak(province, year)
            province_weak[province.pk] = (weak_list, weak_components.owners_of(weak_list, year))
        assigned = (
            weak_components.assigned_to(agency, year, *province_weak[province.pk], province=province)
            if province is not None
            else []
        )
        covered, missing = coverage(plan, assigned)
        rows.append(Row(agency, share, plan, state, label, badge, days, assigned, covered, missing))
    return rows


def counts(rows):
    keys = ("submitted_on_time", "submitted_late", "draft", "missing", "overdue")
    found = {k: sum(1 for r in rows if r.state == k) for k in keys}
    found["submitted"] = found["submitted_on_time"] + found["submitted_late"]
    found["expected"] = len(rows)
    return found


def set_item_state(item, user, state):
    """After sending, the agency follows each of its sub-tasks."""
    if not may_change(user, item.plan.agency_id):
        raise PermissionDenied("Chỉ cơ quan, đơn vị được giao mới cập nhật việc của mình.")
    if item.plan.status != RemediationPlan.SUBMITTED:
        raise ValidationError("Gửi kế hoạch trước khi cập nhật tiến độ từng việc.")
    if state not in dict(PlanItem.STATES):
        raise ValidationError("Tình trạng không hợp lệ.")
    item.state = state
    item.save(update_fields=["state"])
    return item
