"""The "Báo cáo phân tích, đánh giá chỉ số …" as DOCX (docxtpl template, matplotlib charts)."""

import io
from datetime import timedelta
from pathlib import Path

from docxtpl import Listing

from chiso.core import docx_templates
from chiso.directives.models import OfficialSettings
from chiso.directives.services import life, official, signing
from chiso.registry import admin_units

from ..models import Index, Province
from ..templatetags.indices_format import vn_number
from . import analysis, charts, component_tasks, effect, responsibility

TEMPLATE = Path(__file__).resolve().parents[1] / "report_templates" / "bao-cao-phan-tich-chi-so.docx"
FONT = "DejaVu Sans"  # has every Vietnamese letter; ships with matplotlib


def _fig_to_png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    buf.seek(0)
    return buf


def _comma_axis(axis):
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}".replace(".", ",")))


def components_chart(result):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = FONT
    comps = [c for c in result["components"] if c["score"] is not None]
    codes = [c["code"] for c in comps]
    x = range(len(codes))
    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    width = 0.27
    prev_year = result["previous"]["year"] if result["previous"] else None
    ax.bar(
        [i - width for i in x],
        [c["previous_score"] or 0 for c in comps],
        width,
        label=f"{result['province']} {prev_year or ''}",
        color="#9ecae1",
    )
    ax.bar(
        list(x),
        [c["score"] for c in comps],
        width,
        label=f"{result['province']} {result['year']}",
        color="#3182bd",
    )
    ax.bar(
        [i + width for i in x],
        [c["national_mean"] or 0 for c in comps],
        width,
        label="Bình quân cả nước",
        color="#fdae6b",
    )
    for i, c in enumerate(comps):
        if c["code"] in result["declined"]:
            ax.annotate(
                "giảm",
                (i, c["score"]),
                textcoords="offset points",
                xytext=(0, 3),
                ha="center",
                fontsize=7,
                color="#b22222",
            )
    ax.set_xticks(list(x), codes)
    ax.set_ylabel("Điểm")
    _comma_axis(ax.yaxis)
    ax.legend(fontsize=7, ncol=3, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return _fig_to_png(fig)


def trend_chart(history, province_name):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = FONT
    years = [h["year"] for h in history]
    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    ax.bar([str(y) for y in years], [h["score"] or 0 for h in history], color="#6baed6", label="Tổng điểm")
    ax.set_ylabel("Tổng điểm")
    _comma_axis(ax.yaxis)
    for i, (prev, h) in enumerate(zip(history, history[1:]), start=1):
        if prev["methodology"] != h["methodology"]:
            ax.axvline(i - 0.5, color="#b22222", linestyle="--", linewidth=1)
            ax.annotate(
                "đổi phương pháp",
                (i - 0.45, 0.97),
                xycoords=("data", "axes fraction"),
                fontsize=7,
                color="#b22222",
                va="top",
            )
    scores = [h["score"] for h in history if h["score"]]
    if scores:
        ax.set_ylim(min(scores) * 0.9, max(scores) * 1.05)
    ax2 = ax.twinx()
    ranks = [h["rank"] or h["computed_rank"] for h in history]
    ax2.plot([str(y) for y in years], ranks, color="#d94801", marker="o", label="Thứ hạng")
    for y, r in zip(years, ranks):
        if r:
            ax2.annotate(
                str(r), (str(y), r), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=7
            )
    ax2.set_ylim(65, 0)
    ax2.set_ylabel("Thứ hạng")
    ax.tick_params(axis="x", labelsize=7)
    ax.set_title(f"{province_name}: tổng điểm (cột) và thứ hạng (đường)", fontsize=9)
    return _fig_to_png(fig)


def _agency_name(agency):
    return agency.name if agency else ""


def _change_text(delta, unit="điểm"):
    if delta is None:
        return ""
    if abs(delta) < 1e-9:
        return "không đổi"
    return f"{'tăng' if delta > 0 else 'giảm'} {vn_number(abs(delta), 2)} {unit}"


def context(index_code, year, province_name, now=None):
    result = analysis.analyse(index_code, year, province_name)
    index = Index.objects.get(code=result["index"])
    province = (
        Province.objects.get(code=province_name)
        if Province.objects.filter(code=province_name).exists()
        else analysis.find_province(province_name, year)
    )
    # The report is dated the follow-up's "today" (a demo or training may freeze it), like the other reports.
    now = now or life.today()
    if hasattr(now, "hour"):
        now = now.date()
    owners = responsibility.owners(index, year)
    # A task of a notice once, with how far its shares are, never one line per share.
    tags = component_tasks.by_component(index, codes=result["declined"])
    prev = result["previous"] or {}
    rank = result["rank"] or result["computed_rank"]
    rank_change = None if not prev.get("rank") or not rank else prev["rank"] - rank
    declined_rows, proposals, task_rows = [], [], []
    deadline = now + timedelta(days=30)
    for c in result["components"]:
        if c["code"] not in result["declined"]:
            continue
        owner = owners.get(c["code"])
        lead = _agency_name(owner.lead) if owner else "Chưa phân công"
        supporting = "; ".join(a.name for a in owner.supporting.all()) if owner else ""
        tasks = tags.get(c["code"], [])
        for item in tasks:
            task_rows.append(
                {
                    "code": c["code"],
                    "ref": item["task"].ref,
                    "text": official.clip(item["task"].text, 260),
                    "progress": item["summary"]
                    if item["group"]
                    else (item["status"].label if item["status"] else ""),
                }
            )
        declined_rows.append(
            {
                "code": c["code"],
                "name": c["name"],
                "delta": vn_number(c["delta"], 3, signed=True),
                "lead": lead,
                "supporting": supporting,
                "tasks": len(tasks),
            }
        )
        who = (
            f"{lead} chủ trì" + (f", phối hợp với {supporting}" if supporting else "")
            if owner
            else "Sở Nội vụ đề xuất cơ quan chủ trì"
        )
        proposals.append(
            f"{who}: phân tích nguyên nhân giảm điểm chỉ số “{c['name']}” ({c['code']}: {vn_number(c['previous_score'], 3)} → "
            f"{vn_number(c['score'], 3)} điểm), đề ra giải pháp khắc phục và báo cáo UBND tỉnh (qua Sở Nội vụ) "
            f"trước ngày {deadline:%d/%m/%Y}."
        )
    weakest = sorted(
        (
            c
            for c in result["components"]
            if result["national"]["count"] >= 10
            and c["national_mean"] is not None
            and c["score"] is not None
            and c["score"] < c["national_mean"]
            and c["code"] not in result["declined"]
        ),
        key=lambda c: c["score"] - c["national_mean"],
    )
    for c in weakest[:3]:
        owner = owners.get(c["code"])
        who = f"{_agency_name(owner.lead)} chủ trì" if owner else "Sở Nội vụ đề xuất cơ quan chủ trì"
        proposals.append(
            f"{who} nâng cao chỉ số “{c['name']}” ({c['code']}), hiện thấp hơn bình quân cả nước "
            f"{vn_number(c['national_mean'] - c['score'], 3)} điểm."
        )
    proposals.append(
        "Sở Nội vụ theo dõi, tổng hợp kết quả thực hiện các nhiệm vụ trên, báo cáo UBND tỉnh định kỳ hằng quý."
    )
    region_peers = result["region_peers"]
    position = next(
        (i for i, p in enumerate(region_peers, start=1) if p["province"] == result["province"]), None
    )
    fmt = lambda v: vn_number(v, 3)  # noqa: E731
    province_title = f"{admin_units.kind_of(province.name)} {province.name}"
    # The issuer is the province this installation serves as of the report date (after a merger, the new one).
    head = signing.issuer(now)
    conf = OfficialSettings.current()
    return {
        "parent_agency": head.parent or f"UBND {province_title.upper()}",
        "agency": head.name,
        "agency_title": conf.reporter,
        "number": head.number,
        "place": head.place or province.name,
        "date_text": f"ngày {now.day:02d} tháng {now.month:02d} năm {now.year}",
        "index_code": result["index"],
        "index_name": index.name,
        "owner": index.owner,
        "year": year,
        "province_title": province_title,
        "score": fmt(result["score"]),
        "total_max": vn_number(result["total_max"], 0) if result["total_max"] else "",
        "rank": rank,
        "rank_denominator": result["ranked"] if result["computed_rank"] else "",
        "compare_ok": result["national"]["count"] >= 10,
        "tier": result["tier"],
        "previous": {"year": prev.get("year"), "score": fmt(prev.get("score")), "rank": prev.get("rank")}
        if prev
        else None,
        "previous_year": prev.get("year", ""),
        "score_change_text": _change_text(None if not prev else result["score"] - prev["score"]),
        "rank_change_text": ""
        if rank_change is None
        else (
            "giữ nguyên"
            if rank_change == 0
            else f"{'tăng' if rank_change > 0 else 'giảm'} {abs(rank_change)} bậc"
        ),
        "national_mean": fmt(result["national"]["mean"]),
        "national_best": fmt(result["national"]["best"]),
        "national_worst": fmt(result["national"]["worst"]),
        "region": result["region"],
        "region_position": position,
        "region_count": len(region_peers),
        "warnings": result["warnings"],
        "components": [
            {
                "code": c["code"],
                "name": c["name"],
                "score": fmt(c["score"]),
                "previous_score": fmt(c["previous_score"]),
                "delta": vn_number(c["delta"], 3, signed=True),
                "rank": c["rank"] or "",
                "national_mean": fmt(c["national_mean"]),
            }
            for c in result["components"]
        ],
        "declined": declined_rows,
        "task_rows": task_rows,
        "declined_names": "; ".join(f"{d['name']} ({d['code']}, {d['delta']} điểm)" for d in declined_rows),
        "recoverable_text": "; ".join(
            f"{r['name']} ({r['code']}, kém {vn_number(r['gap_to_best'], 3)} điểm)"
            for r in result["recoverable"][:3]
        ),
        "proposals": proposals,
        # did last year's work move this year's figures (association only, said in the text)
        "effect_text": effect.paragraph(effect.effect(index, province, year - 1)),
        "signer_title": Listing("\n".join(head.signer_lines)),
        "signer_name": head.signer_name,
        "_result": result,
        "_province": province,
        "_index": index,
    }


def build_report(index_code, year, province_name, now=None):
    from docx.shared import Cm
    from docxtpl import DocxTemplate, InlineImage

    ctx = context(index_code, year, province_name, now)
    doc = DocxTemplate(str(TEMPLATE))
    history = charts.province_history(ctx["_index"], ctx["_province"])
    ctx["chart_components"] = InlineImage(doc, components_chart(ctx["_result"]), width=Cm(15.5))
    ctx["chart_trend"] = InlineImage(doc, trend_chart(history, ctx["_province"].name), width=Cm(15.5))
    return docx_templates.render(doc, {k: v for k, v in ctx.items() if not k.startswith("_")})
