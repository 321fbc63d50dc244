"""Đôn đốc: reminders before the due date, on the day, and while overdue, escalating to the head and
then the monitor. Each reminder has a key (task, kind, day); the sent-log's unique key means running
twice on the same day — or catching up after a day the server was off — never sends it again."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from chiso.core import mail
from chiso.registry.models import User
from chiso.registry.permissions import HEAD, MONITOR, OFFICER

from ..models import HEAVY_DIRECTIVE_FIELDS, Notification, ReminderLog, ReminderSchedule, Task
from . import life


@dataclass
class Reminder:
    task: Task
    kind: str
    key: str
    subject: str
    body: str
    users: list = field(default_factory=list)


def _people(agency_id, role):
    return list(User.objects.filter(is_active=True, agency_id=agency_id, role_grants__role=role).distinct())


def _monitors():
    return list(User.objects.filter(is_active=True, role_grants__role=MONITOR).distinct())


def due_reminders(on, schedule=None):
    """The reminders due on day `on` (nothing is sent here)."""
    schedule = schedule or ReminderSchedule.current()
    found = []
    tasks = (
        Task.objects.filter(
            state__in=life.OPEN_STATES + (Task.REPORTED,), due_date__isnull=False, children__isnull=True
        )
        .exclude(lead__isnull=True)
        .select_related("lead", "directive")
        .defer(*HEAVY_DIRECTIVE_FIELDS)
    )
    before = sorted(set(int(d) for d in schedule.days_before or []))
    horizon = max(before + [0])
    tasks = tasks.filter(due_date__lte=on + timedelta(days=horizon + 1))
    for task in tasks:
        end = life.last_day(task)
        left = (end - on).days
        title = f"{task.ref} {task.text[:120]}".strip()
        where = f"{task.directive}"
        if task.state == Task.REPORTED and left < 0:
            continue  # the agency reported in time or late; the monitor's review queue handles the rest
        kinds = []
        if left > 0 and left in before:
            kinds.append((f"before-{left}", f"[Nhắc việc] Còn {left} ngày đến hạn: {title[:80]}", "officer"))
        elif left == 0 and schedule.on_due_day:
            kinds.append(("due-today", f"[Nhắc việc] Hôm nay đến hạn: {title[:80]}", "officer"))
        elif left < 0:
            late = -left
            every = max(1, schedule.overdue_every)
            # From head_after overdue days on the head is copied, from monitor_after the monitors too;
            # the first day of each escalation gets a mail even off the usual every-N-days rhythm.
            if (late - 1) % every == 0 or late in (schedule.head_after, schedule.monitor_after):
                audience = (
                    "officer"
                    + ("+head" if late >= schedule.head_after else "")
                    + ("+monitor" if late >= schedule.monitor_after else "")
                )
                if late >= schedule.monitor_after:
                    subject = f"[Đôn đốc] {task.lead} quá hạn {late} ngày: {title[:70]}"
                elif late >= schedule.head_after:
                    subject = f"[Đôn đốc] Nhiệm vụ quá hạn {late} ngày chưa hoàn thành: {title[:70]}"
                else:
                    subject = f"[Đôn đốc] Quá hạn {late} ngày: {title[:80]}"
                kinds.append((f"overdue-{late}", subject, audience))
        for kind, subject, audience in kinds:
            users = []
            if "officer" in audience:
                users += _people(task.lead_id, OFFICER) or _people(task.lead_id, HEAD)
            if "head" in audience:
                users += [u for u in _people(task.lead_id, HEAD) if u not in users]
            if "monitor" in audience:
                users += [u for u in _monitors() if u not in users]
            body = (
                f"Kính gửi {task.lead},\n\nNhiệm vụ: {task.text}\nTheo văn bản: {where}\n"
                f"Thời hạn: {end:%d/%m/%Y}"
                + (f" (hạn ban đầu {task.original_due_date:%d/%m/%Y})" if task.original_due_date else "")
                + f"\nTình trạng: {life.status(task, on).label}\n\n"
                f"Đề nghị đơn vị khẩn trương thực hiện và báo cáo kết quả trên hệ thống chiso: "
                f"{getattr(settings, 'SITE_URL', '').rstrip('/')}{reverse('directives:task', args=[task.pk])}\n\nHệ thống chiso (tin nhắn tự động)."
            )
            found.append(Reminder(task, kind, f"{task.pk}:{kind}:{on.isoformat()}", subject, body, users))
    return found


def run(on=None, dry_run=False):
    """Send what is due on `on`; returns the list of reminders (sent or, with dry_run, that would be)."""
    on = on or life.today()
    if not dry_run:
        life.extend_recurring(on)  # the new month's periods exist before anyone is reminded of them
    sent = []
    for reminder in due_reminders(on):
        if ReminderLog.objects.filter(key=reminder.key).exists():
            continue
        if dry_run:
            sent.append(reminder)
            continue
        try:
            with transaction.atomic():
                log = ReminderLog.objects.create(
                    key=reminder.key,
                    task=reminder.task,
                    on=on,
                    kind=reminder.kind,
                    recipients=", ".join(u.email for u in reminder.users if u.email),
                )
        except IntegrityError:
            continue  # another run took it first
        url = reverse("directives:task", args=[reminder.task.pk])
        # Reminders are mailed now, so the daily digest does not mail them again.
        Notification.objects.bulk_create(
            [
                Notification(
                    user=u,
                    kind="reminder",
                    task=reminder.task,
                    text=reminder.subject[:500],
                    url=url,
                    mailed_at=timezone.now(),
                )
                for u in reminder.users
            ]
        )
        addresses = [u.email for u in reminder.users if u.email]
        if addresses and mail.send(addresses, reminder.subject, reminder.body):
            log.mailed = True
            log.save(update_fields=["mailed"])
        sent.append(reminder)
    return sent
