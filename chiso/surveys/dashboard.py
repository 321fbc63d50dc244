from django.db.models import Count, Max
from django.urls import reverse

from chiso.core import numbers
from chiso.core.cards import cached
from chiso.registry import permissions

from .models import Wave
from .services import access, compute


def _vn(number):
    return numbers.number(number, 1)


def home_cards(request):
    if not permissions.can_some(request.user, "view", "survey"):
        return []
    wave = (
        access.visible_waves(request.user)
        .filter(status=Wave.CLOSED, questionnaire__kind="sipas")
        .order_by("-year")
        .first()
    )
    if wave is None:
        return [
            {
                "title": "Khảo sát",
                "value": access.visible_waves(request.user).count(),
                "detail": "đợt khảo sát",
                "url": reverse("surveys:index"),
            }
        ]
    # Computing a wave's results takes ~0.3 s; the card is kept until an answer or the wave changes.
    # (a closed wave: its answers no longer change; ids are random UUIDs, so count and last day)
    answers = wave.responses.aggregate(n=Count("id"), last=Max("submitted_on"))
    result = cached(
        "sipas-home",
        wave.pk,
        wave.updated_at,
        wave.questionnaire.updated_at,
        answers["n"],
        answers["last"],
        build=lambda: compute.results(wave),
    )
    share = result["overall"]["satisfied_share"]
    return [
        {
            "title": f"Hài lòng (SIPAS tỉnh {wave.year})",
            "value": numbers.percent(share),
            "detail": f"{result['responses']} phiếu; KTC 95%: {_vn(result['overall']['ci_low'])}–{numbers.percent(result['overall']['ci_high'])}",
            "url": reverse("surveys:wave", args=[wave.pk]),
        }
    ]


def report_links(request):
    if not permissions.can_some(request.user, "view", "survey"):
        return []
    return [
        {
            "title": f"Báo cáo kết quả: {w.name}",
            "url": reverse("surveys:report", args=[w.pk]),
            "detail": "DOCX theo thể thức NĐ 30/2020",
        }
        for w in access.visible_waves(request.user).filter(status=Wave.CLOSED).order_by("-year")[:5]
    ]
