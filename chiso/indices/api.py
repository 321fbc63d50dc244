"""JSON API of the indices app (mounted at /api/indices/)."""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router

from chiso.registry import permissions

from .models import Index, Province, Responsibility
from .services import analysis
from .services import provinces as province_service
from .services.exports import year_ranking
from .tagging import suggest_components

router = Router(tags=["Chỉ số"])


@router.get("/", summary="Các bộ chỉ số và phương pháp")
def list_indices(request):
    permissions.require(request.user, "view", "index")
    out = []
    for index in Index.objects.prefetch_related("methodologies"):
        out.append(
            {
                "code": index.code,
                "name": index.name,
                "unit": index.unit,
                "methodologies": [
                    {
                        "code": m.code,
                        "name": m.name,
                        "year_from": m.year_from,
                        "year_to": m.year_to,
                        "legal_basis": m.legal_basis,
                        "total_max": m.total_max,
                        "confirmed": m.confirmed,
                        "note": m.note,
                    }
                    for m in index.methodologies.all()
                ],
            }
        )
    return out


@router.get("/{code}/methodologies/{mcode}", summary="Cây thành phần của một phương pháp")
def methodology(request, code: str, mcode: str):
    permissions.require(request.user, "view", "index")
    m = get_object_or_404(get_object_or_404(Index, code=code).methodologies, code=mcode)
    return [
        {
            "code": c.code,
            "name": c.name,
            "parent": c.parent.code if c.parent else None,
            "level": c.level,
            "max": c.max_points,
            "scale": c.scale,
            "weight": c.weight,
            "grain": c.grain,
            "confirmed": c.confirmed,
            "note": c.note,
        }
        for c in m.components.select_related("parent")
    ]


@router.get("/{code}/analysis", summary="Phân tích một tỉnh trong một năm (như lệnh index-analysis --json)")
def analysis_view(request, code: str, year: int, province: str = ""):
    permissions.require(request.user, "view", "index")
    if not province:
        found = province_service.home(date(year, 12, 31))
        province = found.name if found else ""
    try:
        return analysis.analyse(code, year, province)
    except analysis.NotFound as exc:
        raise Http404(str(exc))


@router.get(
    "/{code}/effect", summary="Nhiệm vụ năm N và biến động thành phần năm N+1 (tương quan, không nhân quả)"
)
def effect_view(request, code: str, year: int, province: str):
    from .services import effect

    permissions.require(request.user, "view", "index")
    idx = get_object_or_404(Index, code=code)
    prov = get_object_or_404(Province, code=province)
    found = effect.effect(idx, prov, year)
    return {**found, "paragraph": effect.paragraph(found)}


@router.get("/{code}/ranking", summary="Bảng xếp hạng các tỉnh trong một năm")
def ranking_view(request, code: str, year: int):
    permissions.require(request.user, "view", "index")
    index = get_object_or_404(Index, code=code)
    return [
        {
            "province": r["province"].name,
            "province_code": r["province"].code,
            "region": r["region"],
            "score": r["score"],
            "rank": r["rank"],
            "computed_rank": r["computed_rank"],
            "tier": r["tier"],
            "rank_mismatch": r["mismatch"],
            "components": r["components"],
        }
        for r in year_ranking(index, year)
    ]


@router.get("/{code}/responsibilities", summary="Phân công trách nhiệm theo thành phần")
def responsibilities(request, code: str, year: int | None = None):
    permissions.require(request.user, "view", "index")
    qs = Responsibility.objects.filter(index__code=code).select_related("lead").prefetch_related("supporting")
    if year:
        qs = [r for r in qs if r.year_from <= year and (r.year_to is None or r.year_to >= year)]
    return [
        {
            "component": r.component_code,
            "year_from": r.year_from,
            "year_to": r.year_to,
            "lead": r.lead.code,
            "supporting": [a.code for a in r.supporting.all()],
        }
        for r in qs
    ]


@router.get("/suggest-tags", summary="Gợi ý thành phần chỉ số từ nội dung nhiệm vụ")
def suggest(request, text: str):
    permissions.require(request.user, "view", "index")
    return suggest_components(text)


@router.get("/provinces", summary="Tỉnh, thành phố trước và sau sáp nhập 2025")
def provinces(request):
    permissions.require(request.user, "view", "index")
    return [
        {
            "code": p.code,
            "name": p.name,
            "region": p.region,
            "valid_from": p.valid_from,
            "valid_to": p.valid_to,
            "successor": p.successor.code if p.successor else None,
            "merger_confirmed": p.merger_confirmed,
        }
        for p in Province.objects.select_related("successor")
    ]
