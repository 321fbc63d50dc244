"""Plan pages and API: who sees and does what, and bad input answered in Vietnamese."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.programme.models import RemediationPlan
from chiso.programme.services import plans
from chiso.registry.models import Agency

from .conftest import docx_upload

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]


def _url(req, code, tail=""):
    return f"/chuong-trinh/ke-hoach/{req.pk}/don-vi/{Agency.objects.get(code=code).pk}/{tail}"


def test_statuses_by_role(plan_request, people, client, user_factory, plan_text):
    plans.read_plan(
        plan_request, Agency.objects.get(code="bt-stttt"), people["officer"], upload=docx_upload(plan_text)
    )
    anonymous = {"/chuong-trinh/ke-hoach/": 302, f"/api/programme/plans/{plan_request.pk}": 401}
    for url, status in anonymous.items():
        assert client.get(url).status_code == status, url
    nobody = user_factory(agency="bt-stttt")
    cases = [
        (nobody, "/chuong-trinh/ke-hoach/", 403),
        (nobody, _url(plan_request, "bt-stttt"), 403),
        (people["officer"], "/chuong-trinh/ke-hoach/", 200),
        (people["officer"], f"/chuong-trinh/ke-hoach/{plan_request.pk}/", 302),
        (people["officer"], _url(plan_request, "bt-stttt"), 200),
        (people["officer"], _url(plan_request, "bt-stttt", "tep/"), 200),
        (people["officer"], _url(plan_request, "bt-snv"), 403),
        (people["other"], _url(plan_request, "bt-stttt"), 403),
        (people["other"], _url(plan_request, "bt-stttt", "tep/"), 403),
        (
            people["other"],
            f"/api/programme/plans/{plan_request.pk}/{Agency.objects.get(code='bt-stttt').pk}",
            403,
        ),
        (people["monitor"], f"/chuong-trinh/ke-hoach/{plan_request.pk}/", 200),
        (people["monitor"], _url(plan_request, "bt-stttt", "tep/"), 200),
        (people["leader"], f"/chuong-trinh/ke-hoach/{plan_request.pk}/", 200),
        (people["monitor"], f"/api/programme/plans/{plan_request.pk}", 200),
        (
            people["officer"],
            f"/api/programme/plans/{plan_request.pk}/{Agency.objects.get(code='bt-stttt').pk}",
            200,
        ),
    ]
    for user, url, status in cases:
        client.force_login(user)
        assert client.get(url).status_code == status, (user, url)


def test_an_agency_sees_only_its_own_row_in_the_api(plan_request, people, client):
    client.force_login(people["other"])
    found = client.get(f"/api/programme/plans/{plan_request.pk}").json()
    assert [a["agency_code"] for a in found["agencies"]] == ["bt-phanthiet"]
    client.force_login(people["monitor"])
    found = client.get(f"/api/programme/plans/{plan_request.pk}").json()
    assert sorted(a["agency_code"] for a in found["agencies"]) == ["bt-phanthiet", "bt-snv", "bt-stttt"]
    assert found["counts"]["overdue"] == 3


def test_the_monitor_may_not_write_an_agencys_plan_through_the_page(plan_request, people, client, plan_text):
    client.force_login(people["monitor"])
    response = client.post(_url(plan_request, "bt-stttt"), {"step": "read", "text": plan_text})
    assert response.status_code == 403
    assert not RemediationPlan.objects.exists()


def test_a_bad_file_is_refused_on_the_page_with_the_files_name(plan_request, people, client):
    client.force_login(people["officer"])
    response = client.post(
        _url(plan_request, "bt-stttt"),
        {"step": "read", "file": SimpleUploadedFile("kh.docx", b"khong phai docx")},
    )
    assert response.status_code == 400
    assert "Tệp “kh.docx”: nội dung không đúng định dạng .docx." in response.content.decode()
    response = client.post(_url(plan_request, "bt-stttt"), {"step": "read"})
    assert response.status_code == 400
    assert "Tải tệp kế hoạch lên hoặc nhập nội dung kế hoạch." in response.content.decode()


def test_an_officer_reads_reviews_and_sends_through_the_page(plan_request, people, client, plan_text):
    client.force_login(people["officer"])
    url = _url(plan_request, "bt-stttt")
    assert client.post(url, {"step": "read", "file": docx_upload(plan_text)}).status_code == 302
    plan = RemediationPlan.objects.get()
    items = list(plan.items.all())
    form = {"step": "submit", "form-TOTAL_FORMS": len(items) + 1, "form-INITIAL_FORMS": len(items)}
    for n, item in enumerate(items):
        form.update(
            {
                f"form-{n}-id": item.pk,
                f"form-{n}-text": item.text,
                f"form-{n}-deadline_text": item.deadline_text,
                f"form-{n}-due_date": item.due_date.strftime("%d/%m/%Y") if item.due_date else "",
                f"form-{n}-components": ", ".join(item.components),
            }
        )
    form["form-0-components"] = "PAPI:D99"
    response = client.post(url, form)
    assert response.status_code == 400 and "PAPI:D99" in response.content.decode()
    form["form-0-components"] = "PAPI:D8"
    form["form-4-delete"] = "on"
    assert client.post(url, form).status_code == 302
    plan.refresh_from_db()
    assert plan.status == RemediationPlan.SUBMITTED and plan.items.count() == 4
    assert plan.items.first().components == ["PAPI:D8"]
    # sent: the page no longer offers changes, and a forged post is refused
    assert client.post(url, {"step": "read", "text": plan_text}).status_code == 403
