"""Sở TT&TT's team inspects Tuy Phong: checklist, a finding with evidence, tasks issued, minutes."""

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_lead_agency_records_a_visit_and_issues_findings(live_server, browser, artifacts_dir, tmp_path):
    from chiso.directives import demo as directives_demo
    from chiso.directives.models import Task
    from chiso.programme import demo as programme_demo
    from chiso.programme.models import InspectionVisit
    from chiso.registry import demo as registry_demo
    from chiso.registry.demo import DEMO_PASSWORD

    registry_demo.load()
    directives_demo.load()
    programme_demo.load()
    shots = os.path.join(artifacts_dir, "programme")
    os.makedirs(shots, exist_ok=True)
    evidence = tmp_path / "anh-chup-bo-phan-mot-cua.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% minh chung\n")
    base = live_server.url

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{base}/dang-nhap/")
    page.fill("input[name=username]", "gd.stttt")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{base}/chuong-trinh/kiem-tra/")
    page.click("#to-kiem-tra a")
    page.wait_for_load_state()
    assert "2/3" in page.locator(".cards").inner_text()
    page.click("#lich >> text=Ủy ban nhân dân huyện Tuy Phong")
    page.wait_for_load_state()
    form = page.locator("#record-form")
    form.locator("select").nth(2).select_option("chua-dat")
    form.locator("input[name=note_2]").fill("14 hồ sơ có kết quả giấy chưa cập nhật")
    form.locator("input[name=held_on]").fill("29/08/2022")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert "Đã ghi nhận kết quả kiểm tra" in page.content()
    finding = page.locator("#finding-form")
    finding.locator("textarea[name=text]").fill(
        "14 hồ sơ đất đai có kết quả trên giấy chưa cập nhật trên Hệ thống."
    )
    finding.locator("textarea[name=recommendation]").fill(
        "Cập nhật dứt điểm, báo cáo Sở Thông tin và Truyền thông."
    )
    finding.locator("input[name=evidence]").set_input_files(str(evidence))
    finding.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.click("#issue-form button")
    page.wait_for_load_state()
    assert "Đã giao 1 nhiệm vụ khắc phục" in page.content()
    page.screenshot(path=os.path.join(shots, "inspection-visit.png"), full_page=True)
    visit = InspectionVisit.objects.get(agency__code="bt-tuyphong")
    task = visit.findings.get().task
    assert task.lead.code == "bt-tuyphong" and task.state == Task.NEW
    with page.expect_download() as download:
        page.click("text=Biên bản (DOCX)")
    path = download.value.path()
    assert open(path, "rb").read(2) == b"PK"
    target = os.path.join(shots, "bien-ban-kiem-tra.docx")
    download.value.save_as(target)
