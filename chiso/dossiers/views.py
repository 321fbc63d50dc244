from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from chiso.core import exports, jobqueue, numbers, uploads
from chiso.core.audit import acting_as
from chiso.core.downloads import DOCX, ZIP, attachment
from chiso.core.exports import download
from chiso.core.redirects import redirect_back
from chiso.registry import permissions
from chiso.registry.models import Agency

from . import tasks
from .models import AP_IMPROPER, AP_MISSING, AP_PROPER, LATE, OPEN, Dossier, ImportRun
from .services import apology, indicators, report
from .services.importer import ImportFailed

MAX_UPLOAD = 200 * 1024 * 1024
MONTHS = [f"Th{m}" for m in range(1, 13)]


def _pct(value):
    return numbers.ratio(value)


def _year(request, agency_ids, years=None):
    years = report.years(agency_ids) if years is None else years
    try:
        year = int(request.GET.get("nam") or (years[0] if years else timezone.localdate().year))
    except ValueError:
        year = years[0] if years else timezone.localdate().year
    return year, sorted(years, reverse=True)


def _require_view(request):
    if permissions.scope(request.user, "view", "dossier") is None:
        raise PermissionDenied
    return report.visible_agency_ids(request.user)


@login_required
def index(request):
    agency_ids = _require_view(request)
    # Everything below the menu depends only on the summary tables, the day and the agencies the user may
    # see: rendered once and shared by the web processes until an import changes the tables (under 8
    # concurrent users the page was CPU-bound on the same aggregations and rendering).
    fp = f"{report.fingerprint()}:{report.scope_key(agency_ids)}"
    year, years = _year(request, agency_ids, report.cached("years", fp, lambda: report.years(agency_ids)))
    if year in years:
        body = report.cached(f"index:{year}", fp, lambda: _index_body(year, years, agency_ids))
    else:  # a year without data (any number in the address) is not worth a cache entry
        body = _index_body(year, years, agency_ids)
    return render(
        request,
        "dossiers/index.html",
        {
            "title": "Hồ sơ thủ tục hành chính",
            "year": year,
            "body": body,
            "can_import": permissions.can(request.user, "change", "dossier"),
        },
    )


def _index_body(year, years, agency_ids):
    league = report.league(year, agency_ids)
    months = report.by_month(year, agency_ids)
    totals = report.totals(year, agency_ids)
    overdue = sum(r["open_overdue"] for r in league)
    trend = {
        "tooltip": {"trigger": "axis"},
        "legend": {"data": ["Tỷ lệ đúng hạn (%)", "Nộp trực tuyến (%)"]},
        "xAxis": {"type": "category", "data": [f"{m['month'] % 100:02d}/{year}" for m in months]},
        "yAxis": {"type": "value", "min": 0, "max": 100},
        "series": [
            {
                "name": "Tỷ lệ đúng hạn (%)",
                "type": "line",
                "data": [
                    None if m["on_time_rate"] is None else round(100 * m["on_time_rate"], 1) for m in months
                ],
            },
            {
                "name": "Nộp trực tuyến (%)",
                "type": "line",
                "data": [
                    None if m["online_share"] is None else round(100 * m["online_share"], 1) for m in months
                ],
            },
        ],
    }
    for row in league:
        row["on_time_pct"], row["online_pct"], row["apology_pct"] = (
            _pct(row["on_time_rate"]),
            _pct(row["online_share"]),
            _pct(row["apology_rate"]),
        )
        row["payment_pct"] = _pct(row["online_payment_share"])
        row["full_pct"], row["partial_pct"] = (
            _pct(row["online_share_full"]),
            _pct(row["online_share_partial"]),
        )
    context = {
        "title": "Hồ sơ thủ tục hành chính",
        "year": year,
        "years": years,
        "league": league,
        "online_rows": sorted(
            (r for r in league if r["offered_full"] + r["offered_partial"]),
            key=lambda r: r["online_share"] or 0,
        ),
        "heat_rows": _heat_html(report.heat(year, agency_ids, league)),
        "months": MONTHS,
        "trend": trend,
        "fields": [dict(r, pct=_pct(r["on_time_rate"])) for r in report.by_field(year, agency_ids)[:12]],
        "totals": totals,
        "overdue": overdue,
        "backlog": report.backlog(agency_ids),
        "procedures": [dict(r, pct=_pct(r["on_time_rate"])) for r in report.by_procedure(year, agency_ids)],
        "cards": [
            (
                "Hồ sơ trong năm",
                f"{totals['total']:,}".replace(",", "."),
                f"đã giải quyết {totals['completed']:,}".replace(",", "."),
            ),
            (
                "Tỷ lệ đúng hạn",
                _pct(totals["on_time_rate"]),
                f"{totals['late']:,} hồ sơ trễ hạn".replace(",", "."),
            ),
            ("Quá hạn chưa xong", f"{overdue:,}".replace(",", "."), "đang xử lý, đã quá ngày hẹn trả"),
            (
                "Trễ hạn chưa xin lỗi",
                f"{totals['late_no_apology']:,}".replace(",", "."),
                f"xin lỗi chưa đúng quy định: {totals['apology_improper']}",
            ),
            (
                "Nộp trực tuyến",
                _pct(totals["online_share"]),
                f"toàn trình {_pct(totals['online_share_full'])} · một phần {_pct(totals['online_share_partial'])}",
            ),
            ("Thanh toán trực tuyến", _pct(totals["online_payment_share"]), "trên hồ sơ có phí, lệ phí"),
        ],
    }
    return render_to_string("dossiers/_index_body.html", context)


def _heat_html(heat):
    # ~1,000 cells: built here rather than in the template, which would take most of the page's time.
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    out = []
    for row, line in heat:
        cells = "".join(
            f'<td class="num"><a class="badge {c[1]}" href="{escape(c[0])}" title="{c[3]} hồ sơ trễ hạn">{c[2]}</a></td>'
            if c
            else '<td class="num"></td>'
            for c in line
        )
        out.append(f"<tr><td>{escape(row['agency'])}</td>{cells}</tr>")
    return mark_safe("\n".join(out))


FILTERS = {
    "tre-han": ("Trễ hạn", dict(outcome=LATE)),
    "qua-han": ("Đang xử lý quá hạn", dict(outcome=OPEN)),
    "chua-xin-loi": ("Trễ/quá hạn chưa xin lỗi", dict(apology_state=AP_MISSING)),
    "xin-loi-sai": ("Xin lỗi chưa đúng quy định", dict(apology_state=AP_IMPROPER)),
    "xin-loi-dung": ("Xin lỗi đúng quy định", dict(apology_state=AP_PROPER)),
    "sap-tre": ("Sắp đến hạn (hôm nay hoặc ngày làm việc kế tiếp), chưa có kết quả", dict(outcome=OPEN)),
}


def _list_queryset(request, agency_ids):
    qs = Dossier.objects.select_related("agency", "procedure")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    title = []
    agency = request.GET.get("co_quan")
    if agency and agency.isdigit():
        qs = qs.filter(agency_id=agency)
        title.append(str(Agency.objects.filter(pk=agency).first() or ""))
    month = request.GET.get("thang")
    if month and month.isdigit():
        qs = qs.filter(stat_month=int(month))
        title.append(f"tháng {int(month) % 100:02d}/{int(month) // 100}")
    year = request.GET.get("nam")
    if year and year.isdigit() and not month:
        qs = qs.filter(stat_month__gte=int(year) * 100, stat_month__lte=int(year) * 100 + 12)
        title.append(f"năm {year}")
    kind = request.GET.get("loai")
    if kind in FILTERS:
        label, condition = FILTERS[kind]
        qs = qs.filter(**condition)
        if kind == "qua-han":
            qs = qs.filter(due__lt=timezone.localdate())
        if kind == "chua-xin-loi":  # open dossiers become overdue after their import: decide those today
            from django.db.models import Q

            qs = Dossier.objects.select_related("agency", "procedure").filter(
                Q(apology_state=AP_MISSING, outcome=LATE)
                | Q(outcome=OPEN, due__lt=timezone.localdate(), apology_date__isnull=True)
            )
            if agency_ids is not None:
                qs = qs.filter(agency_id__in=agency_ids)
            if agency and agency.isdigit():
                qs = qs.filter(agency_id=agency)
            if month and month.isdigit():
                qs = qs.filter(stat_month=int(month))
            elif year and year.isdigit():
                qs = qs.filter(stat_month__gte=int(year) * 100, stat_month__lte=int(year) * 100 + 12)
        if (
            kind == "sap-tre"
        ):  # the apology must go out by now (NĐ 61/2018 Điều 19, 01 ngày làm việc trước hạn)
            from chiso.registry.services import add_working_days

            today = timezone.localdate()
            qs = qs.filter(due__gte=today, due__lte=add_working_days(today, 1))
        title.insert(0, label)
    code = (request.GET.get("ma") or "").strip()
    if code:
        qs = qs.filter(code__startswith=code)
    return qs.order_by("due", "code"), " · ".join(t for t in title if t)


@login_required
def dossier_list(request):
    agency_ids = _require_view(request)
    qs, title = _list_queryset(request, agency_ids)
    page = (
        max(1, int(request.GET.get("trang", "1") or 1)) if str(request.GET.get("trang", "1")).isdigit() else 1
    )
    rows = list(qs[(page - 1) * 100 : page * 100 + 1])
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "dossiers/list.html",
        {
            "title": "Danh sách hồ sơ",
            "subtitle": title,
            "rows": rows[:100],
            "page": page,
            "has_next": len(rows) > 100,
            "query": query.urlencode(),
            "filters": FILTERS,
            "today": timezone.localdate(),
            "can_apologize": permissions.scope(request.user, "apologize", "dossier") is not None,
        },
    )


@login_required
def dossier_export(request):
    agency_ids = _require_view(request)
    qs, title = _list_queryset(request, agency_ids)
    header = [
        "Mã hồ sơ",
        "Mã thủ tục",
        "Tên thủ tục",
        "Cơ quan giải quyết",
        "Kênh nộp",
        "Ngày tiếp nhận",
        "Ngày hẹn trả",
        "Ngày có kết quả",
        "Kết quả",
        "Xin lỗi",
        "Ngày xin lỗi",
        "Ngày hẹn lại",
    ]
    rows = (
        [
            d.code,
            d.procedure.code,
            d.procedure.name,
            d.agency.name,
            d.get_channel_display(),
            d.received,
            d.due,
            d.completed,
            d.get_outcome_display(),
            d.get_apology_state_display(),
            d.apology_date,
            d.new_due,
        ]
        for d in qs[:200000].iterator(chunk_size=5000)
    )
    return download(exports.xlsx(exports.Sheet("Hồ sơ", header, rows)), "ho-so.xlsx")


def _dossier_for(request, code, action="view"):
    dossier = get_object_or_404(
        Dossier.objects.select_related("agency", "procedure", "agency__parent"), code=code
    )
    permissions.require(request.user, action, "dossier", dossier.agency_ids())
    return dossier


@login_required
def dossier_detail(request, code):
    from .services.classify import apology_state, legal_basis
    from .services.importer import calendar_index

    dossier = _dossier_for(request, code)
    today = timezone.localdate()
    limit = apology.deadline_of(dossier)
    if dossier.completed is None:  # an open dossier's apology state depends on today, not on the import day
        dossier.apology_state = apology_state(
            calendar_index(),
            limit.toordinal(),
            None,
            dossier.apology_date and dossier.apology_date.toordinal(),
            dossier.new_due and dossier.new_due.toordinal(),
            today.toordinal(),
            dossier.reappointments,
            dossier.received.toordinal(),
            late=dossier.supplements > 1 or today > limit,
        )
    decree, form = legal_basis(dossier.due)
    from chiso.registry.services import add_working_days

    # What stops a letter today, apart from the new date the agency still has to enter.
    refusal = apology.refusal(dossier, today, dossier.new_due or date.max)
    return render(
        request,
        "dossiers/detail.html",
        {
            "title": f"Hồ sơ {dossier.code}",
            "d": dossier,
            "decree": decree,
            "form": form,
            "deadline": limit,
            "apology_deadline": add_working_days(limit, -1),
            "today": today,
            "overdue": dossier.completed is None and (limit < today or dossier.supplements > 1),
            "refusal": refusal,
            "can_apologize": permissions.can(request.user, "apologize", "dossier", dossier.agency_ids()),
        },
    )


def _moment_param(text):
    """dd/mm/yyyy [HH:MM] from a form -> (date, minute or None), or (None, None)."""
    from datetime import datetime

    text = (text or "").strip()
    for fmt, timed in (
        ("%d/%m/%Y %H:%M", True),
        ("%d/%m/%Y", False),
        ("%Y-%m-%dT%H:%M", True),
        ("%Y-%m-%d", False),
    ):
        try:
            value = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return value.date(), (value.hour * 60 + value.minute) if timed else None
    return None, None


@login_required
@require_POST
def apology_letter(request, code):
    dossier = _dossier_for(request, code, "apologize")
    today = timezone.localdate()
    new_due, new_minute = _moment_param(request.POST.get("hen_lai"))
    new_due = new_due or dossier.new_due
    problem = apology.refusal(dossier, today, new_due)
    if problem:
        messages.error(request, problem)
        return redirect("dossiers:detail", code=dossier.code)
    with acting_as(request.user):
        if dossier.apology_date is None or dossier.new_due != new_due:
            apology.record_apology(dossier, today, new_due)
        content = apology.render_letter(
            dossier,
            today,
            reason=request.POST.get("ly_do", "")[:500],
            new_due=new_due,
            new_due_min=new_minute,
        )
        apology.mark_issued(dossier, request.user)
    return attachment(content, apology.file_name(dossier), DOCX)


@login_required
@require_POST
def apology_batch(request):
    codes = request.POST.getlist("ma")[:500]
    if not codes:
        messages.error(request, "Chưa chọn hồ sơ nào để in phiếu xin lỗi.")
        return redirect_back(request, request.META.get("HTTP_REFERER"), "dossiers:list")
    dossiers = list(
        Dossier.objects.select_related("agency", "procedure", "agency__parent").filter(code__in=codes)
    )
    for dossier in dossiers:
        permissions.require(request.user, "apologize", "dossier", dossier.agency_ids())
    return attachment(apology.batch_zip(dossiers, request.user), "phieu-xin-loi.zip", ZIP)


@login_required
def sync_gaps(request):
    agency_ids = _require_view(request)
    try:
        days = max(1, int(request.GET.get("ngay", "30")))
    except ValueError:
        days = 30
    cutoff = date.fromordinal(timezone.localdate().toordinal() - days)
    qs = Dossier.objects.filter(outcome=OPEN, due__lt=cutoff).select_related("agency", "procedure")
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    groups = {}
    for d in qs.order_by("agency__name", "due")[:3000]:
        groups.setdefault(d.agency, []).append(d)
    reconciled, errors = None, None
    if request.method == "POST":
        permissions.require(request.user, "change", "dossier")
        from .services.sheets import reconcile_paper_register

        upload_file = request.FILES.get("so")
        if (
            upload_file is None
            or not upload_file.name.lower().endswith(".xlsx")
            or upload_file.size > 20 * 1024 * 1024
        ):
            errors = [
                "Hãy chọn sổ theo dõi dạng .xlsx (tối đa 20 MB) có cột “Mã hồ sơ” và “Ngày có kết quả”."
            ]
        else:
            try:
                uploads.check_upload(upload_file, ["xlsx"], max_bytes=20 * 1024 * 1024)
                reconciled = reconcile_paper_register(upload_file, request.user, file_name=upload_file.name)
            except uploads.UploadRejected as exc:
                errors = [str(exc)]
            except ImportFailed as exc:
                errors = exc.lines()
    return render(
        request,
        "dossiers/sync_gaps.html",
        {
            "title": "Hồ sơ có thể đã xong trên giấy",
            "groups": groups,
            "days": days,
            "today": timezone.localdate(),
            "reconciled": reconciled,
            "errors": errors,
            "can_import": permissions.can(request.user, "change", "dossier"),
        },
    )


@login_required
def indicators_view(request):
    agency_ids = _require_view(request)
    year, years = _year(request, agency_ids)
    names = dict(Agency.objects.values_list("id", "name"))
    rows = indicators.table(year * 100, agency_ids)
    computed = [i for i in indicators.INDICATORS.values() if i.computed]
    for r in rows:
        r["agency"] = names.get(r["agency_id"], "?")
        r["cells"] = [(i, r["values"].get(i.code)) for i in computed]
    return render(
        request,
        "dossiers/indicators.html",
        {
            "title": "Bộ chỉ số 766 tính từ dữ liệu hồ sơ",
            "year": year,
            "years": years,
            "rows": rows,
            "computed": computed,
            "groups": [
                (name, points, [i for i in indicators.INDICATORS.values() if i.group == code])
                for code, name, points in indicators.GROUPS
            ],
            "confirmed": indicators.CONFIRMED_POINTS,
            "min_coverage": indicators.MIN_COVERAGE,
        },
    )


@login_required
def upload(request):
    permissions.require(request.user, "change", "dossier")
    if request.method == "POST":
        upload_file = request.FILES.get("tep")
        if upload_file is None or not upload_file.name.lower().endswith((".csv", ".xlsx")):
            messages.error(request, "Hãy chọn tệp .csv (UTF-8) hoặc .xlsx xuất từ hệ thống một cửa.")
            return redirect("dossiers:upload")
        if upload_file.size > MAX_UPLOAD:
            messages.error(request, "Tệp lớn quá 200 MB; hãy nhập bằng lệnh chiso import-dossiers.")
            return redirect("dossiers:upload")
        try:
            uploads.check_upload(
                upload_file, ["csv", "xlsx"], max_bytes=MAX_UPLOAD, max_expanded=1024 * 1024 * 1024
            )
        except uploads.UploadRejected as exc:
            messages.error(request, str(exc))
            return redirect("dossiers:upload")
        suffix = ".xlsx" if upload_file.name.lower().endswith(".xlsx") else ".csv"
        # Under MEDIA_ROOT, not /tmp: a worker on another machine reads it from the shared media folder.
        path = jobqueue.spool_upload(upload_file, suffix)
        run = ImportRun.objects.create(
            file_name=upload_file.name[:300],
            mapping=request.POST.get("anh_xa", "")[:60],
            user=request.user,
            status=ImportRun.QUEUED,
        )
        run.job = jobqueue.start(
            tasks.import_file,
            label=f"Nhập hồ sơ từ {upload_file.name}",
            user=request.user,
            temp_paths=[path],
            run_id=run.pk,
            path=str(path),
            file_name=upload_file.name,
            mapping=run.mapping,
            user_id=request.user.pk,
        )
        ImportRun.objects.filter(pk=run.pk).update(job=run.job)
        return redirect("dossiers:import_status", run.pk)
    from .models import ColumnMapping

    return render(
        request,
        "dossiers/upload.html",
        {
            "title": "Nhập hồ sơ từ hệ thống một cửa",
            "mappings": ColumnMapping.objects.all(),
            "runs": ImportRun.objects.all()[:10],
        },
    )


@login_required
def import_status(request, pk):
    permissions.require(request.user, "change", "dossier")
    run = get_object_or_404(ImportRun.objects.select_related("job"), pk=pk)
    template = (
        "dossiers/_progress.html" if request.headers.get("HX-Request") else "dossiers/import_status.html"
    )
    return render(request, template, {"title": "Tiến độ nhập hồ sơ", "run": run})


@require_POST
def add_unmatched_procedures(request, pk):
    """The one step after an import listed procedure names the catalogue lacks: add them all."""
    from .services.importer import add_procedures

    permissions.require(request.user, "change", "dossier")
    run = get_object_or_404(ImportRun, pk=pk)
    with acting_as(request.user):
        added = add_procedures(run.unmatched, request.user)
    ImportRun.objects.filter(pk=run.pk).update(unmatched=[])
    messages.success(
        request,
        f"Đã thêm {added} thủ tục vào danh mục (mã tạm “CHUA-MA-…”). Hãy nhập lại tệp {run.file_name}.",
    )
    return redirect("dossiers:upload")


def not_found(request):
    raise Http404


def _day_param(request, name, default):
    from datetime import datetime

    text = (request.GET.get(name) or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return default


@login_required
def period_view(request):
    """Mẫu 06-style period report (backlog, received, settled, open at the end) as a page, XLSX or DOCX."""
    from .services.period import period_report
    from .services.period_outputs import period_docx, period_xlsx

    agency_ids = _require_view(request)
    today = timezone.localdate()
    first_of_month = today.replace(day=1)
    last_month_end = first_of_month - timedelta(days=1)
    start = _day_param(request, "tu", last_month_end.replace(day=1))
    end = _day_param(request, "den", last_month_end)
    if end < start:
        start, end = end, start
    report = period_report(start, end, agency_ids)
    kind = request.GET.get("dang")
    if kind in ("xlsx", "docx"):
        if agency_ids is not None and len(agency_ids) >= 1:
            own = Agency.objects.filter(pk__in=agency_ids).order_by("kind").first()
            unit, parent = (own.name, own.parent.name if own and own.parent_id else "") if own else ("", "")
        else:
            top = (
                Agency.objects.filter(kind="ubnd_tinh")
                .filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=end))
                .filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=end))
                .first()
            )
            unit, parent = (top.name if top else "Ủy ban nhân dân tỉnh"), ""
        name = f"bao-cao-tthc-{start:%Y%m%d}-{end:%Y%m%d}.{kind}"
        if kind == "xlsx":
            return download(period_xlsx(report, unit), name)
        place = unit.split(" tỉnh ")[-1] if " tỉnh " in unit else ""
        return attachment(period_docx(report, unit, parent, place or "……", issued=today), name, DOCX)
    return render(
        request,
        "dossiers/period.html",
        {"title": "Báo cáo kết quả giải quyết TTHC theo kỳ", "report": report, "start": start, "end": end},
    )
