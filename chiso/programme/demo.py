"""Demo: the seed's remediation plans (I.1, due 31/8/2022), each read by the notice reader.

Agencies whose I.1 share the follow-up demo completed sent their plan on that day; Phan Thiết has a
plan read but not yet sent; the others (Sở TT&TT among them, whose demo officer can send one) have none.
"""

import random

from django.db import transaction

from chiso.core.audit import acting_as
from chiso.directives.models import Directive, Task
from chiso.registry.models import User
from chiso.registry.permissions import HEAD, OFFICER

from .models import PlanRequest, RemediationPlan
from .services import plans

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
