from django import forms

from chiso.core import uploads
from chiso.registry import services as registry
from chiso.registry.models import Agency

from .models import Wave

DATE_INPUT = ["%d/%m/%Y", "%Y-%m-%d"]


class WaveForm(forms.ModelForm):
    start = forms.DateField(
        label="Từ ngày (dd/mm/yyyy)", input_formats=DATE_INPUT, widget=forms.DateInput(format="%d/%m/%Y")
    )
    end = forms.DateField(
        label="Đến ngày (dd/mm/yyyy)", input_formats=DATE_INPUT, widget=forms.DateInput(format="%d/%m/%Y")
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Cơ quan được đánh giá",
        required=False,
        queryset=Agency.objects.filter(kind__in=["so", "ubnd_huyen", "ban_nganh", "ubnd_xa"]).order_by(
            "kind", "name"
        ),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    class Meta:
        model = Wave
        fields = [
            "questionnaire",
            "name",
            "year",
            "start",
            "end",
            "target_group",
            "sample_size",
            "status",
            "public_enabled",
            "agencies",
            "min_cell",
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "Ngày kết thúc phải sau ngày bắt đầu.")
        if start and end and data.get("agencies"):
            # a wave rates the agencies that exist during its period (the registry knows mergers)
            gone = [
                a
                for a in data["agencies"]
                if (a.valid_to is not None and a.valid_to < start)
                or (a.valid_from is not None and a.valid_from > end)
            ]
            for agency in gone:
                successors = [
                    link.successor.name
                    for link in registry.successors(agency)
                    if link.successor.valid_on(end)
                ]
                self.add_error(
                    "agencies",
                    f"“{agency.name}” không hoạt động trong thời gian của đợt "
                    f"({start:%d/%m/%Y} – {end:%d/%m/%Y})"
                    + (f"; đơn vị kế thừa: {', '.join(successors)}." if successors else "."),
                )
        return data


class WeightsForm(forms.Form):
    agency_shares = forms.CharField(
        label="Tỷ trọng theo cơ quan (mỗi dòng: mã cơ quan; số hồ sơ hoặc tỷ lệ)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    agency_shares_source = forms.CharField(label="Nguồn", required=False, max_length=300)
    stratum_question = forms.CharField(
        label="Câu hỏi phân tầng (mã câu hỏi, vd: kenh_nop)", required=False, max_length=80
    )
    stratum_shares = forms.CharField(
        label="Tỷ trọng theo tầng (mỗi dòng: giá trị; tỷ lệ)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    official_overall = forms.FloatField(
        label="Chỉ số chính thức – hài lòng chung (%)",
        required=False,
        min_value=0,
        max_value=100,
        localize=True,
    )
    official_elements = forms.CharField(
        label="Chỉ số chính thức theo yếu tố/lĩnh vực (mỗi dòng: mã yếu tố; %)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    official_source = forms.CharField(label="Nguồn số liệu chính thức", required=False, max_length=300)

    def __init__(self, *args, wave, **kwargs):
        super().__init__(*args, **kwargs)
        self.wave = wave

    def _pairs(self, name, field_label):
        pairs, errors = self.parse_pairs(self.cleaned_data.get(name), field_label)
        if errors:
            raise forms.ValidationError(errors)
        return pairs

    def clean_agency_shares(self):
        # Every bad line and every unknown code at once, so one correction round is enough.
        shares, errors = self.parse_pairs(self.cleaned_data.get("agency_shares"), "Tỷ trọng theo cơ quan")
        known = set(Agency.objects.filter(code__in=shares).values_list("code", flat=True))
        errors += [f"Tỷ trọng theo cơ quan: không có cơ quan mã “{c}”." for c in shares if c not in known]
        if errors:
            raise forms.ValidationError(errors)
        return shares

    def clean_stratum_shares(self):
        return self._pairs("stratum_shares", "Tỷ trọng theo tầng")

    def clean_official_elements(self):
        label = "Chỉ số chính thức theo yếu tố"
        elements, errors = self.parse_pairs(self.cleaned_data.get("official_elements"), label)
        codes = set(self.wave.questionnaire.elements or {})
        errors += [
            f"{label}: phiếu không có yếu tố mã “{c}” (các mã: {', '.join(sorted(codes))})."
            for c in elements
            if c not in codes
        ]
        if errors:
            raise forms.ValidationError(errors)
        return elements

    def clean_stratum_question(self):
        question = self.cleaned_data["stratum_question"].strip()
        if question and not any(q.code == question for q in self.wave.questionnaire.questions()):
            raise forms.ValidationError(f"Câu hỏi phân tầng “{question}” không có trong phiếu.")
        return question

    def clean(self):
        data = super().clean()
        if (
            data.get("stratum_shares")
            and not data.get("stratum_question")
            and "stratum_question" not in self.errors
        ):
            self.add_error("stratum_question", "Có tỷ trọng theo tầng nhưng chưa chọn câu hỏi phân tầng.")
        return data

    @staticmethod
    def parse_pairs(text, field_label):
        pairs, errors = {}, []
        for number, line in enumerate((text or "").splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("\t", ";").split(";")]
            try:
                value = float(parts[1].replace(",", "."))
                if value < 0:
                    raise ValueError
                pairs[parts[0]] = value
            except (IndexError, ValueError):
                errors.append(
                    f"{field_label}, dòng {number}: cần dạng “mã; số không âm”, nhận được “{line.strip()}”."
                )
        return pairs, errors


class InvitationsForm(forms.Form):
    people = forms.CharField(
        label="Danh sách người được mời (mỗi dòng: họ tên; thư điện tử; nhóm; mã cơ quan được đánh giá)",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    send = forms.BooleanField(label="Gửi thư mời ngay", required=False, initial=True)


class UploadForm(forms.Form):
    file = forms.FileField(label="Tệp Excel (.xlsx, tối đa 5 MB)")

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Chỉ nhận tệp .xlsx.")
        uploads.check_upload(upload, ["xlsx"], max_bytes=self.MAX_BYTES)
        return upload


class NewQuestionnaireForm(forms.Form):
    builtin = forms.ChoiceField(
        label="Cài phiếu mẫu",
        choices=[("sipas", "SIPAS"), ("par-lanh-dao", "PAR INDEX – lãnh đạo, quản lý, đại biểu")],
    )


class XLSFormUploadForm(forms.Form):
    file = forms.FileField(label="Tệp XLSForm (.xlsx hoặc .xls, tối đa 10 MB)")
    code = forms.SlugField(
        label="Mã phiếu (để trống: lấy form_id của biểu mẫu)", required=False, max_length=80
    )

    MAX_BYTES = 10 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # checked by content: an .xlsx a real workbook package, an .xls an OLE2 compound document
        uploads.check_upload(upload, ["xlsx", "xls"], max_bytes=self.MAX_BYTES)
        return upload


class RespondentForm(forms.Form):
    """What the answer page posts besides the answers: the agency rated (when the link names none)
    and, on a public link, the page's opening stamp (services/guard.py checks it). The answers
    themselves depend on the questionnaire and go through services/answers.clean, which the paper
    import and the API share. The views word the message for a missing agency (it differs by page)."""

    co_quan = forms.ModelChoiceField(queryset=Agency.objects.none(), to_field_name="code", required=False)
    _mo_luc = forms.CharField(required=False, strip=False)

    def __init__(self, data, offered):
        super().__init__(data)
        self.fields["co_quan"].queryset = offered

    def agency(self):
        """The agency picked from those on offer, or None (none picked, another code, or no POST)."""
        return self.cleaned_data.get("co_quan") if self.is_valid() else None

    def stamp(self):
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get("_mo_luc")


class WaveStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=Wave.STATUSES, error_messages={"invalid_choice": "Tình trạng đợt khảo sát không hợp lệ."}
    )
