"""Indices as versioned data, provinces across the 2025 merger, results with provenance, responsibility."""

from django.conf import settings
from django.db import models

from chiso.core.models import AuditedModel
from chiso.registry.models import Agency


class Province(AuditedModel):
    """A provincial unit in one period. Old and new units are separate rows so histories never mix."""

    code = models.SlugField("mã", max_length=60, unique=True)
    name = models.CharField("tên", max_length=100)
    region = models.CharField("vùng", max_length=100, blank=True)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name="đơn vị kế thừa",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    merger_confirmed = models.BooleanField("sáp nhập đã xác nhận", default=True)
    agency = models.ForeignKey(
        Agency, verbose_name="UBND tỉnh", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "valid_from"]
        verbose_name = "tỉnh, thành phố"
        verbose_name_plural = "tỉnh, thành phố"

    def __str__(self):
        return (
            self.name
            if self.valid_to is None and self.valid_from is None
            else f"{self.name} ({self.period_label})"
        )

    @property
    def period_label(self):
        if self.valid_to:
            return f"đến {self.valid_to:%d/%m/%Y}"
        if self.valid_from:
            return f"từ {self.valid_from:%d/%m/%Y}"
        return ""


class Index(AuditedModel):
    code = models.CharField("mã", max_length=20, unique=True)
    name = models.CharField("tên", max_length=200)
    name_en = models.CharField("tên tiếng Anh", max_length=200, blank=True)
    owner = models.CharField("cơ quan công bố", max_length=200, blank=True)
    unit = models.CharField("đơn vị", max_length=20, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = "chỉ số"
        verbose_name_plural = "chỉ số"

    def __str__(self):
        return self.code

    def methodology_for(self, year):
        return (
            self.methodologies.filter(year_from__lte=year)
            .filter(models.Q(year_to__isnull=True) | models.Q(year_to__gte=year))
            .order_by("-year_from")
            .first()
        )


class Methodology(AuditedModel):
    """One version of an index's method: the years it applies to, its legal basis and component tree."""

    index = models.ForeignKey(Index, on_delete=models.CASCADE, related_name="methodologies")
    code = models.CharField("mã", max_length=30, unique=True)
    name = models.CharField("tên", max_length=200)
    year_from = models.PositiveIntegerField("áp dụng từ năm")
    year_to = models.PositiveIntegerField("đến năm", null=True, blank=True)
    legal_basis = models.CharField("căn cứ", max_length=300, blank=True)
    total_max = models.FloatField("tổng điểm tối đa", null=True, blank=True)
    total_rule = models.CharField(
        "cách tính tổng",
        max_length=10,
        default="given",
        choices=[("sum", "Tổng các thành phần cấp 1"), ("given", "Theo số công bố")],
    )
    tiers = models.JSONField("cách xếp nhóm", default=dict, blank=True)
    confirmed = models.BooleanField("đã xác nhận", default=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["index", "year_from"]
        verbose_name = "phương pháp"
        verbose_name_plural = "phương pháp"

    def __str__(self):
        return self.name

    @property
    def years_label(self):
        return f"{self.year_from}–{self.year_to}" if self.year_to else f"từ {self.year_from}"

    def main_components(self):
        return [c for c in self.components.all() if c.parent_id is None and c.grain == "main"]


class Component(AuditedModel):
    MAIN, SOURCE = "main", "source"
    methodology = models.ForeignKey(Methodology, on_delete=models.CASCADE, related_name="components")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField("mã", max_length=30)
    name = models.CharField("tên", max_length=300)
    name_en = models.CharField("tên tiếng Anh", max_length=200, blank=True)
    level = models.PositiveSmallIntegerField("cấp", default=1)
    position = models.PositiveIntegerField(default=0)
    max_points = models.FloatField("điểm tối đa", null=True, blank=True)
    scale = models.CharField(
        "thang đo",
        max_length=10,
        default="points",
        choices=[("points", "Điểm"), ("percent", "%"), ("1-10", "1–10")],
    )
    weight = models.FloatField("trọng số", null=True, blank=True)
    grain = models.CharField(
        "cách chia",
        max_length=10,
        default=MAIN,
        choices=[(MAIN, "Cấu trúc chính"), (SOURCE, "Theo nguồn điểm")],
    )
    confirmed = models.BooleanField("đã xác nhận", default=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["methodology", "level", "position"]
        constraints = [
            models.UniqueConstraint(fields=["methodology", "code"], name="indices_component_unique_code")
        ]
        verbose_name = "thành phần"
        verbose_name_plural = "thành phần"

    def __str__(self):
        return f"{self.code} {self.name}"


class ImportBatch(AuditedModel):
    index = models.ForeignKey(Index, on_delete=models.PROTECT, related_name="batches")
    filename = models.CharField("tệp", max_length=255)
    sha256 = models.CharField(max_length=64, db_index=True)
    rows = models.PositiveIntegerField("số dòng", default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    source = models.CharField("nguồn", max_length=300, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = "lần nhập kết quả"
        verbose_name_plural = "lần nhập kết quả"

    def __str__(self):
        return f"{self.index} {self.filename}"


class Result(AuditedModel):
    """One published figure: a province's score (and rank, tier) for a year, total or one component."""

    TOTAL = ""
    index = models.ForeignKey(Index, on_delete=models.CASCADE, related_name="results")
    methodology = models.ForeignKey(Methodology, on_delete=models.PROTECT, related_name="results")
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="results")
    year = models.PositiveIntegerField("năm", db_index=True)
    component_code = models.CharField("thành phần", max_length=30, blank=True, default=TOTAL)
    score = models.FloatField("điểm", null=True, blank=True)
    rank = models.PositiveIntegerField("xếp hạng công bố", null=True, blank=True)
    tier = models.CharField("nhóm công bố", max_length=40, blank=True)
    source = models.CharField("nguồn", max_length=300, blank=True)
    source_date = models.DateField("ngày công bố", null=True, blank=True)
    official = models.BooleanField("chính thức", default=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="results"
    )

    class Meta:
        ordering = ["index", "year", "province", "component_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["index", "province", "year", "component_code"], name="indices_result_unique"
            )
        ]
        indexes = [models.Index(fields=["index", "year", "component_code"])]
        verbose_name = "kết quả"
        verbose_name_plural = "kết quả"

    def __str__(self):
        return f"{self.index_id} {self.year} {self.province_id} {self.component_code or 'tổng'}"


class Responsibility(AuditedModel):
    """Who answers for a component: a lead agency and supporting agencies, for a span of years."""

    index = models.ForeignKey(Index, on_delete=models.CASCADE, related_name="responsibilities")
    component_code = models.CharField("thành phần", max_length=30)
    year_from = models.PositiveIntegerField("từ năm")
    year_to = models.PositiveIntegerField("đến năm", null=True, blank=True)
    lead = models.ForeignKey(
        Agency, verbose_name="chủ trì", on_delete=models.PROTECT, related_name="index_leads"
    )
    supporting = models.ManyToManyField(
        Agency, verbose_name="phối hợp", blank=True, related_name="index_supports"
    )
    note = models.CharField("ghi chú", max_length=300, blank=True)

    class Meta:
        ordering = ["index", "component_code", "-year_from"]
        verbose_name = "phân công trách nhiệm"
        verbose_name_plural = "phân công trách nhiệm"

    def __str__(self):
        return f"{self.index_id} {self.component_code} {self.year_from}"

    def agency_ids(self):
        return [self.lead_id]

    def audit_access(self):
        """(kind, action, agency ids) a reader of this object's audit log must be allowed (core.views.audit_log)."""
        return ("index", "view", self.agency_ids())


class TaskComponent(AuditedModel):
    """A task (from a directive) tagged with an index component it works on."""

    task = models.ForeignKey("directives.Task", on_delete=models.CASCADE, related_name="component_tags")
    index = models.ForeignKey(Index, on_delete=models.CASCADE, related_name="task_tags")
    component_code = models.CharField("thành phần", max_length=30)
    suggested = models.BooleanField("do hệ thống gợi ý", default=False)
    confirmed = models.BooleanField("đã xác nhận", default=False)
    reason = models.CharField("lý do gợi ý", max_length=200, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["task", "index", "component_code"], name="indices_taskcomponent_unique"
            )
        ]
        verbose_name = "chỉ số mục tiêu của nhiệm vụ"
        verbose_name_plural = "chỉ số mục tiêu của nhiệm vụ"

    def __str__(self):
        return f"{self.task_id} → {self.index_id} {self.component_code}"
