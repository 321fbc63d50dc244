from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from chiso.core.audit import acting_as
from chiso.core.downloads import DOCX, attachment
from chiso.core.exports import download
from chiso.core.redirects import redirect_back
from chiso.registry import permissions

from .forms import ImportForm, ResponsibilityForm, ResultForm, TagDecisionForm
from .models import Index, Province, Responsibility, Result, TaskComponent
from .services import analysis, charts, component_tasks, definitions, exports, pagecache, responsibility
from .services import answer as answer_service
from .services import provinces as province_service
from .services.importer import ImportRejected, import_results


def _home_province(user):
    """The province of the user's agency (its UBND tỉnh, or the one above it), else the installation's."""
    agency = getattr(user, "agency", None)
    while agency is not None:
        found = Province.objects.filter(agency=agency).first()
        if found:
            return found.code
        agency = agency.parent
    found = province_service.home_with_results()
    return found.code if found else None


def _province(request):
    code = request.GET.get("tinh") or _home_province(request.user)
    province = Province.objects.filter(code=code).first()
    if province is None:
        province_service.ensure()
        province = Province.objects.filter(code=code).first() or province_service.home_with_results()
    return province


def _home_waiting(shown):
    """The installation's province today when it has no results yet and another period is shown."""
    current = province_service.home()
    return current if current is not None and shown is not None and current != shown else None


def _provinces_with_results():
    return Province.objects.filter(results__isnull=False).distinct().order_by("valid_from", "name")


def _change(current, previous):
    if current is None or previous is None:
        return None
    return current - previous


@login_required
def index(request):
    permissions.require(request.user, "view", "index")
    province = _province(request)
    rows = []
    for idx in Index.objects.all():
        history = charts.province_history(idx, province) if province else []
        latest = history[-1] if history else None
        prev = history[-2] if len(history) > 1 else None
        rows.append(
            {
                "index": idx,
                "latest": latest,
                "previous": prev,
                "score_change": _change(latest and latest["score"], prev and prev["score"]),
                "rank_change": _change(
                    prev and (prev["rank"] or prev["computed_rank"]),
                    latest and (latest["rank"] or latest["computed_rank"]),
                ),
                "years": [h["year"] for h in history],
                "methodologies": list(idx.methodologies.all()),
            }
        )
    return render(
        request,
        "indices/index.html",
        {
            "title": "Chỉ số",
            "province": province,
            "rows": rows,
            "provinces": _provinces_with_results(),
            "can_change": permissions.can(request.user, "change", "index"),
            "lineage": province_service.lineage(province) if province else [],
            "merger_note": province_service.merger_note(province),
            "home_waiting": None if request.GET.get("tinh") else _home_waiting(province),
        },
    )


@login_required
def detail(request, code):
    permissions.require(request.user, "view", "index")
    idx = get_object_or_404(Index, code=code)
    province = _province(request)
    fp = pagecache.fingerprint(idx)
    history = pagecache.history(idx, province, fp) if province else []
    years = [h["year"] for h in history]
    try:
        year = int(request.GET.get("nam") or (years[-1] if years else 0))
    except ValueError:
        year = years[-1] if years else 0
    context = {
        "title": f"Chỉ số {idx.code}",
        "index": idx,
        "province": province,
        "years": years,
        "year": year,
        "provinces": _provinces_with_results(),
        "history": history,
        "can_tag": permissions.can(request.user, "change", "task"),
    }
    if year in years:
        result = pagecache.analysed(idx, year, province, fp)
        methodology = idx.methodology_for(year)
        owners, tasks = responsibility.owners(idx, year), component_tasks.by_component(idx)
        for comp in result["components"]:
            comp["owner"] = owners.get(comp["code"])
            comp["tasks"] = tasks.get(comp["code"], [])
        context.update(
            {
                "analysis": result,
                "methodology": methodology,
                "radar": charts.radar_option(result),
                "trend": charts.trend_option(history, province.name),
                "heatmap": charts.heatmap_option(
                    history, [c for c in methodology.components.all() if c.level == 1 and c.grain == "main"]
                ),
                "ranking": pagecache.ranking(idx, year, fp),
            }
        )
    return render(request, "indices/detail.html", context)


@login_required
def answer(request):
    """One page for the leader: fallen components, who answers for them, the tasks and how far they are."""
    permissions.require(request.user, "view", "index")
    province = _province(request)
    return render(
        request,
        "indices/answer.html",
        {
            "title": "Chỉ số giảm điểm: trách nhiệm và nhiệm vụ",
            "province": province,
            "items": answer_service.fallen(province) if province else [],
            "provinces": _provinces_with_results(),
        },
    )


@login_required
def export_xlsx(request, code):
    permissions.require(request.user, "view", "index")
    idx = get_object_or_404(Index, code=code)
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        raise Http404
    return download(exports.year_workbook(idx, year, _province(request)), f"chi-so-{idx.code}-{year}.xlsx")


@login_required
def report_docx(request, code):
    permissions.require(request.user, "view", "index")
    from .services.report import build_report

    idx = get_object_or_404(Index, code=code)
    province = _province(request)
    try:
        year = int(request.GET.get("nam", ""))
        content = build_report(idx.code, year, province.name)
    except (ValueError, analysis.NotFound):
        raise Http404("Chưa có kết quả để lập báo cáo.")
    return attachment(content, f"bao-cao-chi-so-{idx.code}-{year}-{province.code}.docx", DOCX)


@login_required
@require_http_methods(["GET", "POST"])
def responsibilities(request, code):
    permissions.require(request.user, "view", "index")
    idx = get_object_or_404(Index, code=code)
    can_change = permissions.can(request.user, "change", "index")
    form = ResponsibilityForm(request.POST or None, index=idx)
    if request.method == "POST":
        permissions.require(request.user, "change", "index")
        if form.is_valid():
            with acting_as(request.user):
                form.save()
            messages.success(request, "Đã lưu phân công trách nhiệm.")
            return redirect("indices:responsibilities", code=idx.code)
    rows = Responsibility.objects.filter(index=idx).select_related("lead").prefetch_related("supporting")
    return render(
        request,
        "indices/responsibilities.html",
        {
            "title": f"Phân công trách nhiệm – {idx.code}",
            "index": idx,
            "rows": rows,
            "form": form,
            "can_change": can_change,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def data_entry(request):
    """Manual entry of one figure and upload of a results file."""
    permissions.require(request.user, "change", "index")
    definitions.load() if not Index.objects.exists() else None
    province_service.ensure()
    result_form = ResultForm(request.POST if request.POST.get("form") == "result" else None)
    import_form = ImportForm(
        request.POST if request.POST.get("form") == "import" else None,
        request.FILES if request.POST.get("form") == "import" else None,
    )
    problems = []
    if request.method == "POST" and request.POST.get("form") == "result" and result_form.is_valid():
        with acting_as(request.user):
            obj = result_form.save()
        pagecache.schedule_warm(obj.index)
        messages.success(request, f"Đã lưu số liệu {obj.index.code} {obj.year} của {obj.province.name}.")
        return redirect("indices:data_entry")
    if request.method == "POST" and request.POST.get("form") == "import" and import_form.is_valid():
        upload = import_form.cleaned_data["file"]
        try:
            with acting_as(request.user):
                batch = import_results(
                    upload.read(),
                    upload.name,
                    import_form.cleaned_data["index"].code,
                    mapping=import_form.cleaned_data["mapping"],
                    source=import_form.cleaned_data["source"],
                    official=not import_form.cleaned_data["provisional"],
                    user=request.user,
                )
        except ImportRejected as exc:
            problems = exc.problems[:100]
        else:
            done = (
                f"Đã nhập {batch.rows} dòng: {batch.created} số liệu mới, {batch.updated} số liệu cập nhật."
            )
            if request.headers.get("HX-Request"):
                return render(request, "indices/_import_result.html", {"done": done, "batch": batch})
            messages.success(request, done)
            return redirect("indices:data_entry")
        if request.headers.get("HX-Request"):
            return render(
                request, "indices/_import_result.html", {"problems": problems, "import_form": import_form}
            )
    return render(
        request,
        "indices/data_entry.html",
        {
            "title": "Nhập kết quả chỉ số",
            "result_form": result_form,
            "import_form": import_form,
            "problems": problems,
            "recent": Result.objects.filter(batch__isnull=True)
            .select_related("index", "province")
            .order_by("-pk")[:20],
        },
    )


@login_required
@require_http_methods(["POST"])
def confirm_tag(request, pk):
    from .services.tags import confirm

    tag = get_object_or_404(TaskComponent.objects.select_related("task", "index"), pk=pk)
    permissions.require(request.user, "change", "task", tag.task.agency_ids())
    form = TagDecisionForm(request.POST)
    if not form.is_valid():
        # a post without one of the two buttons changes nothing (it used to drop the tag)
        messages.error(request, form.errors["keep"][0])
        return redirect_back(request, form.cleaned_data.get("next"), "indices:index")
    with acting_as(request.user):
        confirm(tag, keep=form.cleaned_data["keep"])
    messages.success(request, "Đã cập nhật gắn thành phần chỉ số cho nhiệm vụ.")
    return redirect_back(request, form.cleaned_data["next"], "indices:index")


@login_required
def methodologies(request, code):
    permissions.require(request.user, "view", "index")
    idx = get_object_or_404(Index, code=code)
    items = []
    for m in idx.methodologies.prefetch_related("components"):
        comps = list(m.components.all())
        children = {}
        for c in comps:
            children.setdefault(c.parent_id, []).append(c)
        items.append({"m": m, "roots": children.get(None, []), "children": children})
    return render(
        request,
        "indices/methodologies.html",
        {"title": f"Phương pháp – {idx.code}", "index": idx, "items": items},
    )


@login_required
def definitions_xlsx(request):
    permissions.require(request.user, "view", "index")
    from .services.definitions_xlsx import export_workbook

    return download(export_workbook(), "dinh-nghia-chi-so.xlsx")


@login_required
def effect_view(request, code):
    """Did the work move the index: year N's tagged tasks and the change N → N+1 (association only)."""
    from chiso.directives.models import Directive

    from .services import effect

    permissions.require(request.user, "view", "index")
    idx = get_object_or_404(Index, code=code)
    province = _province(request)
    if province is None:
        raise Http404("Không có tỉnh, thành phố.")
    years = sorted(
        {d.year for d in Directive.objects.filter(status=Directive.PUBLISHED).dates("issued_on", "year")}
    )
    try:
        year = int(request.GET.get("nam") or (years[-1] if years else 0))
    except ValueError:
        raise Http404("Năm không hợp lệ.")
    found = effect.effect(idx, province, year)
    if request.GET.get("format") == "json":
        from django.http import JsonResponse

        return JsonResponse(
            {**found, "paragraph": effect.paragraph(found)}, json_dumps_params={"ensure_ascii": False}
        )
    return render(
        request,
        "indices/effect.html",
        {
            "title": f"Tác động của nhiệm vụ đến {idx.code}",
            "index": idx,
            "province": province,
            "found": found,
            "years": years,
            "year": year,
            "chart": effect.chart_option(found) if found["available"] else None,
            "paragraph": effect.paragraph(found),
        },
    )
