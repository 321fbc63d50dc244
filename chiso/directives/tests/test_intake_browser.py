import os

import pytest

from chiso.directives.demo import SEED_PATH as SEED


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_monitor_uploads_reviews_and_publishes_the_seed_notice(live_server, browser, artifacts_dir):
    from chiso.directives.models import Directive, Task
    from chiso.registry import demo

    demo.load()
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(live_server.url + "/dang-nhap/?next=/chi-dao/nhap-van-ban/")
    page.fill("#id_username", "sonoivu")
    page.fill("#id_password", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.set_input_files("input[name=file]", str(SEED))
    page.click("button:has-text('Đọc văn bản')")
    page.wait_for_url("**/nhap-van-ban/*/")
    assert page.locator("input[name^=accept_]").count() == 23
    # The source paragraph is shown with its lead and deadline marked.
    assert page.locator("mark", has_text="trước ngày 31/8/2022").count() >= 1
    page.screenshot(path=os.path.join(artifacts_dir, "intake-review.png"), full_page=False)
    # Complete tasks are folded to one line: the reviewer opens the two to change.
    page.click("#task-4 > summary")
    page.click("#task-9 > summary")
    # Drop the general task I.5 and move II.2.2's deadline by five days.
    page.uncheck("input[name=accept_4]")
    due = page.locator("input[name=due_9]")
    assert due.input_value() == "10/08/2022"
    due.fill("15/08/2022")
    page.click("button:has-text('Ban hành')")
    page.wait_for_url("**/chi-dao/van-ban/*/")
    assert "Đã ban hành" in page.locator(".messages").inner_text()
    directive = Directive.objects.get()
    top = Task.objects.filter(directive=directive, parent=None)
    assert top.count() == 22
    assert not top.filter(ref="I.5").exists()
    assert top.get(ref="II.2.2").due_date.isoformat() == "2022-08-15"
    # Uploading the same notice again creates nothing.
    page.goto(live_server.url + "/chi-dao/nhap-van-ban/")
    page.set_input_files("input[name=file]", str(SEED))
    page.click("button:has-text('Đọc văn bản')")
    page.wait_for_selector("#duplicate")
    assert "đã có trên hệ thống" in page.locator("#duplicate").inner_text()
    page.click("#duplicate a")
    page.wait_for_url(f"**/chi-dao/van-ban/{directive.pk}/")
    assert Directive.objects.count() == 1


NOTICE = (
    "ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh về cải cách hành chính\n"
    "1. Giao Sở Thông tin Truyền thông chủ trì triển khai dịch vụ công trực tuyến, hoàn thành trước ngày 30/9/2022.\n"
    "2. Giao Ban Quản lý dự án Cầu Vồng chủ trì, phối hợp với Sở Tài chính rà soát hồ sơ tồn đọng, "
    "hoàn thành trong tháng 10/2022.\n"
)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_names_with_their_resolution_and_adding_an_outside_one_phone_and_desktop(
    live_server, browser, artifacts_dir, tmp_path
):
    from chiso.directives.models import NoticeDraft
    from chiso.registry import demo
    from chiso.registry.models import Agency

    demo.load()
    notice = tmp_path / "thong-bao-moi.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(live_server.url + "/dang-nhap/?next=/chi-dao/nhap-van-ban/")
    phone.fill("#id_username", "quantri")
    phone.fill("#id_password", demo.DEMO_PASSWORD)
    phone.click("button[type=submit]")
    phone.set_input_files("input[name=file]", str(notice))
    phone.click("button:has-text('Đọc văn bản')")
    phone.wait_for_url("**/nhap-van-ban/*/")
    # Each name as written, with what the registry makes of it; nothing wider than the phone.
    names = phone.locator("#names-1").inner_text()
    assert "Chưa có trong danh mục" in names and "“Ban Quản lý dự án Cầu Vồng”" in names
    assert "Đã khớp danh mục" in names and "Sở Tài chính" in names
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=os.path.join(artifacts_dir, "intake-names-390.png"), full_page=True)
    # The reviewer corrects a text, then adds the outside name: the edit stays, the name settles.
    phone.fill("#text_0", "Triển khai dịch vụ công trực tuyến toàn trình")
    phone.click("button:has-text('Thêm “Ban Quản lý dự án Cầu Vồng” vào danh mục')")
    phone.wait_for_selector(".messages")
    assert "Đã thêm “Ban Quản lý dự án Cầu Vồng”" in phone.locator(".messages").inner_text()
    # task 2 is now complete, so folded: its text is there, closed
    assert "Đã khớp danh mục" in phone.locator("#name-1-1").text_content()
    assert phone.locator("#text_0").input_value() == "Triển khai dịch vụ công trực tuyến toàn trình"
    agency = Agency.objects.get(name="Ban Quản lý dự án Cầu Vồng")
    assert NoticeDraft.objects.get().parsed["tasks"][1]["lead_agency_ids"] == [agency.pk]

    desk = browser.new_page(viewport={"width": 1280, "height": 1000})
    desk.goto(live_server.url + "/dang-nhap/?next=" + phone.url.replace(live_server.url, ""))
    desk.fill("#id_username", "quantri")
    desk.fill("#id_password", demo.DEMO_PASSWORD)
    desk.click("button[type=submit]")
    desk.wait_for_url("**/nhap-van-ban/*/")
    # Task 1's inexact name offers its candidate; picking it settles the lead, and the notice goes out.
    desk.check("input[name=lead_pick_0]")
    desk.screenshot(path=os.path.join(artifacts_dir, "intake-names-desktop.png"), full_page=False)
    desk.click("button:has-text('Ban hành')")
    desk.wait_for_url("**/chi-dao/van-ban/*/")
    assert "Đã ban hành" in desk.locator(".messages").inner_text()
