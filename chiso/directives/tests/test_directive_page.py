"""The directive page counts every leaf under its top task, links only what the reader may open, and
reads the same number of rows whatever the number of shares (issue 11: it read every task in full and
compared each top task with every leaf)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chiso.directives.models import ReminderSchedule, Task
from chiso.registry.models import Agency


@pytest.fixture
def group(people, make_task):
    ReminderSchedule.objects.create(days_before=[7], due_soon_days=7, as_of=date(2022, 10, 14))
    top = make_task(code=None, text="Nhiệm vụ chung của các đơn vị", ref="1")
    share = make_task(parent=top, child_kind=Task.SHARE, text=top.text)  # Phan Thiết's share, periodic
    for month, state in ((8, Task.DONE), (9, Task.DONE), (10, Task.NEW)):
        make_task(
            parent=share,
            child_kind=Task.INSTANCE,
            text=top.text,
            due=date(2022, month, 28),
            state=state,
            completed_on=date(2022, month, 20) if state == Task.DONE else None,
        )
    make_task(code="bt-stttt", parent=top, child_kind=Task.SHARE, text=top.text, due=date(2022, 10, 1))
    single = make_task(code="bt-stttt", text="Việc riêng của Sở TT&TT", ref="2", due=date(2022, 12, 1))
    return top, single


def _rows(response):
    return {
        r["task"].ref: (r["parts"], r["counts"]["done"], r["counts"]["overdue"], r["can_view"])
        for r in response.context["rows"]
    }


def test_parts_are_counted_under_their_top_task_and_links_follow_permissions(
    group, people, client, directive
):
    url = reverse("directives:directive", args=[directive.pk])
    client.force_login(people["officer"])  # Phan Thiết: a share of task 1, nothing of task 2
    r = client.get(url)
    # task 1: three periods of Phan Thiết's share + Sở TT&TT's share (overdue since 1/10)
    assert _rows(r) == {"1": (4, 2, 1, True), "2": (1, 0, 0, False)}
    assert r.context["total"] == 5 and r.context["done"] == 2
    client.force_login(people["monitor"])
    assert _rows(client.get(url)) == {"1": (4, 2, 1, True), "2": (1, 0, 0, True)}


def test_queries_do_not_grow_with_the_shares(group, people, client, directive, make_task):
    url = reverse("directives:directive", args=[directive.pk])
    client.force_login(people["officer"])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    top = group[0]
    for agency in Agency.objects.exclude(code__in=["bt-phanthiet", "bt-stttt"])[:10]:
        make_task(code=agency.code, parent=top, child_kind=Task.SHARE, text=top.text)
    with CaptureQueriesContext(connection) as after:
        r = client.get(url)
    assert _rows(r)["1"][0] == 14
    assert len(after.captured_queries) == len(before.captured_queries)
