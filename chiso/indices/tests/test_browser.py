import os

import pytest

from chiso.registry.permissions import MONITOR


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_index_pages_draw_their_charts(
    live_server, browser, artifacts_dir, demo_registry, user_factory, papi_csv
):
    from chiso.indices.services import definitions
    from chiso.indices.services.importer import import_results

    definitions.load()
    import_results(papi_csv.read_bytes(), papi_csv.name, "PAPI")
    user_factory(MONITOR, agency="bt-snv", username="theodoi", password="mat-khau-thu-nghiem")
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", "theodoi")
    page.fill("input[name=password]", "mat-khau-thu-nghiem")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/chi-so/")
    assert page.locator("#overview").inner_text().count("PAPI") >= 1
    page.screenshot(path=os.path.join(artifacts_dir, "indices-overview.png"), full_page=True)
    page.goto(f"{live_server.url}/chi-so/PAPI/?tinh=binh-thuan&nam=2021")
    for chart in ("#radar", "#trend", "#heatmap"):
        page.wait_for_selector(f"{chart}[data-chart-ready='1'] canvas", timeout=10000)
    assert "44,15" in page.locator("#total-score").inner_text()
    page.select_option("select[name=nam]", "2020")
    with page.expect_navigation():
        page.click("form.filters button")
    page.wait_for_selector("#radar[data-chart-ready='1'] canvas")
    assert "40,98" in page.locator("#total-score").inner_text()
    page.goto(f"{live_server.url}/chi-so/PAPI/?tinh=binh-thuan&nam=2021")
    page.wait_for_selector("#heatmap[data-chart-ready='1'] canvas")
    page.screenshot(path=os.path.join(artifacts_dir, "indices-papi-2021.png"), full_page=True)
