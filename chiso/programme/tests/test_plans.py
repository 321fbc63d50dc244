"""Remediation plans: read by the notice reader into the agency's own sub-tasks, sent, and watched."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.directives.models import Notification, Task
from chiso.programme.models import PlanItem, RemediationPlan
from chiso.programme.services import plans
from chiso.registry.models import Agency

from .conftest import docx_upload

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]


def _stttt():
    return Agency.objects.get(code="bt-stttt")


def test_a_docx_plan_is_read_into_the_agencys_own_sub_tasks_with_deadlines_and_components(
    plan_request, people, plan_text
):
    plan = plans.read_plan(plan_request, _stttt(), people["officer"], upload=docx_upload(plan_text))
    items = list(plan.items.all())
    assert plan.status == RemediationPlan.DRAFT and plan.number == "1234/KH-STTTT"
    assert plan.issued_on == datetime.date(2022, 8, 25)
    assert [i.ref for i in items][:4] == ["II.1", "II.2", "II.3", "II.4"]
    assert items[0].text.startswith("Rà soát, nâng cấp hạ tầng")
    assert (items[0].due_date, items[0].due_strict) == (datetime.date(2022, 9, 30), True)
    assert items[1].due_date == datetime.date(2022, 10, 31)
    assert "PAR:LV7" in items[0].components  # dịch vụ công trực tuyến
    assert "PAPI:D5" in items[3].components  # xin lỗi khi trễ hạn
    assert plan.share.lead == _stttt() and plan.share.parent == plan_request.task
    assert plan.filename == "ke-hoach.docx" and plan.file.name.startswith(f"plans/{plan_request.pk}/")


def test_a_plan_written_in_the_app_is_read_the_same_way(plan_request, people):
    text = "1. Rà soát quy trình thủ tục hành chính. Thời gian hoàn thành: trước ngày 30/11/2022.\n2. Tuyên truyền cải cách hành chính."
    plan = plans.read_plan(plan_request, _stttt(), people["head"], text=text)
    items = list(plan.items.all())
    assert [i.text[:36] for i in items] == [
        "Rà soát quy trình thủ tục hành chính",
        "Tuyên truyền cải cách hành chính.",
    ]
    assert items[0].due_date == datetime.date(2022, 11, 30) and items[1].due_date is None
    assert not plan.file


@pytest.mark.parametrize(
    "upload,message",
    [
        (SimpleUploadedFile("ke-hoach.exe", b"MZ\x90\x00"), "chỉ nhận DOCX, PDF, TXT"),
        (SimpleUploadedFile("ke-hoach.docx", b"day khong phai docx"), "nội dung không đúng định dạng .docx"),
        (SimpleUploadedFile("ke-hoach.pdf", b"PK\x03\x04 zip"), "nội dung không đúng định dạng .pdf"),
        (
            SimpleUploadedFile("trong.txt", "Không có mục nào được đánh số.".encode()),
            "Không tìm thấy nhiệm vụ nào",
        ),
    ],
)
def test_a_bad_upload_gets_a_clear_message_and_nothing_is_written(plan_request, people, upload, message):
    with pytest.raises(ValidationError) as exc:
        plans.read_plan(plan_request, _stttt(), people["officer"], upload=upload)
    assert message in " ".join(exc.value.messages)
    if upload.name != "trong.txt":
        assert upload.name in " ".join(exc.value.messages)
    assert not RemediationPlan.objects.exists() and not PlanItem.objects.exists()


def test_only_the_agency_itself_writes_its_plan(plan_request, people, plan_text, user_factory):
    for role in ("other", "monitor", "leader"):
        with pytest.raises(PermissionDenied):
            plans.read_plan(plan_request, _stttt(), people[role], text=plan_text)
    with pytest.raises(ValidationError, match="không được giao"):
        sxd = Agency.objects.get(code="bt-sxd")
        plans.read_plan(plan_request, sxd, user_factory("officer", agency=sxd), text=plan_text)


def test_sending_reports_the_share_notifies_the_monitors_and_freezes_the_plan(
    plan_request, people, plan_text
):
    plan = plans.read_plan(plan_request, _stttt(), people["officer"], text=plan_text)
    plans.submit(plan, people["officer"])
    plan.refresh_from_db()
    assert plan.status == RemediationPlan.SUBMITTED and plan.submitted_on == datetime.date(2022, 10, 14)
    share = Task.objects.get(parent=plan_request.task, lead=_stttt())
    assert share.state == Task.REPORTED
    assert "kế hoạch khắc phục" in share.reports.get().text
    assert Notification.objects.filter(user=people["monitor"], kind="plan_submitted").exists()
    with pytest.raises(ValidationError, match="đã gửi"):
        plans.read_plan(plan_request, _stttt(), people["officer"], text=plan_text)
    with pytest.raises(ValidationError, match="đã gửi"):
        plans.save_items(plan, people["officer"], [])


def test_the_agency_reviews_items_before_sending(plan_request, people, plan_text):
    plan = plans.read_plan(plan_request, _stttt(), people["officer"], text=plan_text)
    first, *rest = plan.items.all()
    rows = [
        {
            "id": first.pk,
            "text": "Việc đã sửa",
            "due_date": datetime.date(2022, 12, 1),
            "components": ["PAPI:D3"],
        }
    ]
    rows += [{"id": i.pk, "delete": True} for i in rest]
    rows += [{"text": "Việc thêm mới", "components": []}]
    plans.save_items(plan, people["officer"], rows)
    assert [(i.text, i.due_date, i.components) for i in plan.items.all()] == [
        ("Việc đã sửa", datetime.date(2022, 12, 1), ["PAPI:D3"]),
        ("Việc thêm mới", None, []),
    ]
    with pytest.raises(ValidationError, match="ít nhất một"):
        plans.save_items(plan, people["officer"], [{"id": i.pk, "delete": True} for i in plan.items.all()])
    assert plan.items.count() == 2  # the refused change left nothing half-done


def test_unknown_component_codes_are_named(db):
    from chiso.indices.services import definitions

    definitions.load()
    assert plans.parse_components("papi:d8, PAR:LV7") == ["PAPI:D8", "PAR:LV7"]
    with pytest.raises(ValidationError, match="PAPI:D99"):
        plans.parse_components("PAPI:D8, PAPI:D99")


def test_the_monitor_sees_who_sent_on_time_late_and_who_is_overdue(plan_request, people, plan_text):
    snv, phanthiet = Agency.objects.get(code="bt-snv"), Agency.objects.get(code="bt-phanthiet")
    sent = plans.read_plan(plan_request, _stttt(), people["officer"], text=plan_text)
    plans.submit(
        sent, people["officer"], on=datetime.date(2022, 8, 30)
    )  # last on-time day for "trước ngày 31/8"
    rows = {r.agency.code: r for r in plans.overview(plan_request)}
    assert rows["bt-stttt"].state == "submitted_on_time"
    assert rows["bt-snv"].state == "overdue" and rows["bt-snv"].days_late == 45  # 14/10 − 30/8
    assert rows["bt-phanthiet"].label == "Chưa gửi, quá hạn 45 ngày"
    sent.submitted_on = datetime.date(2022, 8, 31)
    sent.save()
    assert plans.overview(plan_request, agency_ids={_stttt().pk})[0].label == "Gửi trễ 1 ngày"
    counts = plans.counts(plans.overview(plan_request))
    assert (counts["expected"], counts["submitted"], counts["submitted_late"], counts["overdue"]) == (
        3,
        1,
        1,
        2,
    )
    assert snv and phanthiet


def test_coverage_counts_the_weak_components_the_agency_answers_for(
    plan_request, people, plan_text, monkeypatch
):
    from chiso.indices.demo import papi_path
    from chiso.indices.models import Index, Responsibility
    from chiso.indices.services import definitions, provinces
    from chiso.indices.services.importer import import_results

    definitions.load()
    import_results(papi_path().read_bytes(), "papi.csv", "PAPI")
    provinces.ensure()
    provinces.link_agencies()
    papi = Index.objects.get(code="PAPI")
    # Bình Thuận's PAPI 2021: D3 and D5 fell against 2020 (published figures)
    Responsibility.objects.create(index=papi, component_code="D3", year_from=2021, lead=_stttt())
    Responsibility.objects.create(index=papi, component_code="D5", year_from=2021, lead=_stttt())
    plan = plans.read_plan(plan_request, _stttt(), people["officer"], text=plan_text)
    row = plans.overview(plan_request, agency_ids={_stttt().pk})[0]
    full = plans.overview(plan_request)
    assert [w["key"] for w in row.assigned] == ["PAPI:D3", "PAPI:D5"]
    assert (row.covered, row.missing, row.coverage_percent) == (["PAPI:D5"], ["PAPI:D3"], 50)
    assert plan
    # The home card and the monitors' list only count states: same rows, without the index analysis.
    from chiso.programme.services import weak_components

    def refuse(*args, **kwargs):
        raise AssertionError("the weak components are not needed to count states")

    monkeypatch.setattr(weak_components, "weak", refuse)
    light = plans.overview(plan_request, coverage_of_weak=False)
    assert [(r.agency.code, r.state, r.label) for r in light] == [
        (r.agency.code, r.state, r.label) for r in full
    ]
    assert all(r.assigned == [] and r.coverage_percent is None for r in light)


def test_a_plan_whose_sections_follow_the_title_directly_is_read(plan_request, people):
    import random

    from chiso.programme.demo import plan_text

    agency = _stttt()
    text = plan_text(agency, random.Random(7))
    plan = plans.read_plan(plan_request, agency, people["officer"], text=text)
    numbered = [line for line in text.splitlines() if line[:1].isdigit()]
    assert len(numbered) >= 3 and plan.items.count() == len(numbered)
    assert all(i.ref.startswith("II.") and i.due_date for i in plan.items.all())
