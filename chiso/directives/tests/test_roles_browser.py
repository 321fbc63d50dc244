"""Each demo role through its daily job in Chromium: no link or button it sees answers 403, the four
work pages fit a 390 px phone without sideways scrolling, and the leader finds PAPI 2021's fallen
components with their tasks two clicks from home."""

import os
import re
from urllib.parse import urljoin, urlparse

import pytest

from chiso.core.tests.browser import log_in as _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SKIP = ("/dang-xuat", "format=", "/tai-ve", "/bao-cao/?", "/xlsx", ".xlsx", ".docx", "/minh-chung/", "/i18n/")


@pytest.fixture
def demo(db):
    from chiso.directives import demo as directives_demo
    from chiso.indices import demo as indices_demo
    from chiso.registry import demo as registry_demo

    registry_demo.load()
    directives_demo.load()
    indices_demo.load()


def _visible_links(page, base):
    hrefs = page.eval_on_selector_all(
        "a[href]", "els => els.filter(e => e.offsetParent !== null).map(e => e.getAttribute('href'))"
    )
    found = []
    for href in hrefs:
        url = urljoin(page.url, href)
        if urlparse(url).netloc != urlparse(base).netloc or any(s in url for s in SKIP):
            continue
        if url.split("#")[0] not in found:
            found.append(url.split("#")[0])
    return found


def _no_403_behind_links(page, base, pages, limit=40):
    """Open each page, then every visible same-site link on it (GET); none may answer 403 (or fail)."""
    seen, checked = set(), 0
    for path in pages:
        page.goto(base + path)
        assert page.title() and "403" not in page.title(), path
        for url in _visible_links(page, base):
            if url in seen or checked >= limit:
                continue
            seen.add(url)
            checked += 1
            status = page.request.get(url).status
            assert status not in (403, 500), f"{url} from {path}: {status}"
    return checked


def _fits_phone(page, url, what):
    page.goto(url)
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{what}: page is {width}px wide at 390px"


CONTRAST = """cls => {
  const el = document.getElementById('bell-count');
  el.className = cls;
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => {
    const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const style = getComputedStyle(el);
  const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def _bell_readable(page):
    """The unread count reads on the red header whether it is 0 (plain badge) or not (badge bad)."""
    for cls in ("badge", "badge bad"):
        ratio = page.evaluate(CONTRAST, cls)
        assert ratio >= 4.5, f"bell count '{cls}': contrast {ratio:.1f}"


def _forms_allowed(page):
    """The action forms shown on a task page: their target actions."""
    return page.eval_on_selector_all("form[method=post]", "els => els.map(e => e.getAttribute('action'))")


def test_each_role_daily_job_without_403_and_phone_width(live_server, browser, demo, artifacts_dir):
    from chiso.directives.models import Task

    base = live_server.url
    shots = os.path.join(artifacts_dir, "roles")
    os.makedirs(shots, exist_ok=True)
    statuses = []
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.on(
        "response",
        lambda r: statuses.append((r.status, r.url)) if r.request.resource_type == "document" else None,
    )

    # Officer of Phan Thiết: inbox → a share not started → report with a comment
    _login(page, base, "cb.phanthiet")
    nav = page.locator("#mainnav").inner_text()
    assert "Khảo sát" not in nav and "Trách nhiệm" not in page.content()
    assert _no_403_behind_links(page, base, ["/", "/chi-dao/viec-cua-don-vi/"]) > 5
    task = (
        Task.objects.filter(lead__code="bt-phanthiet", state=Task.NEW, children__isnull=True)
        .order_by("due_date", "pk")
        .first()
    )
    page.goto(f"{base}/chi-dao/nhiem-vu/{task.pk}/")
    actions = _forms_allowed(page)
    assert all("/tra-lai/" not in a and "/accept/" not in a for a in actions)
    form = page.locator("#report-form")
    form.locator("textarea[name=text]").fill("Đã hoàn thành, gửi kèm báo cáo.")
    form.locator("input[name=final]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    # Head of Phan Thiết: returns it with a comment; the officer reports again; the head approves
    _login(page, base, "ct.phanthiet")
    assert _no_403_behind_links(page, base, ["/", "/chi-dao/viec-cua-don-vi/?tab=waiting"]) > 3
    page.goto(f"{base}/chi-dao/nhiem-vu/{task.pk}/")
    page.locator("#head-return-form input[name=note]").fill("Bổ sung số liệu kèm theo.")
    page.locator("#head-return-form button").click()
    page.wait_for_load_state()
    task.refresh_from_db()
    assert task.state == Task.RETURNED
    _login(page, base, "cb.phanthiet")
    page.goto(f"{base}/chi-dao/nhiem-vu/{task.pk}/")
    assert "Bổ sung số liệu kèm theo." in page.content()
    form = page.locator("#report-form")
    form.locator("textarea[name=text]").fill("Đã bổ sung số liệu.")
    form.locator("input[name=final]").check()
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    _login(page, base, "ct.phanthiet")
    page.goto(f"{base}/chi-dao/nhiem-vu/{task.pk}/")
    page.locator("#approve-form button").click()
    page.wait_for_load_state()

    # Monitor: the bell shows what waits; board → the task → accept
    _login(page, base, "sonoivu")
    assert int(page.locator("#bell-count").inner_text()) >= 1
    _bell_readable(page)
    assert _no_403_behind_links(page, base, ["/", "/chi-dao/theo-doi/", "/chi-dao/thong-bao/"]) > 10
    page.goto(f"{base}/chi-dao/nhiem-vu/{task.pk}/")
    page.locator("#action-accept button").click()
    page.wait_for_load_state()
    task.refresh_from_db()
    assert task.state == Task.DONE

    # Leader: home → "Chỉ số thành phần giảm điểm" card → the answer (2 clicks at most)
    _login(page, base, "lanhdao")
    assert _no_403_behind_links(page, base, ["/", "/chi-so/giam-diem/", "/chi-so/PAPI/?nam=2021"]) > 10
    page.goto(f"{base}/")
    page.get_by_text("Chỉ số thành phần giảm điểm").click()
    page.wait_for_load_state()
    answer = page.locator("#answer-PAPI").inner_text()
    assert "PAPI 2021" in answer
    d3 = page.locator("#fallen-PAPI-D3").inner_text()
    d5 = page.locator("#fallen-PAPI-D5").inner_text()
    assert "Trách nhiệm giải trình" in d3 and "4,742 → 4,410" in d3 and "Thanh tra tỉnh" in d3
    assert "Thủ tục hành chính công" in d5 and "7,447 → 6,969" in d5
    for block in (d3, d5):
        assert re.search(r"\d+ nhiệm vụ", block)
        assert re.search(r"\d+ đơn vị: \d+ ", block)  # a group task once, with its shares counted
    assert "I.4" in d3 and "I.4" in d5
    assert page.locator("form[action*='gan-nhan']").count() == 0  # no confirm buttons the leader can't use
    page.screenshot(path=os.path.join(shots, "leader-answer.png"), full_page=True)

    # Chart numbers follow the same rule as the page ("6,48", "1.234,5")
    page.goto(f"{base}/chi-so/PAPI/?nam=2021")
    page.wait_for_selector("#trend[data-chart-ready='1'] canvas", timeout=10000)
    shown = page.evaluate(
        "() => { const o = echarts.getInstanceByDom(document.getElementById('trend')).getOption();"
        " const axis = [].concat(o.yAxis)[0]; return [axis.axisLabel.formatter(6.48), o.tooltip[0].valueFormatter(1234.5)]; }"
    )
    assert shown == ["6,48", "1.234,5"]

    assert not [s for s in statuses if s[0] in (403, 500)], statuses

    # 390 px: board, inbox, task page, report form
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    _login(phone, base, "sonoivu")
    _fits_phone(phone, f"{base}/chi-dao/theo-doi/", "board")
    phone.screenshot(path=os.path.join(shots, "board-390.png"), full_page=True)
    _login(phone, base, "cb.phanthiet")
    _fits_phone(phone, f"{base}/chi-dao/viec-cua-don-vi/", "inbox")
    other = Task.objects.filter(lead__code="bt-phanthiet", state=Task.NEW, children__isnull=True).first()
    _fits_phone(phone, f"{base}/chi-dao/nhiem-vu/{other.pk}/", "task page")
    assert phone.locator("#report-form").is_visible()
    phone.locator("#report-form").scroll_into_view_if_needed()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "report form"
    phone.screenshot(path=os.path.join(shots, "task-report-form-390.png"), full_page=True)
