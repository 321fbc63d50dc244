"""A leader asks whether the 2022 tasks moved PAPI 2023 and reads the table, the chart and the caveat."""

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_effect_page_from_the_index_page(live_server, browser, artifacts_dir):
    from chiso.directives import demo as directives_demo
    from chiso.indices import demo as indices_demo
    from chiso.registry import demo as registry_demo
    from chiso.registry.demo import DEMO_PASSWORD

    registry_demo.load()
    directives_demo.load()
    indices_demo.load()
    base = live_server.url
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(f"{base}/dang-nhap/")
    page.fill("input[name=username]", "lanhdao")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    page.goto(f"{base}/chi-so/PAPI/")
    page.click("text=Nhiệm vụ đã làm có cải thiện chỉ số?")
    page.wait_for_load_state()
    assert "Nhiệm vụ năm 2022 và biến động PAPI năm 2023" in page.locator("h1").inner_text()
    assert page.locator("#tac-dong tbody tr").count() == 8
    assert "không phải bằng chứng nhân quả" in page.content()
    page.wait_for_selector(".chart canvas")
    os.makedirs(os.path.join(artifacts_dir, "indices"), exist_ok=True)
    page.screenshot(path=os.path.join(artifacts_dir, "indices", "effect.png"), full_page=True)
