"""Inbox, board filters, directive and task pages, accountability access, home card."""

from datetime import date

import pytest
from django.urls import reverse

from chiso.directives.models import ReminderSchedule, Task

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


@pytest.fixture
def board_data(people, make_task):
    from chiso.indices.models import Index, TaskComponent

    ReminderSchedule.objects.create(days_before=[7], due_soon_days=7, as_of=date(2022, 10, 14))
    tasks = {
        "overdue": make_task(due=date(2022, 10, 1), text="Quá hạn PT"),
        "soon": make_task(due=date(2022, 10, 18), text="Sắp đến hạn PT"),
        "returned": make_task(due=date(2022, 11, 30), text="Bị trả lại PT", state=Task.RETURNED),
        "done": make_task(
            due=date(2022, 9, 1), text="Đã xong PT", state=Task.DONE, completed_on=date(2022, 9, 3)
        ),
        "other": make_task(code="bt-stttt", due=date(2022, 10, 2), text="Quá hạn TTTT"),
    }
    # The board's index filter reads the indices app's component tags (one source for the fact).
    indices = {
        code: Index.objects.get_or_create(code=code, defaults={"name": code})[0] for code in ("PAR", "PAPI")
    }
    TaskComponent.objects.filter(task__in=tasks.values()).delete()
    for key, code, comp in [
        ("overdue", "PAR", "A5"),
        ("soon", "PAPI", "D3"),
        ("returned", "PAR", "A5"),
        ("other", "PAR", "A5"),
    ]:
        TaskComponent.objects.create(task=tasks[key], index=indices[code], component_code=comp)
    return tasks


def _texts(response):
    return sorted(r["task"].text for r in response.context["rows"])


def test_inbox_tabs_show_only_own_agency_work(board_data, people, client):
    client.force_login(people["officer"])
    r = client.get(reverse("directives:inbox"))
    assert r.status_code == 200
    assert _texts(r) == ["Bị trả lại PT", "Quá hạn PT", "Sắp đến hạn PT"]
    assert [(k, n) for k, _l, n in r.context["tabs"]] == [
        ("open", 3),
        ("due_soon", 1),
        ("overdue", 1),
        ("returned", 1),
        ("waiting", 0),
    ]
    assert _texts(client.get(reverse("directives:inbox"), {"tab": "overdue"})) == ["Quá hạn PT"]
    from chiso.directives.services import life

    life.submit_report(
        board_data["soon"], people["officer"], text="Xong", percent=100, final=True
    )  # awaits the head
    assert _texts(client.get(reverse("directives:inbox"), {"tab": "waiting"})) == ["Sắp đến hạn PT"]
    client.force_login(people["head"])
    assert [(k, n) for k, _l, n in client.get(reverse("directives:inbox")).context["tabs"]][-1] == (
        "waiting",
        1,
    )
    partial = client.get(reverse("directives:inbox"), {"tab": "due_soon"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and "Sắp đến hạn PT" in partial.content.decode()


def test_board_filters_by_state_agency_window_and_index(board_data, people, client):
    client.force_login(people["monitor"])
    url = reverse("directives:board")
    assert _texts(client.get(url, {"state": "overdue"})) == ["Quá hạn PT", "Quá hạn TTTT"]
    assert _texts(
        client.get(url, {"state": "overdue", "index": "PAR", "agency": board_data["other"].lead_id})
    ) == ["Quá hạn TTTT"]
    assert _texts(client.get(url, {"window": "7"})) == ["Sắp đến hạn PT"]
    assert _texts(client.get(url, {"state": "done_late"})) == ["Đã xong PT"]
    r = client.get(url)
    assert r.context["summary"] == {
        "total": 5,
        "overdue": 2,
        "due_soon": 1,
        "reported": 0,
        "done": 1,
        "done_late": 1,
    }
    # an officer's board is limited to its own agency
    client.force_login(people["other_officer"])
    assert _texts(client.get(url)) == ["Quá hạn TTTT"]


def test_task_and_directive_pages(board_data, people, client, directive):
    client.force_login(people["officer"])
    task = board_data["overdue"]
    r = client.get(reverse("directives:task", args=[task.pk]))
    assert r.status_code == 200
    page = r.content.decode()
    assert "Quá hạn 13 ngày" in page and 'id="report-form"' in page and 'id="action-accept"' not in page
    assert client.get(reverse("directives:task", args=[board_data["other"].pk])).status_code == 403
    r = client.get(reverse("directives:directive", args=[directive.pk]))
    assert r.status_code == 200 and r.context["total"] == 5 and r.context["done"] == 1


def test_accountability_is_for_overseers_and_heads(board_data, people, client):
    url = reverse("directives:accountability")
    client.force_login(people["officer"])
    assert client.get(url).status_code == 403
    client.force_login(people["head"])
    r = client.get(url, {"from": "01/01/2022", "to": "31/12/2022"})
    assert [row.agency.code for row in r.context["rows"]] == ["bt-phanthiet"]
    client.force_login(people["leader"])
    r = client.get(url, {"from": "01/01/2022", "to": "31/12/2022"})
    assert {row.agency.code for row in r.context["rows"]} == {"bt-phanthiet", "bt-stttt"}
    assert 'data-chart="acc-chart"' in r.content.decode()


def test_home_card_counts_overdue(board_data, people, client):
    client.force_login(people["monitor"])
    page = client.get("/").content.decode()
    assert "Nhiệm vụ quá hạn (toàn tỉnh)" in page


def test_directive_list_counts(board_data, people, client, directive):
    client.force_login(people["officer"])
    r = client.get(reverse("directives:directive_list"))
    assert r.status_code == 200
    assert [(row["parts"], row["done"], row["overdue"]) for row in r.context["rows"]] == [(5, 1, 2)]
    assert "Nhập văn bản mới" not in r.content.decode()
