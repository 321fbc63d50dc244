"""Monthly contact: sessions report the month's instance, missed months show in the grid and in
accountability, issues forwarded as tasks."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from chiso.directives.models import Task
from chiso.directives.services import accountability, life
from chiso.programme.services import contact
from chiso.registry.models import Agency

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]
D = datetime.date


@pytest.fixture
def requirement(people):
    """Seed I.4 in small: monthly contact from 8/2022 for Sở TT&TT and Phan Thiết; today 14/10/2022."""
    from chiso.directives.models import Directive, ReminderSchedule

    ReminderSchedule.objects.create(days_before=[7, 3, 1], as_of=D(2022, 10, 14), head_approval=False)
    directive = Directive.objects.create(
        title="Kết luận thử nghiệm", number="6/TB-UBND", status=Directive.PUBLISHED, issued_on=D(2022, 7, 27)
    )
    task = Task.objects.create(
        directive=directive,
        ref="I.4",
        text="Định kỳ hằng tháng tiếp xúc, làm việc với người dân, doanh nghiệp",
        deadline_text="bắt đầu thực hiện từ tháng 8/2022",
        recurrence="month",
    )
    agencies = list(Agency.objects.filter(code__in=["bt-stttt", "bt-phanthiet"]).order_by("code"))
    for share in life.fan_out(task, agencies):
        life.make_instances(Task.objects.get(pk=share.pk))
    return contact.require_contact(task, people["monitor"])


def _stttt():
    return Agency.objects.get(code="bt-stttt")


def test_the_requirement_starts_with_the_first_period(requirement):
    assert requirement.starts_on == D(2022, 8, 1)
    assert contact.months(requirement, D(2022, 10, 14)) == [(2022, 8), (2022, 9), (2022, 10)]


def test_a_session_reports_the_months_instance(requirement, people):
    session = contact.record_session(
        requirement,
        _stttt(),
        people["officer"],
        held_on=D(2022, 8, 19),
        chair="Giám đốc Sở",
        participants=30,
        issues_raised=6,
        issues_resolved=4,
    )
    instance = session.instance
    assert instance.period == "08/2022" and instance.lead == _stttt()
    instance.refresh_from_db()
    assert instance.state == Task.REPORTED
    assert "30 người tham dự, 6 ý kiến" in instance.reports.get().text


def test_the_grid_shows_held_missed_and_the_running_month(requirement, people):
    contact.record_session(
        requirement, _stttt(), people["officer"], held_on=D(2022, 9, 5), chair="Giám đốc Sở"
    )
    contact.record_session(
        requirement, _stttt(), people["officer"], held_on=D(2022, 9, 28), chair="Phó Giám đốc"
    )
    cols, rows = contact.grid(requirement)
    by_code = {r.agency.code: r for r in rows}
    assert by_code["bt-stttt"].cells == [("missed", 0), ("held", 2), ("open", 0)]
    assert by_code["bt-phanthiet"].cells == [("missed", 0), ("missed", 0), ("open", 0)]
    assert contact.missed_by_agency(requirement) == {
        _stttt().pk: 1,
        Agency.objects.get(code="bt-phanthiet").pk: 2,
    }


def test_missed_months_count_in_accountability(requirement, people):
    """August missed, September held and accepted: one overdue and one on-time period for Sở TT&TT."""
    session = contact.record_session(
        requirement, _stttt(), people["officer"], held_on=D(2022, 9, 5), chair="Giám đốc Sở"
    )
    life.transition(session.instance, "accept", people["monitor"], on=D(2022, 9, 6))
    rows = {
        r.agency.code: r for r in accountability.table(D(2022, 1, 1), D(2022, 12, 31), on=D(2022, 10, 14))
    }
    assert (rows["bt-stttt"].on_time, rows["bt-stttt"].overdue) == (1, 1)
    assert rows["bt-phanthiet"].overdue == 2


def test_bad_sessions_are_refused_clearly(requirement, people):
    with pytest.raises(PermissionDenied):
        contact.record_session(requirement, _stttt(), people["other"], held_on=D(2022, 9, 5), chair="X")
    with pytest.raises(PermissionDenied):
        contact.record_session(requirement, _stttt(), people["monitor"], held_on=D(2022, 9, 5), chair="X")
    cases = [
        (dict(held_on=D(2022, 11, 1), chair="X"), "sau hôm nay"),
        (dict(held_on=D(2022, 7, 1), chair="X"), "từ tháng 08/2022"),
        (dict(held_on=D(2022, 9, 1), chair=" "), "người chủ trì"),
        (dict(held_on=D(2022, 9, 1), chair="X", issues_raised=1, issues_resolved=3), "nhiều hơn"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValidationError, match=message):
            contact.record_session(requirement, _stttt(), people["officer"], **kwargs)
    assert not requirement.sessions.exists()


def test_an_issue_is_forwarded_as_a_task_of_the_agency_that_can_settle_it(requirement, people):
    session = contact.record_session(
        requirement, _stttt(), people["officer"], held_on=D(2022, 9, 5), chair="GĐ"
    )
    tnmt = Agency.objects.get(code="bt-stnmt")
    issue = contact.forward_issue(
        session, people["officer"], text="Hồ sơ đất quá hạn", to_agency=tnmt, due_date=D(2022, 10, 5)
    )
    task = issue.task
    assert (task.lead, task.due_date, task.report_to) == (tnmt, D(2022, 10, 5), _stttt())
    assert task.directive.status == "published" and "Hồ sơ đất quá hạn" in task.text
    with pytest.raises(ValidationError, match="sau ngày tiếp xúc"):
        contact.forward_issue(session, people["officer"], text="X", to_agency=tnmt, due_date=D(2022, 9, 5))


def test_pages_by_role(requirement, people, client):
    contact.record_session(
        requirement, _stttt(), people["officer"], held_on=D(2022, 9, 5), chair="Giám đốc Sở"
    )
    url = f"/chuong-trinh/tiep-xuc/{requirement.pk}/"
    own = f"{url}don-vi/{_stttt().pk}/"
    cases = [
        (people["monitor"], url, 200),
        (people["leader"], url, 200),
        (people["officer"], url, 302),  # straight to its own row
        (people["officer"], own, 200),
        (people["other"], own, 403),
    ]
    for user, target, status in cases:
        client.force_login(user)
        assert client.get(target).status_code == status, (user, target)
    client.force_login(people["monitor"])
    assert client.post(own, {"held_on": "05/10/2022", "chair": "X"}).status_code == 403
    client.force_login(people["officer"])
    response = client.post(
        own,
        {"held_on": "05/10/2022", "chair": "", "participants": 0, "issues_raised": 0, "issues_resolved": 0},
    )
    assert response.status_code == 400
    response = client.post(
        own,
        {
            "held_on": "05/10/2022",
            "chair": "Giám đốc Sở",
            "participants": 12,
            "issues_raised": 2,
            "issues_resolved": 2,
        },
    )
    assert response.status_code == 302 and requirement.sessions.count() == 2


def test_the_api_gives_each_agency_its_own_row_only(requirement, people, client):
    contact.record_session(
        requirement, _stttt(), people["officer"], held_on=D(2022, 9, 5), chair="Giám đốc Sở"
    )
    url = f"/api/programme/contact/{requirement.pk}"
    assert client.get(url).status_code == 401
    client.force_login(people["officer"])
    found = client.get(url).json()
    assert [a["agency_code"] for a in found["agencies"]] == ["bt-stttt"]
    assert found["agencies"][0]["months"]["09/2022"] == {"state": "held", "sessions": 1}
    client.force_login(people["monitor"])
    assert len(client.get(url).json()["agencies"]) == 2
