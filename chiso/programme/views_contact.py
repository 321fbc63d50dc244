"""Pages of the monthly contact with citizens and businesses (seed I.4, II.4.2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from chiso.directives.services import life
from chiso.registry import permissions
from chiso.registry.models import Agency

from .forms import ContactRequirementForm, ForwardForm, SessionForm
from .models import ContactRequirement
from .services import contact


def _scope(user):
    found = permissions.scope(user, "view", "contact")
    if found is None:
        raise PermissionDenied("Bạn không có quyền xem việc tiếp xúc người dân, doanh nghiệp.")
    return None if found == permissions.ALL else permissions.own_agency_ids(user)


@login_required
def contact_list(request):
    mine = _scope(request.user)
    form, status = None, 200
    if permissions.can(request.user, "request", "contact"):
        form = ContactRequirementForm(request.POST or None)
        if request.method == "POST":
            if form.is_valid():
                try:
                    req = contact.require_contact(
                        form.cleaned_data["task"], request.user, form.cleaned_data["starts_on"]
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    return redirect("programme:contact", req.pk)
            status = 400
    elif request.method == "POST":
        raise PermissionDenied
    reqs = list(ContactRequirement.objects.select_related("task", "task__directive"))
    if len(reqs) == 1 and request.method == "GET" and form is None:
        return redirect("programme:contact", reqs[0].pk)
    return render(
        request,
        "programme/contact_list.html",
        {"reqs": reqs, "form": form, "monitor": mine is None},
        status=status,
    )


@login_required
def contact_grid(request, pk):
    req = get_object_or_404(ContactRequirement.objects.select_related("task", "task__directive"), pk=pk)
    mine = _scope(request.user)
    cols, rows = contact.grid(req, agency_ids=mine)
    if mine is not None and len(rows) == 1:
        return redirect("programme:contact_agency", req.pk, rows[0].agency.pk)
    total = len(rows) * len(cols)
    return render(
        request,
        "programme/contact_grid.html",
        {
            "req": req,
            "cols": cols,
            "rows": rows,
            "today": life.today(),
            "held": sum(r.held for r in rows),
            "missed": sum(r.missed for r in rows),
            "total": total,
        },
    )


@login_required
def contact_agency(request, pk, agency_pk):
    req = get_object_or_404(ContactRequirement.objects.select_related("task", "task__directive"), pk=pk)
    agency = get_object_or_404(Agency, pk=agency_pk)
    if not contact.may_view(request.user, agency.pk):
        raise PermissionDenied("Bạn không có quyền xem việc tiếp xúc của đơn vị này.")
    can_change = contact.may_change(request.user, agency.pk)
    sessions = req.sessions.filter(agency=agency).prefetch_related("forwarded__task", "forwarded__to_agency")
    form, forward, status = SessionForm(), ForwardForm(sessions=sessions), 200
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("Chỉ đơn vị được giao mới ghi buổi tiếp xúc của mình.")
        try:
            if request.POST.get("step") == "forward":
                forward = ForwardForm(request.POST, sessions=sessions)
                if forward.is_valid():
                    data = dict(forward.cleaned_data)
                    contact.forward_issue(data.pop("session"), request.user, **data)
                    messages.success(request, "Đã chuyển kiến nghị thành nhiệm vụ của cơ quan có thẩm quyền.")
                    return redirect("programme:contact_agency", req.pk, agency.pk)
            else:
                form = SessionForm(request.POST)
                if form.is_valid():
                    contact.record_session(req, agency, request.user, **form.cleaned_data)
                    messages.success(request, "Đã ghi buổi tiếp xúc.")
                    return redirect("programme:contact_agency", req.pk, agency.pk)
        except ValidationError as exc:
            (forward if request.POST.get("step") == "forward" else form).add_error(None, exc)
        status = 400
    cols, rows = contact.grid(req, agency_ids={agency.pk})
    return render(
        request,
        "programme/contact_agency.html",
        {
            "req": req,
            "agency": agency,
            "sessions": sessions,
            "form": form,
            "forward": forward,
            "can_change": can_change,
            "cols": cols,
            "row": rows[0] if rows else None,
        },
        status=status,
    )
