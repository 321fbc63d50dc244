"""The answering side: no login, a personal token or a public link. Nothing here identifies anyone.

Public links are limited in two ways: a signed cookie and a hashed (IP, browser, day) key allow one
answer per device and day, and a per-IP counter in the cache caps bursts (one-stop counters share an
IP, so the cap is generous).
"""

import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from .models import DeviceMark, Wave
from .services import distribution
from .services.answers import clean

PUBLIC_PER_IP_PER_HOUR = 120
COOKIE_SALT = "chiso.surveys.device"
STAMP_SALT = "chiso.surveys.form-opened"


def form_stamp():
    """Signed time the public form was opened: sheets sent within seconds of opening are bots."""
    return signing.dumps(time.time(), salt=STAMP_SALT)


def _stamp_problem(value):
    try:
        opened = signing.loads(value or "", salt=STAMP_SALT, max_age=2 * 86400)
    except signing.BadSignature:
        return "Phiếu đã mở quá lâu hoặc không hợp lệ. Xin gửi lại (câu trả lời vẫn được giữ)."
    if time.time() - float(opened) < getattr(settings, "CHISO_SURVEY_MIN_SECONDS", 5):
        return "Phiếu được gửi quá nhanh sau khi mở. Xin kiểm tra lại các câu trả lời rồi gửi lại."
    return None


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


def _form_context(wave, answers=None, errors=None, agency=None, choose_agency=False, action="", draft_key=""):
    return {
        "stamp": form_stamp(),
        "wave": wave,
        "questionnaire": wave.questionnaire,
        "sections": _sections(wave.questionnaire),
        "answers": answers or {},
        "errors": errors or {},
        "agency": agency,
        "action": action,
        "draft_key": draft_key,
        "agencies": list(wave.agencies.order_by("name")) if choose_agency else [],
        "title": wave.questionnaire.title,
    }


def _client_ip(request):
    return request.META.get("REMOTE_ADDR", "")


@require_http_methods(["GET", "POST"])
def answer(request, token):
    try:
        invitation = distribution.find_invitation(token)
    except distribution.TokenInvalid as exc:
        return render(request, "surveys/answer_closed.html", {"message": str(exc)}, status=410)
    wave = invitation.wave
    if not wave.accepting:
        return render(
            request,
            "surveys/answer_closed.html",
            {"message": "Đợt khảo sát đã đóng, không nhận thêm phiếu."},
            status=410,
        )
    # the draft key must not reveal the token to other scripts on the device: a hash prefix will do
    choose = invitation.agency is None and wave.agencies.exists()
    context = dict(
        action=request.path,
        draft_key=f"chiso-nhap-{wave.pk}-{distribution.hash_token(token)[:12]}",
        agency=invitation.agency,
        choose_agency=choose,
    )
    if request.method == "POST":
        raw = _strip_multi(_raw_answers(request.POST))
        answers, errors = clean(wave.questionnaire.questions(), raw)
        chosen = wave.agencies.filter(code=request.POST.get("co_quan")).first() if choose else None
        if choose and chosen is None:
            errors["co_quan"] = "Vui lòng chọn cơ quan được đánh giá."
        if not errors:
            try:
                distribution.submit_with_token(token, answers, agency=chosen)
            except (distribution.TokenInvalid, distribution.SurveyClosed) as exc:
                return render(request, "surveys/answer_closed.html", {"message": str(exc)}, status=410)
            return redirect("surveys:thanks")
        return render(request, "surveys/answer.html", _form_context(wave, raw, errors, **context), status=400)
    return render(request, "surveys/answer.html", _form_context(wave, **context))


def _public_wave(slug):
    wave = get_object_or_404(Wave.objects.select_related("questionnaire"), public_slug=slug)
    if not wave.public_enabled:
        raise Http404
    return wave


@require_http_methods(["GET", "POST"])
def public_answer(request, slug):
    wave = _public_wave(slug)
    if not wave.accepting:
        return render(
            request,
            "surveys/answer_closed.html",
            {"message": "Đợt khảo sát đã đóng, không nhận thêm phiếu."},
            status=410,
        )
    agency = None
    code = request.GET.get("dv") or request.POST.get("co_quan")
    if code:
        agency = wave.agencies.filter(code=code).first()
    choose = agency is None and wave.agencies.exists()
    cookie_name = f"chiso_ks_{wave.pk}"
    today = distribution.today()
    already = request.get_signed_cookie(cookie_name, default=None, salt=COOKIE_SALT) == today.isoformat()
    key = distribution.device_key(wave, _client_ip(request), request.META.get("HTTP_USER_AGENT", ""), today)
    if already or DeviceMark.objects.filter(key=key).exists():
        return render(
            request,
            "surveys/answer_closed.html",
            {"message": "Thiết bị này đã gửi phiếu hôm nay. Xin cảm ơn ông/bà!", "done": True},
            status=429,
        )
    context = dict(
        action=request.get_full_path(),
        draft_key=f"chiso-nhap-{wave.pk}-cong-khai",
        agency=agency,
        choose_agency=choose,
    )
    if request.method == "POST":
        rate_key = f"chiso-ks-ip-{wave.pk}-{distribution.hash_token(_client_ip(request))[:16]}"
        cache.add(rate_key, 0, 3600)
        if cache.incr(rate_key) > PUBLIC_PER_IP_PER_HOUR:
            return render(
                request,
                "surveys/answer_closed.html",
                {"message": "Quá nhiều phiếu gửi từ cùng một mạng. Xin thử lại sau."},
                status=429,
            )
        raw = _strip_multi(_raw_answers(request.POST))
        answers, errors = clean(wave.questionnaire.questions(), raw)
        if choose and not agency:
            errors["co_quan"] = "Vui lòng chọn cơ quan nơi ông/bà giải quyết thủ tục."
        problem = _stamp_problem(request.POST.get("_mo_luc"))
        if problem:
            errors["mo_luc"] = problem
        if not errors:
            try:
                with transaction.atomic():
                    DeviceMark.objects.create(key=key, day=today)
                    distribution.submit_public(wave, answers, agency=agency)
            except IntegrityError:
                return render(
                    request,
                    "surveys/answer_closed.html",
                    {"message": "Thiết bị này đã gửi phiếu hôm nay.", "done": True},
                    status=429,
                )
            except distribution.SurveyClosed as exc:
                return render(request, "surveys/answer_closed.html", {"message": str(exc)}, status=410)
            response = redirect("surveys:thanks")
            response.set_signed_cookie(
                cookie_name,
                today.isoformat(),
                salt=COOKIE_SALT,
                max_age=2 * 86400,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
        return render(request, "surveys/answer.html", _form_context(wave, raw, errors, **context), status=400)
    return render(request, "surveys/answer.html", _form_context(wave, **context))


def thanks(request):
    return render(request, "surveys/thanks.html", {"title": "Cảm ơn ông/bà"})
