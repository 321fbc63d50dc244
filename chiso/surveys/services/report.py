"""The DOCX results report (NĐ 30/2020 layout) from the committed docxtpl template."""

from pathlib import Path

from django.utils import timezone

from chiso.core import docx_templates, numbers
from chiso.registry import province

from . import compute

TEMPLATE = Path(__file__).resolve().parent.parent / "report_templates" / "bao-cao-khao-sat.docx"


def _pct(value):
    return numbers.percent(value)


def context(wave):
    result = compute.results(wave)
    comparison = compute.compare(wave, result)
    today = timezone.localdate()
    overall = result["overall"]
    compared = []
    for row in comparison["rows"]:
        delta = row["delta"].get("overall")
        if delta is not None:
            compared.append(
                f"so với {row['label']}: {'+' if delta > 0 else ''}{delta:.1f}".replace(".", ",") + " điểm %"
            )
    return {
        "parent_agency": province.authority_header(today),
        "issuing_agency": "SỞ NỘI VỤ",
        "abbreviation": "SNV",
        "place": province.place(today),
        "day": f"{today.day:02d}",
        "month": f"{today.month:02d}",
        "year": today.year,
        "wave_name": wave.name[:1].lower() + wave.name[1:],
        "questionnaire": wave.questionnaire.title,
        "target_group": wave.target_group,
        "start": wave.start.strftime("%d/%m/%Y"),
        "end": wave.end.strftime("%d/%m/%Y"),
        "responses": result["responses"],
        "response_rate": _pct(result["response_rate"]) if result["response_rate"] is not None else "",
        "weighted": result["weighted"],
        "weight_source": wave.agency_shares_source or "theo tỷ trọng đã biết",
        "overall": _pct(overall["satisfied_share"]),
        "overall_ci": f"{_pct(overall['ci_low'])} – {_pct(overall['ci_high'])}",
        "elements": [
            {
                "name": e["name"],
                "share": _pct(e["satisfied_share"]),
                "ci": f"{_pct(e['ci_low'])} – {_pct(e['ci_high'])}",
                "n": e["n"],
            }
            for e in result["elements"]
        ],
        "agencies": [
            {
                "rank": a["rank"],
                "name": a["name"],
                "share": _pct(a["satisfied_share"]),
                "ci": f"{_pct(a['ci_low'])} – {_pct(a['ci_high'])}",
                "n": a["n"],
                "small": a["small_cell"],
            }
            for a in result["by_agency"]
        ],
        "min_cell": wave.min_cell,
        "comparison": "; ".join(compared),
        "warnings": result["warnings"][:30],
        "warnings_text": " ".join(f"- {w}" for w in result["warnings"][:30]) or "Không có.",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "",
    }


def render_docx(wave):
    return docx_templates.render(TEMPLATE, context(wave))
