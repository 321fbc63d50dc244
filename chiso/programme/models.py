"""The rest of the seed's loop around the tasks: remediation plans (seed I.1) and the agencies' own
sub-tasks read from them. Later parts (inspections, monthly contact, meetings) add their models here."""

import uuid

from django.conf import settings
from django.db import models

from chiso.core.models import AuditedModel
from chiso.directives.models import Task
from chiso.registry.models import Agency


class Authored(AuditedModel):
    """A record someone entered on a page: who and when (the audit trail has every later change).
    The columns were repeated in each model; moving them here changes no table."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class PlanRequest(Authored):
    """A task that asks each of its agencies for a remediation plan ("Xây dựng kế hoạch khắc phục
    gửi UBND tỉnh (thông qua Sở Nội vụ) trước ngày 31/8/2022")."""

    task = models.OneToOneField(
        Task, verbose_name="nhiệm vụ yêu cầu kế hoạch", on_delete=models.CASCADE, related_name="plan_request"
    )
    results_year = models.PositiveIntegerField(
        "năm kết quả chỉ số cần khắc phục", help_text="ví dụ 2021 cho kế hoạch năm 2022"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "yêu cầu kế hoạch khắc phục"
        verbose_name_plural = "yêu cầu kế hoạch khắc phục"

    def __str__(self):
        return f"Kế hoạch khắc phục theo {self.task.ref} – {self.task.directive}"


def _plan_path(instance, filename):
    # The stored name never comes from the user: no path tricks, no overwriting another file.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"plans/{instance.request_id}/{uuid.uuid4().hex}.{ext}"


class RemediationPlan(Authored):
    DRAFT, SUBMITTED = "draft", "submitted"
    STATUSES = [(DRAFT, "Đang rà soát (chưa gửi)"), (SUBMITTED, "Đã gửi")]

    request = models.ForeignKey(PlanRequest, on_delete=models.CASCADE, related_name="plans")
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan, đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    share = models.ForeignKey(
        Task,
        verbose_name="phần việc của đơn vị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField("tình trạng", max_length=20, choices=STATUSES, default=DRAFT)
    text = models.TextField("nội dung kế hoạch")
    file = models.FileField("tệp kế hoạch", upload_to=_plan_path, blank=True)
    filename = models.CharField("tên tệp", max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    number = models.CharField("số, ký hiệu", max_length=80, blank=True)
    issued_on = models.DateField("ngày văn bản", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_on = models.DateField("ngày gửi", null=True, blank=True)

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["request", "agency"], name="programme_plan_one_per_agency")
        ]
        verbose_name = "kế hoạch khắc phục"
        verbose_name_plural = "kế hoạch khắc phục"

    def __str__(self):
        return f"Kế hoạch khắc phục – {self.agency}"

    def agency_ids(self):
        return [self.agency_id]


class PlanItem(AuditedModel):
    """One of the agency's own sub-tasks under the task that asked for the plan."""

    NEW, IN_PROGRESS, DONE = "new", "in_progress", "done"
    STATES = [(NEW, "Chưa thực hiện"), (IN_PROGRESS, "Đang thực hiện"), (DONE, "Hoàn thành")]

    plan = models.ForeignKey(RemediationPlan, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    ref = models.CharField("mục", max_length=40, blank=True)
    text = models.TextField("nội dung")
    deadline_text = models.CharField("thời hạn (như văn bản)", max_length=300, blank=True)
    due_date = models.DateField("hạn", null=True, blank=True)
    due_strict = models.BooleanField("hạn là 'trước ngày'", default=False)
    components = models.JSONField("chỉ số thành phần", default=list, blank=True)
    state = models.CharField("tình trạng", max_length=20, choices=STATES, default=NEW)

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = "việc trong kế hoạch khắc phục"
        verbose_name_plural = "việc trong kế hoạch khắc phục"

    def __str__(self):
        return f"{self.ref} {self.text[:70]}".strip()

    def agency_ids(self):
        return [self.plan.agency_id]


# ---- inspection teams (seed II.1.3, II.2.4) -------------------------------------------------------


class InspectionTeam(Authored):
    """A team (lead agency, members from several agencies) inspecting agencies on a scope."""

    name = models.CharField("tên tổ kiểm tra", max_length=300)
    task = models.ForeignKey(
        Task,
        verbose_name="nhiệm vụ giao lập tổ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_teams",
    )
    lead_agency = models.ForeignKey(
        Agency, verbose_name="cơ quan chủ trì", on_delete=models.PROTECT, related_name="led_inspections"
    )
    member_agencies = models.ManyToManyField(
        Agency, verbose_name="cơ quan tham gia", blank=True, related_name="inspection_memberships"
    )
    members = models.TextField("thành viên (họ tên, chức vụ, cơ quan)", blank=True)
    scope = models.TextField("nội dung kiểm tra")
    checklist = models.JSONField("danh mục kiểm tra mỗi lần", default=list, blank=True)
    starts_on = models.DateField("kiểm tra từ ngày")
    ends_on = models.DateField("đến ngày")
    remediation_due = models.DateField("thời hạn khắc phục")
    conclusion = models.OneToOneField(
        "directives.Directive",
        verbose_name="kết luận kiểm tra (văn bản theo dõi)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection_team",
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = "tổ kiểm tra"
        verbose_name_plural = "tổ kiểm tra"

    def __str__(self):
        return self.name

    def agency_ids(self):
        return [self.lead_agency_id, *self.member_agencies.values_list("pk", flat=True)]


class InspectionVisit(AuditedModel):
    PLANNED, HELD = "planned", "held"
    STATUSES = [(PLANNED, "Theo kế hoạch"), (HELD, "Đã kiểm tra")]

    team = models.ForeignKey(InspectionTeam, on_delete=models.CASCADE, related_name="visits")
    agency = models.ForeignKey(
        Agency,
        verbose_name="đơn vị được kiểm tra",
        on_delete=models.PROTECT,
        related_name="inspection_visits",
    )
    scheduled_on = models.DateField("ngày kiểm tra dự kiến")
    held_on = models.DateField("ngày kiểm tra", null=True, blank=True)
    status = models.CharField("tình trạng", max_length=20, choices=STATUSES, default=PLANNED)
    checklist = models.JSONField("kết quả theo danh mục", default=list, blank=True)
    figures = models.JSONField("số liệu của đơn vị trong chiso", default=dict, blank=True)
    note = models.TextField("ghi nhận chung", blank=True)
    place = models.CharField("địa điểm", max_length=300, blank=True)

    class Meta:
        ordering = ["team", "scheduled_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["team", "agency"], name="programme_visit_once")]
        verbose_name = "lần kiểm tra"
        verbose_name_plural = "lần kiểm tra"

    def __str__(self):
        return f"Kiểm tra {self.agency} ngày {self.scheduled_on:%d/%m/%Y}"

    def agency_ids(self):
        return [self.agency_id, *self.team.agency_ids()]


def _finding_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"inspections/{instance.visit_id}/{uuid.uuid4().hex}.{ext}"


class Finding(AuditedModel):
    """A shortcoming found at a visit; once the team issues its findings each becomes a task."""

    visit = models.ForeignKey(InspectionVisit, on_delete=models.CASCADE, related_name="findings")
    text = models.TextField("tồn tại, hạn chế")
    recommendation = models.TextField("yêu cầu khắc phục", blank=True)
    evidence = models.FileField("minh chứng", upload_to=_finding_path, blank=True)
    evidence_name = models.CharField("tên tệp minh chứng", max_length=255, blank=True)
    due_date = models.DateField("hạn khắc phục")
    task = models.OneToOneField(
        Task,
        verbose_name="nhiệm vụ khắc phục",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="finding",
    )

    class Meta:
        ordering = ["visit", "pk"]
        verbose_name = "phát hiện qua kiểm tra"
        verbose_name_plural = "phát hiện qua kiểm tra"

    def __str__(self):
        return self.text[:80]

    def agency_ids(self):
        return self.visit.agency_ids()


# ---- monthly contact with citizens and businesses (seed I.4, II.4.2) ------------------------------


class ContactRequirement(AuditedModel):
    """A recurring task asking heads to meet citizens and businesses every month ("định kỳ hàng tháng …
    tiếp xúc, làm việc người dân, doanh nghiệp … bắt đầu thực hiện từ tháng 8/2022")."""

    task = models.OneToOneField(
        Task,
        verbose_name="nhiệm vụ yêu cầu tiếp xúc hằng tháng",
        on_delete=models.CASCADE,
        related_name="contact_requirement",
    )
    starts_on = models.DateField("bắt đầu từ tháng")
    forwarded = models.OneToOneField(
        "directives.Directive",
        verbose_name="kiến nghị chuyển xử lý (văn bản theo dõi)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_requirement",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = "yêu cầu tiếp xúc người dân, doanh nghiệp hằng tháng"
        verbose_name_plural = "yêu cầu tiếp xúc người dân, doanh nghiệp hằng tháng"

    def __str__(self):
        return f"Tiếp xúc hằng tháng theo {self.task.ref} – {self.task.directive}"


class ContactSession(Authored):
    requirement = models.ForeignKey(ContactRequirement, on_delete=models.CASCADE, related_name="sessions")
    agency = models.ForeignKey(
        Agency, verbose_name="cơ quan, đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField("ngày tiếp xúc")
    chair = models.CharField("người chủ trì (họ tên, chức vụ)", max_length=300)
    participants = models.PositiveIntegerField("số người dân, doanh nghiệp tham dự", default=0)
    participants_text = models.TextField("thành phần tham dự", blank=True)
    issues_raised = models.PositiveIntegerField("số ý kiến, vướng mắc nêu ra", default=0)
    issues_resolved = models.PositiveIntegerField("số vướng mắc giải quyết tại buổi", default=0)
    summary = models.TextField("nội dung chính, kết quả", blank=True)
    instance = models.ForeignKey(
        Task,
        verbose_name="kỳ của nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = "buổi tiếp xúc người dân, doanh nghiệp"
        verbose_name_plural = "buổi tiếp xúc người dân, doanh nghiệp"

    def __str__(self):
        return f"Tiếp xúc {self.held_on:%d/%m/%Y} – {self.agency}"

    def agency_ids(self):
        return [self.agency_id]


class ForwardedIssue(AuditedModel):
    """A citizen's issue the session could not settle, sent as a task to the agency that can."""

    session = models.ForeignKey(ContactSession, on_delete=models.CASCADE, related_name="forwarded")
    text = models.TextField("kiến nghị, vướng mắc")
    to_agency = models.ForeignKey(
        Agency, verbose_name="chuyển đến", on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField("hạn xử lý")
    task = models.OneToOneField(
        Task, null=True, blank=True, on_delete=models.SET_NULL, related_name="forwarded_issue"
    )

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = "kiến nghị chuyển xử lý"
        verbose_name_plural = "kiến nghị chuyển xử lý"

    def agency_ids(self):
        return [self.session.agency_id, self.to_agency_id]


# ---- thematic meetings (seed II.2.5, II.2.6) ------------------------------------------------------


class ThematicMeeting(Authored):
    """A thematic meeting or working session on components that have not improved for years."""

    PLANNED, HELD, CANCELLED = "planned", "held", "cancelled"
    STATUSES = [(PLANNED, "Dự kiến"), (HELD, "Đã họp"), (CANCELLED, "Không tổ chức")]

    title = models.CharField("chủ đề", max_length=300)
    task = models.ForeignKey(
        Task, verbose_name="theo nhiệm vụ", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    components = models.JSONField("chỉ số thành phần chậm cải thiện", default=list, blank=True)
    invited = models.ManyToManyField(Agency, verbose_name="cơ quan được mời", blank=True, related_name="+")
    planned_on = models.DateField("ngày họp dự kiến")
    held_on = models.DateField("ngày họp", null=True, blank=True)
    status = models.CharField("tình trạng", max_length=20, choices=STATUSES, default=PLANNED)
    chair = models.CharField("chủ trì", max_length=300, blank=True)
    agenda = models.TextField("chương trình họp", blank=True)
    attendees = models.TextField("thành phần dự họp", blank=True)
    conclusions = models.TextField("kết luận (mỗi dòng một nội dung)", blank=True)
    draft = models.ForeignKey(
        "directives.NoticeDraft",
        verbose_name="dự thảo thông báo kết luận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-planned_on", "-pk"]
        verbose_name = "cuộc họp chuyên đề"
        verbose_name_plural = "cuộc họp chuyên đề"

    def __str__(self):
        return self.title

    def agency_ids(self):
        return list(self.invited.values_list("pk", flat=True))
