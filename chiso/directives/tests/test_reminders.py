"""Reminders through a real local SMTP server (aiosmtpd) while the clock moves across a task's life."""

import email
import socket
from datetime import date, timedelta
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from chiso.directives.models import Notification, ReminderLog, ReminderSchedule, Task
from chiso.directives.services import life, reminders

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.content)
        subject = str(email.header.make_header(email.header.decode_header(msg["Subject"])))
        self.messages.append((sorted(envelope.rcpt_tos), subject))
        return "250 OK"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    yield inbox
    controller.stop()


@pytest.fixture
def staff(demo_registry, user_factory):
    from chiso.registry.models import User

    # Only our own people should receive mail: the demo logins of Phan Thiết and the monitors are switched off.
    User.objects.exclude(username__startswith="user").update(is_active=False)
    return {
        "officer": user_factory("officer", agency="bt-phanthiet"),
        "head": user_factory("head", agency="bt-phanthiet"),
        "monitor": user_factory("monitor", agency="bt-snv"),
        "other": user_factory("officer", agency="bt-stttt"),
    }


def test_clock_across_a_task_life_sends_exactly_the_scheduled_mails(smtp, staff, make_task):
    ReminderSchedule.objects.create(
        days_before=[7, 3, 1], on_due_day=True, overdue_every=3, head_after=7, monitor_after=14
    )
    task = make_task(due=date(2022, 9, 30))
    make_task(code="bt-stttt", due=date(2022, 12, 31), ref="X")  # far away: nothing for the other agency
    officer, head, monitor = (staff[k].email for k in ("officer", "head", "monitor"))
    day, sent = date(2022, 9, 20), []
    while day <= date(2022, 10, 20):
        if day == date(2022, 10, 15):
            life.submit_report(task, staff["officer"], text="Đã hoàn thành", percent=100, final=True, on=day)
        if day == date(2022, 10, 17):
            life.approve_report(
                task.reports.get(), staff["head"], on=day
            )  # now awaiting the monitor: no more đôn đốc
        before = len(smtp.messages)
        reminders.run(on=day)
        reminders.run(on=day)  # a second run the same day sends nothing
        sent += [(day, rcpts, subject) for rcpts, subject in smtp.messages[before:]]
        day += timedelta(days=1)
    got = [(d.strftime("%d/%m"), rcpts, subject.split(":")[0]) for d, rcpts, subject in sent]
    assert got == [
        ("23/09", [officer], "[Nhắc việc] Còn 7 ngày đến hạn"),
        ("27/09", [officer], "[Nhắc việc] Còn 3 ngày đến hạn"),
        ("29/09", [officer], "[Nhắc việc] Còn 1 ngày đến hạn"),
        ("30/09", [officer], "[Nhắc việc] Hôm nay đến hạn"),
        ("01/10", [officer], "[Đôn đốc] Quá hạn 1 ngày"),
        ("04/10", [officer], "[Đôn đốc] Quá hạn 4 ngày"),
        ("07/10", sorted([officer, head]), "[Đôn đốc] Nhiệm vụ quá hạn 7 ngày chưa hoàn thành"),
        ("10/10", sorted([officer, head]), "[Đôn đốc] Nhiệm vụ quá hạn 10 ngày chưa hoàn thành"),
        ("13/10", sorted([officer, head]), "[Đôn đốc] Nhiệm vụ quá hạn 13 ngày chưa hoàn thành"),
        (
            "14/10",
            sorted([officer, head, monitor]),
            "[Đôn đốc] Ủy ban nhân dân thành phố Phan Thiết quá hạn 14 ngày",
        ),
        (
            "16/10",
            sorted([officer, head, monitor]),
            "[Đôn đốc] Ủy ban nhân dân thành phố Phan Thiết quá hạn 16 ngày",
        ),
    ]
    assert ReminderLog.objects.count() == 11 and ReminderLog.objects.filter(mailed=True).count() == 11
    assert Notification.objects.filter(user=staff["officer"], kind="reminder").count() == 11
    assert Notification.objects.filter(user=staff["head"], kind="reminder").count() == 5
    assert Notification.objects.filter(user=staff["monitor"], kind="reminder").count() == 2
    assert Notification.objects.filter(user=staff["other"]).count() == 0


def test_remind_command_twice_sends_nothing_new_and_dry_run_sends_nothing(smtp, staff, make_task):
    ReminderSchedule.objects.create(
        days_before=[7, 3, 1], as_of=date(2022, 10, 1)
    )  # the clock the command sees
    make_task(due=date(2022, 9, 30))
    make_task(due=date(2022, 10, 4), ref="II.2.2")
    out = StringIO()
    call_command("remind", "--dry-run", stdout=out)
    assert "Sẽ gửi 2 nhắc việc." in out.getvalue() and smtp.messages == []
    assert ReminderLog.objects.count() == 0
    call_command("remind", stdout=StringIO())
    assert sorted(s.split(":")[0] for _r, s in smtp.messages) == [
        "[Nhắc việc] Còn 3 ngày đến hạn",
        "[Đôn đốc] Quá hạn 1 ngày",
    ]
    out = StringIO()
    call_command("remind", stdout=out)
    assert "Đã gửi 0 nhắc việc." in out.getvalue()
    assert len(smtp.messages) == 2


def test_done_and_cancelled_tasks_are_not_reminded(smtp, staff, make_task):
    task = make_task(due=date(2022, 9, 30))
    Task.objects.filter(pk=task.pk).update(state=Task.CANCELLED)
    assert reminders.run(on=date(2022, 10, 1)) == []
    assert smtp.messages == []
