"""Province history across years and the ECharts options drawn from it (plain dicts, no functions:
options travel through json_script because the CSP forbids inline scripts)."""

from collections import defaultdict

from .. import ranking
from ..models import Result


def province_history(index, province):
    """[{year, score, rank, computed_rank, ranked, tier, methodology, components: {code: score}}] oldest first."""
    rows = Result.objects.filter(index=index).values_list(
        "province_id", "year", "component_code", "score", "rank", "tier", "methodology__code"
    )
    by_year = defaultdict(lambda: defaultdict(dict))
    meta = {}
    for pid, year, code, score, rank, tier, mcode in rows:
        by_year[year][pid][code] = score
        if pid == province.pk and code == "":
            meta[year] = (rank, tier)
        if pid == province.pk:
            meta.setdefault(("m", year), mcode)
    methodologies = {m.code: m for m in index.methodologies.prefetch_related("components")}
    out = []
    for year in sorted(by_year):
        if province.pk not in by_year[year]:
            continue
        methodology = methodologies[meta[("m", year)]]
        main = [c.code for c in methodology.components.all() if c.parent_id is None and c.grain == "main"]
        sums = {}
        for pid, figures in by_year[year].items():
            if methodology.total_rule == "sum":
                sums[pid] = ranking.total({k: v for k, v in figures.items() if v is not None}, main)
            else:
                sums[pid] = figures.get("")
            if sums[pid] is None:
                sums[pid] = figures.get("")
        ranks = ranking.competition_rank(sums)
        tiers = ranking.tiers_for(sums, methodology.tiers)
        rank, tier = meta.get(year, (None, ""))
        mine = by_year[year][province.pk]
        out.append(
            {
                "year": year,
                "score": sums.get(province.pk),
                "rank": rank,
                "computed_rank": ranks.get(province.pk),
                "ranked": len(ranks),
                "tier": tier or tiers.get(province.pk, ""),
                "methodology": methodology.code,
                "total_max": methodology.total_max,
                "components": {k: v for k, v in mine.items() if k},
            }
        )
    return out


def _round(value, digits=3):
    return None if value is None else round(value, digits)


def radar_option(analysis):
    comps = [c for c in analysis["components"] if c["score"] is not None]
    if not comps:
        return None
    indicator = [
        {"name": f"{c['code']}", "max": c["max"] or max(c["national_best"] or 0, c["score"]) or 10}
        for c in comps
    ]
    return {
        "title": {
            "text": f"{analysis['province']} so với bình quân cả nước, {analysis['year']}",
            "left": "center",
            "textStyle": {"fontSize": 14},
        },
        "tooltip": {},
        "legend": {"bottom": 0},
        "radar": {"indicator": indicator, "radius": "62%"},
        "series": [
            {
                "type": "radar",
                "data": [
                    {
                        "name": analysis["province"],
                        "value": [_round(c["score"]) for c in comps],
                        "areaStyle": {"opacity": 0.15},
                    },
                    {"name": "Bình quân cả nước", "value": [_round(c["national_mean"]) for c in comps]},
                    {
                        "name": "Cao nhất cả nước",
                        "value": [_round(c["national_best"]) for c in comps],
                        "lineStyle": {"type": "dashed"},
                    },
                ],
            }
        ],
    }


def trend_option(history, province_name):
    years = [str(h["year"]) for h in history]
    return {
        "title": {
            "text": f"Điểm và thứ hạng của {province_name}",
            "left": "center",
            "textStyle": {"fontSize": 14},
        },
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 50, "right": 50, "bottom": 60},
        "xAxis": {"type": "category", "data": years},
        "yAxis": [
            {"type": "value", "name": "Điểm", "scale": True},
            {"type": "value", "name": "Hạng", "inverse": True, "min": 1, "max": 63},
        ],
        "series": [
            {
                "name": "Tổng điểm",
                "type": "bar",
                "data": [_round(h["score"]) for h in history],
                "markLine": {
                    "symbol": "none",
                    "lineStyle": {"type": "dashed", "color": "#b22222"},
                    "label": {"formatter": "Đổi phương pháp", "position": "insideEndTop"},
                    "data": [
                        {"xAxis": str(h["year"])}
                        for prev, h in zip(history, history[1:])
                        if prev["methodology"] != h["methodology"]
                    ],
                },
            },
            {
                "name": "Thứ hạng",
                "type": "line",
                "yAxisIndex": 1,
                "data": [h["rank"] or h["computed_rank"] for h in history],
                "label": {"show": True},
            },
        ],
    }


def heatmap_option(history, components):
    years = [str(h["year"]) for h in history]
    codes = [c.code for c in components]
    data, values = [], []
    for x, h in enumerate(history):
        for y, code in enumerate(codes):
            value = h["components"].get(code)
            if value is not None:
                data.append([x, y, _round(value, 2)])
                values.append(value)
    if not data:
        return None
    return {
        "title": {"text": "Điểm thành phần qua các năm", "left": "center", "textStyle": {"fontSize": 14}},
        "tooltip": {"position": "top"},
        "grid": {"left": 60, "right": 20, "top": 40, "bottom": 80},
        "xAxis": {"type": "category", "data": years, "splitArea": {"show": True}},
        "yAxis": {"type": "category", "data": codes, "splitArea": {"show": True}},
        "visualMap": {
            "min": round(min(values), 1),
            "max": round(max(values), 1),
            "calculable": True,
            "orient": "horizontal",
            "left": "center",
            "bottom": 0,
            "inRange": {"color": ["#d73027", "#fee08b", "#1a9850"]},
        },
        "series": [
            {"name": "Điểm", "type": "heatmap", "data": data, "label": {"show": True, "fontSize": 10}}
        ],
    }
