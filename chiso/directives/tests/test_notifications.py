"""Notifications for every step of a task's life, to the people who act next; mail at once or in a
daily digest through a real SMTP server (aiosmtpd)."""

from datetime import date

import pytest
from django.urls import reverse

from chiso.directives.models import Notification, NotificationPreference, ReminderSchedule, Task
from chiso.directives.services import life, notify

from .test_reminders import smtp  # noqa: F401  (the real SMTP server fixture)

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


@pytest.fixture
def team(people):
    from chiso.registry.models import User

    # only the people of this test receive anything (the demo logins are switched off)
    User.objects.exclude(pk__in=[u.pk for u in people.values()]).update(is_active=False)
    ReminderSchedule.objects.create(days_before=[7], head_approval=True, as_of=date(2022, 9, 1))
    return people


def _got(user, kind=None):
    qs = Notification.objects.filter(user=user)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.values_list("kind", flat=True))


def _clear():
    Notification.objects.all().delete()


def _who(kind):
    return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))


def test_every_transition_notifies_who_acts_next(team, make_task):
    officer, head, monitor, other = team["officer"], team["head"], team["monitor"], team["other_officer"]
    task = make_task(due=date(2022, 9, 30))

    life.transition(task, "start", officer)
    assert Notification.objects.count() == 0  # starting is nobody else's business

    # officer reports → the head must approve
    report = life.submit_report(task, officer, text="Đã xong", percent=100, final=True)
    assert _who("report_to_head") == {head.pk}
    # head returns with a comment → the officer
    _clear()
    life.return_report(report, head, note="Bổ sung minh chứng")
    assert _who("head_returned") == {officer.pk}
    assert "Bổ sung minh chứng" in Notification.objects.get(kind="head_returned").text
    task.refresh_from_db()
    assert task.state == Task.RETURNED
    # officer reports again, head approves → the monitors (and the author is told)
    _clear()
    report = life.submit_report(task, officer, text="Đã bổ sung", percent=100, final=True)
    life.approve_report(report, head)
    assert monitor.pk in _who("report_to_monitor") and officer.pk in _who("report_to_monitor")
    assert head.pk not in _who("report_to_monitor")
    # monitor returns → the agency
    _clear()
    life.transition(task, "return", monitor, note="Chưa đạt")
    assert _who("returned") == {officer.pk, head.pk}
    # a head reporting himself goes straight to the monitor
    _clear()
    life.submit_report(task, head, text="Lần 3", percent=100, final=True)
    assert _who("report_to_monitor") == {monitor.pk}
    # monitor accepts → the agency
    _clear()
    life.transition(task, "accept", monitor)
    assert _who("accepted") == {officer.pk, head.pk}
    # reopen and cancel → the agency
    _clear()
    life.transition(task, "reopen", monitor, note="Phát sinh")
    life.transition(task, "cancel", monitor, note="Không còn phù hợp")
    assert _who("reopened") == {officer.pk, head.pk} and _who("cancelled") == {officer.pk, head.pk}
    assert other.pk not in set(Notification.objects.values_list("user_id", flat=True))


def test_extensions_edits_and_assignment_notify(team, make_task, directive):
    officer, head, monitor = team["officer"], team["head"], team["monitor"]
    task = make_task(due=date(2022, 9, 30))
    ext = life.request_extension(task, officer, new_due=date(2022, 10, 20), reason="Chờ số liệu")
    assert _who("extension_requested") == {monitor.pk}
    life.decide_extension(ext, monitor, approve=True)
    assert _who("extension_approved") == {officer.pk, head.pk}
    ext = life.request_extension(task, head, new_due=date(2022, 11, 20), reason="Thêm thời gian")
    life.decide_extension(ext, monitor, approve=False, note="Không có căn cứ")
    assert _who("extension_refused") == {officer.pk, head.pk}
    task.refresh_from_db()
    life.edit(task, monitor, version=task.version, due_date=date(2022, 12, 1))
    assert _who("edited") == {officer.pk, head.pk}
    # a group task shared out: each member's people hear once
    _clear()
    from chiso.registry.models import Agency

    group = Task.objects.create(directive=directive, ref="I.1", text="Việc chung", lead_text="UBND các huyện")
    life.fan_out(group, list(Agency.objects.filter(code__in=["bt-phanthiet", "bt-stttt"])))
    assert _who("assigned") == {officer.pk, head.pk, team["other_officer"].pk, team["other_head"].pk}


def test_header_shows_unread_count_and_the_page_marks_read(team, make_task, client):
    officer, head = team["officer"], team["head"]
    task = make_task()
    life.submit_report(task, officer, text="Xong", percent=100, final=True)
    client.force_login(head)
    page = client.get("/").content.decode()
    assert 'id="bell-count">1<' in page
    assert client.get(reverse("directives:notification_count")).content.decode().count(">1<") == 1
    r = client.get(reverse("directives:notifications"))
    assert "Báo cáo chờ anh/chị duyệt" in r.content.decode()
    assert notify.unread(head) == 0


def test_daily_digest_and_immediate_mail_through_smtp(team, make_task, smtp, client):  # noqa: F811
    officer, head, monitor = team["officer"], team["head"], team["monitor"]
    task = make_task()
    client.force_login(monitor)
    r = client.post(reverse("directives:notifications"), {"email": "immediate"})
    assert r.status_code == 302 and NotificationPreference.mode_for(monitor) == "immediate"
    life.submit_report(task, officer, text="Xong", percent=100, final=True)  # → head (digest)
    report = task.reports.get()
    life.approve_report(report, head)  # → monitor (immediate) and officer (digest)
    # the immediate mail is sent when the transaction commits (tests run inside one: run it by hand)
    notify.mail_now(list(Notification.objects.filter(user=monitor).values_list("pk", flat=True)))
    assert [rcpt for rcpt, _s in smtp.messages] == [[monitor.email]]
    assert notify.digest() == 2  # one mail each for the head and the officer
    assert sorted(r[0] for r, _s in smtp.messages[1:]) == sorted([head.email, officer.email])
    assert all("thông báo mới" in s for _r, s in smtp.messages[1:])
    assert notify.digest() == 0 and len(smtp.messages) == 3  # nothing twice
    NotificationPreference.objects.create(user=officer, email="none")
    life.transition(task, "return", monitor, note="Thiếu")
    assert notify.digest() == 1 and smtp.messages[-1][0] == [head.email]  # the officer opted out


def test_digest_command_runs_and_reminders_are_not_mailed_twice(team, make_task, smtp):  # noqa: F811
    from io import StringIO

    from django.core.management import call_command

    from chiso.directives.services import reminders

    make_task(due=date(2022, 9, 8))
    ReminderSchedule.objects.update(as_of=date(2022, 9, 1))
    reminders.run()
    assert len(smtp.messages) == 1
    out = StringIO()
    call_command("notify-digest", stdout=out)
    assert "Đã gửi 0 thư" in out.getvalue() and len(smtp.messages) == 1
