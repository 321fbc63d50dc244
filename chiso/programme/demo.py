"""Demo: the seed's remediation plans (I.1, due 31/8/2022), each read by the notice reader.

Agencies whose I.1 share the follow-up demo completed sent their plan on that day; Phan Thiết has a
plan read but not yet sent; the others (Sở TT&TT among them, whose demo officer can send one) have none.
"""

import random
from datetime import date

from django.db import transaction

from chiso.core.audit import acting_as
from chiso.directives.models import Directive, Task
from chiso.registry.models import User
from chiso.registry.permissions import HEAD, OFFICER

from .models import ContactSession, InspectionTeam, PlanRequest, RemediationPlan, ThematicMeeting
from .services import contact, inspections, meetings, plans

# Items an agency might write; the wording is what real plans say, the tagging finds the components.
POOL = [
    "Rà soát, chuẩn hóa quy trình nội bộ giải quyết thủ tục hành chính; thực hiện nghiêm việc xin lỗi "
    "tổ chức, cá nhân khi hồ sơ trễ hạn. Thời gian hoàn thành: trước ngày 30/11/2022.",
    "Bố trí lịch tiếp công dân, tiếp nhận và trả lời kịp thời phản ánh, kiến nghị của người dân; nâng cao "
    "trách nhiệm giải trình của người đứng đầu. Thời gian thực hiện: trong quý IV/2022.",
    "Công khai, minh bạch các quy hoạch, kế hoạch, dự án thuộc lĩnh vực quản lý trên Cổng thông tin điện tử "
    "của đơn vị. Thời gian thực hiện: trong năm 2022.",
    "Nâng cao tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình, hướng dẫn người dân thanh toán trực tuyến. "
    "Thời gian hoàn thành: trước ngày 31/12/2022.",
    "Tổ chức tuyên truyền cải cách hành chính, kế hoạch cải cách hành chính năm 2022 đến cán bộ, công chức, "
    "viên chức. Thời gian thực hiện: trong tháng 9/2022.",
    "Siết chặt kỷ luật kỷ cương hành chính, đánh giá cán bộ công chức viên chức gắn với kết quả thực hiện "
    "nhiệm vụ cải cách hành chính. Thời gian thực hiện: trong năm 2022.",
]
ENVIRONMENT = (
    "Tăng cường kiểm tra, xử lý ô nhiễm môi trường, thu gom rác thải tại khu dân cư; công khai kết quả "
    "xử lý. Thời gian thực hiện: trong quý IV/2022."
)


def plan_text(agency, rng):
    items = rng.sample(POOL, k=rng.randint(3, 5))
    if agency.code.endswith("stnmt"):
        items.append(ENVIRONMENT)
    body = "\n\n".join(f"{i}. {text}" for i, text in enumerate(items, 1))
    return (
        f"{agency.name.upper()}\n\nKẾ HOẠCH\nKhắc phục tồn tại, hạn chế, nâng cao các chỉ số PAR INDEX, "
        f"SIPAS, PAPI năm 2022\n\nI. MỤC ĐÍCH, YÊU CẦU\n\nKhắc phục các tồn tại, hạn chế thuộc trách nhiệm "
        f"của đơn vị.\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n{body}\n"
    )


def _author(agency):
    return (
        User.objects.filter(agency=agency, role_grants__role__in=[OFFICER, HEAD], is_active=True)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def load(stdout=None):
    load_plans(stdout)
    load_inspection(stdout)
    load_contact(stdout)
    load_meeting(stdout)


def load_plans(stdout=None):
    directive = Directive.objects.filter(status=Directive.PUBLISHED).order_by("issued_on", "pk").first()
    if directive is None:
        return
    task = (
        Task.objects.filter(directive=directive, parent__isnull=True, text__icontains="kế hoạch khắc phục")
        .exclude(due_date__isnull=True)
        .order_by("position")
        .first()
    )
    if task is None:
        return
    year = (directive.issued_on or directive.meeting_date).year - 1
    req, _ = PlanRequest.objects.get_or_create(task=task, defaults={"results_year": year})
    rng = random.Random(2022)
    made = 0
    for agency, share in plans.expected(req):
        if RemediationPlan.objects.filter(request=req, agency=agency).exists():
            continue
        sent = share.state == Task.DONE and share.completed_on
        draft = share.state == Task.IN_PROGRESS
        if not (sent or draft):
            continue
        author = _author(agency)
        if author is None:
            continue
        with acting_as(author):
            plan = plans.read_plan(req, agency, author, text=plan_text(agency, rng))
            if sent:
                # the follow-up demo already played the share's report; only the plan is recorded here
                plan.status, plan.submitted_by, plan.submitted_on = (
                    RemediationPlan.SUBMITTED,
                    author,
                    share.completed_on,
                )
                plan.save()
        made += 1
    if stdout:
        sent = req.plans.filter(status=RemediationPlan.SUBMITTED).count()
        stdout.write(f"Kế hoạch khắc phục: {req.plans.count()} kế hoạch ({sent} đã gửi, {made} mới).")


# The seed's II.1.3: Sở TT&TT leads teams checking online services and paper ↔ system sync in 8/2022,
# remediation in 9/2022. Three districts visited, one still planned on the demo day.
VISITS = [
    (
        "bt-phanthiet",
        date(2022, 8, 15),
        [
            (
                "Có 37 hồ sơ đã có kết quả trên giấy nhưng chưa cập nhật trên Hệ thống (lĩnh vực đất đai).",
                "Cập nhật dứt điểm kết quả của các hồ sơ tồn đọng; phân công công chức theo dõi đồng bộ hằng ngày.",
                None,
            ),
            (
                "Chưa lập văn bản xin lỗi đối với 12 hồ sơ giải quyết trễ hạn trong quý II/2022.",
                "Thực hiện xin lỗi theo Quyết định 766/QĐ-TTg và Nghị định 61/2018/NĐ-CP; báo cáo kết quả.",
                None,
            ),
        ],
        "done_first",
    ),
    (
        "bt-lagi",
        date(2022, 8, 22),
        [
            (
                "Bộ phận Một cửa chưa có máy tính, máy quét hỗ trợ người dân nộp hồ sơ trực tuyến.",
                "Bố trí thiết bị và công chức hướng dẫn người dân nộp hồ sơ, thanh toán trực tuyến.",
                date(2022, 9, 30),
            ),
        ],
        "",
    ),
    ("bt-tuyphong", date(2022, 8, 29), [], "planned"),
]


def load_inspection(stdout=None):
    from chiso.directives.models import ReminderSchedule
    from chiso.directives.services import life
    from chiso.registry.models import Agency

    task = Task.objects.filter(
        ref="II.1.3", parent__isnull=True, directive__status=Directive.PUBLISHED
    ).first()
    if task is None or task.lead_id is None or InspectionTeam.objects.filter(task=task).exists():
        return
    head = _author(task.lead)
    monitor = User.objects.filter(role_grants__role="monitor", is_active=True).order_by("pk").first()
    if head is None or monitor is None:
        return
    members = list(Agency.objects.filter(code__in=["bt-snv", "bt-vp-ubnd"]))
    year = task.directive.issued_on.year
    with acting_as(head):
        team = inspections.create_team(
            head,
            name="Tổ kiểm tra dịch vụ công trực tuyến và đồng bộ kết quả hồ sơ năm " + str(year),
            lead_agency=task.lead,
            member_agencies=members,
            members="Phạm Minh Quang, Giám đốc Sở Thông tin và Truyền thông – Tổ trưởng\n"
            "Nguyễn Thị Hạnh, Chuyên viên Phòng CCHC, Sở Nội vụ\nTrần Văn Bình, Chuyên viên Văn phòng UBND tỉnh",
            scope="Dịch vụ công trực tuyến mức độ 3, 4\nĐồng bộ kết quả giải quyết giữa hồ sơ giấy và Hệ thống",
            starts_on=date(year, 8, 1),
            ends_on=date(year, 8, 31),
            remediation_due=date(year, 9, 30),
            task=task,
        )
    schedule = ReminderSchedule.current()
    approval, schedule.head_approval = schedule.head_approval, False
    if schedule.pk:
        schedule.save(update_fields=["head_approval"])
    try:
        for code, day, findings, how in VISITS:
            agency = Agency.objects.get(code=code)
            with acting_as(head):
                visit = inspections.plan_visit(team, agency, day, head)
                if how == "planned":
                    continue
                results = [("dat", "") for _ in visit.checklist]
                results[2] = ("chua-dat", "Còn hồ sơ tồn đọng chưa cập nhật kết quả")
                inspections.record_visit(visit, head, held_on=day, results=results)
                for text, recommendation, due in findings:
                    inspections.add_finding(
                        visit, head, text=text, recommendation=recommendation, due_date=due
                    )
                tasks = inspections.issue_findings(visit, head)
            if how == "done_first":
                officer = _author(agency)
                with acting_as(officer):
                    life.submit_report(
                        tasks[0],
                        officer,
                        text="Đã cập nhật kết quả 37 hồ sơ.",
                        percent=100,
                        final=True,
                        on=date(year, 9, 20),
                    )
                with acting_as(monitor):
                    life.transition(tasks[0], "accept", monitor, on=date(year, 9, 22))
    finally:
        if schedule.pk:
            schedule.head_approval = approval
            schedule.save(update_fields=["head_approval"])
    if stdout:
        c = inspections.held_vs_planned(team)
        stdout.write(f"Kiểm tra: 1 tổ, {c['held']}/{c['planned']} lần kiểm tra, {c['findings']} phát hiện.")


TOPICS = [
    "thủ tục đất đai, cấp giấy chứng nhận quyền sử dụng đất",
    "hồ sơ cấp phép xây dựng nhà ở riêng lẻ",
    "nộp hồ sơ, thanh toán trực tuyến trên Cổng dịch vụ công",
    "chứng thực, hộ tịch tại Bộ phận Một cửa cấp xã",
    "thủ tục đăng ký kinh doanh hộ cá thể",
]


def load_contact(stdout=None):
    """The seed's I.4 (monthly contact from 8/2022): a session for every agency month the follow-up
    demo completed (the districts and the departments); the months it left overdue have none, so they
    show as missed, exactly as accountability counts them."""
    from datetime import timedelta

    from chiso.registry.models import Agency

    task = Task.objects.filter(
        ref="I.4", parent__isnull=True, recurrence="month", directive__status=Directive.PUBLISHED
    ).first()
    if task is None or hasattr(task, "contact_requirement"):
        return
    monitor = User.objects.filter(role_grants__role="monitor", is_active=True).order_by("pk").first()
    with acting_as(monitor):
        req = contact.require_contact(task, monitor)
    rng = random.Random(84)
    made = 0
    for agency, share in contact.expected(req):
        author = _author(agency)
        for instance in share.children.filter(child_kind=Task.INSTANCE, state=Task.DONE).order_by(
            "start_date"
        ):
            held = min(instance.completed_on, instance.start_date + timedelta(days=rng.randint(8, 24)))
            raised = rng.randint(3, 14)
            with acting_as(author):
                ContactSession.objects.create(
                    requirement=req,
                    agency=agency,
                    held_on=held,
                    chair=f"Chủ tịch {agency.name}",
                    participants=rng.randint(15, 60),
                    participants_text="Đại diện hộ kinh doanh, doanh nghiệp, người dân có hồ sơ đang giải quyết",
                    issues_raised=raised,
                    issues_resolved=rng.randint(raised // 2, raised),
                    summary="Ý kiến tập trung về " + rng.choice(TOPICS) + ".",
                    instance=instance,
                    created_by=author,
                )
            made += 1
    first = req.sessions.filter(agency__code__endswith="phanthiet").order_by("held_on").first()
    tnmt = Agency.objects.filter(code__endswith="-stnmt").first()
    if first is not None and tnmt is not None:
        author = _author(first.agency)
        with acting_as(author):
            contact.forward_issue(
                first,
                author,
                text="Hộ dân phường Phú Thủy đề nghị giải quyết hồ sơ cấp giấy chứng nhận quá hạn 2 tháng.",
                to_agency=tnmt,
                due_date=first.held_on + timedelta(days=30),
            )
    if stdout:
        cols, rows = contact.grid(req)
        missed = sum(r.missed for r in rows)
        stdout.write(f"Tiếp xúc hằng tháng: {made} buổi, {missed} tháng bỏ lỡ.")


CONCLUSIONS = """Sở Tài nguyên và Môi trường chủ trì, phối hợp UBND các huyện, thị xã, thành phố rà soát các điểm ô nhiễm môi trường, thu gom rác thải tại khu dân cư; báo cáo UBND tỉnh trước ngày 30/11/2022.
Văn phòng UBND tỉnh hướng dẫn, kiểm tra việc xin lỗi người dân, doanh nghiệp khi giải quyết hồ sơ trễ hạn, hoàn thành trong tháng 10/2022.
Sở Nội vụ theo dõi, tổng hợp kết quả thực hiện, báo cáo Chủ tịch UBND tỉnh trước ngày 15/12/2022."""


def load_meeting(stdout=None):
    """The seed's II.2.6: one thematic meeting on the components slowest to improve, held on 28/9/2022,
    its conclusions waiting as a notice draft in the intake."""
    from chiso.registry.models import Agency

    task = Task.objects.filter(
        ref="II.2.6", parent__isnull=True, directive__status=Directive.PUBLISHED
    ).first()
    if task is None or ThematicMeeting.objects.filter(task=task).exists():
        return
    monitor = (
        User.objects.filter(role_grants__role="monitor", is_active=True, agency__isnull=False)
        .order_by("pk")
        .first()
    )
    province = meetings.province_for(monitor)
    year = task.directive.issued_on.year
    slow = meetings.stagnant(province, year - 1)[:2] if province else []
    invited = list(Agency.objects.filter(code__in=["bt-stnmt", "bt-vp-ubnd", "bt-tthcc"]))
    names = ", ".join(c["name"] for c in slow) or "các chỉ số thành phần chậm cải thiện"
    with acting_as(monitor):
        meeting = meetings.plan_meeting(
            monitor,
            title=f"các chỉ số thành phần chậm cải thiện ({names})",
            planned_on=date(year, 9, 28),
            components=[c["key"] for c in slow],
            invited=invited,
            chair="Chủ tịch UBND tỉnh",
            agenda="1. Sở Nội vụ báo cáo diễn biến các chỉ số thành phần qua các năm\n"
            "2. Các cơ quan chủ trì báo cáo nguyên nhân, đề xuất giải pháp\n3. Chủ tịch UBND tỉnh kết luận",
            task=task,
        )
        meetings.record_meeting(
            meeting,
            monitor,
            held_on=date(year, 9, 28),
            attendees="Lãnh đạo UBND tỉnh; lãnh đạo Sở Nội vụ, Sở Tài nguyên và Môi trường, Văn phòng UBND tỉnh, "
            "Trung tâm Phục vụ hành chính công tỉnh",
            conclusions=CONCLUSIONS,
        )
        meetings.draft_conclusion(meeting, monitor)
    if stdout:
        c = meetings.held_vs_planned(year)
        stdout.write(
            f"Họp chuyên đề năm {year}: {c['held']}/{c['planned']} đã họp; dự thảo thông báo kết luận chờ rà soát."
        )
