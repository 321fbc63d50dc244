"""Sở Nội vụ plans a thematic meeting on a slow component, records its conclusions, drafts the notice."""

import os

import pytest

from chiso.core.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_meeting_from_topic_to_conclusion_draft(live_server, browser, artifacts_dir):
    from chiso.directives import demo as directives_demo
    from chiso.indices import demo as indices_demo
    from chiso.programme.models import ThematicMeeting
    from chiso.registry import demo as registry_demo

    registry_demo.load()
    directives_demo.load()
    indices_demo.load()
    shots = os.path.join(artifacts_dir, "programme")
    os.makedirs(shots, exist_ok=True)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    log_in(page, base, "sonoivu")
    page.goto(f"{base}/chuong-trinh/hop-chuyen-de/")
    assert "PAPI:D7" in page.locator("#cham-cai-thien").inner_text()
    form = page.locator("#meeting-form")
    form.locator("input[name=title]").fill("Quản trị môi trường chậm cải thiện")
    form.locator("input[name=planned_on]").fill("28/09/2022")
    form.locator("select[name=components]").select_option(["PAPI:D7"])
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    record = page.locator("#record-meeting-form")
    record.locator("textarea[name=attendees]").fill("Lãnh đạo UBND tỉnh; Sở Tài nguyên và Môi trường")
    record.locator("textarea[name=conclusions]").fill(
        "Sở Tài nguyên và Môi trường rà soát các điểm ô nhiễm môi trường; báo cáo UBND tỉnh trước ngày 30/11/2022."
    )
    record.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.screenshot(path=os.path.join(shots, "meeting.png"), full_page=True)
    page.click("#draft-form button")
    page.wait_for_load_state()
    assert "/chi-dao/nhap-van-ban/" in page.url
    assert "Sở Tài nguyên và Môi trường" in page.content()
    meeting = ThematicMeeting.objects.get()
    assert meeting.components == ["PAPI:D7"] and meeting.draft is not None
    page.screenshot(path=os.path.join(shots, "meeting-draft-review.png"))
