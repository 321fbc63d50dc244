"""Glue to the dossiers and indices apps, exercised with stand-in modules shaped like theirs."""

import importlib.machinery
import sys
import types

from django.urls import reverse

from chiso.registry.models import Agency
from chiso.surveys.services import weights


def _fake_module(monkeypatch, name, **functions):
    module = types.ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)
    for key, value in functions.items():
        setattr(module, key, value)
    monkeypatch.setitem(sys.modules, name, module)
    return module


def test_dossier_volumes_become_agency_shares(client, user_factory, open_wave, monkeypatch):
    stp, sxd = Agency.objects.get(code="bt-stp"), Agency.objects.get(code="bt-sxd")
    seen = {}

    def period_stats(start, end, agency_ids=None, today=None):
        seen["period"] = (start.isoformat(), end.isoformat())
        return {
            "by_agency": [
                {"agency_id": stp.pk, "agency": stp.name, "total": 1200},
                {"agency_id": sxd.pk, "agency": sxd.name, "total": 300},
                {"agency_id": Agency.objects.get(code="bt-snv").pk, "agency": "Sở Nội vụ", "total": 50},
            ]
        }

    _fake_module(monkeypatch, "chiso.dossiers.services.stats", period_stats=period_stats)
    # only the wave's agencies count
    assert weights.dossier_shares(open_wave) == {"bt-stp": 1200.0, "bt-sxd": 300.0}
    assert seen["period"] == ("2026-01-01", "2026-12-31")
    client.force_login(user_factory("monitor"))
    client.post(reverse("surveys:weights", args=[open_wave.pk]), {"from_dossiers": "1"})
    open_wave.refresh_from_db()
    assert open_wave.agency_shares == {"bt-stp": 1200.0, "bt-sxd": 300.0}
    assert "hồ sơ" in open_wave.agency_shares_source


def test_no_dossiers_service_means_hand_entry(open_wave, monkeypatch):
    monkeypatch.setattr(weights, "_has_period_stats", lambda: False)
    monkeypatch.setattr(weights, "_service", lambda app, names: None)
    assert weights.dossier_shares(open_wave) == {}


def test_provisional_figure_goes_to_indices_when_it_offers_a_service(open_wave, monkeypatch):
    received = {}

    def record_provisional(figure, user=None):
        received.update(figure)
        return "ok"

    monkeypatch.setattr(weights, "indices_service", lambda wave=None: record_provisional)
    assert weights.write_provisional(open_wave) == "ok"
    assert received["provisional"] is True and received["year"] == 2026 and "Đợt thử" in received["source"]
    monkeypatch.setattr(weights, "indices_service", lambda wave=None: None)
    assert weights.write_provisional(open_wave) is None


def test_dashboard_button_disabled_without_indices_service(client, user_factory, open_wave):
    client.force_login(user_factory("monitor"))
    html = client.get(reverse("surveys:wave", args=[open_wave.pk])).content.decode()
    assert "Ghi vào chỉ số (tạm tính)" in html
    assert ("disabled" in html.split("Ghi vào chỉ số")[0].rsplit("<button", 1)[1]) == (
        weights.indices_service(open_wave) is None
    )


def test_sipas_wave_lands_in_indices_as_provisional(client, user_factory, open_wave):
    from chiso.indices.models import Result
    from chiso.indices.services import definitions

    from .conftest import full_answers

    definitions.load()
    client.post(reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=bt-stp", full_answers("4"))
    client.force_login(user_factory("monitor"))
    page = client.post(reverse("surveys:to_indices", args=[open_wave.pk]), follow=True)
    assert "Đã ghi kết quả vào mô-đun chỉ số" in page.content.decode()
    rows = {r.component_code: r for r in Result.objects.filter(index__code="SIPAS", year=2026)}
    assert rows[""].score == 100.0 and rows[""].official is False
    assert rows["DV.1"].score == 100.0 and "Đợt thử" in rows[""].source
    # 2026 is after the 2025 merger: the figure belongs to the merged province
    assert rows[""].province.name == "Lâm Đồng"
    # an official figure is never overwritten by a provisional one
    Result.objects.filter(index__code="SIPAS", year=2026).update(official=True)
    page = client.post(reverse("surveys:to_indices", args=[open_wave.pk]), follow=True)
    assert "không ghi đè bằng số tạm tính" in page.content.decode()
