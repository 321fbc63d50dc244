"""The API: token authentication, the web's permission rules, 403 and 409."""

from datetime import date

import pytest

from chiso.directives.models import Task
from chiso.registry.tokens import issue

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


def _auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue(user)}"}


def test_token_auth_and_permissions(people, make_task, client):
    from chiso.directives.models import ReminderSchedule

    ReminderSchedule.objects.create(days_before=[7], as_of=date(2022, 9, 20))  # reports are dated "today"
    task = make_task(due=date(2022, 9, 30))
    other = make_task(code="bt-stttt")
    assert client.get("/api/directives/tasks").status_code == 401
    officer = _auth(people["officer"])
    listed = client.get("/api/directives/tasks", **officer).json()
    assert [t["id"] for t in listed] == [task.pk]
    assert client.get(f"/api/directives/tasks/{other.pk}", **officer).status_code == 403
    monitor = _auth(people["monitor"])
    assert {t["id"] for t in client.get("/api/directives/tasks", **monitor).json()} == {task.pk, other.pk}

    r = client.post(
        f"/api/directives/tasks/{task.pk}/reports",
        {"text": "Hoàn thành", "percent": 100, "final": True, "version": 1},
        content_type="application/json",
        **_auth(people["head"]),
    )
    assert r.status_code == 201 and r.json()["status"] == "submitted"
    task.refresh_from_db()
    assert task.state == Task.REPORTED
    bad = client.post(
        f"/api/directives/tasks/{task.pk}/transition",
        {"action": "accept", "version": task.version},
        content_type="application/json",
        **officer,
    )
    assert bad.status_code == 403
    stale = client.post(
        f"/api/directives/tasks/{task.pk}/transition",
        {"action": "accept", "version": task.version - 1},
        content_type="application/json",
        **monitor,
    )
    assert stale.status_code == 409
    ok = client.post(
        f"/api/directives/tasks/{task.pk}/transition",
        {"action": "accept", "version": task.version},
        content_type="application/json",
        **monitor,
    )
    assert ok.status_code == 200 and ok.json()["state"] == "done" and ok.json()["status"] == "done_on_time"
    assert client.get("/api/docs").status_code in (200, 302)


def test_extension_through_the_api(people, make_task, client):
    task = make_task(due=date(2022, 9, 30))
    r = client.post(
        f"/api/directives/tasks/{task.pk}/extensions",
        {"new_due": "2022-10-31", "reason": "Chờ số liệu", "version": 1},
        content_type="application/json",
        **_auth(people["officer"]),
    )
    assert r.status_code == 201 and r.json()["old_due"] == "2022-09-30"
    ext_id = r.json()["id"]
    url = f"/api/directives/tasks/{task.pk}/extensions/{ext_id}/decision"
    assert (
        client.post(
            url, {"approve": True, "version": 2}, content_type="application/json", **_auth(people["head"])
        ).status_code
        == 403
    )
    r = client.post(
        url, {"approve": True, "version": 2}, content_type="application/json", **_auth(people["monitor"])
    )
    assert r.status_code == 200 and r.json()["status"] == "approved"
    task.refresh_from_db()
    assert (task.due_date, task.original_due_date) == (date(2022, 10, 31), date(2022, 9, 30))
