"""Phan Thiết records October's session with citizens; Sở Nội vụ sees the month turn green."""

import os

import pytest

from chiso.core.tests.browser import log_in as _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_agency_records_a_session_and_the_monitor_sees_the_grid(live_server, browser, artifacts_dir):
    from chiso.directives import demo as directives_demo
    from chiso.programme import demo as programme_demo
    from chiso.programme.models import ContactSession
    from chiso.registry import demo as registry_demo

    registry_demo.load()
    directives_demo.load()
    programme_demo.load()
    shots = os.path.join(artifacts_dir, "programme")
    os.makedirs(shots, exist_ok=True)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    _login(page, base, "cb.phanthiet")
    page.click("nav.mainnav >> text=Kế hoạch, kiểm tra")
    page.click("nav.subnav >> text=Tiếp xúc người dân, doanh nghiệp")
    page.wait_for_load_state()
    assert "thành phố Phan Thiết" in page.locator("h1").inner_text()
    form = page.locator("#session-form")
    form.locator("input[name=held_on]").fill("12/10/2022")
    form.locator("input[name=chair]").fill("Chủ tịch UBND thành phố")
    form.locator("input[name=participants]").fill("41")
    form.locator("input[name=issues_raised]").fill("9")
    form.locator("input[name=issues_resolved]").fill("7")
    form.locator("textarea[name=summary]").fill("Vướng mắc về cấp phép xây dựng, đăng ký hộ kinh doanh.")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Đã ghi buổi tiếp xúc" in page.content()
    session = ContactSession.objects.get(agency__code="bt-phanthiet", held_on__month=10)
    assert session.instance.period == "10/2022"

    _login(page, base, "sonoivu")
    page.goto(f"{base}/chuong-trinh/tiep-xuc/{session.requirement_id}/")
    row = page.locator("#luoi tr", has_text="thành phố Phan Thiết")
    assert row.locator("td.cell-held").count() == 3  # August, September and now October
    page.screenshot(path=os.path.join(shots, "contact-grid.png"), full_page=True)
