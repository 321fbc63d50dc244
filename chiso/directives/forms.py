"""Forms of the follow-up pages: input parsed and checked in one place (DATE_INPUT_FORMATS: dd/mm/yyyy)."""

from django import forms

from .models import Directive

FORMATS = [
    ("docx", "Văn bản Word (DOCX, NĐ 30/2020)"),
    ("xlsx", "Bảng tính Excel (XLSX)"),
    ("zip", "Mỗi đơn vị một tệp (ZIP)"),
]


class OfficialReportForm(forms.Form):
    directive = forms.ModelChoiceField(
        Directive.objects.filter(status=Directive.PUBLISHED),
        required=False,
        label="Văn bản chỉ đạo",
        empty_label="Tất cả (theo kỳ)",
    )
    start = forms.DateField(label="Từ ngày", required=False)
    end = forms.DateField(label="Đến ngày", required=False)
    format = forms.ChoiceField(choices=FORMATS, initial="docx", label="Định dạng")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("“Từ ngày” phải trước hoặc bằng “Đến ngày”.")
        return data


# ---- the task page's actions: parsed here, the rules stay in services/life.py ----------------------


class _Step(forms.Form):
    """Every step carries the version the user saw (a stale page gets 409, see life._locked)."""

    # Required: optimistic locking is never skipped because the field was left out (issue 10).
    version = forms.IntegerField(
        min_value=0,
        label="Phiên bản",
        error_messages={
            "required": "thiếu phiên bản của nhiệm vụ; hãy tải lại trang rồi thử lại.",
            "invalid": "phải là một số nguyên.",
            "min_value": "phải là một số nguyên không âm.",
        },
    )
    note = forms.CharField(required=False, max_length=2000, label="Ghi chú")

    def data_or_error(self):
        """cleaned_data, or a ValidationError naming each wrong field (the view answers 400 with it)."""
        if self.is_valid():
            return self.cleaned_data
        raise forms.ValidationError(
            [f"{self.fields[name].label or name}: {' '.join(errors)}" for name, errors in self.errors.items()]
        )


class TaskActionForm(_Step):
    pass


class TaskEditForm(_Step):
    text = forms.CharField(required=False, max_length=5000, label="Nội dung")
    due_date = forms.DateField(required=False, label="Thời hạn")
    due_strict = forms.BooleanField(required=False)


class ProgressReportForm(_Step):
    text = forms.CharField(required=False, max_length=10000, label="Nội dung báo cáo")
    percent = forms.IntegerField(required=False, min_value=0, max_value=100, label="Tỷ lệ hoàn thành (%)")
    final = forms.BooleanField(required=False)


class ExtensionRequestForm(_Step):
    new_due = forms.DateField(label="Hạn đề nghị")
    reason = forms.CharField(required=False, max_length=2000, label="Lý do")


class ExtensionDecisionForm(_Step):
    decision = forms.ChoiceField(
        choices=[("approve", "Đồng ý"), ("reject", "Không đồng ý")], label="Quyết định"
    )
