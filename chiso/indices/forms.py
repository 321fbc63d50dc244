from django import forms

from chiso.core import uploads
from chiso.registry.models import Agency

from .models import Index, Province, Responsibility, Result

MAX_UPLOAD = 10 * 1024 * 1024


class ResponsibilityForm(forms.ModelForm):
    class Meta:
        model = Responsibility
        fields = ["component_code", "year_from", "year_to", "lead", "supporting", "note"]

    def __init__(self, *args, index=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.index = index
        codes = []
        for m in index.methodologies.prefetch_related("components"):
            for c in m.components.all():
                if (c.code, c.name) not in codes:
                    codes.append((c.code, c.name))
        self.fields["component_code"] = forms.ChoiceField(
            label="Thành phần", choices=[(c, f"{c} – {n}") for c, n in codes]
        )
        # Responsibility can be set for past years, so ended agencies stay choosable; ended communes
        # (hundreds after 1/7/2025) would only crowd the list.
        agencies = Agency.objects.exclude(kind="ubnd_xa", valid_to__isnull=False).order_by("name")
        self.fields["lead"].queryset = agencies.distinct()
        self.fields["supporting"].queryset = agencies.distinct()
        self.fields["supporting"].required = False

    def clean(self):
        data = super().clean()
        if data.get("year_to") and data.get("year_from") and data["year_to"] < data["year_from"]:
            self.add_error("year_to", "Năm kết thúc phải không nhỏ hơn năm bắt đầu.")
        return data

    def save(self, commit=True):
        self.instance.index = self.index
        return super().save(commit)


class ResultForm(forms.ModelForm):
    class Meta:
        model = Result
        fields = [
            "index",
            "province",
            "year",
            "component_code",
            "score",
            "rank",
            "tier",
            "source",
            "source_date",
            "official",
        ]
        widgets = {"source_date": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_date"].input_formats = ["%d/%m/%Y"]
        self.fields["component_code"].help_text = "Để trống nếu là tổng điểm; ví dụ D1, LV3, N2."
        self.fields["source"].required = True
        self.fields["province"].queryset = Province.objects.order_by("valid_from", "name")

    def clean(self):
        data = super().clean()
        index, year, code = data.get("index"), data.get("year"), (data.get("component_code") or "").strip()
        if index and year:
            methodology = index.methodology_for(year)
            if methodology is None:
                self.add_error("year", f"Chỉ số {index.code} chưa có phương pháp cho năm {year}.")
                return data
            data["component_code"] = code
            self.instance.methodology = methodology
            top = methodology.total_max
            if code:
                comp = methodology.components.filter(code=code).first()
                if comp is None:
                    self.add_error("component_code", f"{methodology.code} không có thành phần {code}.")
                    return data
                top = comp.max_points
            score = data.get("score")
            if score is not None and (score < 0 or (top is not None and score > top)):
                self.add_error("score", f"Điểm phải trong khoảng 0–{top:g}.")
        province = data.get("province")
        if province and year:
            if (
                province.valid_to and year >= province.valid_to.year
            ):  # a merger year is reported by the new unit
                self.add_error("province", f"{province.name} đã sáp nhập từ 01/7/2025; chọn đơn vị mới.")
            if province.valid_from and year < province.valid_from.year:
                self.add_error(
                    "province", f"{province.name} (đơn vị mới) chỉ có từ năm {province.valid_from.year}."
                )
        return data


class ImportForm(forms.Form):
    index = forms.ModelChoiceField(Index.objects.all(), label="Chỉ số")
    file = forms.FileField(label="Tệp kết quả (.csv, .xlsx; tối đa 10 MB)")
    mapping = forms.CharField(
        label="Ánh xạ cột (mỗi dòng TRƯỜNG=Tên cột)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    source = forms.CharField(label="Nguồn, văn bản công bố", max_length=300)
    provisional = forms.BooleanField(label="Số liệu tạm thời", required=False)

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError("Chỉ nhận tệp .csv hoặc .xlsx.")
        uploads.check_upload(f, ["csv", "xlsx"], max_bytes=MAX_UPLOAD)
        return f

    def clean_mapping(self):
        mapping = {}
        for number, line in enumerate(self.cleaned_data["mapping"].splitlines(), start=1):
            if not line.strip():
                continue
            if "=" not in line:
                raise forms.ValidationError(f"Dòng {number}: cần dạng TRƯỜNG=Tên cột.")
            field, header = line.split("=", 1)
            mapping[field.strip()] = header.strip()
        return mapping


class TagDecisionForm(forms.Form):
    """The two buttons beside a suggested component tag: keep it (1) or drop it (0)."""

    keep = forms.TypedChoiceField(
        choices=[("1", "Xác nhận"), ("0", "Bỏ")],
        coerce=lambda value: value == "1",
        error_messages={
            "required": "Chưa chọn xác nhận hay bỏ thành phần chỉ số.",
            "invalid_choice": "Chưa chọn xác nhận hay bỏ thành phần chỉ số.",
        },
    )
    next = forms.CharField(required=False)
