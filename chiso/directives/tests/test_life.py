"""Task life: transitions by the right roles (403 for every wrong one), history, lateness, locking."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chiso.directives.models import Evidence, Extension, ProgressReport, Task, TaskEvent
from chiso.directives.services import life

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


ROLES = ["officer", "head", "monitor", "leader", "other_officer", "other_head"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _put(task, state):
    Task.objects.filter(pk=task.pk).update(state=state)
    task.refresh_from_db()


def _client(client, user):
    client.force_login(user)
    return client


# action -> (url name, source state, roles allowed, POST data, resulting state)
MATRIX = {
    "start": ("task_action", Task.NEW, {"officer", "head"}, {"note": ""}, Task.IN_PROGRESS),
    "report": (
        "task_report",
        Task.IN_PROGRESS,
        {"officer", "head"},
        {"text": "Đã xong", "percent": "100", "final": "1"},
        None,
    ),
    "accept": ("task_action", Task.REPORTED, {"monitor"}, {"note": "Đạt"}, Task.DONE),
    "return": ("task_action", Task.REPORTED, {"monitor"}, {"note": "Thiếu minh chứng"}, Task.RETURNED),
    "cancel": ("task_action", Task.IN_PROGRESS, {"monitor"}, {"note": "Không còn phù hợp"}, Task.CANCELLED),
    "reopen": ("task_action", Task.CANCELLED, {"monitor"}, {"note": "Giao lại"}, Task.IN_PROGRESS),
    "request_extension": (
        "extension_request",
        Task.IN_PROGRESS,
        {"officer", "head"},
        {"new_due": "2022-10-31", "reason": "Chờ số liệu"},
        None,
    ),
}


@pytest.mark.parametrize("action", list(MATRIX))
def test_every_transition_by_allowed_roles_only(action, people, make_task, client):
    url_name, source, allowed, data, target = MATRIX[action]
    task = make_task()
    _put(task, source)
    args = [task.pk, action] if url_name == "task_action" else [task.pk]
    url = reverse(f"directives:{url_name}", args=args)
    for role in ROLES:
        if role in allowed:
            continue
        response = _client(client, people[role]).post(url, {**data, "version": task.version})
        assert response.status_code == 403, (action, role)
        task.refresh_from_db()
        assert task.state == source
    for role in sorted(allowed):
        _put(task, source)
        Extension.objects.filter(task=task).delete()
        ProgressReport.objects.filter(task=task).delete()
        response = _client(client, people[role]).post(url, {**data, "version": task.version})
        assert response.status_code == 302, (action, role, response.content[:500])
        task.refresh_from_db()
        if target:
            assert task.state == target
    assert TaskEvent.objects.filter(task=task, action=action).exists()


def test_head_approval_decision_and_extension_by_allowed_roles_only(people, make_task, client):
    task = make_task()
    report = life.submit_report(
        task, people["officer"], text="Xong", percent=100, final=True, on=date(2022, 9, 1)
    )
    assert report.status == ProgressReport.PENDING_HEAD
    task.refresh_from_db()
    assert task.state == Task.IN_PROGRESS
    url = reverse("directives:report_approve", args=[task.pk, report.pk])
    for role in ["officer", "monitor", "leader", "other_officer", "other_head"]:
        assert _client(client, people[role]).post(url, {"version": task.version}).status_code == 403, role
    assert _client(client, people["head"]).post(url, {"version": task.version}).status_code == 302
    task.refresh_from_db()
    assert task.state == Task.REPORTED

    ext = life.request_extension(task, people["officer"], new_due=date(2022, 10, 31), reason="Chờ số liệu")
    task.refresh_from_db()
    url = reverse("directives:extension_decide", args=[task.pk, ext.pk])
    for role in ["officer", "head", "leader", "other_officer", "other_head"]:
        assert (
            _client(client, people[role])
            .post(url, {"decision": "approve", "version": task.version})
            .status_code
            == 403
        ), role
    assert (
        _client(client, people["monitor"])
        .post(url, {"decision": "approve", "version": task.version})
        .status_code
        == 302
    )
    task.refresh_from_db()
    assert (task.due_date, task.original_due_date) == (date(2022, 10, 31), date(2022, 9, 30))


def test_full_life_with_history_and_lateness_judged_on_the_approved_date(people, make_task):
    task = make_task(due=date(2022, 9, 30))
    officer, head, monitor = people["officer"], people["head"], people["monitor"]
    life.transition(task, "start", officer, on=date(2022, 9, 1))
    ext = life.request_extension(
        task, officer, new_due=date(2022, 10, 15), reason="Chờ kết quả khảo sát", on=date(2022, 9, 25)
    )
    life.decide_extension(ext, monitor, approve=True, on=date(2022, 9, 27))
    task.refresh_from_db()
    assert (
        life.status(task, date(2022, 10, 5)).key == "in_progress"
    )  # past the original date, within the approved one
    report = life.submit_report(
        task, officer, text="Đã ban hành kế hoạch", percent=100, final=True, on=date(2022, 10, 10)
    )
    life.approve_report(report, head, on=date(2022, 10, 11))
    life.transition(task, "return", monitor, note="Thiếu phân công", on=date(2022, 10, 12))
    task.refresh_from_db()
    assert task.state == Task.RETURNED
    life.submit_report(
        task, head, text="Đã bổ sung phân công", percent=100, final=True, on=date(2022, 10, 18)
    )
    task.refresh_from_db()
    assert task.state == Task.REPORTED  # the head's own report needs no approval
    life.transition(task, "accept", monitor, on=date(2022, 10, 20))
    task.refresh_from_db()
    assert task.completed_on == date(2022, 10, 18)
    assert life.status(task).key == "done_late"  # 18/10 after the approved 15/10
    steps = [(e.action, e.from_state, e.to_state, e.actor_id) for e in task.events.all()]
    assert steps == [
        ("start", "new", "in_progress", officer.pk),
        ("request_extension", "in_progress", "in_progress", officer.pk),
        ("approve_extension", "in_progress", "in_progress", monitor.pk),
        ("report", "in_progress", "in_progress", officer.pk),
        ("approve", "in_progress", "reported", head.pk),
        ("return", "reported", "returned", monitor.pk),
        ("report", "returned", "reported", head.pk),
        ("accept", "reported", "done", monitor.pk),
    ]
    assert task.events.get(action="return").note == "Thiếu phân công"


def test_wrong_state_and_missing_reason_are_refused(people, make_task):
    task = make_task()
    with pytest.raises(ValidationError):
        life.transition(task, "accept", people["monitor"])  # nothing reported yet
    _put(task, Task.REPORTED)
    with pytest.raises(ValidationError, match="lý do"):
        life.transition(task, "return", people["monitor"], note="  ")
    with pytest.raises(PermissionDenied):
        life.transition(task, "accept", people["other_head"])


def test_strict_deadline_and_derived_states(make_task, demo_registry):
    task = make_task(due=date(2022, 8, 31), due_strict=True)  # "trước ngày 31/8/2022"
    assert life.status(task, date(2022, 8, 24)).key == "due_soon"
    assert life.status(task, date(2022, 8, 30)).key == "due_soon"
    assert life.status(task, date(2022, 8, 31)).key == "overdue"
    assert Task.objects.filter(life.overdue_q(date(2022, 8, 31))).count() == 1
    assert Task.objects.filter(life.overdue_q(date(2022, 8, 30))).count() == 0
    Task.objects.filter(pk=task.pk).update(state=Task.DONE, completed_on=date(2022, 8, 31))
    task.refresh_from_db()
    assert life.status(task).key == "done_late"
    assert Task.objects.filter(life.done_late_q()).count() == 1


def test_two_people_saving_the_same_task_do_not_overwrite_each_other(people, make_task, client):
    from django.test import Client

    task = make_task()
    _put(task, Task.REPORTED)
    seen = task.version
    first, second = Client(), Client()
    first.force_login(people["monitor"])
    second.force_login(people["monitor"])
    url = reverse("directives:task_action", args=[task.pk, "return"])
    assert first.post(url, {"version": seen, "note": "Thiếu minh chứng"}).status_code == 302
    response = second.post(
        reverse("directives:task_action", args=[task.pk, "accept"]), {"version": seen, "note": ""}
    )
    assert response.status_code == 409
    assert "người khác cập nhật" in response.content.decode()
    task.refresh_from_db()
    assert task.state == Task.RETURNED
    with pytest.raises(life.StaleTask):
        life.submit_report(task, people["officer"], text="x", percent=10, final=False, version=seen)


def test_evidence_is_checked_stored_and_downloadable_only_by_those_allowed(people, make_task, client):
    task = make_task()
    good = SimpleUploadedFile("ke-hoach.pdf", PDF, content_type="application/pdf")
    response = _client(client, people["officer"]).post(
        reverse("directives:task_report", args=[task.pk]),
        {"text": "Tiến độ", "percent": "40", "files": [good], "version": task.version},
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.filename == "ke-hoach.pdf" and evidence.size == len(PDF)
    assert "ke-hoach" not in evidence.file.name and evidence.file.name.endswith(".pdf")
    url = reverse("directives:evidence", args=[evidence.pk])
    for role in ["officer", "head", "monitor", "leader"]:
        response = _client(client, people[role]).get(url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == PDF
    for role in ["other_officer", "other_head"]:
        assert _client(client, people[role]).get(url).status_code == 403, role

    task.refresh_from_db()
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = _client(client, people["officer"]).post(
        reverse("directives:task_report", args=[task.pk]),
        {"text": "x", "percent": "50", "files": [fake], "version": task.version},
    )
    assert response.status_code == 400
    assert "virus.pdf" in response.content.decode() and "không đúng định dạng" in response.content.decode()
    exe = SimpleUploadedFile("cai-dat.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match="chỉ nhận"):
        life.submit_report(task, people["officer"], text="x", percent=1, final=False, files=[exe])
    assert Evidence.objects.count() == 1


def test_group_task_fans_out_and_parent_counts_its_shares(people, make_task):
    from chiso.registry.models import AgencyGroup

    parent = make_task(
        code=None, lead_text="UBND các huyện, thị xã, thành phố", lead_group="ubnd-cap-huyen", ref="II.4.5"
    )
    members = list(AgencyGroup.objects.get(code="ubnd-cap-huyen").agencies_on(date(2022, 7, 27)))
    life.fan_out(parent, members)
    life.fan_out(parent, members)  # idempotent
    shares = list(parent.children.all())
    assert len(shares) == len(members) == 10
    share = parent.children.get(lead__code="bt-phanthiet")
    life.submit_report(share, people["head"], text="Xong", percent=100, final=True, on=date(2022, 9, 20))
    life.transition(share, "accept", people["monitor"], on=date(2022, 9, 21))
    parent.refresh_from_db()
    assert parent.state == Task.IN_PROGRESS and parent.percent == 10
    with pytest.raises(ValidationError):
        life.transition(parent, "cancel", people["monitor"], note="x")


def test_recurring_task_gets_one_instance_per_period(make_task, demo_registry):
    task = make_task(
        due=None, recurrence="month", start_date=date(2022, 8, 1), deadline_text="trước ngày 25 hằng tháng"
    )
    life.make_instances(task, until=date(2022, 10, 14))
    life.make_instances(task, until=date(2022, 10, 20))  # idempotent
    got = list(task.children.order_by("due_date").values_list("period", "due_date", "due_strict"))
    assert got == [
        ("08/2022", date(2022, 8, 25), True),
        ("09/2022", date(2022, 9, 25), True),
        ("10/2022", date(2022, 10, 25), True),
    ]
    yearly = make_task(due=None, recurrence="year", ref="II.4.1", deadline_text="hàng năm")
    life.make_instances(yearly, until=date(2023, 3, 1))
    assert list(yearly.children.values_list("period", "due_date")) == [
        ("Năm 2022", date(2022, 12, 31)),
        ("Năm 2023", date(2023, 12, 31)),
    ]


def test_two_monitors_editing_the_same_task_do_not_overwrite_each_other(people, make_task, client):
    from django.test import Client

    task = make_task(due=date(2022, 9, 30))
    a, b = Client(), Client()
    a.force_login(people["monitor"])
    b.force_login(people["monitor"])
    url = reverse("directives:task_edit", args=[task.pk])
    seen = task.version
    assert (
        a.post(url, {"version": seen, "text": "Nội dung đã sửa lần 1", "due_date": "2022-10-15"}).status_code
        == 302
    )
    response = b.post(
        url, {"version": seen, "text": "Nội dung sửa lần 2 (chưa thấy lần 1)", "due_date": "2022-09-30"}
    )
    assert response.status_code == 409
    task.refresh_from_db()
    assert (task.text, task.due_date, task.original_due_date) == (
        "Nội dung đã sửa lần 1",
        date(2022, 10, 15),
        date(2022, 9, 30),
    )
    assert task.events.get(action="edit").note.startswith("Sửa nội dung, thời hạn")
    for role in ["officer", "head", "leader", "other_officer"]:
        c = Client()
        c.force_login(people[role])
        assert c.post(url, {"version": task.version, "text": "x"}).status_code == 403, role


def test_fan_out_and_new_periods_leave_one_audit_entry_each(make_task, demo_registry):
    from chiso.core.audit import entries_for
    from chiso.registry.models import AgencyGroup

    parent = make_task(code=None, lead_group="ubnd-cap-huyen")
    life.fan_out(parent, list(AgencyGroup.objects.get(code="ubnd-cap-huyen").agencies_on(date(2022, 7, 27))))
    monthly = make_task(due=None, recurrence="month", start_date=date(2022, 8, 1))
    life.make_instances(monthly, until=date(2022, 9, 15))
    assert [e.note for e in entries_for(parent).filter(action="action")] == ["Giao cho 10 đơn vị (phần việc)"]
    assert entries_for(monthly).get(action="action").changes == {"periods": ["08/2022", "09/2022"]}


def test_nobody_reviews_his_own_report(make_task, user_factory, people):
    both = user_factory("head", "monitor", agency="bt-phanthiet")
    task = make_task()
    life.submit_report(task, both, text="Xong", percent=100, final=True)
    task.refresh_from_db()
    assert task.state == Task.REPORTED
    with pytest.raises(ValidationError, match="không tự xem xét"):
        life.transition(task, "accept", both)
    life.transition(task, "accept", people["monitor"])
    task.refresh_from_db()
    assert task.state == Task.DONE


def test_shares_and_periods_point_to_the_task_of_the_notice(people, make_task, client):
    """The stored root (what lists group by) for shares, periods, periods of a share and a saved child."""
    from chiso.directives.services import lists
    from chiso.registry.models import AgencyGroup

    group = make_task(code=None, lead_group="ubnd-cap-huyen", ref="I.4", recurrence="month", due=None)
    members = list(AgencyGroup.objects.get(code="ubnd-cap-huyen").agencies_on(date(2022, 7, 27)))[:2]
    shares = life.fan_out(group, members)
    periods = life.make_instances(Task.objects.get(pk=shares[0].pk), until=date(2022, 9, 30))
    single = make_task(ref="II.1")
    by_hand = Task.objects.create(
        directive=single.directive, parent=single, text="Kỳ 1", child_kind=Task.INSTANCE
    )
    assert group.root_id is None and single.root_id is None
    assert {t.root_id for t in Task.objects.filter(parent=group)} == {group.pk}
    assert len(periods) == 2 and {t.root_id for t in periods} == {group.pk}
    assert by_hand.root_id == single.pk
    # One row per task of the notice: the group gathers one plain share and the periods of the other.
    on = date(2022, 10, 14)
    rows = {g["top"]: g for g in lists.grouped(lists.leaves(), on, 7)}
    assert rows[group.pk]["n"] == 3 and rows[group.pk]["deep"] == 2 and rows[single.pk]["n"] == 1
    shown = lists.rows_for(lists.grouped(lists.leaves(), on, 7), on, 7)
    assert [r["summary"] for r in shown if r["group"]] == ["3 phần việc: 3 chưa thực hiện, 2 quá hạn"]
    # The expandable row lists every leaf under the group, periods of a share included.
    client.force_login(people["monitor"])
    page = client.get(reverse("directives:task_shares", args=[group.pk])).content.decode()
    assert page.count("08/2022") == 1 and page.count("09/2022") == 1
    # The board's index filter: a tag on the task of the notice brings its shares and periods along.
    from chiso.indices.models import Index, TaskComponent

    papi = Index.objects.get_or_create(code="PAPI", defaults={"name": "PAPI"})[0]
    TaskComponent.objects.create(task=group, index=papi, component_code="D5")
    board = client.get(reverse("directives:board"), {"index": "PAPI"})
    assert [r["task"].pk for r in board.context["rows"]] == [group.pk]
    assert board.context["rows"][0]["group"]["n"] == 3
