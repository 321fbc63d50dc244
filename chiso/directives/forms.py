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
