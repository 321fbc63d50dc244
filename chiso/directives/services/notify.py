"""Telling people about a task's life: who must act next is notified in the app, and by e-mail either at
once or (the default) in one digest a day.

Recipients per step (the person who acted is never notified of his own act):
- assigned (published, shared out to a group's members) → officers and head of the lead agency;
- report sent for the head's approval → head of the agency;
- report sent to the monitor (directly or after the head's approval) → the monitors;
- head returned the report → its author (and the agency's officers);
- monitor accepted / returned → officers and head of the agency;
- extension asked → the monitors; decided → the requester and the agency;
- reopened, cancelled, deadline or text changed → officers and head of the agency.
"""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from chiso.core import mail
from chiso.registry.models import User
from chiso.registry.permissions import HEAD, MONITOR, OFFICER

from ..models import Notification, NotificationPreference

KINDS = {
    "assigned": "Được giao nhiệm vụ",
    "report_to_head": "Báo cáo chờ lãnh đạo đơn vị duyệt",
    "report_to_monitor": "Báo cáo chờ cơ quan theo dõi xem xét",
    "head_returned": "Lãnh đạo đơn vị trả lại báo cáo",
    "accepted": "Kết quả được chấp nhận",
    "returned": "Báo cáo bị trả lại",
    "extension_requested": "Đề nghị gia hạn",
    "extension_approved": "Đồng ý gia hạn",
    "extension_refused": "Không đồng ý gia hạn",
    "reopened": "Nhiệm vụ được mở lại",
    "cancelled": "Nhiệm vụ bị dừng, hủy",
    "edited": "Nhiệm vụ được điều chỉnh",
    "reminder": "Nhắc việc, đôn đốc",
}


def agency_people(agency_id, roles=(OFFICER, HEAD)):
    if not agency_id:
        return []
    return list(
        User.objects.filter(is_active=True, agency_id=agency_id, role_grants__role__in=roles)
        .distinct()
        .order_by("pk")
    )


def monitors():
    return list(User.objects.filter(is_active=True, role_grants__role=MONITOR).distinct().order_by("pk"))


def _agency_of(task):
    return task.lead_id or (task.parent.lead_id if task.parent_id else None)


def _title(task):
    return f"{task.ref} {task.text}".strip()[:150]


def _url(task):
    return reverse("directives:task", args=[task.pk])


def send(users, kind, task, text, *, actor=None, url=None):
    """Notify each user once (never the actor); immediate-mail users get their mail after commit."""
    seen, rows = set(), []
    for user in users:
        if user is None or user.pk in seen or (actor is not None and user.pk == getattr(actor, "pk", None)):
            continue
        seen.add(user.pk)
        rows.append(Notification(user=user, kind=kind, task=task, text=text[:500], url=url or _url(task)))
    if not rows:
        return []
    Notification.objects.bulk_create(rows)
    immediate = set(
        NotificationPreference.objects.filter(
            user_id__in=seen, email=NotificationPreference.IMMEDIATE
        ).values_list("user_id", flat=True)
    )
    if immediate:
        ids = [r.pk for r in rows if r.user_id in immediate and r.pk]
        transaction.on_commit(lambda: mail_now(ids))
    return rows


def for_transition(task, action, actor, note=""):
    """The notifications of one state change made by `life`."""
    agency = _agency_of(task)
    people = agency_people(agency)
    reason = f" Lý do: {note}" if note else ""
    title = _title(task)
    if action == "accept":
        send(people, "accepted", task, f"Kết quả nhiệm vụ được chấp nhận: {title}", actor=actor)
    elif action == "return":
        send(people, "returned", task, f"Báo cáo bị trả lại: {title}.{reason}", actor=actor)
    elif action == "reopen":
        send(people, "reopened", task, f"Nhiệm vụ được mở lại: {title}.{reason}", actor=actor)
    elif action == "cancel":
        send(people, "cancelled", task, f"Nhiệm vụ bị dừng, hủy: {title}.{reason}", actor=actor)


def report_sent(report, actor):
    task = report.task
    title = _title(task)
    if report.status == "pending_head":
        heads = agency_people(_agency_of(task), roles=(HEAD,))
        send(heads, "report_to_head", task, f"Báo cáo chờ anh/chị duyệt: {title}", actor=actor)
    elif report.status == "submitted":
        send(
            monitors(),
            "report_to_monitor",
            task,
            f"{task.lead or task.lead_text} đã báo cáo hoàn thành, chờ xem xét: {title}",
            actor=actor,
        )


def head_decided(report, actor, approved, note=""):
    task = report.task
    title = _title(task)
    if approved:
        report_sent(report, actor)
        if report.author_id:
            send(
                [report.author],
                "report_to_monitor",
                task,
                f"Lãnh đạo đơn vị đã duyệt báo cáo: {title}",
                actor=actor,
            )
    else:
        officers = [report.author] + agency_people(_agency_of(task), roles=(OFFICER,))
        send(
            officers,
            "head_returned",
            task,
            f"Lãnh đạo đơn vị trả lại báo cáo: {title}. Ý kiến: {note}",
            actor=actor,
        )


def extension_requested(ext, actor):
    task = ext.task
    send(
        monitors(),
        "extension_requested",
        task,
        f"{task.lead or task.lead_text} đề nghị gia hạn đến {ext.new_due:%d/%m/%Y}: {_title(task)}",
        actor=actor,
    )


def extension_decided(ext, actor):
    task = ext.task
    approved = ext.status == "approved"
    text = (
        f"Đồng ý gia hạn đến {ext.new_due:%d/%m/%Y}: {_title(task)}"
        if approved
        else f"Không đồng ý gia hạn: {_title(task)}."
        + (f" Ý kiến: {ext.decision_note}" if ext.decision_note else "")
    )
    users = ([ext.requested_by] if ext.requested_by_id else []) + agency_people(_agency_of(task))
    send(users, "extension_approved" if approved else "extension_refused", task, text, actor=actor)


def edited(task, actor, what):
    send(agency_people(_agency_of(task)), "edited", task, f"{what}: {_title(task)}", actor=actor)


def assigned(tasks, actor=None):
    """One notification per person and directive however many tasks their agency got."""
    by_agency = defaultdict(list)
    for task in tasks:
        if task.lead_id and not task.children.exists():
            by_agency[task.lead_id].append(task)
    for agency_id, mine in by_agency.items():
        first = mine[0]
        if len(mine) == 1:
            text, url = f"Đơn vị được giao nhiệm vụ theo {first.directive}: {_title(first)}", None
        else:
            text = f"Đơn vị được giao {len(mine)} nhiệm vụ theo {first.directive}"
            url = reverse("directives:inbox")
        send(agency_people(agency_id), "assigned", first, text, actor=actor, url=url)


# ---- e-mail -------------------------------------------------------------------------------------


def _site():
    return getattr(settings, "SITE_URL", "").rstrip("/")


def _body(user, items):
    lines = [f"Kính gửi {user.get_full_name() or user.username},", ""]
    for n in items:
        when = timezone.localtime(n.at)
        lines.append(f"- {when:%d/%m/%Y %H:%M} {n.text}")
        if n.url:
            lines.append(f"  {_site()}{n.url}")
    lines += ["", "Hệ thống chiso (thư tự động). Đổi cách nhận thư tại trang Thông báo."]
    return "\n".join(lines)


def mail_now(ids):
    """Immediate mode: one mail per notification."""
    for n in Notification.objects.filter(pk__in=ids, mailed_at__isnull=True).select_related("user"):
        if n.user.email and mail.send([n.user.email], f"[chiso] {n.text[:150]}", _body(n.user, [n])):
            Notification.objects.filter(pk=n.pk).update(mailed_at=timezone.now())


def digest(now=None):
    """Daily: one mail per person gathering every notification not mailed yet. Returns mails sent."""
    now = now or timezone.now()
    opted_out = NotificationPreference.objects.filter(email=NotificationPreference.NONE).values("user_id")
    pending = (
        Notification.objects.filter(mailed_at__isnull=True, at__lte=now)
        .exclude(user_id__in=opted_out)
        .exclude(Q(user__email="") | Q(user__is_active=False))
        .select_related("user")
        .order_by("user_id", "at", "pk")
    )
    by_user = defaultdict(list)
    for n in pending:
        by_user[n.user].append(n)
    sent = 0
    for user, items in by_user.items():
        subject = f"[chiso] {len(items)} thông báo mới về nhiệm vụ"
        if mail.send([user.email], subject, _body(user, items)):
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(mailed_at=now)
            sent += 1
    return sent


def unread(user):
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
