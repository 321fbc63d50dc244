"""Links to the other modules, each optional: dossier volumes as weighting targets, and the indices
module as the home of a provisional figure. Both are looked up at run time, so surveys work alone.
"""
import importlib
import importlib.util

from . import compute

# Names we try, in order; the dossiers and indices apps were written in parallel with this one.
DOSSIER_FUNCTIONS = ("volumes_by_agency", "dossier_volumes_by_agency", "counts_by_agency")
INDICES_FUNCTIONS = ("record_provisional", "write_provisional", "add_provisional_value")


def _service(app, names):
    if importlib.util.find_spec(f"chiso.{app}") is None:
        return None
    for module_name in (f"chiso.{app}.services", f"chiso.{app}.services.provisional", f"chiso.{app}.services.volumes"):
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
    return {codes[row["agency_id"]]: row.get("total", 0) for row in stats.period_stats(start, end).get("by_agency", [])
            if row.get("agency_id") in codes}


def _has_period_stats():
    try:
        spec = importlib.util.find_spec("chiso.dossiers.services.stats")
    except ModuleNotFoundError:
        return False
    return spec is not None and callable(getattr(importlib.import_module("chiso.dossiers.services.stats"), "period_stats", None))


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


def indices_service():
    return _service("indices", INDICES_FUNCTIONS)


def provisional_figure(wave):
    """What the indices module should store: the overall share with its interval and provenance."""
    result = compute.results(wave)
    kind = wave.questionnaire.kind
    return {
        "index": "SIPAS" if kind == "sipas" else ("PAR INDEX – điều tra xã hội học" if kind == "par" else wave.questionnaire.title),
        "year": wave.year,
        "value": result["overall"]["satisfied_share"],
        "unit": "%",
        "ci_low": result["overall"]["ci_low"],
        "ci_high": result["overall"]["ci_high"],
        "components": {e["code"]: e["satisfied_share"] for e in result["elements"]},
        "by_agency": {a["code"]: a["satisfied_share"] for a in result["by_agency"] if a["code"]},
        "provisional": True,
        "source": f"Khảo sát chiso “{wave.name}” (đợt #{wave.pk}), {result['responses']} phiếu"
                  + (", có gia quyền hậu phân tầng" if result["weighted"] else ""),
    }


def write_provisional(wave, user=None):
    """Hand the figure to the indices module if it offers a function for it; None otherwise."""
    function = indices_service()
    if function is None:
        return None
    figure = provisional_figure(wave)
    try:
        return function(figure, user=user)
    except TypeError:
        return function(figure)
