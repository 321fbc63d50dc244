"""Directives (conclusion notices and the like), their targets and their tasks."""

from django.conf import settings
from django.db import models

from chiso.core import memo
from chiso.core.models import AuditedModel
from chiso.registry.models import Agency

# A directive's full text and its reading are large; lists of tasks that join their directive never show
# them: .defer(*HEAVY_DIRECTIVE_FIELDS) (read on access if ever needed).
HEAVY_DIRECTIVE_FIELDS = ("directive__source_text", "directive__parsed")


class Directive(AuditedModel):
    DRAFT, PUBLISHED, WITHDRAWN = "draft", "published", "withdrawn"
    STATUSES = [(DRAFT, "Dự thảo"), (PUBLISHED, "Đã ban hành"), (WITHDRAWN, "Đã thu hồi")]

    kind = models.CharField("loại văn bản", max_length=40, default="THÔNG BÁO")
    number = models.CharField("số, ký hiệu", max_length=80, blank=True, db_index=True)
    issuer = models.ForeignKey(
        Agency,
        verbose_name="cơ quan ban hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issuer_text = models.CharField("cơ quan ban hành (như văn bản)", max_length=300, blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.TextField("trích yếu")
    meeting_date = models.DateField("ngày họp", null=True, blank=True)
    chaired_by = models.CharField("chủ trì", max_length=200, blank=True)
    signed_by = models.CharField("người ký", max_length=200, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=300, blank=True)
    source_file = models.FileField("tệp gốc", upload_to="directives/%Y/", blank=True)
    source_filename = models.CharField("tên tệp gốc", max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    content_sha256 = models.CharField("dấu vân tay nội dung", max_length=64, blank=True, db_index=True)
    source_text = models.TextField("nội dung văn bản", blank=True)
    parsed = models.JSONField("kết quả đọc văn bản", default=dict, blank=True)
    status = models.CharField("trạng thái", max_length=20, choices=STATUSES, default=DRAFT)
    published_at = models.DateTimeField("ban hành lúc", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = "văn bản chỉ đạo"
        verbose_name_plural = "văn bản chỉ đạo"

    def __str__(self):
        return f"{self.kind.capitalize()} {self.number}".strip() if self.number else self.title[:80]


class Target(AuditedModel):
    """A general requirement of a directive, e.g. "PAR INDEX, SIPAS, PAPI 2022 improve score and rank"."""

    PENDING, MET, MISSED = "pending", "met", "missed"
    STATUSES = [(PENDING, "Chờ kết quả"), (MET, "Đạt"), (MISSED, "Không đạt")]

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="targets")
    text = models.TextField("nội dung")
    indices = models.JSONField("chỉ số", default=list, blank=True)
    year = models.PositiveIntegerField("năm", null=True, blank=True)
    goal = models.CharField("mục tiêu", max_length=200, blank=True)
    status = models.CharField("kết quả", max_length=20, choices=STATUSES, default=PENDING)
    evaluation = models.JSONField("chi tiết đánh giá", default=dict, blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "mục tiêu"
        verbose_name_plural = "mục tiêu"

    def __str__(self):
        return self.text[:80]


class Task(AuditedModel):
    """A task of a directive. Shares of a group task and periods of a recurring one are child tasks."""

    NEW, IN_PROGRESS, REPORTED, DONE, RETURNED, CANCELLED = (
        "new",
        "in_progress",
        "reported",
        "done",
        "returned",
        "cancelled",
    )
    STATES = [
        (NEW, "Chưa thực hiện"),
        (IN_PROGRESS, "Đang thực hiện"),
        (REPORTED, "Đã báo cáo"),
        (DONE, "Hoàn thành"),
        (RETURNED, "Trả lại"),
        (CANCELLED, "Dừng, hủy"),
    ]
    DEADLINE_KINDS = [
        ("date", "Ngày"),
        ("month", "Tháng"),
        ("quarter", "Quý"),
        ("year", "Năm"),
        ("range", "Khoảng thời gian"),
        ("recurring", "Định kỳ"),
        ("none", "Không thời hạn"),
    ]
    SHARE, INSTANCE = "share", "instance"

    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    child_kind = models.CharField(
        max_length=10, blank=True, choices=[(SHARE, "Phần việc của đơn vị"), (INSTANCE, "Kỳ thực hiện")]
    )
    # The task of the notice above a share, a period or a period of a share (empty on that task itself),
    # stored so that lists grouping leaves under the task people read (lists.grouped) need no join up
    # the parent chain. Set by save() and by the bulk fan-out in services.life; tasks are never moved.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="descendants", editable=False
    )
    ref = models.CharField("mục", max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)
    text = models.TextField("nội dung")
    source_text = models.TextField("đoạn văn gốc", blank=True)
    checklist = models.JSONField("các việc cụ thể", default=list, blank=True)
    lead = models.ForeignKey(
        Agency,
        verbose_name="chủ trì",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    lead_text = models.CharField("chủ trì (như văn bản)", max_length=300, blank=True)
    lead_group = models.CharField("nhóm chủ trì", max_length=80, blank=True)
    coordinators = models.ManyToManyField(
        Agency, verbose_name="phối hợp", blank=True, related_name="coordinated_tasks"
    )
    coordinators_text = models.JSONField("phối hợp (như văn bản)", default=list, blank=True)
    report_to = models.ForeignKey(
        Agency, verbose_name="báo cáo qua", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deadline_kind = models.CharField("loại thời hạn", max_length=20, choices=DEADLINE_KINDS, default="none")
    deadline_text = models.CharField("thời hạn (như văn bản)", max_length=300, blank=True)
    due_date = models.DateField("hạn", null=True, blank=True, db_index=True)
    due_strict = models.BooleanField("hạn là 'trước ngày'", default=False)
    start_date = models.DateField("bắt đầu", null=True, blank=True)
    recurrence = models.CharField(
        "định kỳ",
        max_length=10,
        blank=True,
        choices=[("month", "Hằng tháng"), ("quarter", "Hằng quý"), ("year", "Hằng năm")],
    )
    milestones = models.JSONField("các mốc", default=list, blank=True)
    state = models.CharField("trạng thái", max_length=20, choices=STATES, default=NEW, db_index=True)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    original_due_date = models.DateField("hạn ban đầu", null=True, blank=True)
    period = models.CharField("kỳ", max_length=20, blank=True)
    percent = models.PositiveSmallIntegerField("tỷ lệ hoàn thành (%)", default=0)
    version = models.PositiveIntegerField(
        default=1
    )  # optimistic locking: two editors never silently overwrite
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["directive", "position", "pk"]
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"

    def __str__(self):
        return f"{self.ref} {self.text[:70]}".strip()

    def save(self, *args, **kwargs):
        if self.parent_id and self.root_id is None:
            parent = self.parent
            self.root_id = parent.root_id or parent.pk
        super().save(*args, **kwargs)

    @property
    def top_id(self):
        """The task of the notice this one belongs to (itself for a task of the notice)."""
        return self.root_id or self.pk

    def agency_ids(self):
        """Agencies that own this task for permission checks."""
        ids = [self.lead_id] if self.lead_id else []
        return ids + list(self.coordinators.values_list("pk", flat=True))

    def audit_access(self):
        """(kind, action, agency ids) a reader of this object's audit log must be allowed (core.views.audit_log)."""
        return ("task", "view", self.agency_ids())


class NoticeDraft(models.Model):
    """An uploaded notice being reviewed before it is published as a Directive."""

    OPEN, PUBLISHED, DISCARDED = "open", "published", "discarded"

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file = models.FileField(upload_to="notice-drafts/%Y/")
    filename = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    parsed = models.JSONField(default=dict)
    status = models.CharField(
        max_length=20,
        default=OPEN,
        choices=[(OPEN, "Đang rà soát"), (PUBLISHED, "Đã ban hành"), (DISCARDED, "Đã bỏ")],
    )
    directive = models.ForeignKey(
        Directive, null=True, blank=True, on_delete=models.SET_NULL, related_name="drafts"
    )

    class Meta:
        ordering = ["-uploaded_at"]


# --- Follow-up: history, reports, evidence, extensions, reminders -------------------------------


class TaskEvent(models.Model):
    """One step in a task's life: who moved it, when, from which state to which, and why."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    on = models.DateField("ngày (theo nghiệp vụ)")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField("người thực hiện", max_length=200, blank=True)
    action = models.CharField("thao tác", max_length=40)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    note = models.TextField("lý do, ghi chú", blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "lịch sử nhiệm vụ"
        verbose_name_plural = "lịch sử nhiệm vụ"


class ProgressReport(AuditedModel):
    PENDING_HEAD, SUBMITTED, ACCEPTED, RETURNED, NOTED = (
        "pending_head",
        "submitted",
        "accepted",
        "returned",
        "noted",
    )
    STATUSES = [
        (PENDING_HEAD, "Chờ lãnh đạo đơn vị duyệt"),
        (SUBMITTED, "Chờ cơ quan theo dõi xem xét"),
        (ACCEPTED, "Được chấp nhận"),
        (RETURNED, "Bị trả lại"),
        (NOTED, "Báo cáo tiến độ"),
    ]

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_on = models.DateField("ngày báo cáo")
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField("nội dung báo cáo")
    percent = models.PositiveSmallIntegerField("tỷ lệ hoàn thành (%)", default=0)
    final = models.BooleanField("báo cáo hoàn thành", default=False)
    status = models.CharField("tình trạng", max_length=20, choices=STATUSES, default=SUBMITTED)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField("ý kiến cơ quan theo dõi", blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"

    def __str__(self):
        return f"Báo cáo {self.reported_on:%d/%m/%Y} – {self.task}"[:300]

    def agency_ids(self):
        return self.task.agency_ids()

    def audit_access(self):
        """(kind, action, agency ids) a reader of this object's audit log must be allowed (core.views.audit_log)."""
        return ("task", "view", self.agency_ids())


def _evidence_path(instance, filename):
    # The stored name never comes from the user: no path tricks, no overwriting another file.
    import uuid

    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"evidence/{instance.report.task_id}/{uuid.uuid4().hex}.{ext}"


class Evidence(AuditedModel):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("tệp", upload_to=_evidence_path)
    filename = models.CharField("tên tệp", max_length=255)
    size = models.PositiveIntegerField("dung lượng (byte)")
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self):
        return self.filename

    def agency_ids(self):
        return self.report.task.agency_ids()

    def audit_access(self):
        """(kind, action, agency ids) a reader of this object's audit log must be allowed (core.views.audit_log)."""
        return ("evidence", "view", self.agency_ids())


class Extension(AuditedModel):
    PENDING, APPROVED, REFUSED = "pending", "approved", "refused"
    STATUSES = [(PENDING, "Chờ quyết định"), (APPROVED, "Đồng ý gia hạn"), (REFUSED, "Không đồng ý")]

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_on = models.DateField("ngày đề nghị")
    reason = models.TextField("lý do")
    old_due = models.DateField("hạn cũ", null=True, blank=True)
    new_due = models.DateField("hạn đề nghị")
    status = models.CharField("quyết định", max_length=20, choices=STATUSES, default=PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    decision_note = models.TextField("ý kiến", blank=True)

    class Meta:
        ordering = ["-requested_on", "-pk"]
        verbose_name = "đề nghị gia hạn"
        verbose_name_plural = "đề nghị gia hạn"

    def __str__(self):
        return f"Gia hạn đến {self.new_due:%d/%m/%Y} – {self.task}"[:300]

    def audit_access(self):
        """(kind, action, agency ids) a reader of this object's audit log must be allowed (core.views.audit_log)."""
        return ("task", "view", self.task.agency_ids())


class ReminderSchedule(AuditedModel):
    """How the system reminds and escalates (one row; the administrator edits it)."""

    days_before = models.JSONField("nhắc trước hạn (ngày)", default=list, help_text="ví dụ [7, 3, 1]")
    on_due_day = models.BooleanField("nhắc đúng ngày đến hạn", default=True)
    overdue_every = models.PositiveSmallIntegerField("quá hạn: nhắc lại sau mỗi (ngày)", default=3)
    head_after = models.PositiveSmallIntegerField("quá hạn từ (ngày) thì báo lãnh đạo đơn vị", default=7)
    monitor_after = models.PositiveSmallIntegerField("quá hạn từ (ngày) thì báo cơ quan theo dõi", default=14)
    due_soon_days = models.PositiveSmallIntegerField("“sắp đến hạn” trong vòng (ngày)", default=7)
    head_approval = models.BooleanField("báo cáo của chuyên viên cần lãnh đạo đơn vị duyệt", default=True)
    as_of = models.DateField(
        "tính như hôm nay là ngày",
        null=True,
        blank=True,
        help_text="Để trống khi vận hành thật; đặt một ngày cho bản trình diễn, tập huấn.",
    )

    class Meta:
        verbose_name = "lịch nhắc việc"
        verbose_name_plural = "lịch nhắc việc"

    def __str__(self):
        return "Lịch nhắc việc"

    @classmethod
    def current(cls):
        # Read by every task list and card of a page: once per request (chiso.core.memo).
        obj = memo.per_request("directives.reminder_schedule", lambda: cls.objects.order_by("pk").first())
        return obj or cls(days_before=[7, 3, 1])


class ReminderLog(models.Model):
    """One reminder sent; the unique key makes a second run of `chiso remind` send nothing again."""

    key = models.CharField(max_length=200, unique=True)
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    on = models.DateField("ngày nhắc")
    kind = models.CharField(max_length=40)
    recipients = models.TextField(blank=True)
    mailed = models.BooleanField(default=False)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = "nhắc việc đã gửi"
        verbose_name_plural = "nhắc việc đã gửi"


class Notification(models.Model):
    """Something a person must know or act on; shown in the header bell, mailed at once or in a digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField("loại", max_length=40, blank=True)
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=500)
    url = models.CharField(max_length=300, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # None: not mailed yet (the daily digest picks it up); reminders are mailed when they are made.
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["mailed_at"])]


class NotificationPreference(models.Model):
    """How a person wants notifications by e-mail: one digest a day (default), at once, or not at all."""

    DIGEST, IMMEDIATE, NONE = "digest", "immediate", "none"
    MODES = [
        (DIGEST, "Một thư tổng hợp mỗi ngày"),
        (IMMEDIATE, "Gửi thư ngay khi có thông báo"),
        (NONE, "Không gửi thư (chỉ xem trên hệ thống)"),
    ]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.CharField("nhận thư", max_length=20, choices=MODES, default=DIGEST)

    class Meta:
        verbose_name = "cách nhận thông báo"
        verbose_name_plural = "cách nhận thông báo"

    @classmethod
    def mode_for(cls, user):
        return cls.objects.filter(user=user).values_list("email", flat=True).first() or cls.DIGEST


class ReportTemplate(AuditedModel):
    """A DOCX template the administrator uploads to replace the built-in one."""

    code = models.CharField(
        "loại báo cáo",
        max_length=40,
        unique=True,
        choices=[("bao-cao-tinh-hinh", "Báo cáo tình hình thực hiện")],
    )
    file = models.FileField("tệp mẫu (.docx)", upload_to="report-templates/")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mẫu báo cáo"
        verbose_name_plural = "mẫu báo cáo"


class OfficialSettings(AuditedModel):
    """Who reports and who signs the official outputs (one row; the administrator edits it).

    The province in the header is not here: it is read from the registry as of the report date, so a
    report on 2022 names the province as it was then and one on 2026 the province as it is now."""

    reporter = models.CharField("cơ quan báo cáo", max_length=200, default="Sở Nội vụ")
    symbol = models.CharField("chữ viết tắt trong số, ký hiệu", max_length=20, default="SNV")
    signer_authority = models.CharField(
        "thẩm quyền ký",
        max_length=60,
        blank=True,
        help_text="ví dụ “KT. GIÁM ĐỐC”; để trống nếu người đứng đầu ký",
    )
    signer_title = models.CharField("chức vụ người ký", max_length=100, default="GIÁM ĐỐC")
    signer_name = models.CharField("họ tên người ký", max_length=100, blank=True)
    recipients = models.TextField(
        "nơi nhận",
        default="UBND tỉnh (b/c);\nVăn phòng UBND tỉnh;\nCác cơ quan, đơn vị, địa phương;\nLưu: VT, CCHC.",
        help_text="mỗi dòng một nơi nhận",
    )

    class Meta:
        verbose_name = "người ký, nơi nhận báo cáo"
        verbose_name_plural = "người ký, nơi nhận báo cáo"

    def __str__(self):
        return f"{self.reporter} – {self.signer_title} {self.signer_name}".strip()

    @classmethod
    def current(cls):
        return cls.objects.order_by("pk").first() or cls()
