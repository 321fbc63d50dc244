"""A task's life: allowed transitions, who may make them, derived lateness, optimistic locking.

States are stored (chưa thực hiện, đang thực hiện, đã báo cáo, hoàn thành, trả lại, dừng/hủy);
"quá hạn", "sắp đến hạn", "đúng hạn"/"trễ hạn" are always derived from the dates, never stored.
"""

import calendar
import hashlib
import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from chiso.core import audit, uploads
from chiso.registry import permissions

from ..models import Evidence, Extension, ProgressReport, ReminderSchedule, Task, TaskEvent
from . import notify

OPEN_STATES = (Task.NEW, Task.IN_PROGRESS, Task.RETURNED)
ACTIVE_STATES = OPEN_STATES + (Task.REPORTED,)
STATE_LABELS = dict(Task.STATES)


class StaleTask(Exception):
    """Someone else changed the task since this person opened it."""

    message = (
        "Nhiệm vụ vừa được người khác cập nhật. Vui lòng tải lại trang để xem thay đổi rồi thực hiện lại."
    )


def today():
    """Today in Vietnam, unless the administrator froze the clock for a demo or a training."""
    # The schedule's row, which the same page reads for its reminder days (once per request).
    return ReminderSchedule.current().as_of or timezone.localdate()


# ---- derived deadline status --------------------------------------------------------------------


def last_day(task):
    """The last day the work counts as on time ("trước ngày 31/8" means by 30/8)."""
    if task.due_date is None:
        return None
    return task.due_date - timedelta(days=1) if task.due_strict else task.due_date


@dataclass
class Status:
    key: str
    label: str
    badge: str


def status(task, on=None, soon_days=7):
    on = on or today()
    end = last_day(task)
    if task.state == Task.DONE:
        if end is not None and task.completed_on and task.completed_on > end:
            return Status("done_late", "Hoàn thành trễ hạn", "warn")
        return Status("done_on_time", "Hoàn thành đúng hạn", "ok")
    if task.state == Task.CANCELLED:
        return Status("cancelled", "Dừng, hủy", "")
    if end is not None and on > end:
        return Status("overdue", f"Quá hạn {(on - end).days} ngày", "bad")
    if task.state == Task.REPORTED:
        return Status("reported", "Đã báo cáo, chờ xem xét", "")
    if task.state == Task.RETURNED:
        return Status("returned", "Bị trả lại", "warn")
    if end is not None and (end - on).days <= soon_days:
        return Status("due_soon", f"Sắp đến hạn ({(end - on).days} ngày)", "warn")
    return Status(task.state, STATE_LABELS[task.state], "")


def overdue_q(on):
    """Tasks still open (or awaiting review) after their last day."""
    return Q(state__in=ACTIVE_STATES) & (
        Q(due_strict=False, due_date__lt=on) | Q(due_strict=True, due_date__lte=on)
    )


def due_soon_q(on, days):
    return Q(state__in=ACTIVE_STATES) & (
        Q(due_strict=False, due_date__gte=on, due_date__lte=on + timedelta(days=days))
        | Q(due_strict=True, due_date__gt=on, due_date__lte=on + timedelta(days=days + 1))
    )


def done_late_q():
    from django.db.models import F

    return Q(state=Task.DONE) & (
        Q(due_strict=False, completed_on__gt=F("due_date"))
        | Q(due_strict=True, completed_on__gte=F("due_date"))
    )


# ---- permissions on one task --------------------------------------------------------------------


def task_agencies(task):
    """Agencies whose people work on the task: the lead; for a share or instance, also the parent's lead."""
    ids = [task.lead_id] if task.lead_id else []
    if not ids and task.parent_id:
        ids = [task.parent.lead_id]
    return [i for i in ids if i]


def may(user, action, task):
    return permissions.can(user, action, "task", task_agencies(task))


def task_for(user, pk):
    """The task if the user may see it (lead, coordinating agency, or a share of a group task), else
    PermissionDenied: the one check the task page and the API both use."""
    from django.core.exceptions import PermissionDenied
    from django.db.models import Q
    from django.shortcuts import get_object_or_404

    task = get_object_or_404(
        Task.objects.select_related("directive", "lead", "parent", "parent__lead"), pk=pk
    )
    if may(user, "view", task):
        return task
    # Coordinating agencies see the task; a group task is visible to every agency with a share in it.
    family = Task.objects.filter(Q(pk=pk) | Q(parent_id=pk) | Q(root_id=pk))
    if not visible_tasks(user, family).exists():
        raise PermissionDenied("Bạn không có quyền xem nhiệm vụ này.")
    return task


def visible_tasks(user, qs=None):
    qs = Task.objects.all() if qs is None else qs
    return permissions.filter_queryset(qs, user, "view", "task", ["lead", "coordinators"])


# ---- transitions ---------------------------------------------------------------------------------

# action: (permission action, states it may start from, resulting state, reason required)
TRANSITIONS = {
    "start": ("report", (Task.NEW, Task.RETURNED), Task.IN_PROGRESS, False),
    "accept": ("review", (Task.REPORTED,), Task.DONE, False),
    "return": ("review", (Task.REPORTED,), Task.RETURNED, True),
    "cancel": ("change", (Task.NEW, Task.IN_PROGRESS, Task.REPORTED, Task.RETURNED), Task.CANCELLED, True),
    "reopen": ("change", (Task.CANCELLED, Task.DONE), Task.IN_PROGRESS, True),
}
ACTION_LABELS = {
    "start": "Bắt đầu thực hiện",
    "report": "Gửi báo cáo",
    "progress": "Báo cáo tiến độ",
    "approve": "Lãnh đạo đơn vị duyệt báo cáo",
    "accept": "Chấp nhận kết quả",
    "return": "Trả lại",
    "cancel": "Dừng, hủy",
    "reopen": "Mở lại",
    "request_extension": "Đề nghị gia hạn",
    "approve_extension": "Đồng ý gia hạn",
    "refuse_extension": "Không đồng ý gia hạn",
    "head_return": "Lãnh đạo đơn vị trả lại báo cáo",
    "create": "Giao nhiệm vụ",
    "edit": "Sửa nhiệm vụ",
}


def allowed_actions(user, task):
    """Buttons to show: the actions this user may take on the task now."""
    if task.children.exists():
        return []
    found = [
        a
        for a, (perm, sources, _s, _r) in TRANSITIONS.items()
        if task.state in sources and may(user, perm, task)
    ]
    if (
        task.state in OPEN_STATES
        and may(user, "report", task)
        and not task.reports.filter(status=ProgressReport.PENDING_HEAD).exists()
    ):
        found.append("report")  # not while a report waits for the head: it would be refused
    if (
        task.state in ACTIVE_STATES
        and task.due_date
        and may(user, "request_extension", task)
        and not task.extensions.filter(status=Extension.PENDING).exists()
    ):
        found.append("request_extension")
    return found


def _log(task, action, from_state, to_state, user, note="", on=None):
    TaskEvent.objects.create(
        task=task,
        on=on or today(),
        actor=user if user and user.pk else None,
        actor_label=(str(user) if user else "hệ thống")[:200],
        action=action,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )


def parse_version(value):
    """The task version a form or client sent: required, an integer (optimistic locking is never
    skipped because a field was left out); a Vietnamese 400 message otherwise. Views pass the posted
    text ("" when the field is missing); only internal callers pass None to skip the check."""
    text = str(value).strip() if value is not None else ""
    if not text:
        raise ValidationError("Thiếu phiên bản của nhiệm vụ (version); hãy tải lại trang rồi thử lại.")
    try:
        number = int(text)
    except ValueError:
        raise ValidationError(f"Phiên bản “{text[:20]}” không hợp lệ: phải là một số nguyên.")
    if number < 0:
        raise ValidationError(f"Phiên bản “{text[:20]}” không hợp lệ: phải là một số nguyên.")
    return number


def _locked(task, version):
    """The fresh row, locked for the transaction, if nobody changed it since `version` was read."""
    fresh = Task.objects.select_for_update().get(pk=task.pk)
    if version is not None and parse_version(version) != fresh.version:
        raise StaleTask(StaleTask.message)
    return fresh


def _save(task, *fields):
    task.version += 1
    task.save(update_fields=[*fields, "version", "updated_at"])


def transition(task, action, user, *, version=None, note="", on=None):
    if action not in TRANSITIONS:
        raise ValidationError(f"Thao tác không hợp lệ: {action}")
    perm, sources, target, reason_required = TRANSITIONS[action]
    if not may(user, perm, task):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này với nhiệm vụ.")
    if reason_required and not note.strip():
        raise ValidationError("Vui lòng ghi rõ lý do.")
    on = on or today()
    with transaction.atomic():
        task = _locked(task, version)
        if task.children.exists():
            raise ValidationError(
                "Nhiệm vụ này được theo dõi qua từng đơn vị / từng kỳ; hãy cập nhật ở phần việc tương ứng."
            )
        if task.state not in sources:
            raise ValidationError(
                f"Không thể “{ACTION_LABELS[action]}” khi nhiệm vụ đang ở trạng thái “{STATE_LABELS[task.state]}”."
            )
        before = task.state
        task.state = target
        fields = ["state"]
        if action in ("accept", "return"):
            report = task.reports.filter(status=ProgressReport.SUBMITTED).first()
            if report and report.author_id == getattr(user, "pk", None):
                # someone holding both roles (e.g. the director of Sở Nội vụ) never judges his own report
                raise ValidationError(
                    "Người gửi báo cáo không tự xem xét báo cáo của mình; đề nghị cán bộ theo dõi khác xem xét."
                )
            if report:
                report.status = ProgressReport.ACCEPTED if action == "accept" else ProgressReport.RETURNED
                report.reviewed_by, report.reviewed_at, report.review_comment = user, timezone.now(), note
                report.save()
            if action == "accept":
                task.completed_on = report.reported_on if report else on
                task.percent = 100
                fields += ["completed_on", "percent"]
        if action == "reopen":
            task.completed_on = None
            fields.append("completed_on")
        _save(task, *fields)
        _log(task, action, before, target, user, note, on)
        rollup(task.parent)
        notify.for_transition(task, action, user, note)
    return task


def rollup(parent):
    """A group or recurring task is done when every part is done (its lateness: the latest part's)."""
    if parent is None:
        return
    parts = list(parent.children.exclude(state=Task.CANCELLED).values_list("state", "completed_on"))
    if not parts:
        return
    if all(s == Task.DONE for s, _ in parts):
        state, completed = Task.DONE, max(c for _, c in parts if c)
    elif any(s != Task.NEW for s, _ in parts):
        state, completed = Task.IN_PROGRESS, None
    else:
        state, completed = Task.NEW, None
    done = sum(1 for s, _ in parts if s == Task.DONE)
    percent = round(100 * done / len(parts))
    if (parent.state, parent.completed_on, parent.percent) != (state, completed, percent):
        parent.state, parent.completed_on, parent.percent = state, completed, percent
        _save(parent, "state", "completed_on", "percent")
    rollup(parent.parent)


# ---- progress reports and evidence ---------------------------------------------------------------

ALLOWED_EVIDENCE = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# All the files of one progress report together (settings.CHISO_REPORT_QUOTA_MB, default 50 MB).


def check_evidence(upload):
    """The file's content type, decided by its content (core.uploads); a clear message otherwise."""
    kind = uploads.check_upload(upload, list(ALLOWED_EVIDENCE), max_bytes=MAX_EVIDENCE_BYTES)
    return ALLOWED_EVIDENCE[kind]


def check_report_quota(files):
    from django.conf import settings

    quota = settings.CHISO_REPORT_QUOTA_MB * 1024 * 1024
    total = sum(f.size or 0 for f in files)
    if total > quota:
        raise ValidationError(
            f"Các tệp minh chứng của một báo cáo cộng lại {total / 1048576:.1f} MB, vượt quá {quota // 1048576} MB.".replace(
                ".", ",", 1
            )
        )


def submit_report(task, user, *, text, percent, final, files=(), version=None, on=None):
    """An agency reports progress; a final report sends the task to the monitor (after the head, if set)."""
    if not may(user, "report", task):
        raise PermissionDenied("Bạn không có quyền báo cáo nhiệm vụ này.")
    if not text.strip():
        raise ValidationError("Vui lòng nhập nội dung báo cáo.")
    try:
        percent = int(percent)
    except (TypeError, ValueError):
        raise ValidationError("Tỷ lệ hoàn thành phải là số từ 0 đến 100.")
    if not 0 <= percent <= 100:
        raise ValidationError("Tỷ lệ hoàn thành phải là số từ 0 đến 100.")
    check_report_quota(files)
    types = [check_evidence(f) for f in files]
    on = on or today()
    needs_head = final and ReminderSchedule.current().head_approval and not may(user, "approve", task)
    with transaction.atomic():
        task = _locked(task, version)
        if task.children.exists():
            raise ValidationError("Hãy báo cáo ở phần việc của đơn vị / kỳ tương ứng.")
        if task.state not in OPEN_STATES:
            raise ValidationError(
                f"Không thể báo cáo khi nhiệm vụ đang ở trạng thái “{STATE_LABELS[task.state]}”."
            )
        if task.reports.filter(status=ProgressReport.PENDING_HEAD).exists():
            raise ValidationError("Đã có báo cáo đang chờ lãnh đạo đơn vị duyệt.")
        status_ = (
            ProgressReport.NOTED
            if not final
            else (ProgressReport.PENDING_HEAD if needs_head else ProgressReport.SUBMITTED)
        )
        report = ProgressReport.objects.create(
            task=task,
            author=user,
            reported_on=on,
            text=text.strip(),
            percent=100 if final else percent,
            final=final,
            status=status_,
        )
        for upload, content_type in zip(files, types):
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
            Evidence.objects.create(
                report=report,
                file=upload,
                filename=upload.name[:255],
                size=upload.size,
                content_type=content_type,
                sha256=digest.hexdigest(),
            )
        before = task.state
        task.percent = report.percent
        task.state = Task.REPORTED if status_ == ProgressReport.SUBMITTED else Task.IN_PROGRESS
        _save(task, "state", "percent")
        note = "Chờ lãnh đạo đơn vị duyệt" if needs_head else ""
        _log(task, "report" if final else "progress", before, task.state, user, note, on)
        rollup(task.parent)
        notify.report_sent(report, user)
    return report


def approve_report(report, user, *, version=None, on=None):
    task = report.task
    if not may(user, "approve", task):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị được duyệt báo cáo.")
    if report.status != ProgressReport.PENDING_HEAD:
        raise ValidationError("Báo cáo này không chờ duyệt.")
    with transaction.atomic():
        task = _locked(task, version)
        report.status, report.approved_by, report.approved_at = ProgressReport.SUBMITTED, user, timezone.now()
        report.save()
        before = task.state
        task.state = Task.REPORTED
        _save(task, "state")
        _log(task, "approve", before, task.state, user, "", on)
        notify.head_decided(report, user, approved=True)
    return report


def return_report(report, user, *, note, version=None, on=None):
    """The unit head sends a report back to the officer with a comment; the task is open again."""
    task = report.task
    if not may(user, "approve", task):
        raise PermissionDenied("Chỉ lãnh đạo đơn vị được trả lại báo cáo chờ duyệt.")
    if report.status != ProgressReport.PENDING_HEAD:
        raise ValidationError("Báo cáo này không chờ duyệt.")
    if not (note or "").strip():
        raise ValidationError("Vui lòng ghi ý kiến để chuyên viên sửa báo cáo.")
    with transaction.atomic():
        task = _locked(task, version)
        report.status = ProgressReport.RETURNED
        report.reviewed_by, report.reviewed_at, report.review_comment = user, timezone.now(), note.strip()
        report.save()
        before = task.state
        task.state = Task.RETURNED
        _save(task, "state")
        _log(task, "head_return", before, task.state, user, note.strip(), on)
        rollup(task.parent)
        notify.head_decided(report, user, approved=False, note=note.strip())
    return report


# ---- extensions ----------------------------------------------------------------------------------


def request_extension(task, user, *, new_due, reason, version=None, on=None):
    if not may(user, "request_extension", task):
        raise PermissionDenied("Bạn không có quyền đề nghị gia hạn nhiệm vụ này.")
    if not reason.strip():
        raise ValidationError("Vui lòng ghi rõ lý do đề nghị gia hạn.")
    if task.due_date is None or new_due <= task.due_date:
        raise ValidationError("Hạn đề nghị phải sau hạn hiện tại.")
    with transaction.atomic():
        task = _locked(task, version)
        if task.extensions.filter(status=Extension.PENDING).exists():
            raise ValidationError("Đã có một đề nghị gia hạn đang chờ quyết định.")
        ext = Extension.objects.create(
            task=task,
            requested_by=user,
            requested_on=on or today(),
            reason=reason.strip(),
            old_due=task.due_date,
            new_due=new_due,
        )
        _save(task)
        _log(
            task,
            "request_extension",
            task.state,
            task.state,
            user,
            f"Đến {new_due:%d/%m/%Y}: {reason.strip()}",
            on,
        )
        notify.extension_requested(ext, user)
    return ext


def decide_extension(ext, user, *, approve, note="", version=None, on=None):
    task = ext.task
    if not may(user, "decide_extension", task):
        raise PermissionDenied("Chỉ cơ quan theo dõi được quyết định gia hạn.")
    if ext.status != Extension.PENDING:
        raise ValidationError("Đề nghị gia hạn này đã được quyết định.")
    on = on or today()
    with transaction.atomic():
        task = _locked(task, version)
        ext.status = Extension.APPROVED if approve else Extension.REFUSED
        ext.decided_by, ext.decided_on, ext.decision_note = user, on, note
        ext.save()
        fields = []
        if approve:
            # The original deadline stays visible; lateness is judged against the approved date.
            if task.original_due_date is None:
                task.original_due_date = task.due_date
                fields.append("original_due_date")
            task.due_date, task.due_strict = ext.new_due, False
            fields += ["due_date", "due_strict"]
        _save(task, *fields)
        _log(
            task,
            "approve_extension" if approve else "refuse_extension",
            task.state,
            task.state,
            user,
            f"Hạn mới {ext.new_due:%d/%m/%Y}. {note}".strip() if approve else note,
            on,
        )
        notify.extension_decided(ext, user)
    return ext


# ---- fan-out of group tasks and recurring instances ----------------------------------------------


def fan_out(task, agencies, on=None):
    """One share per member agency of a group task (idempotent)."""
    existing = set(task.children.filter(child_kind=Task.SHARE).values_list("lead_id", flat=True))
    created = []
    for i, agency in enumerate(agencies):
        if agency.pk in existing:
            continue
        created.append(
            Task(
                directive_id=task.directive_id,
                parent=task,
                root_id=task.top_id,
                child_kind=Task.SHARE,
                ref=task.ref,
                position=task.position * 1000 + i,
                text=task.text,
                source_text=task.source_text,
                lead=agency,
                lead_text=agency.name,
                report_to=task.report_to,
                deadline_kind=task.deadline_kind,
                deadline_text=task.deadline_text,
                due_date=task.due_date,
                due_strict=task.due_strict,
                start_date=task.start_date,
                recurrence=task.recurrence,
                milestones=task.milestones,
                original_due_date=task.original_due_date,
            )
        )
    Task.objects.bulk_create(created)
    if created:
        audit.record(
            task,
            "action",
            {"shares": [a.lead_id for a in created]},
            f"Giao cho {len(created)} đơn vị (phần việc)",
        )
        notify.assigned(created)
    return created


def _add_months(d, n):
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def periods(task, until):
    """(label, start, due, strict) for each period of a recurring task that has begun by `until`."""
    start = task.start_date or (task.directive.issued_on or task.directive.meeting_date or until)
    match = re.search(r"(?:trước|đến|chậm nhất)\s+ngày\s+(\d{1,2})", task.deadline_text or "", re.I)
    day, strict = (int(match.group(1)), "trước" in match.group(0).lower()) if match else (None, False)
    step = {"month": 1, "quarter": 3, "year": 12}.get(task.recurrence)
    if step is None:
        return []
    if task.start_date is None and step in (1, 3):
        # "định kỳ hàng tháng" in a notice of 27/7 means the reports of August onward
        start = _add_months(date(start.year, start.month, 1), step)
    if step == 12:
        cursor = date(start.year, 1, 1)
    elif step == 3:
        cursor = date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    else:
        cursor = date(start.year, start.month, 1)
    found = []
    while cursor <= until:
        end = _add_months(cursor, step) - timedelta(days=1)
        due = date(end.year, end.month, min(day, calendar.monthrange(end.year, end.month)[1])) if day else end
        label = {
            1: f"{cursor:%m/%Y}",
            3: f"Quý {(cursor.month - 1) // 3 + 1}/{cursor.year}",
            12: f"Năm {cursor.year}",
        }[step]
        found.append((label, cursor, due, strict if day else False))
        cursor = _add_months(cursor, step)
    return found


def make_instances(task, until=None):
    """One instance per period begun by `until` (idempotent; the daily job adds new periods)."""
    until = until or today()
    if task.lead_id and task.lead.valid_to and task.lead.valid_to < until:
        until = task.lead.valid_to  # an agency that ceased to exist gets no new periods
    have = set(task.children.filter(child_kind=Task.INSTANCE).values_list("period", flat=True))
    created = [
        Task(
            directive_id=task.directive_id,
            parent=task,
            root_id=task.top_id,
            child_kind=Task.INSTANCE,
            ref=task.ref,
            period=label,
            position=task.position,
            text=task.text,
            lead_id=task.lead_id,
            lead_text=task.lead_text,
            report_to_id=task.report_to_id,
            deadline_kind="date",
            deadline_text=f"Kỳ {label}",
            due_date=due,
            due_strict=strict,
            start_date=begin,
        )
        for label, begin, due, strict in periods(task, until)
        if label not in have
    ]
    Task.objects.bulk_create(created)
    if created:
        audit.record(
            task, "action", {"periods": [t.period for t in created]}, f"Mở {len(created)} kỳ thực hiện"
        )
    return created


def extend_recurring(until=None):
    """Daily: open the new period of every recurring task (leaf level: shares or single-agency tasks)."""
    count = 0
    for task in (
        Task.objects.filter(recurrence__in=["month", "quarter", "year"])
        .exclude(child_kind=Task.INSTANCE)
        .select_related("directive")
    ):
        if task.children.filter(child_kind=Task.SHARE).exists():
            continue
        count += len(make_instances(task, until))
    return count


# ---- editing a task (monitor) ---------------------------------------------------------------------

EDITABLE = ("text", "due_date", "due_strict", "deadline_text")


def edit(task, user, *, version, note="", **changes):
    """A monitor corrects a task; a stale version is refused rather than overwriting a colleague's edit."""
    if not may(user, "change", task):
        raise PermissionDenied("Chỉ cơ quan theo dõi được sửa nhiệm vụ.")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError(f"Không sửa được: {', '.join(sorted(unknown))}")
    if "text" in changes and not (changes["text"] or "").strip():
        raise ValidationError("Nội dung nhiệm vụ không được để trống.")
    with transaction.atomic():
        task = _locked(task, version)
        diff = {k: v for k, v in changes.items() if getattr(task, k) != v}
        if not diff:
            return task
        if "due_date" in diff and task.original_due_date is None and task.due_date is not None:
            task.original_due_date = task.due_date
            diff["original_due_date"] = task.due_date
        for k, v in diff.items():
            setattr(task, k, v)
        _save(task, *diff)
        labels = {
            "text": "nội dung",
            "due_date": "thời hạn",
            "due_strict": "hạn 'trước ngày'",
            "deadline_text": "thời hạn như văn bản",
        }
        what = "Sửa " + ", ".join(labels[k] for k in diff if k in labels)
        _log(task, "edit", task.state, task.state, user, (what + (f". {note}" if note else "")).strip())
        notify.edited(task, user, what.replace("Sửa", "Cơ quan theo dõi sửa", 1))
    return task
