"""The answering side: no login, a personal token or a public link. Nothing here identifies anyone.

Two renderers: our own questionnaires (SIPAS, PAR INDEX) are server-rendered forms checked by
services/answers.py; an imported XLSForm runs in ODK Web Forms (vendored under static/surveys/odk),
which posts the XForm instance back here. Public links are guarded by services/guard.py.
"""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from chiso.core import uploads
from chiso.core.middleware import ContentSecurityPolicyMiddleware

from .forms import RespondentForm
from .models import Wave
from .services import agencies as wave_agencies
from .services import distribution, guard, instance
from .services.answers import clean

# ODK Web Forms parses XPath with tree-sitter compiled to WebAssembly: compiling it needs
# 'wasm-unsafe-eval' (WebAssembly only; JavaScript eval stays forbidden, no inline script). Its
# stylesheet embeds its fonts as data: URIs (nothing is fetched from elsewhere).
XFORM_POLICY = ContentSecurityPolicyMiddleware.POLICY.replace(
    "script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';"
).replace("font-src 'self';", "font-src 'self' data:;")


def _raw_answers(post):
    return {
        key: (values if len(values) > 1 or key.startswith("m__") else values[0])
        for key, values in post.lists()
    }


def _strip_multi(raw):
    # multiple-choice inputs are named m__<code> so a single ticked box still arrives as a list
    return {(k[3:] if k.startswith("m__") else k): v for k, v in raw.items()}


def _sections(questionnaire):
    sections = []
    for section in questionnaire.sections.prefetch_related("questions").all():
        sections.append({"section": section, "questions": list(section.questions.all())})
    return sections


def _form_context(wave, stamp, answers=None, errors=None, agency=None, choose_agency=False, **extra):
    return {
        "stamp": stamp,
        "wave": wave,
        "questionnaire": wave.questionnaire,
        "sections": [] if wave.questionnaire.xform else _sections(wave.questionnaire),
        "answers": answers or {},
        "errors": errors or {},
        "agency": agency,
        "agencies": list(wave_agencies.offered(wave)) if choose_agency else [],
        "title": wave.questionnaire.title,
        **extra,
    }


def _render_form(request, context, status=200):
    xform = bool(context["questionnaire"].xform)
    response = render(
        request, "surveys/answer_xform.html" if xform else "surveys/answer.html", context, status=status
    )
    if xform:
        response["Content-Security-Policy"] = XFORM_POLICY
    return response


def _phase_page(request, wave, phase=None, message="", status=None, done=False):
    """A friendly page for a wave that is not taking answers: says when it runs or ran."""
    phase = phase or wave.phase()
    if status is None:
        status = {Wave.FUTURE: 200, Wave.CLOSED: 410}.get(phase, 200)
    return render(
        request,
        "surveys/answer_closed.html",
        {
            "wave": wave,
            "phase": phase,
            "message": message,
            "done": done,
            "title": wave.name,
            "today": distribution.today(),
        },
        status=status,
    )


def _refusal(request, wave, refused, xform):
    if xform:
        return JsonResponse({"message": str(refused)}, status=refused.status)
    if refused.status == 400:
        return None  # the caller shows the form again with the message
    return _phase_page(request, wave, Wave.OPEN, str(refused), refused.status, done=refused.done)


def _read_submission(request, wave):
    """(answers, instance xml, errors) from the POST, whichever renderer sent it."""
    questionnaire = wave.questionnaire
    if questionnaire.xform:
        upload = request.FILES.get("xml_submission_file")
        if upload is None or upload.size > instance.MAX_BYTES:
            return {}, "", {"xform": "Không nhận được phiếu (thiếu hoặc quá lớn)."}
        try:
            uploads.check(upload, "phieu.xml", ["xml"], max_bytes=instance.MAX_BYTES)
        except uploads.UploadRejected as exc:
            return {}, "", {"xform": str(exc)}
        try:
            answers, xml = instance.read(questionnaire, upload.read())
        except instance.InstanceError as exc:
            return {}, "", {"xform": str(exc)}
        return answers, xml, {}
    raw = _strip_multi(_raw_answers(request.POST))
    answers, errors = clean(questionnaire.questions(), raw)
    return answers, "", errors


def _thanks(xform):
    if xform:
        return JsonResponse({"next": reverse("surveys:thanks")})
    return redirect("surveys:thanks")


@require_http_methods(["GET", "POST"])
def answer(request, token):
    try:
        invitation = distribution.find_invitation(token)
    except distribution.TokenInvalid as exc:
        return render(request, "surveys/answer_closed.html", {"message": str(exc)}, status=410)
    wave = invitation.wave
    if not wave.accepting:
        return _phase_page(request, wave)
    xform = bool(wave.questionnaire.xform)
    choose = invitation.agency is None and wave_agencies.offered(wave).exists()
    # the draft key must not reveal the token to other scripts on the device: a hash prefix will do
    context = dict(
        action=request.path,
        form_url=reverse("surveys:answer_xform", args=[token]),
        draft_key=f"chiso-nhap-{wave.pk}-{distribution.hash_token(token)[:12]}",
        agency=invitation.agency,
        choose_agency=choose,
    )
    if request.method == "POST":
        answers, xml, errors = _read_submission(request, wave)
        chosen = RespondentForm(request.POST, wave_agencies.offered(wave)).agency() if choose else None
        if choose and chosen is None:
            errors["co_quan"] = "Vui lòng chọn cơ quan được đánh giá."
        if not errors:
            try:
                distribution.submit_with_token(token, answers, agency=chosen, instance=xml)
            except (distribution.TokenInvalid, distribution.SurveyClosed) as exc:
                if xform:
                    return JsonResponse({"message": str(exc)}, status=410)
                return render(request, "surveys/answer_closed.html", {"message": str(exc)}, status=410)
            return _thanks(xform)
        if xform:
            return JsonResponse({"message": " ".join(errors.values())}, status=400)
        raw = _strip_multi(_raw_answers(request.POST))
        return _render_form(request, _form_context(wave, "", raw, errors, **context), status=400)
    return _render_form(request, _form_context(wave, "", **context))


def _public_wave(slug):
    return get_object_or_404(Wave.objects.select_related("questionnaire"), public_slug=slug)


@require_http_methods(["GET", "POST"])
def public_answer(request, slug):
    wave = _public_wave(slug)
    if not wave.public_enabled:
        return _phase_page(
            request, wave, Wave.CLOSED, "Đợt khảo sát này không nhận phiếu qua đường dẫn công khai.", 404
        )
    if not wave.accepting:
        return _phase_page(request, wave)
    xform = bool(wave.questionnaire.xform)
    offered = wave_agencies.offered(wave)
    respondent = RespondentForm(request.POST if request.method == "POST" else None, offered)
    # a link may name the agency (?dv=<code>, printed on the QR code of its office); else the list
    agency = offered.filter(code=request.GET["dv"]).first() if request.GET.get("dv") else respondent.agency()
    choose = agency is None and offered.exists()
    if guard.already_answered(wave, request):
        return _phase_page(
            request, wave, Wave.OPEN, "Trình duyệt này đã gửi phiếu hôm nay. Xin cảm ơn ông/bà!", 200, True
        )
    browser = guard.browser_id(request)
    context = dict(
        action=request.get_full_path(),
        form_url=reverse("surveys:public_xform", args=[slug]),
        draft_key=f"chiso-nhap-{wave.pk}-cong-khai",
        agency=agency,
        choose_agency=choose,
    )
    if request.method == "POST":
        answers, xml, errors = _read_submission(request, wave)
        if choose and not agency:
            errors["co_quan"] = "Vui lòng chọn cơ quan nơi ông/bà giải quyết thủ tục."
        if not errors:
            try:
                guard.admit(
                    wave,
                    request,
                    respondent.stamp(),
                    lambda: distribution.submit_public(wave, answers, agency=agency, instance=xml),
                )
            except guard.Refused as refused:
                shown = _refusal(request, wave, refused, xform)
                if shown is not None:
                    return shown
                errors["mo_luc"] = str(refused)
            except distribution.SurveyClosed:
                return _phase_page(request, wave, Wave.CLOSED)
            else:
                return _thanks(xform)
        if xform:
            return JsonResponse({"message": " ".join(errors.values())}, status=400)
        raw = _strip_multi(_raw_answers(request.POST))
        response = _render_form(
            request, _form_context(wave, guard.stamp(browser), raw, errors, **context), status=400
        )
    else:
        response = _render_form(request, _form_context(wave, guard.stamp(browser), **context))
    guard.set_browser_cookie(response, request, browser)
    return response


def _xform_response(questionnaire):
    if not questionnaire.xform:
        return HttpResponse(
            "Phiếu này không phải XLSForm.", status=404, content_type="text/plain; charset=utf-8"
        )
    return HttpResponse(questionnaire.xform, content_type="application/xml; charset=utf-8")


@require_GET
def public_xform(request, slug):
    """The XForm the engine runs, for an open public wave."""
    wave = _public_wave(slug)
    if not wave.public_enabled or not wave.accepting:
        return HttpResponse(
            "Đợt khảo sát không nhận phiếu.", status=404, content_type="text/plain; charset=utf-8"
        )
    return _xform_response(wave.questionnaire)


@require_GET
def answer_xform(request, token):
    try:
        invitation = distribution.find_invitation(token)
    except distribution.TokenInvalid as exc:
        return HttpResponse(str(exc), status=410, content_type="text/plain; charset=utf-8")
    return _xform_response(invitation.wave.questionnaire)


def thanks(request):
    return render(request, "surveys/thanks.html", {"title": "Cảm ơn ông/bà"})
