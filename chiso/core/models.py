from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEntry(models.Model):
    """One change to a business record: who, when, what changed."""

    CREATE, UPDATE, DELETE, ACTION = "create", "update", "delete", "action"
    ACTIONS = [(CREATE, "Tạo mới"), (UPDATE, "Sửa"), (DELETE, "Xóa"), (ACTION, "Thao tác")]

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField("người thực hiện", max_length=200, blank=True)
    action = models.CharField("thao tác", max_length=20, choices=ACTIONS)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField("đối tượng", max_length=300)
    changes = models.JSONField("thay đổi", default=dict, blank=True)
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        verbose_name = "nhật ký thay đổi"
        verbose_name_plural = "nhật ký thay đổi"

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} {self.get_action_display()} {self.object_repr}"


class AuditedModel(models.Model):
    """Business records: every save and delete leaves an AuditEntry (see core.audit)."""

    audit_exclude = ("updated_at", "search_key")

    class Meta:
        abstract = True


class Job(models.Model):
    """Long work done by a worker process (chiso.core.jobqueue): what a page polls for progress and result.

    The queue itself is django-tasks' database backend (its DBTaskResult row is `task_id`); this row is
    what users see: who asked, how far it is, what came out, and the temporary files to remove when it
    ends, however it ends."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATUSES = [(QUEUED, "Đang chờ"), (RUNNING, "Đang chạy"), (DONE, "Xong"), (FAILED, "Thất bại")]

    kind = models.CharField("loại việc", max_length=100)
    label = models.CharField("mô tả", max_length=300)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField("trạng thái", max_length=10, choices=STATUSES, default=QUEUED)
    task_id = models.CharField(max_length=64, blank=True, db_index=True)
    worker_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    resumable = models.BooleanField(default=False)
    done = models.BigIntegerField(default=0)
    total = models.BigIntegerField(default=0)
    message = models.CharField("tiến độ", max_length=300, blank=True)
    result = models.JSONField("kết quả", default=dict, blank=True)
    error = models.TextField("lỗi", blank=True)
    temp_paths = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "worker_id"])]
        verbose_name = "việc chạy nền"
        verbose_name_plural = "việc chạy nền"

    def __str__(self):
        return f"{self.label} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in (self.DONE, self.FAILED)

    @property
    def percent(self):
        return min(100, int(100 * self.done / self.total)) if self.total else 0


class WorkerProcess(models.Model):
    """A running `chiso worker`: its heartbeat tells the others whether its running jobs are orphans."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=200)
    pid = models.IntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    beat_at = models.DateTimeField()

    def __str__(self):
        return f"{self.host}:{self.pid}"


class ScheduledRun(models.Model):
    """One period of one scheduled job, claimed by the first worker that inserts it (unique key), so a
    daily job runs once a day however many workers are up."""

    name = models.CharField(max_length=200)
    period = models.CharField(max_length=40)
    skipped = models.BooleanField(default=False)  # the first period of a new installation: no burst on start
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "period"], name="scheduled_run_once")]
        ordering = ["-at"]

    def __str__(self):
        return f"{self.name} {self.period}"
