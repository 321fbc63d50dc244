"""Issue 10 findings in the follow-up module: the API agrees with the web on who sees a task."""

import pytest
from django.test import Client

from chiso.registry.models import Agency

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


@pytest.mark.django_db
def test_a_coordinating_agency_gets_its_task_from_the_api_as_on_the_web(people, make_task):
    task = make_task("bt-phanthiet")
    task.coordinators.add(Agency.objects.get(code="bt-stttt"))
    client = Client()
    client.force_login(people["other_officer"])  # an officer of the coordinating agency
    assert client.get(f"/chi-dao/nhiem-vu/{task.pk}/").status_code == 200
    response = client.get(f"/api/directives/tasks/{task.pk}")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == task.pk


@pytest.mark.django_db
def test_an_agency_that_neither_leads_nor_coordinates_gets_403_on_both(people, make_task, user_factory):
    task = make_task("bt-phanthiet")
    client = Client()
    client.force_login(user_factory("officer", agency="bt-syt"))
    assert client.get(f"/chi-dao/nhiem-vu/{task.pk}/").status_code == 403
    assert client.get(f"/api/directives/tasks/{task.pk}").status_code == 403


@pytest.mark.django_db
def test_evidence_is_judged_by_content_and_a_report_has_a_size_quota(people, make_task, settings):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from chiso.core.tests import bombs
    from chiso.directives.services import life

    task = make_task("bt-phanthiet")
    officer = people["officer"]
    hostile = SimpleUploadedFile("minh-chung.pdf", bombs.pdf_with_javascript())
    with pytest.raises(ValidationError, match="nội dung chạy được"):
        life.submit_report(task, officer, text="x", percent=10, final=False, files=[hostile])
    page = SimpleUploadedFile("bao-cao.docx", bombs.html_with_pk())
    with pytest.raises(ValidationError, match="không đúng định dạng Word"):
        life.submit_report(task, officer, text="x", percent=10, final=False, files=[page])
    settings.CHISO_REPORT_QUOTA_MB = 1
    big = [SimpleUploadedFile(f"anh-{i}.pdf", bombs.pdf() + b"%" * 600_000) for i in range(2)]
    with pytest.raises(ValidationError, match="vượt quá 1 MB"):
        life.submit_report(task, officer, text="x", percent=10, final=False, files=big)
    assert not task.reports.exists()
