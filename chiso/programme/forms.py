from django import forms

from chiso.directives.models import Directive, Task

from .services import plans


class PlanRequestForm(forms.Form):
    task = forms.ModelChoiceField(
        label="Nhiệm vụ yêu cầu kế hoạch khắc phục",
        queryset=Task.objects.filter(parent__isnull=True, directive__status=Directive.PUBLISHED)
        .exclude(plan_request__isnull=False)
        .select_related("directive"),
    )
    results_year = forms.IntegerField(
        label="Năm kết quả chỉ số cần khắc phục", min_value=2000, max_value=2100
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # tasks that speak of a plan first: they are the ones a monitor is looking for
        choices = sorted(
            self.fields["task"].queryset,
            key=lambda t: ("kế hoạch khắc phục" not in t.text.lower(), t.directive_id, t.position),
        )
        self.fields["task"].choices = [("", "—")] + [
            (t.pk, f"{t.ref} – {t.text[:90]} ({t.directive})") for t in choices
        ]


class PlanUploadForm(forms.Form):
    file = forms.FileField(label="Tệp kế hoạch (DOCX, PDF)", required=False)
    text = forms.CharField(
        label="…hoặc nhập nội dung kế hoạch (mỗi nhiệm vụ một mục đánh số 1., 2., …)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError("Tải tệp kế hoạch lên hoặc nhập nội dung kế hoạch.")
        return data


class PlanItemForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    deadline_text = forms.CharField(label="Thời hạn (như văn bản)", required=False, max_length=300)
    due_date = forms.DateField(label="Hạn (dd/mm/yyyy)", required=False)
    components = forms.CharField(
        label="Chỉ số thành phần", required=False, help_text="ví dụ PAPI:D8, PAR:LV7"
    )
    delete = forms.BooleanField(label="Bỏ", required=False)

    def clean_components(self):
        # the service's ValidationError (unknown component codes) lands on this field
        return plans.parse_components(self.cleaned_data.get("components"))


PlanItemFormSet = forms.formset_factory(PlanItemForm, extra=1)


# ---- inspections ---------------------------------------------------------------------------------


class TeamForm(forms.Form):
    name = forms.CharField(label="Tên tổ kiểm tra", max_length=300)
    lead_agency = forms.ModelChoiceField(label="Cơ quan chủ trì", queryset=None)
    member_agencies = forms.ModelMultipleChoiceField(label="Cơ quan tham gia", queryset=None, required=False)
    members = forms.CharField(
        label="Thành viên (mỗi dòng: họ tên, chức vụ, cơ quan)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    scope = forms.CharField(label="Nội dung kiểm tra", widget=forms.Textarea(attrs={"rows": 3}))
    checklist = forms.CharField(
        label="Danh mục kiểm tra (mỗi dòng một mục)", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    starts_on = forms.DateField(label="Kiểm tra từ ngày (dd/mm/yyyy)")
    ends_on = forms.DateField(label="Đến ngày")
    remediation_due = forms.DateField(label="Thời hạn khắc phục")
    task = forms.ModelChoiceField(
        label="Theo nhiệm vụ",
        required=False,
        queryset=Task.objects.filter(parent__isnull=True, directive__status="published"),
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        from chiso.registry.models import Agency

        everyone = Agency.objects.filter(valid_to__isnull=True).order_by("name")
        self.fields["lead_agency"].queryset = agencies if agencies is not None else everyone
        self.fields["member_agencies"].queryset = everyone
        self.fields["member_agencies"].widget.attrs["size"] = 6

    def clean_checklist(self):
        return [line.strip() for line in self.cleaned_data.get("checklist", "").splitlines() if line.strip()]


class VisitForm(forms.Form):
    agency = forms.ModelChoiceField(label="Đơn vị được kiểm tra", queryset=None)
    scheduled_on = forms.DateField(label="Ngày kiểm tra dự kiến (dd/mm/yyyy)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from chiso.registry.models import Agency

        self.fields["agency"].queryset = Agency.objects.filter(valid_to__isnull=True).order_by("name")


class RecordForm(forms.Form):
    held_on = forms.DateField(label="Ngày kiểm tra (dd/mm/yyyy)")
    place = forms.CharField(label="Địa điểm", required=False, max_length=300)
    note = forms.CharField(label="Ghi nhận chung", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, checklist=(), **kwargs):
        super().__init__(*args, **kwargs)
        from .services.inspections import RESULTS

        self.rows = []
        for i, row in enumerate(checklist):
            self.fields[f"result_{i}"] = forms.ChoiceField(
                label=row["item"], choices=RESULTS, required=False, initial=row.get("result")
            )
            self.fields[f"note_{i}"] = forms.CharField(
                label="Ghi chú", required=False, initial=row.get("note")
            )
            self.rows.append((self[f"result_{i}"], self[f"note_{i}"]))

    def results(self):
        n = len(self.rows)
        return [
            (self.cleaned_data.get(f"result_{i}", ""), self.cleaned_data.get(f"note_{i}", ""))
            for i in range(n)
        ]


class FindingForm(forms.Form):
    text = forms.CharField(label="Tồn tại, hạn chế", widget=forms.Textarea(attrs={"rows": 3}))
    recommendation = forms.CharField(
        label="Yêu cầu khắc phục", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    due_date = forms.DateField(label="Hạn khắc phục (để trống: hạn chung của tổ)", required=False)
    evidence = forms.FileField(label="Minh chứng (PDF, DOCX)", required=False)


# ---- monthly contact -----------------------------------------------------------------------------


class ContactRequirementForm(forms.Form):
    task = forms.ModelChoiceField(
        label="Nhiệm vụ yêu cầu tiếp xúc hằng tháng",
        queryset=Task.objects.filter(parent__isnull=True, directive__status=Directive.PUBLISHED).exclude(
            contact_requirement__isnull=False
        ),
    )
    starts_on = forms.DateField(label="Bắt đầu từ (dd/mm/yyyy; để trống: theo nhiệm vụ)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = sorted(
            self.fields["task"].queryset.select_related("directive"),
            key=lambda t: (
                t.recurrence != "month",
                "tiếp xúc" not in t.text.lower(),
                t.directive_id,
                t.position,
            ),
        )
        self.fields["task"].choices = [("", "—")] + [
            (t.pk, f"{t.ref} – {t.text[:90]} ({t.directive})") for t in choices
        ]


class SessionForm(forms.Form):
    held_on = forms.DateField(label="Ngày tiếp xúc (dd/mm/yyyy)")
    chair = forms.CharField(label="Người chủ trì (họ tên, chức vụ)", max_length=300)
    participants = forms.IntegerField(label="Số người dân, doanh nghiệp tham dự", min_value=0, initial=0)
    participants_text = forms.CharField(
        label="Thành phần tham dự", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    issues_raised = forms.IntegerField(label="Số ý kiến, vướng mắc nêu ra", min_value=0, initial=0)
    issues_resolved = forms.IntegerField(label="Số vướng mắc giải quyết tại buổi", min_value=0, initial=0)
    summary = forms.CharField(
        label="Nội dung chính, kết quả", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ForwardForm(forms.Form):
    session = forms.ModelChoiceField(label="Buổi tiếp xúc", queryset=None)
    text = forms.CharField(
        label="Kiến nghị, vướng mắc chuyển xử lý", widget=forms.Textarea(attrs={"rows": 2})
    )
    to_agency = forms.ModelChoiceField(label="Chuyển đến", queryset=None)
    due_date = forms.DateField(label="Hạn xử lý (dd/mm/yyyy)")

    def __init__(self, *args, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        from chiso.registry.models import Agency

        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = lambda s: f"{s.held_on:%d/%m/%Y} – {s.chair}"
        self.fields["to_agency"].queryset = Agency.objects.filter(valid_to__isnull=True).order_by("name")


# ---- thematic meetings ---------------------------------------------------------------------------


class MeetingForm(forms.Form):
    title = forms.CharField(label="Chủ đề", max_length=300)
    planned_on = forms.DateField(label="Ngày họp dự kiến (dd/mm/yyyy)")
    components = forms.MultipleChoiceField(
        label="Chỉ số thành phần chậm cải thiện", required=False, choices=()
    )
    invited = forms.ModelMultipleChoiceField(label="Cơ quan được mời", queryset=None, required=False)
    chair = forms.CharField(label="Chủ trì", required=False, max_length=300, initial="Chủ tịch UBND tỉnh")
    agenda = forms.CharField(
        label="Chương trình họp", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    task = forms.ModelChoiceField(
        label="Theo nhiệm vụ",
        required=False,
        queryset=Task.objects.filter(parent__isnull=True, directive__status="published"),
    )

    def __init__(self, *args, stagnant=(), **kwargs):
        super().__init__(*args, **kwargs)
        from chiso.registry.models import Agency

        self.fields["components"].choices = [(c["key"], f"{c['key']} {c['name']}") for c in stagnant]
        self.fields["invited"].queryset = Agency.objects.filter(valid_to__isnull=True).order_by("name")
        self.fields["invited"].widget.attrs["size"] = 6


class MeetingRecordForm(forms.Form):
    held_on = forms.DateField(label="Ngày họp (dd/mm/yyyy)")
    chair = forms.CharField(label="Chủ trì", required=False, max_length=300)
    attendees = forms.CharField(label="Thành phần dự họp", widget=forms.Textarea(attrs={"rows": 3}))
    conclusions = forms.CharField(
        label="Kết luận (mỗi dòng một nội dung: cơ quan chủ trì, việc phải làm, thời hạn)",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
