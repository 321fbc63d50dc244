from django import forms

from chiso.directives.models import Directive
from chiso.indices.models import Province
from chiso.surveys.models import Wave

from .models import Publication


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["kind", "directive", "index", "province", "year_from", "year_to", "wave", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["directive"].queryset = Directive.objects.filter(status=Directive.PUBLISHED)
        self.fields["wave"].queryset = Wave.objects.filter(status=Wave.CLOSED)
        self.fields["province"].queryset = Province.objects.filter(results__isnull=False).distinct()
        for name in ("directive", "index", "province", "wave"):
            self.fields[name].empty_label = "—"
