"""A seed task driven through every state in a real browser, each step by the role allowed to take it."""

import os

import pytest

from chiso.core.tests.browser import log_in as _login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_seed_task_through_every_state(live_server, browser, artifacts_dir):
    from chiso.directives import demo as directives_demo
    from chiso.directives.models import Task
    from chiso.registry import demo as registry_demo

    registry_demo.load()
    directives_demo.load()
    # Phan Thiết's share of a seed task addressed to "UBND các huyện, thị xã, thành phố", not yet started
    task = (
        Task.objects.filter(
            ref__startswith="II.4",
            lead__code="bt-phanthiet",
            child_kind=Task.SHARE,
            state=Task.NEW,
            children__isnull=True,
        )
        .order_by("ref")
        .first()
    )
    assert task.state == Task.NEW
    url = f"{live_server.url}/chi-dao/nhiem-vu/{task.pk}/"
    page = browser.new_page(viewport={"width": 1280, "height": 1400})
    shots = os.path.join(artifacts_dir, "directives")
    os.makedirs(shots, exist_ok=True)

    def state():
        task.refresh_from_db()
        return task.state

    def act(action, note=None):
        form = page.locator(f"#action-{action}")
        if note is not None:
            form.locator("input[name=note]").fill(note)
        form.locator("button").click()
        page.wait_for_load_state()

    def report(text):
        form = page.locator("#report-form")
        form.locator("textarea[name=text]").fill(text)
        form.locator("input[name=final]").check()
        form.locator("input[type=file]").set_input_files(
            [{"name": "bao-cao.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
        )
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()

    _login(page, live_server.url, "cb.phanthiet")
    page.goto(f"{live_server.url}/chi-dao/viec-cua-don-vi/")
    page.screenshot(path=os.path.join(shots, "01-inbox-officer.png"), full_page=True)
    page.goto(url)
    assert page.locator("#action-accept").count() == 0  # an officer never sees the monitor's buttons
    act("start")
    assert state() == Task.IN_PROGRESS
    report("UBND thành phố đã chỉ đạo rà soát thủ tục hành chính, kết quả như báo cáo kèm theo.")
    assert state() == Task.IN_PROGRESS and task.reports.get().status == "pending_head"

    _login(page, live_server.url, "ct.phanthiet")
    page.goto(url)
    page.locator("#approve-form button").click()
    page.wait_for_load_state()
    assert state() == Task.REPORTED

    _login(page, live_server.url, "sonoivu")
    page.goto(url)
    page.screenshot(path=os.path.join(shots, "02-task-awaiting-monitor.png"), full_page=True)
    act("return", "Chưa nêu số thủ tục đã rà soát và kiến nghị đơn giản hóa.")
    assert state() == Task.RETURNED

    _login(page, live_server.url, "cb.phanthiet")
    page.goto(url)
    report("Đã rà soát 312 thủ tục, kiến nghị đơn giản hóa 14 thủ tục (danh sách kèm theo).")
    _login(page, live_server.url, "ct.phanthiet")
    page.goto(url)
    page.locator("#approve-form button").click()
    page.wait_for_load_state()
    assert state() == Task.REPORTED

    _login(page, live_server.url, "sonoivu")
    page.goto(url)
    act("accept", "Đạt yêu cầu.")
    assert state() == Task.DONE
    act("reopen", "Phát sinh yêu cầu rà soát bổ sung.")
    assert state() == Task.IN_PROGRESS
    act("cancel", "Nội dung đã được giao tại văn bản khác.")
    assert state() == Task.CANCELLED
    page.screenshot(path=os.path.join(shots, "03-task-history.png"), full_page=True)
    history = page.locator("#history").inner_text()
    for words in [
        "Bắt đầu thực hiện",
        "Lãnh đạo đơn vị duyệt báo cáo",
        "Trả lại",
        "Chấp nhận kết quả",
        "Mở lại",
        "Dừng, hủy",
    ]:
        assert words in history
    assert [e.to_state for e in task.events.all()] == [
        "in_progress",
        "in_progress",
        "reported",
        "returned",
        "in_progress",
        "reported",
        "done",
        "in_progress",
        "cancelled",
    ]

    # a wrong role posting the monitor's form gets 403
    _login(page, live_server.url, "cb.stttt")
    response = page.goto(url)
    assert response.status == 403
    page.goto(f"{live_server.url}/chi-dao/theo-doi/")
    _login(page, live_server.url, "sonoivu")
    page.goto(f"{live_server.url}/chi-dao/theo-doi/?state=overdue")
    page.screenshot(path=os.path.join(shots, "04-board-overdue.png"), full_page=True)
    page.goto(f"{live_server.url}/chi-dao/van-ban/{task.directive_id}/")
    page.screenshot(path=os.path.join(shots, "05-directive.png"), full_page=True)
    page.goto(f"{live_server.url}/chi-dao/trach-nhiem/")
    page.wait_for_timeout(800)
    page.screenshot(path=os.path.join(shots, "06-accountability.png"), full_page=True)
