"""Sở Nội vụ downloads the year's evaluation file of a district for its chairman's annual evaluation."""

import os

import pytest

from chiso.core.tests.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_monitor_downloads_an_agencys_evaluation(live_server, browser, artifacts_dir):
    from chiso.directives import demo as directives_demo
    from chiso.programme import demo as programme_demo
    from chiso.registry import demo as registry_demo

    registry_demo.load()
    directives_demo.load()
    programme_demo.load()
    shots = os.path.join(artifacts_dir, "programme")
    os.makedirs(shots, exist_ok=True)
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    log_in(page, base, "sonoivu")
    page.goto(f"{base}/chuong-trinh/")
    page.click("nav.subnav >> text=Đánh giá người đứng đầu")
    page.wait_for_load_state()
    page.fill("input[name=nam]", "2022")
    page.click("form.filters button")
    page.wait_for_load_state()
    row = page.locator("#danh-gia tr", has_text="thành phố Phan Thiết")
    page.screenshot(path=os.path.join(shots, "evaluation-list.png"))
    with page.expect_download() as download:
        row.locator("text=DOCX").click()
    target = os.path.join(shots, "danh-gia-phan-thiet-2022.docx")
    download.value.save_as(target)
    from docx import Document

    text = "\n".join(c.text for t in Document(target).tables for r in t.rows for c in r.cells)
    assert "Đang rà soát, chưa gửi, quá hạn 45 ngày" in text  # Phan Thiết's plan in the demo
    assert "2 / 1" in text  # two findings of the inspection, one remedied
