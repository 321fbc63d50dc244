"""An administrator publishes the seed notice; a citizen without an account reads it."""

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, base, username):
    from chiso.registry.demo import DEMO_PASSWORD

    page.goto(f"{base}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_an_administrator_publishes_and_a_citizen_reads_without_login(live_server, browser, artifacts_dir):
    from chiso.directives import demo as directives_demo
    from chiso.directives.models import Directive
    from chiso.indices import demo as indices_demo
    from chiso.publication.models import Publication
    from chiso.registry import demo as registry_demo

    registry_demo.load()
    directives_demo.load()
    indices_demo.load()
    shots = os.path.join(artifacts_dir, "publication")
    os.makedirs(shots, exist_ok=True)
    directive = Directive.objects.get()
    base = live_server.url

    admin = browser.new_page(viewport={"width": 1280, "height": 1000})
    _login(admin, base, "quantri")
    admin.goto(f"{base}/cong-khai/quan-ly/")
    form = admin.locator("#publish-form")
    form.locator("select[name=kind]").select_option("directive")
    form.locator("select[name=directive]").select_option(str(directive.pk))
    form.locator("button[type=submit]").click()
    admin.wait_for_load_state()
    assert "Đã công khai" in admin.content()
    assert Publication.objects.get().directive == directive
    admin.screenshot(path=os.path.join(shots, "manage.png"), full_page=True)

    citizen = browser.new_page(viewport={"width": 1280, "height": 1000})
    citizen.goto(f"{base}/cong-khai/")
    assert "Đăng xuất" not in citizen.content()
    citizen.locator(".card").first.click()
    citizen.wait_for_load_state()
    rows = citizen.locator("#don-vi tbody tr")
    assert rows.count() >= 25  # every agency with a share of the seed's tasks
    body = citizen.content()
    assert "I.1" in body and "Sở Thông tin và Truyền thông" in body
    assert "Hoàn thành trễ hạn" in body and "Quá hạn" in body
    citizen.screenshot(path=os.path.join(shots, "directive.png"), full_page=False)
    csv = citizen.request.get(base + citizen.locator("a:has-text('CSV: don-vi')").get_attribute("href"))
    assert csv.status == 200 and "ty_le_hoan_thanh" in csv.text()

    mobile = browser.new_page(viewport={"width": 390, "height": 844})
    mobile.goto(citizen.url)
    width = mobile.evaluate("document.documentElement.scrollWidth")
    assert width <= 400, f"the page scrolls sideways on a phone ({width}px)"
    mobile.screenshot(path=os.path.join(shots, "directive-390.png"), full_page=False)

    # the administrator withdraws it: the citizen's next visit finds nothing
    admin.goto(f"{base}/cong-khai/quan-ly/")
    admin.locator("button:has-text('Thôi công khai')").click()
    admin.wait_for_load_state()
    assert citizen.goto(citizen.url).status == 404
