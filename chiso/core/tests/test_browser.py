import os

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_login_and_browse_the_registry(live_server, browser, artifacts_dir):
    from chiso.registry import demo

    demo.load()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + "/")
    assert "Đăng nhập" in page.title()
    page.fill("#id_username", "sonoivu")
    page.fill("#id_password", demo.DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Tổng quan"
    page.screenshot(path=os.path.join(artifacts_dir, "home.png"), full_page=True)
    page.click("text=Danh mục")
    page.fill("input[name=q]", "so thong tin")
    # Today (after the 2025 mergers) Sở TT&TT no longer exists, and the page says where it went.
    page.wait_for_selector("#agency-rows >> text=xem cả đơn vị đã giải thể")
    page.fill("input[name=ngay]", "27/07/2022")
    page.fill("input[name=q]", "so thong tin ")
    page.wait_for_selector("#agency-rows >> text=Sở Thông tin và Truyền thông")
    assert page.locator("#agency-rows tbody tr").count() == 1
    page.screenshot(path=os.path.join(artifacts_dir, "registry-search.png"), full_page=True)
    # A phone-sized screen gets the folded menu.
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.context.add_cookies(page.context.cookies())
    phone.goto(live_server.url + "/danh-muc/")
    assert not phone.locator("#mainnav").is_visible()
    phone.click("[data-toggle-nav]")
    assert phone.locator("#mainnav").is_visible()
    phone.screenshot(path=os.path.join(artifacts_dir, "registry-phone.png"))
    assert not [e for e in errors if "Content Security Policy" in e], errors
