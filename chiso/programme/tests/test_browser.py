"""Sở TT&TT sends its remediation plan as a DOCX; Sở Nội vụ sees it arrive, 45 days late."""

import os

import pytest

from chiso.core.tests.browser import log_in as _login

from .conftest import DATA, docx_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_agency_sends_its_plan_and_the_monitor_sees_it(live_server, browser, artifacts_dir, tmp_path):
    from chiso.directives import demo as directives_demo
    from chiso.indices import demo as indices_demo
    from chiso.programme import demo as programme_demo
    from chiso.programme.models import RemediationPlan
    from chiso.registry import demo as registry_demo

    registry_demo.load()
    directives_demo.load()
    indices_demo.load()
    programme_demo.load()
    shots = os.path.join(artifacts_dir, "programme")
    os.makedirs(shots, exist_ok=True)
    upload = docx_upload((DATA / "ke-hoach-khac-phuc-so-tttt.txt").read_text(encoding="utf-8"))
    path = tmp_path / "ke-hoach-khac-phuc.docx"
    path.write_bytes(upload.read())
    base = live_server.url

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    _login(page, base, "cb.stttt")
    page.click("nav.mainnav >> text=Kế hoạch, kiểm tra")
    page.click("#yeu-cau >> text=Sở Thông tin và Truyền thông")
    page.wait_for_load_state()
    page.set_input_files("#read-form input[name=file]", str(path))
    page.click("#read-form button[type=submit]")
    page.wait_for_load_state()
    assert "Đã đọc kế hoạch: 5 nhiệm vụ" in page.content()
    assert page.locator("#items-form textarea").count() == 6  # five read + one empty row to add
    page.screenshot(path=os.path.join(shots, "plan-review.png"), full_page=True)
    page.check("#items-form input[name=form-4-delete]")  # "III. Tổ chức thực hiện" is not a task
    page.click("#items-form button[value=submit]")
    page.wait_for_load_state()
    assert "Đã gửi kế hoạch khắc phục" in page.content()
    plan = RemediationPlan.objects.get(agency__code="bt-stttt")
    assert plan.status == RemediationPlan.SUBMITTED and plan.items.count() == 4

    _login(page, base, "sonoivu")
    page.goto(f"{base}/chuong-trinh/ke-hoach/{plan.request_id}/")
    row = page.locator("#don-vi tr", has_text="Sở Thông tin và Truyền thông")
    assert "Gửi trễ 45 ngày" in row.inner_text()
    assert "Đã gửi đúng hạn" in page.locator("#don-vi tr", has_text="Sở Nội vụ").inner_text()
    page.screenshot(path=os.path.join(shots, "plans-monitor.png"), full_page=True)
    mobile = browser.new_page(viewport={"width": 390, "height": 844})
    mobile.context.add_cookies(page.context.cookies())
    mobile.goto(page.url)
    mobile.screenshot(path=os.path.join(shots, "plans-monitor-390.png"))
