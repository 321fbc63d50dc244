"""Surveys' direct links to the dossiers and indices apps, on their real tables."""

import datetime

import pytest
from django.urls import reverse

from chiso.dossiers.models import StatDay
from chiso.registry.models import Agency
from chiso.surveys.services import weights

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


def _day(agency, day, total):
    StatDay.objects.create(agency_id=agency.pk, day=day, month=day.year * 100 + day.month, total=total)


def test_dossier_volumes_become_agency_shares(client, user_factory, open_wave):
    stp, sxd = Agency.objects.get(code="ld-stp"), Agency.objects.get(code="ld-sxd")
    _day(stp, datetime.date(2026, 3, 2), 1000)
    _day(stp, datetime.date(2026, 9, 1), 200)
    _day(sxd, datetime.date(2026, 5, 5), 300)
    _day(sxd, datetime.date(2025, 12, 31), 999)  # outside the wave's year
    _day(Agency.objects.get(code="bt-snv"), datetime.date(2026, 5, 5), 50)  # not in the wave
    assert weights.dossier_shares(open_wave) == {"ld-stp": 1200.0, "ld-sxd": 300.0}
    client.force_login(user_factory("monitor"))
    client.post(reverse("surveys:weights", args=[open_wave.pk]), {"from_dossiers": "1"})
    open_wave.refresh_from_db()
    assert open_wave.agency_shares == {"ld-stp": 1200.0, "ld-sxd": 300.0}
    assert "hồ sơ" in open_wave.agency_shares_source


def test_no_dossiers_means_hand_entry(open_wave):
    assert weights.dossier_shares(open_wave) == {}


def test_provisional_figure_carries_its_provenance(open_wave):
    figure = weights.provisional_figure(open_wave)
    assert figure["provisional"] is True and figure["year"] == 2026 and "Đợt thử" in figure["source"]


def test_dashboard_button_disabled_without_indices_service(client, user_factory, open_wave):
    client.force_login(user_factory("monitor"))
    html = client.get(reverse("surveys:wave", args=[open_wave.pk])).content.decode()
    assert "Ghi vào chỉ số (tạm tính)" in html
    assert ("disabled" in html.split("Ghi vào chỉ số")[0].rsplit("<button", 1)[1]) == (
        not weights.can_write_provisional(open_wave)
    )


def test_sipas_wave_lands_in_indices_as_provisional(client, user_factory, open_wave):
    from chiso.indices.models import Result
    from chiso.indices.services import definitions

    from .conftest import full_answers

    definitions.load()
    client.post(reverse("surveys:public", args=[open_wave.public_slug]) + "?dv=ld-stp", full_answers("4"))
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
