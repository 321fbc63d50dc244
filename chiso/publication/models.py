"""What the province chooses to show the public at /cong-khai/ (nothing is public until chosen)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from chiso.core.models import AuditedModel


class Publication(AuditedModel):
    """One item an administrator published: a directive, a province's index results, or a survey wave.

    The public pages read only through this table: an object without an active Publication does not
    exist for an anonymous visitor (404, the same answer as for a number that was never used).
    """

    DIRECTIVE, INDEX, SURVEY = "directive", "index", "survey"
    KINDS = [
        (DIRECTIVE, "Văn bản chỉ đạo và tiến độ nhiệm vụ"),
        (INDEX, "Kết quả chỉ số"),
        (SURVEY, "Kết quả khảo sát"),
    ]

    kind = models.CharField("loại", max_length=20, choices=KINDS)
    directive = models.ForeignKey(
        "directives.Directive",
        verbose_name="văn bản chỉ đạo",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publications",
    )
    index = models.ForeignKey(
        "indices.Index",
        verbose_name="chỉ số",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    province = models.ForeignKey(
        "indices.Province",
        verbose_name="tỉnh, thành phố",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    year_from = models.PositiveIntegerField("từ năm", null=True, blank=True)
    year_to = models.PositiveIntegerField("đến năm", null=True, blank=True)
    wave = models.ForeignKey(
        "surveys.Wave",
        verbose_name="đợt khảo sát",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="publications",
    )
    note = models.TextField("lời giới thiệu công khai", blank=True)
    active = models.BooleanField("đang công khai", default=True)
    position = models.PositiveIntegerField("thứ tự", default=0)
    published_at = models.DateTimeField("công khai lúc", auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "-published_at", "-pk"]
        verbose_name = "nội dung công khai"
        verbose_name_plural = "nội dung công khai"

    def __str__(self):
        if self.kind == self.DIRECTIVE and self.directive_id:
            return f"Công khai: {self.directive}"
        if self.kind == self.INDEX and self.index_id:
            years = f"{self.year_from or ''}–{self.year_to or ''}".strip("–")
            return f"Công khai: {self.index} {self.province or ''} {years}".strip()
        if self.kind == self.SURVEY and self.wave_id:
            return f"Công khai: {self.wave.name}"
        return "Công khai"

    def clean(self):
        needed = {self.DIRECTIVE: ("directive",), self.INDEX: ("index", "province"), self.SURVEY: ("wave",)}
        for field in needed.get(self.kind, ()):
            if getattr(self, f"{field}_id") is None:
                label = self._meta.get_field(field).verbose_name
                raise ValidationError({field: f"Chọn {label} cần công khai."})
        if self.kind == self.DIRECTIVE and self.directive.status != "published":
            raise ValidationError({"directive": "Chỉ công khai được văn bản đã ban hành."})
        if self.kind == self.SURVEY and self.wave.status != "closed":
            # Running figures move every day and invite gaming; only a closed wave is published.
            raise ValidationError({"wave": "Chỉ công khai kết quả của đợt khảo sát đã đóng."})
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise ValidationError({"year_to": "“Đến năm” phải sau “từ năm”."})
