"""The 2026 demo's directive: a conclusion notice of UBND tỉnh Lâm Đồng dated 24/3/2026 (text written
for the demo, data/thong-bao-ket-luan-demo-2026.txt), read by the notice parser and published through
the intake service as an upload is, group tasks fanned out to the communes valid on its date, and a
follow-up history up to today: no "as of" date, the board shows 2026 as it is."""

from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from chiso.core.audit import acting_as
from chiso.registry.models import AgencyGroup, User

from . import demo as demo_2022
from .models import Directive, ReminderSchedule, Task
from .services import intake, life

NOTICE = Path(__file__).resolve().parent / "data" / "thong-bao-ket-luan-demo-2026.txt"
NOTICE_DATE = date(2026, 3, 24)


def _publish():
    data = NOTICE.read_bytes()
    _text, parsed = intake.read_upload(data, NOTICE.name, notice_date=NOTICE_DATE)
    directive = intake.publish_parsed(parsed, file_bytes=data, filename=NOTICE.name)
    for task in directive.tasks.filter(parent__isnull=True, lead__isnull=True).exclude(lead_group=""):
        group = AgencyGroup.objects.filter(code=task.lead_group).first()
        if group is not None:
            life.fan_out(task, list(group.agencies_on(NOTICE_DATE)))
    life.extend_recurring(life.today())
    return directive


def _story(directive, today):
    """Past deadlines mostly met (some late, a few overdue), current ones in progress."""
    heads = {u.agency_id: u for u in User.objects.filter(role_grants__role="head")}
    officers = {u.agency_id: u for u in User.objects.filter(role_grants__role="officer")}
    monitor = User.objects.filter(role_grants__role="monitor").order_by("pk").first()
    tasks = Task.objects.filter(directive=directive, children__isnull=True).exclude(lead=None).order_by("pk")
    for i, task in enumerate(tasks):
        who = heads.get(task.lead_id) or officers.get(task.lead_id)
        end = life.last_day(task)
        if who is None or monitor is None or end is None:
            continue
        with acting_as(who):
            life.transition(task, "start", who, on=min(end, today) - timedelta(days=15))
            if end < today and i % 6 != 5:  # every sixth past task is left overdue
                day = end - timedelta(days=3) if i % 4 else end + timedelta(days=5)
                life.submit_report(
                    task,
                    who,
                    text="Đã hoàn thành, kết quả như báo cáo kèm theo.",
                    percent=100,
                    final=True,
                    on=min(day, today),
                )
                task.refresh_from_db()
                if task.state == Task.REPORTED:
                    with acting_as(monitor):
                        life.transition(task, "accept", monitor, on=min(day + timedelta(days=2), today))
            elif end >= today:
                life.submit_report(
                    task, who, text="Đang triển khai.", percent=50, final=False, on=today - timedelta(days=3)
                )


def load(stdout=None):
    if Directive.objects.filter(number__startswith="186/TB-UBND", issued_on__year=2026).exists():
        if stdout:
            stdout.write("Chỉ đạo: thông báo kết luận năm 2026 đã có, bỏ qua.")
        return
    with transaction.atomic(), acting_as(None, "dữ liệu mẫu"):
        schedule = ReminderSchedule.objects.order_by("pk").first() or ReminderSchedule(days_before=[7, 3, 1])
        # The past reports went straight to the monitor (most agencies have no head in the demo).
        schedule.head_approval = False
        schedule.save()
        directive = _publish()
        leads = Task.objects.filter(directive=directive).exclude(lead=None).values_list("lead_id", flat=True)
        demo_2022._follow_up_officers(set(leads))
        _story(directive, life.today())
        schedule.head_approval = True
        schedule.save()
    if stdout:
        stdout.write(
            f"Chỉ đạo: thông báo {directive.number} ngày {directive.issued_on:%d/%m/%Y}, "
            f"{directive.tasks.filter(parent__isnull=True).count()} nhiệm vụ, {directive.tasks.count()} phần việc."
        )
