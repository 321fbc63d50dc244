"""Input shared by many pages, parsed by Django forms (dates through DATE_INPUT_FORMATS: dd/mm/yyyy,
also yyyy-mm-dd from <input type=date>) instead of hand-written parsers."""

from django import forms
from django.core.exceptions import ValidationError


def parse_date(text, label, required=False):
    """A date typed by a user, or None when empty (unless required); a ValidationError naming the
    field and the text otherwise."""
    field = forms.DateField(required=required)
    try:
        return field.clean((text or "").strip())
    except ValidationError:
        raise ValidationError(f"{label}: “{text}” không phải ngày hợp lệ (dd/mm/yyyy).")


class PeriodForm(forms.Form):
    """A period in the query string (?from=dd/mm/yyyy&to=dd/mm/yyyy), defaulting to `default`."""

    def __init__(self, data, default):
        super().__init__(data)
        self.default = default
        self.fields["from"] = forms.DateField(required=False, label="Từ ngày")
        self.fields["to"] = forms.DateField(required=False, label="Đến ngày")

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise ValidationError("“Từ ngày” phải trước hoặc bằng “Đến ngày”.")
        return data

    def period(self):
        """(start, end): the valid part of the input, the default for the rest."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("from") or self.default[0], data.get("to") or self.default[1]

    def messages(self):
        return [
            f"{self.fields[name].label}: {' '.join(errors)}" if name in self.fields else " ".join(errors)
            for name, errors in self.errors.items()
        ]
