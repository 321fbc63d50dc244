from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from chiso.core import uploads
from chiso.core.exports import download
from chiso.core.forms import parse_date

from . import permissions, services, spreadsheet
from .models import KIND_CHOICES, Agency, AgencyGroup
from .workdays import decision


def _as_of(request):
    """?ngay=dd/mm/yyyy, else today (a mistyped date falls back to today too)."""
    try:
        return parse_date(request.GET.get("ngay"), "Ngày") or timezone.localdate()
    except ValidationError:
        return timezone.localdate()


@login_required
def agency_list(request):
    permissions.require(request.user, "view", "agency")
    as_of = _as_of(request)
    show_all = request.GET.get("tat_ca") == "1"
    agencies = Agency.objects.select_related("parent")
    if not show_all:
        agencies = agencies.valid_on(as_of)
    q = request.GET.get("q", "").strip()
    if q:
        agencies = agencies.search(q)
    kind = request.GET.get("loai", "")
    if kind:
        agencies = agencies.filter(kind=kind)
    page = Paginator(agencies.order_by("kind", "name"), 50).get_page(request.GET.get("trang"))
    # A unit merged away in 2025 is still what old notices name: say so rather than show nothing.
    elsewhere = Agency.objects.search(q).count() - page.paginator.count if q and not show_all else 0
    context = {
        "elsewhere": elsewhere,
        "page": page,
        "q": q,
        "kind": kind,
        "kinds": KIND_CHOICES,
        "as_of": as_of,
        "show_all": show_all,
        "can_admin": permissions.can(request.user, "change", "agency"),
        "tree": services.structure_on(as_of) if request.GET.get("cay") == "1" else None,
    }
    template = (
        "registry/_agency_rows.html" if request.headers.get("HX-Request") else "registry/agency_list.html"
    )
    return render(request, template, context)


@login_required
def agency_detail(request, pk):
    permissions.require(request.user, "view", "agency")
    agency = get_object_or_404(Agency.objects.select_related("parent"), pk=pk)
    context = {
        "agency": agency,
        "successors": agency.successions_out.select_related("successor"),
        "predecessors": agency.successions_in.select_related("predecessor"),
        "chain": services.successors(agency),
        "children": agency.children.order_by("name"),
        "content_type_id": ContentType.objects.get_for_model(Agency).pk,
        "can_audit": permissions.can(request.user, "view", "audit", [agency.pk]),
    }
    return render(request, "registry/agency_detail.html", context)


@login_required
def group_list(request):
    permissions.require(request.user, "view", "agency")
    as_of = _as_of(request)
    groups = [(g, list(g.agencies_on(as_of))) for g in AgencyGroup.objects.prefetch_related("members")]
    return render(request, "registry/group_list.html", {"groups": groups, "as_of": as_of})


@login_required
def calendar_view(request):
    permissions.require(request.user, "view", "calendar")
    try:
        year = int(request.GET.get("nam", timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    calendar = services.work_calendar()
    day, days_off, make_up = date(year, 1, 1), [], []
    while day.year == year:
        name = calendar.holiday_name(day)
        basis = decision(day)  # the document that decided the day (shipped table, 2022–2026)
        if name and not calendar.is_working_day(day):
            days_off.append((day, name, basis))
        elif day.weekday() >= 5 and calendar.is_working_day(day):
            make_up.append((day, basis))
        day += timedelta(days=1)
    working = calendar.working_days_between(date(year - 1, 12, 31), date(year, 12, 31))
    return render(
        request,
        "registry/calendar.html",
        {
            "year": year,
            "days_off": days_off,
            "make_up": make_up,
            "working_days": working,
            "can_change": permissions.can(request.user, "change", "calendar"),
        },
    )


@login_required
def export_xlsx(request):
    permissions.require(request.user, "view", "agency")
    return download(spreadsheet.export_workbook(), f"danh-muc-co-quan-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def import_xlsx(request):
    permissions.require(request.user, "change", "agency")
    problems = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problems = ["Chưa chọn tệp."]
        elif not upload.name.lower().endswith(".xlsx"):
            problems = [f"{upload.name}: chỉ nhận tệp Excel .xlsx."]
        else:
            try:
                uploads.check_upload(upload, ["xlsx"], max_bytes=10 * 1024 * 1024)
                counts = spreadsheet.import_workbook(upload, upload.name)
            except uploads.UploadRejected as exc:
                problems = [str(exc)]
            except spreadsheet.RegistryImportError as exc:
                problems = exc.problems
            else:
                messages.success(
                    request,
                    "Đã nhập: {agencies_created} cơ quan mới, {agencies_updated} cơ quan cập nhật, "
                    "{successions} quan hệ kế thừa mới, {groups} nhóm.".format(**counts),
                )
                return redirect("registry:agency_list")
    return render(request, "registry/import.html", {"problems": problems})


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """The user's own API tokens: issue (shown once), list with last use, revoke."""
    from . import tokens

    new_key = None
    if request.method == "POST":
        if request.POST.get("revoke"):
            try:
                revoked = tokens.revoke(request.user, int(request.POST["revoke"]))
            except ValueError:
                revoked = False
            if revoked:
                messages.success(request, "Đã thu hồi mã truy cập; chương trình dùng mã này sẽ bị từ chối.")
            else:
                messages.error(request, "Không có mã truy cập này.")
            return redirect("registry:api_tokens")
        new_key = tokens.issue(request.user, request.POST.get("name", ""))
    return render(
        request,
        "registry/api_tokens.html",
        {"title": "Mã truy cập API", "tokens": tokens.tokens_of(request.user), "new_key": new_key},
    )
