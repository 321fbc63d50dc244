"""Home-page cards and report links of the indices app."""

from django.urls import reverse

from chiso.registry import permissions

from .models import Index
from .services import pagecache
from .services import provinces as province_service
from .templatetags.indices_format import vn_number


def home_cards(request):
    if not permissions.can(request.user, "view", "index"):
        return []
    papi = Index.objects.filter(code="PAPI").first()
    province = province_service.home_with_results(papi) if papi else None
    if province is None or papi is None:
        return []
    # Same cache entry as the index page (services/pagecache.py): the history costs ~0.1 s to compute.
    fingerprints = pagecache.fingerprints()
    history = pagecache.history(papi, province, fingerprints[papi.pk])
    if not history:
        return []
    latest = history[-1]
    prev = history[-2] if len(history) > 1 else None
    rank = latest["rank"] or latest["computed_rank"]
    detail = f"Hạng {rank}/{latest['ranked']}"
    if prev and prev["score"] is not None and latest["score"] is not None:
        prev_rank = prev["rank"] or prev["computed_rank"]
        detail += (
            f"; so với {prev['year']}: {vn_number(latest['score'] - prev['score'], 2, signed=True)} điểm, "
            f"{'tăng' if prev_rank > rank else 'giảm' if prev_rank < rank else 'giữ'} {abs(prev_rank - rank) or ''} bậc".rstrip()
        )
    from .services.answer import fallen

    fell = fallen(province, detail=False, fingerprints=fingerprints)
    n_components = sum(len(item["components"]) for item in fell)
    n_tasks = sum(c["n_tasks"] for item in fell for c in item["components"])
    answer_card = {
        "title": "Chỉ số thành phần giảm điểm",
        "value": n_components,
        "detail": (
            "; ".join(
                f"{item['index'].code} {item['year']}: " + ", ".join(c["code"] for c in item["components"])
                for item in fell
            )
            + f" · {n_tasks} nhiệm vụ khắc phục"
            if fell
            else "Không có thành phần nào giảm điểm"
        ),
        "url": reverse("indices:answer") + f"?tinh={province.code}",
    }
    return [
        {
            # "Bình Thuận (đến 30/06/2025)" when the results are those of a former province.
            "title": f"PAPI {latest['year']} – {province}",
            "value": vn_number(latest["score"], 2),
            "detail": detail,
            "url": reverse("indices:detail", args=["PAPI"]) + f"?tinh={province.code}",
        },
        answer_card,
    ]


def report_links(request):
    if not permissions.can(request.user, "view", "index"):
        return []
    links = []
    for index in Index.objects.filter(results__isnull=False).distinct():
        province = province_service.home_with_results(index)
        if province is None:
            continue
        year = (
            index.results.filter(province=province).order_by("-year").values_list("year", flat=True).first()
        )
        if year:
            links.append(
                {
                    "title": f"Báo cáo phân tích, đánh giá chỉ số {index.code} năm {year}",
                    "url": reverse("indices:report_docx", args=[index.code])
                    + f"?nam={year}&tinh={province.code}",
                    "detail": "DOCX theo thể thức Nghị định 30/2020/NĐ-CP; chọn năm khác ở trang chỉ số.",
                }
            )
    return links
