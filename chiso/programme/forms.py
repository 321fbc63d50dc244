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
