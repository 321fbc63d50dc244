"""Surveys' two links to other apps, both direct service calls (registry ← directives ← indices ←
surveys; dossiers beside): dossier volumes as weighting targets (chiso.dossiers) and a SIPAS wave's
figure stored as a provisional result (chiso.indices). See docs/architecture.md.
"""

import datetime
import hashlib
import json

from chiso.dossiers.services import stats as dossier_stats
from chiso.indices import provinces as province_data
from chiso.indices.models import Index, Province, Result
from chiso.indices.services import importer as indices_importer
from chiso.indices.services import provinces as province_service
from chiso.registry import province as registry_province
from chiso.registry.models import Agency

from . import compute


class ProvisionalRefused(Exception):
    pass


def dossier_shares(wave):
    """{agency code: dossiers completed in the wave's year} for the wave's agencies ({} when none)."""
    figures = dossier_stats.period_stats(datetime.date(wave.year, 1, 1), datetime.date(wave.year, 12, 31))
    codes = dict(Agency.objects.values_list("id", "code"))
    wanted = set(wave.agencies.values_list("code", flat=True))
    shares = {}
    for row in figures.get("by_agency", []):
        code = codes.get(row.get("agency_id"))
        if code and (not wanted or code in wanted) and row.get("total"):
            shares[code] = float(row["total"])
    return shares


# Our SIPAS elements → the components of the indices app's SIPAS methodologies.
SIPAS_2022 = {
    "tiep-can": "DV.1",
    "thu-tuc": "DV.2",
    "cong-chuc": "DV.3",
    "ket-qua": "DV.4",
    "phan-anh": "DV.5",
    "chinh-sach": "CS",
}
SIPAS_2017 = {"tiep-can": "YT1", "thu-tuc": "YT2", "cong-chuc": "YT3", "ket-qua": "YT4", "phan-anh": "YT5"}


def _province_name(year):
    """The province the results belong to in that year (after 01/7/2025 the merged province)."""
    province_service.ensure()
    found = (
        Province.objects.filter(agency__kind="ubnd_tinh", valid_to__isnull=False).first()
        or Province.objects.filter(agency__kind="ubnd_tinh").first()
    )
    # The installation's province that year (registry setting), else the UBND tỉnh of the registry.
    name = registry_province.name(datetime.date(year, 12, 31)) or (found.name if found else "")
    if not name:
        raise ProvisionalRefused(
            "Danh mục chưa có Ủy ban nhân dân tỉnh nên chưa biết kết quả thuộc tỉnh nào."
        )
    canonical = province_data.canonical(name) or name
    if year >= 2025 and not province_data.exists_in(canonical, year):
        return province_data.successor_of(canonical)
    return canonical


def can_write_provisional(wave):
    """Only a SIPAS wave has a home in the indices app (PAR INDEX survey figures are not an index)."""
    return wave.questionnaire.kind == "sipas" and Index.objects.filter(code="SIPAS").exists()


def provisional_figure(wave):
    """What the indices app should store: the overall share with its interval and provenance."""
    result = compute.results(wave)
    kind = wave.questionnaire.kind
    return {
        "index": "SIPAS"
        if kind == "sipas"
        else ("PAR INDEX – điều tra xã hội học" if kind == "par" else wave.questionnaire.title),
        "year": wave.year,
        "value": result["overall"]["satisfied_share"],
        "unit": "%",
        "ci_low": result["overall"]["ci_low"],
        "ci_high": result["overall"]["ci_high"],
        "components": {e["code"]: e["satisfied_share"] for e in result["elements"]},
        "by_agency": {a["code"]: a["satisfied_share"] for a in result["by_agency"] if a["code"]},
        "provisional": True,
        "wave": wave.pk,
        "source": f"Khảo sát chiso “{wave.name}” (đợt #{wave.pk}), {result['responses']} phiếu"
        + (", có gia quyền hậu phân tầng" if result["weighted"] else ""),
    }


def write_provisional(wave, user=None):
    """Store a SIPAS wave's figure in the indices app as a provisional (official=False) result.

    The row goes through the indices importer's own checks (methodology of the year, component
    maxima, the province as of that year) and gets an import batch and audit entry like any import.
    """
    if not can_write_provisional(wave):
        raise ProvisionalRefused("Chỉ kết quả phiếu SIPAS mới ghi được vào mô-đun chỉ số (chỉ số SIPAS).")
    figure = provisional_figure(wave)
    year = figure["year"]
    province = _province_name(year)
    resolved = province_service.resolve(province, year)
    if Result.objects.filter(
        index__code="SIPAS", province=resolved, year=year, component_code=Result.TOTAL, official=True
    ).exists():
        raise ProvisionalRefused(
            f"Đã có số liệu SIPAS chính thức năm {year} của {province}; không ghi đè bằng số tạm tính."
        )
    mapping = SIPAS_2022 if year >= 2022 else SIPAS_2017
    components = {
        mapping[code]: value
        for code, value in figure["components"].items()
        if code in mapping and value is not None
    }
    row = {"province": province, "year": str(year), "total": _text(figure["value"])}
    row.update({code: _text(value) for code, value in components.items()})
    label = f"khảo sát chiso đợt #{wave.pk}"
    return indices_importer.import_rows(
        list(row),
        [(1, row)],
        label,
        "SIPAS",
        sha=hashlib.sha256(json.dumps(row, sort_keys=True).encode()).hexdigest(),
        source=figure["source"][:300],
        official=False,
        user=user,
    )


def _text(value):
    return "" if value is None else f"{value:g}"
