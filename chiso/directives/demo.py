"""Demo: the seed notice published with its 23 tasks, group tasks fanned out, recurring periods opened,
and a follow-up history up to the demo's "today" (14/10/2022) so the board shows a realistic mix."""

from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from chiso.core.audit import acting_as
from chiso.registry.models import Agency, AgencyGroup, RoleGrant, User
from chiso.registry.services import lookup

from .models import Directive, Notification, OfficialSettings, ReminderSchedule, Task
from .services import life

DIRECTIVE_DATE = date(2022, 7, 27)
DEMO_TODAY = date(2022, 10, 14)


def _resolve(name):
    """(agency or None, [member agencies] for a group, group code)."""
    found = lookup(name, on=DIRECTIVE_DATE) if name else []
    if not found:
        return None, [], ""
    candidate, agencies = found[0]
    if candidate.is_group:
        return None, agencies, candidate.key
    return (agencies[0] if agencies else None), [], ""


SEED_NAME = "thong-bao-ket-luan-par-index-2021.txt"
# The demo reads only the copy shipped with the package (see data/README.md), never a folder beside it.
SEED_PATH = Path(__file__).resolve().parent / "data" / SEED_NAME


# The indices the seed's tasks serve, for the board's "Chỉ số" filter.


def _publish():
    """The seed notice read by the notice parser and published through the intake service, as an upload is."""
    from chiso.directives.services import intake

    data = SEED_PATH.read_bytes()
    _text, parsed = intake.read_upload(data, SEED_NAME, notice_date=DIRECTIVE_DATE)
    directive = intake.publish_parsed(parsed, file_bytes=data, filename=SEED_NAME)
    if directive.issued_on is None:
        directive.issued_on = DIRECTIVE_DATE + timedelta(days=2)
        directive.save(update_fields=["issued_on"])
    return directive


def expand(directive, on):
    """Fan out group tasks to their members and open recurring periods up to `on`."""
    for task in directive.tasks.filter(parent__isnull=True):
        if task.lead_id is None and task.lead_group:
            group = AgencyGroup.objects.filter(code=task.lead_group).first()
            members = list(group.agencies_on(DIRECTIVE_DATE)) if group else []
            if not members:
                members = _resolve(task.lead_text)[1]
            life.fan_out(task, members)
    life.extend_recurring(on)


def _story(directive, on):
    """Walk the tasks through the life an actual follow-up would have had by `on`."""
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["sonoivu", "gd.stttt", "cb.stttt", "ct.phanthiet", "cb.phanthiet", "gd.snv"]
        )
    }
    monitor = users.get("sonoivu")
    _follow_up_officers(
        tasks_agencies=Task.objects.filter(directive=directive).values_list("lead_id", flat=True)
    )
    officers = {u.agency_id: u for u in User.objects.filter(role_grants__role="officer")}
    heads = {u.agency_id: u for u in User.objects.filter(role_grants__role="head")}
    tasks = list(
        Task.objects.filter(directive=directive, children__isnull=True)
        .select_related("lead", "parent")
        .order_by("pk")
    )

    def actor(task):
        return officers.get(task.lead_id) or heads.get(task.lead_id)

    def finish(task, day, late_ok=True, accept=True):
        who = heads.get(task.lead_id) or actor(task)
        if who is None or monitor is None:
            return
        with acting_as(who):
            life.transition(
                task, "start", who, on=day - timedelta(days=20)
            ) if task.state == Task.NEW else None
            life.submit_report(
                task,
                who,
                text="Đơn vị đã triển khai thực hiện, kết quả cụ thể như báo cáo kèm theo.",
                percent=100,
                final=True,
                on=day,
            )
        task.refresh_from_db()
        if accept:
            with acting_as(monitor):
                life.transition(task, "accept", monitor, on=day + timedelta(days=2))

    for i, task in enumerate(tasks):
        if task.lead_id is None or task.due_date is None:
            if task.lead_id and i % 3 == 0 and actor(task):
                with acting_as(actor(task)):
                    life.transition(task, "start", actor(task), on=DIRECTIVE_DATE + timedelta(days=10))
            continue
        end = life.last_day(task)
        if task.ref == "II.1.3" or (task.ref == "I.1" and task.lead.code == "bt-phanthiet"):
            continue  # their own story follows
        if end < on - timedelta(days=3):
            # past periods: most done on time, some late, a few still overdue
            if i % 7 == 3:
                continue  # overdue
            day = end - timedelta(days=2) if i % 5 else end + timedelta(days=6)
            finish(task, min(day, on - timedelta(days=1)))
        elif end <= on + timedelta(days=30) and i % 4 == 0 and actor(task):
            with acting_as(actor(task)):
                life.transition(task, "start", actor(task), on=on - timedelta(days=5))
                life.submit_report(
                    task,
                    actor(task),
                    text="Đã hoàn thành 60% khối lượng công việc.",
                    percent=60,
                    final=False,
                    on=on - timedelta(days=2),
                )

    # Sở TT&TT asked for more time on II.1.3 (rà soát hạ tầng) and the monitor agreed.
    stttt = Task.objects.filter(directive=directive, ref="II.1.3", children__isnull=True).first()
    if stttt and users.get("cb.stttt") and stttt.state in life.OPEN_STATES:
        with acting_as(users["cb.stttt"]):
            ext = life.request_extension(
                stttt,
                users["cb.stttt"],
                new_due=date(2022, 10, 20),
                on=date(2022, 9, 26),
                reason="Chờ kết quả khảo sát hạ tầng của Bộ TT&TT để đối chiếu.",
            )
        with acting_as(monitor):
            life.decide_extension(
                ext,
                monitor,
                approve=True,
                note="Đồng ý, đề nghị hoàn thành đúng hạn mới.",
                on=date(2022, 9, 28),
            )
    # Phan Thiết's report on I.1 was returned once, then reported again (awaiting the monitor).
    share = Task.objects.filter(directive=directive, ref="I.1", lead__code="bt-phanthiet").first()
    ReminderSchedule.objects.update(head_approval=True)
    if share and users.get("cb.phanthiet") and share.state in life.OPEN_STATES:
        cb, ct = users["cb.phanthiet"], users["ct.phanthiet"]
        with acting_as(cb):
            report = life.submit_report(
                share,
                cb,
                text="Đã ban hành kế hoạch khắc phục.",
                percent=100,
                final=True,
                on=date(2022, 8, 25),
            )
        with acting_as(ct):
            life.approve_report(report, ct, on=date(2022, 8, 26))
        with acting_as(monitor):
            life.transition(
                share,
                "return",
                monitor,
                note="Kế hoạch chưa có phân công cụ thể theo từng chỉ số thành phần.",
                on=date(2022, 8, 29),
            )
        with acting_as(cb):
            life.submit_report(
                share,
                cb,
                text="Đã bổ sung phân công theo từng chỉ số thành phần.",
                percent=100,
                final=True,
                on=date(2022, 10, 12),
            )


def _follow_up_officers(tasks_agencies):
    """Each agency names an officer who reports on its tasks (no password: the demo acts for them)."""
    have = set(User.objects.filter(role_grants__role="officer").values_list("agency_id", flat=True))
    for agency in Agency.objects.filter(pk__in=set(tasks_agencies) - have):
        user = User(
            username=f"theodoi.{agency.code}",
            full_name=f"Cán bộ theo dõi CCHC – {agency.short_name or agency.name}",
            agency=agency,
            email=f"theodoi.{agency.code}@demo.chiso.local",
        )
        user.set_unusable_password()
        user.save()
        RoleGrant.objects.create(user=user, role="officer")


def load(stdout=None):
    if Directive.objects.filter(meeting_date=DIRECTIVE_DATE, tasks__ref="II.4.1").exists():
        if stdout:
            stdout.write("Chỉ đạo: thông báo kết luận mẫu đã có, bỏ qua.")
        return
    with transaction.atomic(), acting_as(None, "dữ liệu mẫu"):
        schedule = ReminderSchedule.objects.order_by("pk").first() or ReminderSchedule(days_before=[7, 3, 1])
        schedule.as_of = DEMO_TODAY
        # Most agencies have no head in the demo; their past reports went straight to the monitor.
        schedule.head_approval = False
        schedule.save()
        directive = _publish()
        expand(directive, DEMO_TODAY)
        _story(directive, DEMO_TODAY)
        schedule.head_approval = True
        schedule.save()
        # The history played above notified people as it went; it is history, so no digest mails it.
        Notification.objects.filter(mailed_at__isnull=True).update(mailed_at=timezone.now())
        # Who signs the demo's official reports (the demo director of Sở Nội vụ).
        if not OfficialSettings.objects.exists():
            OfficialSettings.objects.create(
                reporter="Sở Nội vụ", symbol="SNV", signer_title="GIÁM ĐỐC", signer_name="Võ Thanh Sơn"
            )
    if stdout:
        stdout.write(
            f"Chỉ đạo: 1 thông báo kết luận, {directive.tasks.filter(parent__isnull=True).count()} nhiệm vụ, "
            f"{directive.tasks.count()} phần việc theo dõi; ngày trình diễn {DEMO_TODAY:%d/%m/%Y}."
        )
