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
