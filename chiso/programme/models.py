"""The rest of the seed's loop around the tasks: remediation plans (seed I.1) and the agencies' own
sub-tasks read from them. Later parts (inspections, monthly contact, meetings) add their models here."""

import uuid

from django.conf import settings
from django.db import models

from chiso.core.models import AuditedModel
from chiso.directives.models import Task
from chiso.registry.models import Agency


class PlanRequest(AuditedModel):
    """A task that asks each of its agencies for a remediation plan ("Xây dựng kế hoạch khắc phục
    gửi UBND tỉnh (thông qua Sở Nội vụ) trước ngày 31/8/2022")."""

    task = models.OneToOneField(
        Task, verbose_name="nhiệm vụ yêu cầu kế hoạch", on_delete=models.CASCADE, related_name="plan_request"
    )
    results_year = models.PositiveIntegerField(
        "năm kết quả chỉ số cần khắc phục", help_text="ví dụ 2021 cho kế hoạch năm 2022"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

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


class RemediationPlan(AuditedModel):
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
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
