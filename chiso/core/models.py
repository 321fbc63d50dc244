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
