"""The intake review's POST, read by Django forms (issue 11, point 6) instead of request.POST by hand.

One IntakeTaskForm per proposed task. Its fields keep the page's names ("accept_3", "lead_3", …):
`add_prefix` puts the task's index after the field name, so the page, its tests and saved drafts
stay as they were.
"""

from django import forms

from .models import Task

EVERY = [("", "—"), ("month", "Hằng tháng"), ("quarter", "Hằng quý"), ("year", "Hằng năm")]


def split_names(text):
    return [n.strip() for n in (text or "").split(";") if n.strip()]


class IntakeTaskForm(forms.Form):
    accept = forms.BooleanField(required=False)
    text = forms.CharField(required=False, strip=True)
    lead = forms.CharField(required=False)
    # a candidate picked for a name the registry could not settle (an agency id)
    lead_pick = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    coordinators = forms.TypedMultipleChoiceField(required=False, coerce=int)
    coordinators_add = forms.CharField(required=False)
    kind = forms.ChoiceField(required=False, choices=Task.DEADLINE_KINDS)
    due = forms.DateField(required=False)
    start = forms.DateField(required=False)
    every = forms.ChoiceField(required=False, choices=EVERY)

    def __init__(self, data, *, index, label, by_name, agency_ids):
        self.index = index
        self.label = label
        self.by_name = by_name
        super().__init__(data)
        ids = [(i, str(i)) for i in agency_ids]
        self.fields["lead_pick"].choices = [("", "—")] + ids
        self.fields["coordinators"].choices = ids
        self.fields["lead_pick"].error_messages["invalid_choice"] = "cơ quan chọn không có trong danh mục."
        self.fields["coordinators"].error_messages["invalid_choice"] = (
            "cơ quan phối hợp không có trong danh mục."
        )
        self.fields["kind"].error_messages["invalid_choice"] = "loại thời hạn không hợp lệ."
        self.fields["every"].error_messages["invalid_choice"] = "chu kỳ không hợp lệ."
        for name in ("due", "start"):
            self.fields[name].error_messages["invalid"] = "ngày không đúng dạng dd/mm/yyyy"

    def add_prefix(self, field_name):
        return f"{field_name}_{self.index}"

    def _ids(self, field):
        ids, unknown = [], []
        for name in split_names(self.cleaned_data.get(field)):
            agency_id = self.by_name.get(name.casefold())
            if agency_id is None:
                unknown.append(name)
            elif agency_id not in ids:
                ids.append(agency_id)
        return ids, unknown

    def clean(self):
        data = super().clean()
        lead_ids, unknown = self._ids("lead")
        if unknown:
            self.add_error("lead", f"“{'; '.join(unknown)}” không có trong danh mục.")
        pick = data.get("lead_pick")
        if pick and pick not in lead_ids:
            lead_ids.insert(0, pick)
        data["lead_ids"] = lead_ids
        extra, unknown = self._ids("coordinators_add")
        if unknown:
            self.add_error("coordinators_add", f"phối hợp “{'; '.join(unknown)}” không có trong danh mục.")
        coords = list(dict.fromkeys(data.get("coordinators") or []))
        data["coordinator_ids"] = coords + [x for x in extra if x not in coords]
        if data.get("accept") and not lead_ids:
            self.add_error("lead", "chọn cơ quan chủ trì trong danh mục.")
        return data

    def messages(self):
        """The form's errors as the page shows them: "Mục II.2: …"."""
        out = []
        for field, errors in self.errors.items():
            for e in errors:
                if field in ("due", "start"):
                    value = (self.data.get(self.add_prefix(field)) or "").strip()
                    e = f"ngày “{value}” không đúng dạng dd/mm/yyyy."
                out.append(f"Mục {self.label}: {e}")
        return out

    def apply(self, t):
        """The task dict as the reviewer left it (what could not be read keeps its old value)."""
        t = dict(t, deadline=dict(t.get("deadline") or {}))
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        ok = self.errors
        t["accepted"] = bool(data.get("accept"))
        t["text"] = data.get("text") or t.get("text", "")
        # the names found in the registry are kept even when others typed beside them were not
        t["lead_agency_ids"] = data.get("lead_ids", t.get("lead_agency_ids") or [])
        t["coordinator_agency_ids"] = data.get("coordinator_ids", t.get("coordinator_agency_ids") or [])
        dl = t["deadline"]
        dl["kind"] = data.get("kind") or dl.get("kind") or "none"
        if "due" not in ok and "start" not in ok:
            dl["due"] = data["due"].isoformat() if data.get("due") else None
            dl["start"] = data["start"].isoformat() if data.get("start") else None
        dl["every"] = data.get("every") or None
        return t


class AddAgencyForm(forms.Form):
    """A name the notice used, to add to the registry from the review screen."""

    agency_name = forms.CharField(max_length=300, strip=True)

    def clean_agency_name(self):
        name = " ".join(self.cleaned_data["agency_name"].split())
        if len(name) < 4:
            raise forms.ValidationError("Tên cơ quan quá ngắn.")
        return name
