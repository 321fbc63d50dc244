"""Questionnaires, waves, invitations and anonymous responses.

Anonymity is structural: `Invitation` and `Response` share no key, no precise timestamp and no
audit trail. An invitation only knows *whether* it was used (never when); a response only knows the
day it arrived. Neither is an AuditedModel, because an audit entry's exact time would link them;
invitation batches and imports are recorded once on the wave instead.
"""

import secrets
import uuid

from django.db import models

from chiso.core.models import AuditedModel

SINGLE, MULTIPLE, SCALE, MATRIX, NUMBER, TEXT = "single", "multiple", "scale", "matrix", "number", "text"
SKIPPED = "skipped"
QUESTION_KINDS = [
    (SINGLE, "Chọn một"),
    (MULTIPLE, "Chọn nhiều"),
    (SCALE, "Thang 1–5"),
    (MATRIX, "Ma trận (nhiều ý, thang 1–5)"),
    (NUMBER, "Số"),
    (TEXT, "Trả lời tự do"),
    (SKIPPED, "Không dùng được trên phiếu web (giữ lại, bỏ qua)"),
]
SCALE_LABELS = ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"]
AGREE_LABELS = ["Rất kém", "Kém", "Trung bình", "Tốt", "Rất tốt"]


class Questionnaire(AuditedModel):
    SIPAS, PAR, CUSTOM = "sipas", "par", "custom"
    KINDS = [
        (SIPAS, "SIPAS – hài lòng của người dân, tổ chức"),
        (PAR, "PAR INDEX – lãnh đạo, quản lý, đại biểu"),
        (CUSTOM, "Phiếu khác"),
    ]

    code = models.SlugField("mã", max_length=80, unique=True)
    title = models.CharField("tên phiếu", max_length=300)
    kind = models.CharField("loại", max_length=20, choices=KINDS, default=CUSTOM)
    intro = models.TextField("lời giới thiệu", blank=True)
    # element code -> name, in display order: the components results are computed for
    elements = models.JSONField("yếu tố, lĩnh vực", default=dict, blank=True)
    source = models.CharField("nguồn", max_length=200, blank=True)
    # An imported XLSForm keeps the XForm pyxform made of it: ODK Web Forms runs that in the browser
    # (relevance, constraints, calculations, choice filters, repeats, languages); the Question rows
    # below are the flat view our results, exports and paper import use.
    xform = models.TextField("XForm (từ pyxform)", blank=True)
    default_language = models.CharField("ngôn ngữ mặc định", max_length=80, blank=True)
    form_warnings = models.JSONField("cảnh báo khi nhập", default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = "phiếu khảo sát"
        verbose_name_plural = "phiếu khảo sát"

    def __str__(self):
        return self.title

    def questions(self):
        return (
            Question.objects.filter(section__questionnaire=self)
            .select_related("section")
            .order_by("section__order", "order")
        )


class Section(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField("tiêu đề", max_length=300)
    description = models.TextField("hướng dẫn", blank=True)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.title


class Question(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    code = models.SlugField("mã", max_length=80)
    text = models.TextField("câu hỏi")
    hint = models.CharField("gợi ý", max_length=300, blank=True)
    kind = models.CharField("kiểu", max_length=20, choices=QUESTION_KINDS)
    required = models.BooleanField("bắt buộc", default=False)
    # [{"value": "a", "label": "..."}] for single/multiple; scale labels for scale/matrix
    choices = models.JSONField(default=list, blank=True)
    # matrix rows: [{"code": "q1a", "label": "...", "element": "tiep-can"}]
    rows = models.JSONField(default=list, blank=True)
    element = models.CharField("yếu tố", max_length=40, blank=True)
    # skip logic: {"q": code, "op": "eq|ne|in|gte|lte|selected", "value": ...}; empty = always shown
    relevant = models.JSONField("điều kiện hiển thị", default=dict, blank=True)
    min_value = models.FloatField(null=True, blank=True)
    max_value = models.FloatField(null=True, blank=True)
    # XLSForm questions: the node in the XForm instance, the repeat it sits in, the type as written
    path = models.CharField("đường dẫn XForm", max_length=500, blank=True)
    repeat = models.CharField("nhóm lặp", max_length=500, blank=True)
    xls_type = models.CharField("kiểu XLSForm", max_length=120, blank=True)

    class Meta:
        ordering = ["section__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="surveys_question_code_unique")
        ]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"

    def scale_labels(self):
        if self.kind in (SCALE, MATRIX) and self.choices:
            return [c["label"] for c in self.choices]
        return SCALE_LABELS


class Wave(AuditedModel):
    DRAFT, OPEN, CLOSED = "draft", "open", "closed"
    STATUSES = [(DRAFT, "Đang chuẩn bị"), (OPEN, "Đang nhận phiếu"), (CLOSED, "Đã đóng")]

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="phiếu", on_delete=models.PROTECT, related_name="waves"
    )
    name = models.CharField("tên đợt", max_length=300)
    year = models.PositiveIntegerField("năm đánh giá")
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    target_group = models.CharField("đối tượng khảo sát", max_length=300)
    sample_size = models.PositiveIntegerField("cỡ mẫu dự kiến", default=0)
    status = models.CharField("trạng thái", max_length=10, choices=STATUSES, default=DRAFT)
    agencies = models.ManyToManyField(
        "registry.Agency", verbose_name="cơ quan được đánh giá", blank=True, related_name="+"
    )
    public_slug = models.SlugField(max_length=40, unique=True, editable=False)
    public_enabled = models.BooleanField("cho phép trả lời qua đường dẫn công khai", default=False)
    min_cell = models.PositiveIntegerField("số phiếu tối thiểu để công bố một ô", default=30)
    # post-stratification targets (see services/compute.py)
    agency_shares = models.JSONField("tỷ trọng đã biết theo cơ quan", default=dict, blank=True)
    agency_shares_source = models.CharField("nguồn tỷ trọng cơ quan", max_length=300, blank=True)
    stratum_question = models.CharField("câu hỏi phân tầng", max_length=80, blank=True)
    stratum_shares = models.JSONField("tỷ trọng đã biết theo tầng", default=dict, blank=True)
    # official figures for comparison: {"overall": 79.6, "elements": {"tiep-can": 80.1}}
    official = models.JSONField("số liệu chính thức (%)", default=dict, blank=True)
    official_source = models.CharField("nguồn số liệu chính thức", max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-start", "name"]
        verbose_name = "đợt khảo sát"
        verbose_name_plural = "đợt khảo sát"

    def __str__(self):
        return self.name

    def audit_access(self):
        # The log of a wave records the survey's administration (invitations, reminders, exports):
        # for those who run surveys, not for the heads of the agencies it rates.
        return ("survey", "change", None)

    def save(self, *args, **kwargs):
        if not self.public_slug:
            self.public_slug = secrets.token_urlsafe(12).replace("_", "x").replace("-", "y").lower()
        super().save(*args, **kwargs)

    FUTURE = "future"

    def phase(self, day=None):
        """open, future (draft or before its start) or closed (closed or past its end), as of `day`."""
        from .services.distribution import today

        day = day or today()
        if self.status == self.CLOSED or day > self.end:
            return self.CLOSED
        if self.status == self.DRAFT or day < self.start:
            return self.FUTURE
        return self.OPEN

    @property
    def accepting(self):
        return self.phase() == self.OPEN


class Invitation(models.Model):
    """Who was asked. Knows whether it was used, never when, and never which response it gave."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    name = models.CharField("họ tên", max_length=200, blank=True)
    email = models.EmailField("thư điện tử", blank=True)
    group = models.CharField("nhóm đối tượng", max_length=120, blank=True)
    agency = models.ForeignKey(
        "registry.Agency",
        verbose_name="cơ quan được đánh giá",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    used = models.BooleanField("đã trả lời", default=False)
    reminders_sent = models.PositiveIntegerField("số lần nhắc", default=0)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.name or self.email or f"Thư mời {self.pk}"


class InvitationToken(models.Model):
    """Only the SHA-256 of a one-time token; a reminder issues a new token for the same invitation."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="tokens")
    token_hash = models.CharField(max_length=64, unique=True)


def _random_id():
    return uuid.uuid4()


class Response(models.Model):
    """One anonymous answer sheet. Random id, day-level date, no reference to any invitation."""

    WEB, PUBLIC, PAPER = "web", "public", "paper"
    CHANNELS = [(WEB, "Thư mời"), (PUBLIC, "Đường dẫn công khai / mã QR"), (PAPER, "Phiếu giấy")]

    id = models.UUIDField(primary_key=True, default=_random_id, editable=False)
    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="responses")
    agency = models.ForeignKey(
        "registry.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    group = models.CharField("nhóm đối tượng", max_length=120, blank=True)
    channel = models.CharField("kênh", max_length=10, choices=CHANNELS)
    submitted_on = models.DateField("ngày nhận")
    answers = models.JSONField(default=dict)
    # the XForm instance as the engine submitted it (XLSForm questionnaires): repeats and all
    instance = models.TextField(blank=True)
    paper_ref = models.CharField("số phiếu giấy", max_length=60, null=True, blank=True)

    class Meta:
        ordering = ["submitted_on", "id"]
        constraints = [models.UniqueConstraint(fields=["wave", "paper_ref"], name="surveys_paper_ref_unique")]


class DeviceMark(models.Model):
    """A hashed one-time key, nothing more: (wave, browser, day) for one public answer per browser
    and day, or a used form stamp so a captured stamp cannot be replayed."""

    key = models.CharField(max_length=64, unique=True)
    day = models.DateField()


class NetworkCount(models.Model):
    """Public answers accepted from one network (hashed wave + address prefix + hour) in one hour.

    A soft limit against ballot stuffing that a one-stop counter's Wi-Fi (many citizens, one
    address) stays well under; kept in the database so every server process sees the same count."""

    key = models.CharField(max_length=64, unique=True)
    hour = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)
