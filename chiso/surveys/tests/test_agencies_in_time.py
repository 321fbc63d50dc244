"""A wave offers the agencies of its own dates; results across a merger are shown per successor."""

import datetime

import pytest
from django.urls import reverse

from chiso.registry.models import Agency
from chiso.surveys.forms import WaveForm
from chiso.surveys.models import Response, Wave
from chiso.surveys.services import agencies as wave_agencies

from .conftest import full_answers

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


def test_a_2026_wave_offers_only_agencies_of_2026(client, open_wave):
    # someone copied last year's list: the 2025-abolished Bình Thuận departments are still attached
    open_wave.agencies.add(*Agency.objects.filter(code__in=["bt-stp", "bt-stttt"]))
    url = reverse("surveys:public", args=[open_wave.public_slug])
    html = client.get(url).content.decode()
    assert "Sở Tư pháp tỉnh Lâm Đồng" in html
    assert 'value="bt-stp"' not in html and 'value="bt-stttt"' not in html
    # a QR card printed for an abolished agency does not attach answers to it
    page = client.post(url + "?dv=bt-stp", full_answers())
    assert page.status_code == 400 and not Response.objects.exists()
    assert [a.code for a in wave_agencies.offered(open_wave)] == ["ld-stp", "ld-sxd"]
    assert {a.code for a in wave_agencies.not_valid_in_period(open_wave)} == {"bt-stp", "bt-stttt"}


def test_wave_form_refuses_agencies_abolished_before_the_wave(open_wave):
    stttt = Agency.objects.get(code="bt-stttt")
    form = WaveForm(
        {
            "questionnaire": open_wave.questionnaire.pk,
            "name": "SIPAS 2026",
            "year": 2026,
            "start": "01/01/2026",
            "end": "31/12/2026",
            "target_group": "Người dân",
            "sample_size": 100,
            "status": "draft",
            "agencies": [stttt.pk, Agency.objects.get(code="ld-stp").pk],
            "min_cell": 30,
        }
    )
    assert not form.is_valid()
    message = " ".join(form.errors["agencies"])
    assert "Sở Thông tin và Truyền thông" in message and "01/01/2026 – 31/12/2026" in message
    assert "Sở Khoa học và Công nghệ tỉnh Lâm Đồng" in message  # the successor, through the 2025 chain


def test_results_across_a_merger_per_successor_with_history_kept(client, sipas, demo_registry, user_factory):
    wave = Wave.objects.create(
        questionnaire=sipas,
        name="SIPAS 2024",
        year=2024,
        start=datetime.date(2024, 3, 1),
        end=datetime.date(2024, 11, 30),
        target_group="Người dân",
        status=Wave.CLOSED,
        min_cell=1,
    )
    rated = {code: Agency.objects.get(code=code) for code in ("bt-stttt", "bt-skhcn", "bt-stp")}
    wave.agencies.set(rated.values())
    for code, level, n in (("bt-stttt", 5, 3), ("bt-skhcn", 2, 1), ("bt-stp", 4, 2)):
        for _ in range(n):
            Response.objects.create(
                wave=wave,
                agency=rated[code],
                channel=Response.PAPER,
                submitted_on=datetime.date(2024, 5, 1),
                answers={"hai_long_chung": level},
            )
    rows = {r["agency"].code: r for r in wave_agencies.by_successor(wave, datetime.date(2026, 6, 1))}
    assert set(rows) == {"ld-skhcn", "ld-stp"}
    merged = rows["ld-skhcn"]
    assert [(m["agency"].code, m["n"]) for m in merged["members"]] == [("bt-skhcn", 1), ("bt-stttt", 3)]
    assert merged["n"] == 4 and merged["satisfied_share"] == 75.0 and merged["changed"]
    client.force_login(user_factory("monitor"))
    html = client.get(reverse("surveys:wave", args=[wave.pk])).content.decode()
    assert "Theo cơ quan hiện nay" in html
    # the wave's own table still lists the agencies as they were
    assert "Sở Thông tin và Truyền thông" in html.split("Theo cơ quan hiện nay")[0]


def test_wave_page_links_the_printable_qr_cards(client, open_wave, user_factory):
    client.force_login(user_factory("monitor"))
    html = client.get(reverse("surveys:wave", args=[open_wave.pk])).content.decode()
    link = reverse("surveys:qr", args=[open_wave.pk]) + "?dang=trang"
    assert f'href="{link}"' in html
    cards = client.get(link)
    assert cards.status_code == 200 and cards.content.decode().count("<svg") == 2
    # viewers who cannot change the wave still get the cards (the counter staff print them)
    client.force_login(user_factory("head", agency="ld-stp"))
    assert link in client.get(reverse("surveys:wave", args=[open_wave.pk])).content.decode()
