"""The second demo, Lâm Đồng as it is in 2026: loads on SQLite and PostgreSQL, pages in a browser."""

import os
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from chiso.core.tests.browser import log_in as _login


def _load():
    out = StringIO()
    call_command("load-demo", "--province", "lam-dong-2026", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded(module_db):
    """The 2026 demo loaded once (about 15 s) for both tests, committed so that the live server sees
    it (the database is emptied after the module, see module_db in conftest.py)."""
    with module_db.unblock():
        return _load()


@pytest.mark.django_db  # inside a transaction rolled back at the end: the second load and the refusal
def test_the_2026_demo_is_a_province_of_today(loaded):
    from chiso.directives.models import Directive
    from chiso.dossiers.models import Dossier
    from chiso.indices.models import Result
    from chiso.indices.services import provinces as index_provinces
    from chiso.registry import province
    from chiso.registry.models import Agency
    from chiso.registry.resolve import resolve_unit
    from chiso.surveys.models import Wave

    out = loaded
    today = timezone.localdate()
    assert "124 đơn vị cấp xã (103 xã, 20 phường, 1 đặc khu)" in out
    assert province.authority_header() == "UBND TỈNH LÂM ĐỒNG"
    assert Agency.objects.valid_on(today).filter(kind="ubnd_xa").count() == 124
    # Bình Thuận of 2022 is reachable as a predecessor, with its departments and its successions.
    old = resolve_unit("Sở Tài nguyên và Môi trường tỉnh Bình Thuận", date(2022, 7, 27))
    assert old.agency.valid_to == date(2025, 2, 28)
    now = resolve_unit("Sở Tài nguyên và Môi trường tỉnh Bình Thuận", today)
    assert now.agency.name == "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng"
    # A 2026 directive with tasks followed up to today, not a frozen demo date.
    directive = Directive.objects.get(number__startswith="186/TB-UBND")
    assert directive.issued_on.year == 2026 and directive.tasks.count() > 100
    assert directive.tasks.filter(state="done").exists()
    # Dossiers of 2026 only, none received after today, all on units valid when received.
    assert Dossier.objects.exclude(received__year=2026).count() == 0
    assert not Dossier.objects.filter(received__gt=today).exists()
    assert Dossier.objects.filter(agency__valid_from=date(2025, 7, 1)).count() == Dossier.objects.count()
    assert Wave.objects.filter(year=2026, responses__isnull=False).exists()
    # Index results stay with the former provinces; the new province's series starts in 2025.
    line = index_provinces.home_line()
    assert line[0].valid_from == date(2025, 7, 1) and not Result.objects.filter(province=line[0]).exists()
    assert Result.objects.filter(province__name="Bình Thuận", year=2021).exists()
    # Safe to run again; the 2022 demo is refused in the same database.
    counts = (Agency.objects.count(), Dossier.objects.count(), Directive.objects.count())
    _load()
    assert (Agency.objects.count(), Dossier.objects.count(), Directive.objects.count()) == counts
    with pytest.raises(CommandError, match="đã có tỉnh khác"):
        call_command("load-demo", stdout=StringIO())


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_2026_demo_home_board_and_dossier_pages(loaded, live_server, browser, artifacts_dir):
    from chiso.dossiers.models import Dossier

    for width, suffix in ((1300, ""), (390, "-390")):
        page = browser.new_page(viewport={"width": width, "height": 900})
        _login(page, live_server.url, "lanhdao")
        page.goto(f"{live_server.url}/")
        body = page.inner_text("body")
        assert "Lâm Đồng" in body and "Bình Thuận" not in body.split("PAPI")[0]
        page.screenshot(path=os.path.join(artifacts_dir, f"demo-2026-home{suffix}.png"), full_page=True)

        _login(page, live_server.url, "sonoivu")
        page.goto(f"{live_server.url}/chi-dao/theo-doi/")
        body = page.inner_text("body")
        assert "186/TB-UBND" in body or "Sở Nội vụ" in body
        assert "phường Phan Thiết" in body or "Ủy ban nhân dân" in body
        page.screenshot(path=os.path.join(artifacts_dir, f"demo-2026-board{suffix}.png"), full_page=True)

        page.goto(f"{live_server.url}/ho-so/")
        body = page.inner_text("body")
        assert "2026" in body
        page.screenshot(path=os.path.join(artifacts_dir, f"demo-2026-dossiers{suffix}.png"), full_page=True)
        dossier = (
            Dossier.objects.filter(agency__name="Ủy ban nhân dân phường Phan Thiết")
            .order_by("received")
            .last()
        )
        page.goto(f"{live_server.url}/ho-so/hs/{dossier.code}/")
        body = page.inner_text("body")
        assert dossier.code in body and "phường Phan Thiết" in body
        page.screenshot(path=os.path.join(artifacts_dir, f"demo-2026-dossier{suffix}.png"), full_page=True)
        page.close()
