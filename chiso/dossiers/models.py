"""Procedures, dossiers from the one-stop system, and the summary tables dashboards read."""

from django.db import models

from chiso.core.models import AuditedModel

LEVELS = [("tinh", "Cấp tỉnh"), ("huyen", "Cấp huyện"), ("xa", "Cấp xã")]
# Old levels (NĐ 43/2011, to 14/8/2022) and the current forms (NĐ 42/2022 Điều 11, from 15/8/2022).
ONLINE_LEVELS = [
    ("", "Không cung cấp trực tuyến"),
    ("2", "Mức độ 2"),
    ("3", "Mức độ 3"),
    ("4", "Mức độ 4"),
    ("mot_phan", "Trực tuyến một phần"),
    ("toan_trinh", "Trực tuyến toàn trình"),
]
# Level 4 ≈ toàn trình, level 3 ≈ một phần: conventional, not legal (domain.md §8).
ONLINE_GROUP = {"4": "toan_trinh", "toan_trinh": "toan_trinh", "3": "mot_phan", "mot_phan": "mot_phan"}

DIRECT, ONLINE, POST = 1, 2, 3
CHANNELS = [(DIRECT, "Trực tiếp"), (ONLINE, "Trực tuyến"), (POST, "Bưu chính")]

OPEN, EARLY, ON_TIME, LATE = 0, 1, 2, 3
OUTCOMES = [(OPEN, "Đang xử lý"), (EARLY, "Trước hạn"), (ON_TIME, "Đúng hạn"), (LATE, "Trễ hạn")]

# How a dossier ended when it ended without a result (NĐ 61/2018 Điều 19; TT 03/2025 "dừng giải quyết").
ENDED_RESULT, ENDED_REFUSED, ENDED_WITHDRAWN, ENDED_STOPPED = 0, 1, 2, 3
ENDINGS = [
    (ENDED_RESULT, "Có kết quả"),
    (ENDED_REFUSED, "Từ chối, trả lại hồ sơ"),
    (ENDED_WITHDRAWN, "Công dân rút hồ sơ"),
    (ENDED_STOPPED, "Dừng giải quyết"),
]

# Apology state, decided on import (open dossiers: as of the import day).
AP_NONE, AP_PROPER, AP_IMPROPER, AP_MISSING = 0, 1, 2, 3
APOLOGY_STATES = [
    (AP_NONE, "Không cần"),
    (AP_PROPER, "Đúng quy định"),
    (AP_IMPROPER, "Chưa đúng quy định"),
    (AP_MISSING, "Chưa xin lỗi"),
]


class Procedure(AuditedModel):
    code = models.CharField("mã thủ tục", max_length=60, unique=True)
    name = models.CharField("tên thủ tục", max_length=500)
    field = models.CharField("lĩnh vực", max_length=200, blank=True)
    level = models.CharField("cấp thực hiện", max_length=10, choices=LEVELS, blank=True)
    days = models.PositiveIntegerField("thời hạn giải quyết (ngày làm việc)", null=True, blank=True)
    online_level = models.CharField("mức độ trực tuyến", max_length=12, choices=ONLINE_LEVELS, blank=True)
    fee = models.PositiveIntegerField("phí, lệ phí (đồng)", default=0)

    class Meta:
        ordering = ["code"]
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def online_group(self):
        return ONLINE_GROUP.get(self.online_level, "")


class ColumnMapping(AuditedModel):
    """How one export's headers map to dossier fields, saved under a name for the next import."""

    name = models.SlugField("tên", max_length=60, unique=True)
    columns = models.JSONField("cột", default=dict)  # field -> header as written in the file
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        verbose_name = "ánh xạ cột"
        verbose_name_plural = "ánh xạ cột"

    def __str__(self):
        return self.name


def hidden_runs_sql(a="d", but=None):
    """SQL condition: the dossier row aliased `a` is visible, i.e. not written by an import that has not
    finished (SQLite imports commit their new rows in short batches before the run is done, so other
    writers never wait for the whole file; see services/importer.py). `but` is a run whose rows count."""
    extra = f" AND id <> {int(but)}" if but else ""
    return (
        f"({a}.import_run_id IS NULL OR {a}.import_run_id NOT IN "
        f"(SELECT id FROM dossiers_importrun WHERE status <> 'done'{extra}))"
    )


class VisibleDossiers(models.Manager):
    """Dossiers of finished imports only: rows of a running (or failed, not yet cleaned) import stay hidden."""

    def get_queryset(self):
        pending = ImportRun.objects.exclude(status=ImportRun.DONE).values("id")
        return super().get_queryset().exclude(import_run_id__in=models.Subquery(pending))


class Dossier(AuditedModel):
    """One dossier; written in bulk by raw SQL (services/importer.py), one audit entry per import."""

    code = models.CharField("mã hồ sơ", max_length=60, unique=True)
    # No separate FK indexes: each costs the bulk import dearly; (agency, stat_day) serves agency lookups.
    procedure = models.ForeignKey(
        Procedure, verbose_name="thủ tục", on_delete=models.PROTECT, related_name="dossiers", db_index=False
    )
    agency = models.ForeignKey(
        "registry.Agency",
        verbose_name="cơ quan giải quyết",
        on_delete=models.PROTECT,
        related_name="dossiers",
        db_index=False,
    )
    receiving_agency = models.ForeignKey(
        "registry.Agency",
        verbose_name="nơi tiếp nhận",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    channel = models.PositiveSmallIntegerField("kênh nộp", choices=CHANNELS, default=DIRECT)
    applicant = models.CharField("người nộp, chủ hồ sơ", max_length=300, blank=True, default="")
    received = models.DateField("ngày tiếp nhận")
    due = models.DateField("ngày hẹn trả")
    completed = models.DateField("ngày có kết quả", null=True, blank=True)
    # Minutes after midnight when the export gives the hour (giấy tiếp nhận: giờ, phút, ngày); None if not.
    received_min = models.SmallIntegerField("giờ tiếp nhận (phút)", null=True, blank=True)
    due_min = models.SmallIntegerField("giờ hẹn trả (phút)", null=True, blank=True)
    completed_min = models.SmallIntegerField("giờ có kết quả (phút)", null=True, blank=True)
    supplements = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)
    supplement_days = models.IntegerField("ngày làm việc chờ bổ sung", default=0)
    ended = models.PositiveSmallIntegerField("kết thúc", choices=ENDINGS, default=ENDED_RESULT)
    # The deadline the rules judge by (services/rules.py): the appointment, moved by the working days spent
    # waiting for the citizen's supplement, or the 15:00 rule for same-day procedures.
    deadline = models.DateField("hạn giải quyết tính theo quy định", null=True, blank=True)
    # QĐ 766 group 4 (số hóa) and 5.4 flags, when the export carries them (None: not exported).
    e_result = models.BooleanField("có kết quả điện tử", null=True, blank=True)
    digitized = models.BooleanField("hồ sơ được số hóa", null=True, blank=True)
    reused = models.BooleanField("tái sử dụng dữ liệu số hóa", null=True, blank=True)
    from_store = models.BooleanField("lấy từ kho dữ liệu cá nhân", null=True, blank=True)
    complaint = models.BooleanField("có phản ánh, kiến nghị", default=False)
    returned = models.DateField("ngày trả kết quả", null=True, blank=True)
    online_payment = models.BooleanField("thanh toán trực tuyến", default=False)
    rating = models.PositiveSmallIntegerField("đánh giá của người dân", null=True, blank=True)
    apology_date = models.DateField("ngày xin lỗi", null=True, blank=True)
    new_due = models.DateField("ngày hẹn lại", null=True, blank=True)
    reappointments = models.PositiveSmallIntegerField("số lần hẹn lại", default=0)
    in_system = models.BooleanField("kết quả đã cập nhật trên hệ thống", default=True)
    paper_completed = models.DateField("ngày có kết quả theo sổ giấy", null=True, blank=True)
    # Derived on import so summaries and lists need no calendar arithmetic.
    outcome = models.PositiveSmallIntegerField("kết quả xử lý", choices=OUTCOMES, default=OPEN)
    apology_state = models.PositiveSmallIntegerField("xin lỗi", choices=APOLOGY_STATES, default=AP_NONE)
    work_days = models.IntegerField("số ngày làm việc đã xử lý", null=True, blank=True)
    stat_day = models.DateField("ngày thống kê")  # completion day, or due day while open
    stat_month = models.IntegerField("tháng thống kê")  # yyyymm of stat_day
    letter_issued_at = models.DateTimeField("ngày in phiếu xin lỗi", null=True, blank=True)
    letter_issued_by = models.CharField("người in phiếu", max_length=150, blank=True)
    # The import (ImportRun id) that first wrote the row when it was written in committed batches; hidden
    # until that run is done (VisibleDossiers, hidden_runs_sql). Null: written in one transaction.
    import_run_id = models.IntegerField("lần nhập", null=True, blank=True)

    objects = VisibleDossiers()
    all_rows = models.Manager()

    class Meta:
        ordering = ["-received"]
        base_manager_name = "all_rows"
        # Named so a large import can drop and rebuild them (services/importer.py SECONDARY_INDEXES).
        indexes = [
            models.Index(fields=["agency", "stat_day"], name="dossier_agency_day"),
            models.Index(fields=["outcome", "due"], name="dossier_outcome_due"),
            models.Index(fields=["stat_month"], name="dossier_stat_month"),
        ]
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"

    def __str__(self):
        return self.code

    def agency_ids(self):
        return [self.agency_id, self.receiving_agency_id]

    def audit_access(self):
        """(kind, action, agency ids) a reader of this object's audit log must be allowed (core.views.audit_log)."""
        return ("dossier", "view", self.agency_ids())

    @property
    def is_open(self):
        return self.completed is None

    @staticmethod
    def _hm(minute):
        return f"{minute // 60:02d}:{minute % 60:02d}" if minute is not None else ""

    @property
    def received_hm(self):
        return self._hm(self.received_min)

    @property
    def due_hm(self):
        return self._hm(self.due_min)

    @property
    def completed_hm(self):
        return self._hm(self.completed_min)


STAT_FIELDS = [
    "total",
    "early",
    "on_time",
    "late",
    "open",
    "open_apology",
    "late_no_apology",
    "apology_improper",
    "online",
    "offered_full",
    "offered_partial",
    "online_full",
    "online_partial",
    "paid_online",
    "with_fee",
    "work_days",
    "rated",
    "rating_sum",
    "synced",
    "flags_known",
    "e_result",
    "digitized",
    "reused",
    "from_store",
    "disliked",
]
# Counters only the 766 refresh reads: the dashboards leave them out of their sums (each costs a column).
INDICATOR_ONLY = {"synced", "flags_known", "e_result", "digitized", "reused", "from_store", "disliked"}


class _Stat(models.Model):
    agency_id = models.BigIntegerField()
    total = models.IntegerField(default=0)
    early = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    late = models.IntegerField(default=0)
    open = models.IntegerField(default=0)
    open_apology = models.IntegerField(default=0)
    late_no_apology = models.IntegerField(default=0)  # completed late with no apology letter
    apology_improper = models.IntegerField(default=0)
    online = models.IntegerField(default=0)
    offered_full = models.IntegerField(default=0)  # dossiers of procedures offered toàn trình
    offered_partial = models.IntegerField(default=0)
    online_full = models.IntegerField(default=0)
    online_partial = models.IntegerField(default=0)
    paid_online = models.IntegerField(default=0)
    with_fee = models.IntegerField(default=0)
    work_days = models.BigIntegerField(default=0)  # sum over completed dossiers
    rated = models.IntegerField(default=0)
    rating_sum = models.IntegerField(default=0)
    synced = models.IntegerField(default=0)  # result recorded in the system (1.4)
    flags_known = models.IntegerField(default=0)  # dossiers whose export carried the digitisation flags
    e_result = models.IntegerField(default=0)
    digitized = models.IntegerField(default=0)  # digitised and with an electronic result (4.2)
    reused = models.IntegerField(default=0)
    from_store = models.IntegerField(default=0)
    disliked = models.IntegerField(default=0)  # a complaint or a "không hài lòng" rating (5.4)

    class Meta:
        abstract = True


class StatDay(_Stat):
    """Per agency and day (completion day, or due day while open): the command line and open counts."""

    day = models.DateField()
    month = models.IntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency_id", "day"], name="dossier_statday_key")]
        indexes = [models.Index(fields=["day"]), models.Index(fields=["month"])]


class StatMonth(_Stat):
    """Per agency, procedure and month: dashboards (league table, heat map, fields, online)."""

    procedure_id = models.BigIntegerField()
    month = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency_id", "procedure_id", "month"], name="dossier_statmonth_key"
            )
        ]
        indexes = [models.Index(fields=["month"])]


class ImportRun(models.Model):
    """One import: its progress for the web page, its result and errors."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "Đang chờ"), (RUNNING, "Đang nhập"), (DONE, "Xong"), (FAILED, "Thất bại")]
    file_name = models.CharField(max_length=300)
    mapping = models.CharField(max_length=60, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=RUNNING)
    # The background job that runs a web upload (its progress is what the page polls); none for the command.
    job = models.OneToOneField(
        "core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="dossier_import"
    )
    rows_done = models.IntegerField(default=0)
    rows_total = models.IntegerField(default=0)
    created = models.IntegerField(default=0)
    updated = models.IntegerField(default=0)
    errors = models.JSONField(default=list)
    # Procedure names the catalogue lacked (the page offers to add them in one step).
    unmatched = models.JSONField("thủ tục chưa có trong danh mục", default=list, blank=True)
    user = models.ForeignKey(
        "registry.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_at"]

    @property
    def percent(self):
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0


class IndicatorValue(models.Model):
    """One 766 indicator (QĐ 766/QĐ-TTg) computable from dossier data, per agency and period (yyyymm or yyyy00)."""

    agency_id = models.BigIntegerField()
    period = models.IntegerField()  # yyyymm for a month, yyyy00 for a whole year
    code = models.CharField(max_length=10)
    numerator = models.BigIntegerField()
    denominator = models.BigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency_id", "period", "code"], name="dossier_indicator_key")
        ]
        indexes = [models.Index(fields=["period", "code"])]
