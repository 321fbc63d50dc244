"""Links to the other modules, each optional: dossier volumes as weighting targets, and the indices
module as the home of a provisional figure. Both are looked up at run time, so surveys work alone.
"""

import importlib
import importlib.util
from datetime import date

from chiso.registry import province as registry_province

from . import compute

# Names we try, in order; the dossiers and indices apps were written in parallel with this one.
DOSSIER_FUNCTIONS = ("volumes_by_agency", "dossier_volumes_by_agency", "counts_by_agency")
INDICES_FUNCTIONS = ("record_provisional", "write_provisional", "add_provisional_value")


def _service(app, names):
    if importlib.util.find_spec(f"chiso.{app}") is None:
        return None
    for module_name in (
        f"chiso.{app}.services",
        f"chiso.{app}.services.provisional",
        f"chiso.{app}.services.volumes",
    ):
        try:
            if importlib.util.find_spec(module_name) is None:
                continue
        except ModuleNotFoundError:
            continue
        module = importlib.import_module(module_name)
        for name in names:
            if callable(getattr(module, name, None)):
                return getattr(module, name)
    return None


def _period_stats_volumes(start, end):
    # chiso.dossiers.services.stats.period_stats (dossiers issue): by_agency rows with agency_id and total
    from chiso.registry.models import Agency

    stats = importlib.import_module("chiso.dossiers.services.stats")
    codes = dict(Agency.objects.values_list("id", "code"))
    return {
        codes[row["agency_id"]]: row.get("total", 0)
        for row in stats.period_stats(start, end).get("by_agency", [])
        if row.get("agency_id") in codes
    }


def _has_period_stats():
    try:
        spec = importlib.util.find_spec("chiso.dossiers.services.stats")
    except ModuleNotFoundError:
        return False
    return spec is not None and callable(
        getattr(importlib.import_module("chiso.dossiers.services.stats"), "period_stats", None)
    )


def dossier_shares(wave):
    """{agency code: number of dossiers} for the wave's agencies over its year, or {} if unavailable."""
    import datetime

    function = _period_stats_volumes if _has_period_stats() else _service("dossiers", DOSSIER_FUNCTIONS)
    if function is None:
        return {}
    try:
        volumes = function(datetime.date(wave.year, 1, 1), datetime.date(wave.year, 12, 31))
    except Exception:  # the dossiers tables may be empty or not migrated yet: weighting by hand still works
        return {}
    codes = set(wave.agencies.values_list("code", flat=True))
    shares = {}
    for key, value in dict(volumes or {}).items():
        code = getattr(key, "code", key)
        if (not codes or code in codes) and value:
            shares[str(code)] = float(value)
    return shares


def _indices_importer():
    try:
        spec = importlib.util.find_spec("chiso.indices.services.importer")
    except ModuleNotFoundError:
        return None
    if spec is None:
        return None
    module = importlib.import_module("chiso.indices.services.importer")
    return module if callable(getattr(module, "import_results", None)) else None


# Our SIPAS elements → the components of the indices module's SIPAS methodologies.
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
    from chiso.indices import provinces as province_data
    from chiso.indices.models import Province
    from chiso.indices.services import provinces as province_service

    province_service.ensure()
    found = (
        Province.objects.filter(agency__kind="ubnd_tinh", valid_to__isnull=False).first()
        or Province.objects.filter(agency__kind="ubnd_tinh").first()
    )
    name = found.name if found else registry_province.name(date(year, 12, 31))
    canonical = province_data.canonical(name) or name
    if year >= 2025 and not province_data.exists_in(canonical, year):
        return province_data.successor_of(canonical)
    return canonical


def _write_with_importer(figure, user=None):
    """Hand a SIPAS wave's figure to chiso.indices' importer as a provisional (official=False) row."""
    import csv
    import io

    from chiso.indices.models import Index, Result
    from chiso.indices.services import provinces as province_service

    importer = _indices_importer()
    year = figure["year"]
    mapping = SIPAS_2022 if year >= 2022 else SIPAS_2017
    province = _province_name(year)
    resolved = province_service.resolve(province, year)
    if Result.objects.filter(
        index__code="SIPAS", province=resolved, year=year, component_code=Result.TOTAL, official=True
    ).exists():
        raise ProvisionalRefused(
            f"Đã có số liệu SIPAS chính thức năm {year} của {province}; không ghi đè bằng số tạm tính."
        )
    if not Index.objects.filter(code="SIPAS").exists():
        raise ProvisionalRefused("Mô-đun chỉ số chưa có bộ chỉ số SIPAS.")
    components = {
        mapping[code]: value
        for code, value in figure["components"].items()
        if code in mapping and value is not None
    }
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["province", "year", "total", *components])
    writer.writerow([province, year, figure["value"], *components.values()])
    return importer.import_results(
        out.getvalue().encode("utf-8"),
        f"khao-sat-chiso-{figure['wave']}.csv",
        "SIPAS",
        source=figure["source"][:300],
        official=False,
        user=user,
    )


class ProvisionalRefused(Exception):
    pass


def indices_service(wave=None):
    """A callable(figure, user=) that stores the figure in the indices module, or None."""
    custom = _service("indices", INDICES_FUNCTIONS)
    if custom is not None:
        return custom
    if _indices_importer() is not None and (wave is None or wave.questionnaire.kind == "sipas"):
        return _write_with_importer
    return None


def provisional_figure(wave):
    """What the indices module should store: the overall share with its interval and provenance."""
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
    """Hand the figure to the indices module if it offers a function for it; None otherwise."""
    function = indices_service(wave)
    if function is None:
        return None
    figure = provisional_figure(wave)
    try:
        return function(figure, user=user)
    except TypeError:
        return function(figure)
