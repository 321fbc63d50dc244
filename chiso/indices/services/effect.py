"""Did the work move the index? For each component: the tasks of year N's directives tagged to it,
how far they were done, and the component's change from N to N+1 for the province beside the
national median change and the region's mean change.

It is an association, never proof: the page, the API and the report paragraph all say so (NOTE).
"""

from statistics import mean, median

from chiso.directives.models import Directive

from . import analysis, charts, component_tasks

NOTE = (
    "Đây là sự tương quan giữa việc thực hiện nhiệm vụ và biến động điểm, không phải bằng chứng nhân quả: "
    "điểm chỉ số còn chịu tác động của phương pháp, mẫu khảo sát và bối cảnh chung của cả nước."
)
DONE_ENOUGH = 50  # % of a component's task parts done to call it "worked on" in the paragraph


def effect(index, province, year):
    """{"year", "next_year", "available", "methodology_changed", "rows": [...]} for one index."""
    history = {h["year"]: h for h in charts.province_history(index, province)}
    now, then = history.get(year), history.get(year + 1)
    years = dict(Directive.objects.filter(status=Directive.PUBLISHED).values_list("pk", "issued_on"))
    items = component_tasks.by_component(index)
    out = {
        "index": index.code,
        "province": province.name,
        "year": year,
        "next_year": year + 1,
        "available": bool(now and then),
        "methodology_changed": bool(now and then and now["methodology"] != then["methodology"]),
        "rows": [],
        "note": NOTE,
    }
    if not out["available"]:
        return out
    table_now, table_then = analysis.year_table(index, year), analysis.year_table(index, year + 1)
    methodology = index.methodologies.get(code=then["methodology"])
    for comp in methodology.components.filter(parent__isnull=True, level=1).order_by("position"):
        code = comp.code
        tagged = [
            i
            for i in items.get(code, [])
            if years.get(i["task"].directive_id) and years[i["task"].directive_id].year == year
        ]
        parts = sum(i["n"] for i in tagged)
        done = sum(i["done"] for i in tagged)
        a, b = now["components"].get(code), then["components"].get(code)
        changes, region = [], []
        for prov, figures in table_then.items():
            old = table_now.get(prov, {}).get(code)
            new = figures.get(code)
            if old is None or new is None or old.score is None or new.score is None:
                continue
            changes.append(new.score - old.score)
            if prov.region and prov.region == province.region:
                region.append(new.score - old.score)
        out["rows"].append(
            {
                "code": code,
                "name": comp.name,
                "tasks": len(tagged),
                "confirmed": sum(1 for i in tagged if i["confirmed"]),
                "parts": parts,
                "done": done,
                "percent": round(100 * done / parts) if parts else None,
                "score": a,
                "next_score": b,
                "change": None if a is None or b is None else b - a,
                "national_median_change": median(changes) if changes else None,
                "region_mean_change": mean(region) if region else None,
            }
        )
    return out


def _num(value, digits=2, signed=True):
    if value is None:
        return "—"
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    return text.replace(".", ",")


def paragraph(found):
    """The report's paragraph: which components were worked on, how they moved, against whom."""
    if not found["available"]:
        return ""
    worked = [r for r in found["rows"] if r["tasks"] and (r["percent"] or 0) >= DONE_ENOUGH]
    others = [r for r in found["rows"] if r not in worked and r["change"] is not None]
    if not any(r["tasks"] for r in found["rows"]):
        return ""
    n, n1 = found["year"], found["next_year"]
    text = [
        f"Năm {n}, {sum(1 for r in found['rows'] if r['tasks'])} chỉ số thành phần của {found['index']} có nhiệm vụ "
        f"được giao ({sum(r['tasks'] for r in found['rows'])} nhiệm vụ); {len(worked)} thành phần có từ {DONE_ENOUGH}% "
        "phần việc hoàn thành trở lên."
    ]
    for r in worked:
        text.append(
            f"“{r['name']}” ({r['code']}, hoàn thành {r['percent']}%): năm {n1} thay đổi {_num(r['change'])} điểm, "
            f"trung vị cả nước {_num(r['national_median_change'])} điểm."
        )
    moved = [
        r["change"] - r["national_median_change"]
        for r in worked
        if r["change"] is not None and r["national_median_change"] is not None
    ]
    rest = [
        r["change"] - r["national_median_change"] for r in others if r["national_median_change"] is not None
    ]
    if moved and rest:
        text.append(
            f"So với trung vị cả nước, các thành phần có nhiệm vụ hoàn thành thay đổi bình quân {_num(mean(moved))} điểm, "
            f"các thành phần còn lại {_num(mean(rest))} điểm."
        )
    if found["methodology_changed"]:
        text.append(f"Lưu ý: năm {n} và năm {n1} tính theo hai phương pháp khác nhau.")
    text.append(NOTE)
    return " ".join(text)


def chart_option(found):
    """ECharts: the province's change and the national median change per component, with % done."""
    rows = found["rows"]
    codes = [r["code"] for r in rows]

    def val(v):
        return None if v is None else round(v, 3)

    return {
        "title": {
            "text": f"Biến động {found['year']} → {found['next_year']} và tỷ lệ hoàn thành nhiệm vụ năm {found['year']}",
            "textStyle": {"fontSize": 13},
        },
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 50, "right": 50, "bottom": 60, "top": 50},
        "xAxis": {"type": "category", "data": codes},
        "yAxis": [{"type": "value", "name": "Điểm"}, {"type": "value", "name": "%", "max": 100, "min": 0}],
        "series": [
            {"name": found["province"], "type": "bar", "data": [val(r["change"]) for r in rows]},
            {
                "name": "Trung vị cả nước",
                "type": "bar",
                "data": [val(r["national_median_change"]) for r in rows],
            },
            {
                "name": "% phần việc hoàn thành",
                "type": "line",
                "yAxisIndex": 1,
                "data": [r["percent"] for r in rows],
            },
        ],
    }
