from django import forms
from django.contrib import admin

from chiso.core import docx_templates, uploads

from .models import OfficialSettings, ReminderLog, ReminderSchedule, ReportTemplate


@admin.register(ReminderSchedule)
class ReminderScheduleAdmin(admin.ModelAdmin):
    list_display = (
        "__str__",
        "days_before",
        "on_due_day",
        "overdue_every",
        "head_after",
        "monitor_after",
        "head_approval",
        "as_of",
    )


class ReportTemplateForm(forms.ModelForm):
    class Meta:
        model = ReportTemplate
        fields = ["code", "file"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if hasattr(upload, "read"):
            uploads.check_upload(upload, ["docx"], max_bytes=5 * 1024 * 1024)
            docx_templates.validate(upload)
        return upload


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    form = ReportTemplateForm
    list_display = ("code", "file", "updated_at")


@admin.register(ReminderLog)
class ReminderLogAdmin(admin.ModelAdmin):
    list_display = ("on", "kind", "task", "recipients", "mailed")
    list_filter = ("kind", "mailed")
    date_hierarchy = "on"


@admin.register(OfficialSettings)
class OfficialSettingsAdmin(admin.ModelAdmin):
    list_display = ["reporter", "signer_authority", "signer_title", "signer_name"]
