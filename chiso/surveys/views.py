"""Staff pages: waves, results dashboard, invitations and reminders, paper import, exports, QR."""

import io
import os
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from chiso.core import audit
from chiso.core.exports import download
from chiso.indices.services.importer import ImportRejected
from chiso.registry import permissions
from chiso.registry.models import Agency
from chiso.registry.names import search_key

from .answer_views import XFORM_POLICY
from .forms import (
    InvitationsForm,
    NewQuestionnaireForm,
    UploadForm,
    WaveForm,
    WaveStatusForm,
    WeightsForm,
    XLSFormUploadForm,
)
from .models import TEXT, Question, Questionnaire, Wave
from .services import access, builtin, compute, distribution, exports, kobo, paper, weights, xlsform
from .services import agencies as wave_agencies


def _wave(request, pk, action="view"):
    return access.wave_for(request.user, pk, action)


@login_required
def index(request):
    permissions.require_some(request.user, "view", "survey")
    waves = list(
        access.visible_waves(request.user, Wave.objects.select_related("questionnaire")).order_by(
            "-year", "-start"
        )
    )
    for wave in waves:
        wave.n_responses = wave.responses.count()
    can_change = permissions.can(request.user, "change", "survey")
    return render(
        request,
        "surveys/index.html",
        {
            "title": "Khảo sát",
            "waves": waves,
            "can_change": can_change,
            "questionnaires": Questionnaire.objects.all(),
            "new_q": NewQuestionnaireForm(),
        },
    )


@login_required
def preview(request, pk):
    permissions.require_some(request.user, "view", "survey")
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    sections = [
        {"section": s, "questions": list(s.questions.all())}
        for s in questionnaire.sections.prefetch_related("questions")
    ]
    wave = Wave(
        questionnaire=questionnaire,
        name="Xem trước phiếu",
        year=0,
        start=timezone.localdate(),
        end=timezone.localdate(),
    )
    context = {
        "wave": wave,
        "questionnaire": questionnaire,
        "sections": sections,
        "preview": True,
        "answers": {},
        "errors": {},
        "title": questionnaire.title,
        "draft_key": f"chiso-nhap-xem-truoc-{pk}",
        "action": "",
        "form_url": reverse("surveys:preview_xform", args=[pk]),
        "can_change": permissions.can(request.user, "change", "survey"),
    }
    if questionnaire.xform:
        response = render(request, "surveys/answer_xform.html", context)
        response["Content-Security-Policy"] = XFORM_POLICY
        return response
    return render(request, "surveys/answer.html", context)


@login_required
def preview_xform(request, pk):
    permissions.require_some(request.user, "view", "survey")
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    if not questionnaire.xform:
        raise Http404
    return HttpResponse(questionnaire.xform, content_type="application/xml; charset=utf-8")


@login_required
def export_xlsform(request, pk):
    """The questionnaire as an XLSForm partners can load into KoboToolbox or ODK."""
    permissions.require_some(request.user, "view", "survey")
    questionnaire = get_object_or_404(Questionnaire, pk=pk)
    return FileResponse(
        io.BytesIO(kobo.xlsform(questionnaire)),
        as_attachment=True,
        filename=f"xlsform-{questionnaire.code}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def import_xlsform(request):
    """Upload an XLSForm: every warning (pyxform's and ours) is shown on the page."""
    permissions.require(request.user, "change", "survey")
    form = XLSFormUploadForm(request.POST or None, request.FILES or None)
    questionnaire, error = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = os.path.splitext(upload.name)[1].lower()
        with tempfile.NamedTemporaryFile(suffix=suffix) as temp:
            for chunk in upload.chunks():
                temp.write(chunk)
            temp.flush()
            try:
                questionnaire = xlsform.import_xlsform(
                    temp.name, code=form.cleaned_data["code"] or None, name=os.path.basename(upload.name)
                )
            except xlsform.XLSFormError as exc:
                error = str(exc)
    return render(
        request,
        "surveys/import_xlsform.html",
        {"form": form, "questionnaire": questionnaire, "error": error, "title": "Nhập XLSForm"},
        # A refused file (bad content, too large) is a bad request, whatever stage refused it.
        status=400 if error or (request.method == "POST" and form.errors) else 200,
    )


@login_required
@require_POST
def install_builtin(request):
    permissions.require(request.user, "change", "survey")
    form = NewQuestionnaireForm(request.POST)
    if form.is_valid():
        questionnaire = builtin.install(form.cleaned_data["builtin"])
        messages.success(request, f"Đã có phiếu “{questionnaire.title}”.")
    return redirect("surveys:index")


@login_required
def wave_edit(request, pk=None):
    permissions.require(request.user, "change", "survey")
    wave = get_object_or_404(Wave, pk=pk) if pk else None
    form = WaveForm(request.POST or None, instance=wave)
    if request.method == "POST" and form.is_valid():
        wave = form.save()
        messages.success(request, "Đã lưu đợt khảo sát.")
        return redirect("surveys:wave", pk=wave.pk)
    return render(request, "surveys/wave_form.html", {"form": form, "wave": wave, "title": "Đợt khảo sát"})


def _chart_elements(result):
    names = [e["name"] for e in result["elements"]]
    values = [e["satisfied_share"] for e in result["elements"]]
    errors = [[e["ci_low"], e["ci_high"]] for e in result["elements"]]
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 8, "right": 24, "top": 24, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "value", "min": 0, "max": 100, "name": "%"},
        "yAxis": {
            "type": "category",
            "data": names,
            "inverse": True,
            "axisLabel": {"width": 200, "overflow": "break"},
        },
        "series": [
            {
                "name": "Tỷ lệ hài lòng (%)",
                "type": "bar",
                "data": values,
                "label": {"show": True, "position": "right"},
            },
            {
                "name": "Khoảng tin cậy 95 % (hai đầu)",
                "type": "scatter",
                "symbol": "rect",
                "symbolSize": [2, 16],
                "itemStyle": {"color": "#1f2933"},
                "data": [[v, n] for pair, n in zip(errors, names) for v in pair if v is not None],
            },
        ],
    }


def _chart_agencies(result):
    rows = [r for r in result["by_agency"] if r["satisfied_share"] is not None][:40]
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 8, "right": 24, "top": 24, "bottom": 8, "containLabel": True},
        "xAxis": {"type": "value", "min": 0, "max": 100, "name": "%"},
        "yAxis": {
            "type": "category",
            "data": [r["name"] for r in rows],
            "inverse": True,
            "axisLabel": {"width": 180, "overflow": "truncate"},
        },
        "series": [
            {
                "name": "Hài lòng chung (%)",
                "type": "bar",
                "data": [
                    {
                        "value": r["satisfied_share"],
                        "itemStyle": {"color": "#b0b7bf" if r["small_cell"] else "#2c6aa0"},
                    }
                    for r in rows
                ],
                "label": {"show": True, "position": "right"},
            }
        ],
    }


@login_required
def wave_detail(request, pk):
    wave = _wave(request, pk)
    weighted = request.GET.get("gia_quyen", "1") != "0"
    result = compute.results(wave, weighted=weighted)
    comparison = compute.compare(wave, result)
    invitations = wave.invitations.count()
    choices = [q for q in wave.questionnaire.questions() if q.kind == "single" and not q.repeat]
    successors = wave_agencies.by_successor(wave)
    by = next((q for q in choices if q.code == request.GET.get("theo")), choices[0] if choices else None)
    context = {
        "breakdown_questions": choices,
        "breakdown_by": by,
        "breakdown": compute.breakdown(wave, by, weighted=weighted) if by else [],
        "wave": wave,
        "title": wave.name,
        "result": result,
        "comparison": comparison,
        "elements_chart": _chart_elements(result),
        "agency_chart": _chart_agencies(result),
        "invitations": invitations,
        "answered": wave.invitations.filter(used=True).count(),
        "can_change": permissions.can(request.user, "change", "survey"),
        "has_targets": bool(wave.agency_shares or wave.stratum_shares),
        "element_columns": [(e["code"], e["name"]) for e in result["elements"]],
        "public_url": request.build_absolute_uri(reverse("surveys:public", args=[wave.public_slug])),
        "indices_available": weights.can_write_provisional(wave),
        "qr_url": reverse("surveys:qr", args=[wave.pk]) + "?dang=trang",
        "invalid_agencies": wave_agencies.not_valid_in_period(wave),
        "successors": successors,
        "successors_changed": any(r["changed"] for r in successors),
        "phase": wave.phase(),
        "channels": {
            label: wave.responses.filter(channel=code).count()
            for code, label in wave.responses.model.CHANNELS
        },
    }
    return render(request, "surveys/wave_detail.html", context)


@login_required
def open_answers(request, pk):
    wave = _wave(request, pk)
    codes = {
        q.code: q.text
        # typed words only: an imported form's calculations and hidden values are text too
        for q in Question.objects.filter(
            section__questionnaire=wave.questionnaire, kind=TEXT, xls_type__in=["", "text"], repeat=""
        )
    }
    needle = search_key(request.GET.get("q", "")).strip()
    found = []
    # League tables of satisfaction are public inside the province, but citizens' own words about an
    # agency's staff are for that agency and the monitors only.
    responses = (
        access.visible_responses(request.user, wave).select_related("agency").order_by("submitted_on", "id")
    )
    for r in responses:
        for code, text in codes.items():
            answer = r.answers.get(code)
            if answer and (not needle or needle in search_key(answer)):
                found.append(
                    {
                        "question": text,
                        "answer": answer,
                        "agency": r.agency.short_name or r.agency.name if r.agency else "",
                        "day": r.submitted_on,
                    }
                )
    template = (
        "surveys/_open_answers.html" if request.headers.get("HX-Request") else "surveys/open_answers.html"
    )
    return render(
        request,
        template,
        {
            "wave": wave,
            "answers": found[:500],
            "total": len(found),
            "q": request.GET.get("q", ""),
            "title": "Ý kiến tự do",
        },
    )


@login_required
def wave_weights(request, pk):
    wave = _wave(request, pk, "change")
    initial = {
        "agency_shares": "\n".join(f"{k}; {v:g}" for k, v in (wave.agency_shares or {}).items()),
        "agency_shares_source": wave.agency_shares_source,
        "stratum_question": wave.stratum_question,
        "stratum_shares": "\n".join(f"{k}; {v:g}" for k, v in (wave.stratum_shares or {}).items()),
        "official_overall": (wave.official or {}).get("overall"),
        "official_source": wave.official_source,
        "official_elements": "\n".join(
            f"{k}; {v:g}" for k, v in ((wave.official or {}).get("elements") or {}).items()
        ),
    }
    form = WeightsForm(request.POST or None, initial=initial, wave=wave)
    dossier_shares = weights.dossier_shares(wave)
    if request.method == "POST" and "from_dossiers" in request.POST and dossier_shares:
        wave.agency_shares, wave.agency_shares_source = (
            dossier_shares,
            "Số hồ sơ TTHC theo cơ quan trong kỳ (mô-đun hồ sơ)",
        )
        wave.save()
        messages.success(request, "Đã lấy tỷ trọng theo số hồ sơ của từng cơ quan.")
        return redirect("surveys:weights", pk=wave.pk)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wave.agency_shares, wave.agency_shares_source = data["agency_shares"], data["agency_shares_source"]
        wave.stratum_question, wave.stratum_shares = data["stratum_question"], data["stratum_shares"]
        official = dict(wave.official or {})
        official["overall"] = data["official_overall"]
        official["elements"] = data["official_elements"]
        wave.official, wave.official_source = official, data["official_source"]
        wave.save()
        messages.success(request, "Đã lưu tỷ trọng gia quyền và số liệu chính thức.")
        return redirect("surveys:wave", pk=wave.pk)
    return render(
        request,
        "surveys/weights.html",
        {"wave": wave, "form": form, "dossier_shares": dossier_shares, "title": "Gia quyền"},
    )


@login_required
def invitations(request, pk):
    wave = _wave(request, pk, "change")
    form = InvitationsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        people, errors = [], []
        agencies = {a.code: a for a in Agency.objects.all()}
        for number, line in enumerate(form.cleaned_data["people"].splitlines(), 1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("\t", ";").split(";")] + ["", "", "", ""]
            name, email, group, code = parts[:4]
            if email and "@" not in email:
                errors.append(f"Dòng {number}: “{email}” không phải địa chỉ thư điện tử.")
            if code and code not in agencies:
                errors.append(f"Dòng {number}: không có cơ quan mã “{code}”.")
            people.append({"name": name, "email": email, "group": group, "agency": agencies.get(code)})
        if errors:
            for error in errors:
                form.add_error("people", error)
        else:
            created = distribution.create_invitations(wave, people)
            base = request.build_absolute_uri("/")
            sent = distribution.send_invitations(created, base) if form.cleaned_data["send"] else 0
            links = [
                (inv, distribution.answer_url(token, base))
                for inv, token in created
                if not inv.email or not form.cleaned_data["send"]
            ]
            messages.success(request, f"Đã tạo {len(created)} thư mời, gửi {sent} thư.")
            # Links without mail are shown once, here, and never again: only their hashes are kept.
            return render(
                request,
                "surveys/invitations.html",
                {
                    "wave": wave,
                    "form": InvitationsForm(),
                    "links": links,
                    "list": wave.invitations.select_related("agency"),
                    "title": "Thư mời",
                    "thin": distribution.thin_agencies(wave),
                },
            )
    return render(
        request,
        "surveys/invitations.html",
        {
            "wave": wave,
            "form": form,
            "list": wave.invitations.select_related("agency"),
            "title": "Thư mời",
            "thin": distribution.thin_agencies(wave),
        },
    )


@login_required
@require_POST
def remind(request, pk):
    wave = _wave(request, pk, "change")
    sent = distribution.send_reminders(wave, request.build_absolute_uri("/"))
    messages.success(
        request,
        f"Đã gửi {sent} thư nhắc." if wave.accepting else "Đợt khảo sát không mở nên không gửi thư nhắc.",
    )
    return redirect("surveys:invitations", pk=wave.pk)


@login_required
@require_POST
def set_status(request, pk):
    wave = _wave(request, pk, "change")
    form = WaveStatusForm(request.POST)
    if form.is_valid():
        wave.status = form.cleaned_data["status"]
        wave.save()
        messages.success(request, f"Đợt khảo sát: {wave.get_status_display().lower()}.")
    else:
        messages.error(request, form.errors["status"][0])
    return redirect("surveys:wave", pk=wave.pk)


@login_required
def paper_import(request, pk):
    wave = _wave(request, pk, "change")
    if request.GET.get("mau"):
        return download(paper.template(wave), f"mau-phieu-giay-dot-{wave.pk}.xlsx")
    form = UploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            created, skipped = paper.import_file(wave, upload.read(), upload.name)
        except paper.PaperImportError as exc:
            errors = exc.errors
        except distribution.SurveyClosed as exc:
            errors = [str(exc)]
        else:
            messages.success(
                request,
                f"Đã nhập {created} phiếu giấy"
                + (f", bỏ qua {skipped} phiếu đã nhập trước đó." if skipped else "."),
            )
            return redirect("surveys:wave", pk=wave.pk)
    return render(
        request,
        "surveys/paper.html",
        {
            "wave": wave,
            "form": form,
            "errors": errors[:200],
            "more": max(0, len(errors) - 200),
            "title": "Nhập phiếu giấy",
        },
    )


@login_required
def export(request, pk, fmt):
    wave = _wave(request, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    # The raw answers carry citizens' comments: an agency head gets only the sheets about their agency.
    responses = access.visible_responses(request.user, wave)
    data = exports.to_csv(wave, responses) if fmt == "csv" else exports.to_xlsx(wave, responses)
    response = download(data, f"tra-loi-khao-sat-{wave.pk}.{fmt}")
    audit.record(wave, "action", {"export": fmt}, "Xuất câu trả lời ẩn danh")
    return response


@login_required
def export_kobo(request, pk, fmt):
    """Answers in KoboToolbox's column conventions (group/question, one 0/1 column per option)."""
    wave = _wave(request, pk)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    # citizens' words about an agency are for that agency and the monitors only (as on the page)
    responses = access.visible_responses(request.user, wave).select_related("agency").order_by("id")
    data = kobo.to_csv(wave, responses) if fmt == "csv" else kobo.to_xlsx(wave, responses)
    audit.record(
        wave, "action", {"export": f"kobo.{fmt}"}, "Xuất câu trả lời ẩn danh (định dạng KoboToolbox)"
    )
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=f"kobo-tra-loi-dot-{wave.pk}.{fmt}",
        content_type="text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def report(request, pk):
    wave = _wave(request, pk)
    from .services import report as report_service

    return FileResponse(
        io.BytesIO(report_service.render_docx(wave)),
        as_attachment=True,
        filename=f"bao-cao-khao-sat-{wave.pk}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@login_required
def qr(request, pk):
    wave = _wave(request, pk)
    from .services import qr as qr_service

    agency = wave.agencies.filter(code=request.GET.get("dv")).first() if request.GET.get("dv") else None
    url = request.build_absolute_uri(reverse("surveys:public", args=[wave.public_slug])) + (
        f"?dv={agency.code}" if agency else ""
    )
    fmt = request.GET.get("dang", "svg")
    if fmt in ("svg", "png"):
        data = qr_service.make(url, fmt)
        return HttpResponse(data, content_type="image/svg+xml" if fmt == "svg" else "image/png")
    cards = [
        {"agency": a, "url": url.split("?")[0] + f"?dv={a.code}"} for a in wave.agencies.order_by("name")
    ] or [{"agency": None, "url": url}]
    for card in cards:
        card["svg"] = qr_service.make(card["url"], "svg").decode("utf-8")
    return render(request, "surveys/qr.html", {"wave": wave, "cards": cards, "title": "Mã QR khảo sát"})


@login_required
@require_POST
def to_indices(request, pk):
    wave = _wave(request, pk, "change")
    try:
        weights.write_provisional(wave, request.user)
    except weights.ProvisionalRefused as exc:
        messages.error(request, str(exc))
    except ImportRejected as exc:
        messages.error(request, "Mô-đun chỉ số từ chối số liệu: " + "; ".join(exc.problems))
    else:
        messages.success(request, "Đã ghi kết quả vào mô-đun chỉ số như số liệu tạm tính (có ghi nguồn).")
    return redirect("surveys:wave", pk=wave.pk)
