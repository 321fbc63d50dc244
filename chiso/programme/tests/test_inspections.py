"""Inspection teams: visits pre-filled with the agency's own figures, findings become tasks, minutes."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.directives.models import Notification, Task
from chiso.programme.models import InspectionVisit
from chiso.programme.services import inspections, minutes
from chiso.registry.models import Agency
from chiso.registry.permissions import HEAD, OFFICER

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]

D = datetime.date


@pytest.fixture
def team(people):
    from chiso.directives.models import ReminderSchedule

    ReminderSchedule.objects.create(days_before=[7, 3, 1], as_of=D(2022, 10, 14))
    return inspections.create_team(
        people["head"],  # head of Sở TT&TT, the lead agency (seed II.1.3)
        name="Tổ kiểm tra DVC trực tuyến",
        lead_agency=Agency.objects.get(code="bt-stttt"),
        member_agencies=[Agency.objects.get(code="bt-snv")],
        scope="Dịch vụ công trực tuyến mức độ 3, 4",
        starts_on=D(2022, 8, 1),
        ends_on=D(2022, 8, 31),
        remediation_due=D(2022, 9, 30),
    )


@pytest.fixture
def district_people(user_factory):
    return {
        "officer": user_factory(OFFICER, agency="bt-lagi"),
        "head": user_factory(HEAD, agency="bt-lagi"),
    }


def _dossiers(agency, rows):
    """A few dossiers of the agency, summed into the per-day statistics as an import does."""
    from chiso.dossiers.models import Dossier, Procedure
    from chiso.dossiers.services import classify, stats

    procedure = Procedure.objects.create(code="P1", name="Cấp giấy phép", days=5, online_level="full")
    for i, (received, due, completed, channel, apology, in_system) in enumerate(rows):
        Dossier.objects.create(
            code=f"HS{i}",
            procedure=procedure,
            agency=agency,
            received=received,
            due=due,
            completed=completed,
            channel=channel,
            apology_date=apology,
            in_system=in_system,
            stat_day=completed or due,
            outcome=classify.outcome(due, completed),
            stat_month=int((completed or due).strftime("%Y%m")),
        )
    stats.rebuild_all()


def test_only_monitors_and_the_lead_agency_run_a_team(team, people, district_people):
    lagi = Agency.objects.get(code="bt-lagi")
    with pytest.raises(PermissionDenied):
        inspections.plan_visit(team, lagi, D(2022, 8, 20), district_people["head"])
    with pytest.raises(PermissionDenied):
        inspections.plan_visit(team, lagi, D(2022, 8, 20), people["other"])
    visit = inspections.plan_visit(team, lagi, D(2022, 8, 20), people["monitor"])
    assert inspections.may_view_visit(district_people["officer"], visit)  # the inspected agency reads it
    assert not inspections.may_change_team(district_people["officer"], team)
    assert not inspections.may_view_visit(people["other"], visit)  # Phan Thiết: neither team nor inspected
    with pytest.raises(ValidationError, match="trong đợt"):
        inspections.plan_visit(team, Agency.objects.get(code="bt-bacbinh"), D(2022, 9, 5), people["head"])
    with pytest.raises(ValidationError, match="đã có trong lịch"):
        inspections.plan_visit(team, lagi, D(2022, 8, 21), people["head"])


def test_a_visit_starts_from_the_agencys_own_figures(team, people):
    lagi = Agency.objects.get(code="bt-lagi")
    # received direct/online; one late without apology, one late with; one result only on paper
    _dossiers(
        lagi,
        [
            (D(2022, 6, 1), D(2022, 6, 8), D(2022, 6, 7), 2, None, True),
            (D(2022, 6, 1), D(2022, 6, 8), D(2022, 6, 10), 1, None, True),
            (D(2022, 6, 1), D(2022, 6, 8), D(2022, 6, 10), 1, D(2022, 6, 9), False),
            (D(2022, 7, 1), D(2022, 7, 8), D(2022, 7, 5), 2, None, True),
        ],
    )
    visit = inspections.plan_visit(team, lagi, D(2022, 8, 20), people["head"])
    f = visit.figures
    assert (f["start"], f["end"], f["current"]) == ("2021-08-21", "2022-08-20", True)
    assert (f["total"], f["late"], f["late_without_apology"], f["not_synced"]) == (4, 2, 1, 1)
    rows = dict(inspections.figure_rows(f))
    assert rows["Hồ sơ trễ hạn chưa có văn bản xin lỗi"] == "1"
    assert rows["Tỷ lệ giải quyết đúng hạn"] == "50,0%"


def test_without_recent_data_the_latest_year_is_used_and_said(team, people):
    lagi = Agency.objects.get(code="bt-lagi")
    _dossiers(lagi, [(D(2024, 3, 1), D(2024, 3, 8), D(2024, 3, 7), 1, None, True)])
    visit = inspections.plan_visit(team, lagi, D(2022, 8, 20), people["head"])
    assert (visit.figures["end"], visit.figures["current"], visit.figures["total"]) == (
        "2024-03-07",
        False,
        1,
    )


def test_findings_become_tasks_of_the_inspected_agency(team, people, district_people):
    lagi = Agency.objects.get(code="bt-lagi")
    visit = inspections.plan_visit(team, lagi, D(2022, 8, 20), people["head"])
    finding = inspections.add_finding(
        visit, people["head"], text="Chưa cập nhật 12 hồ sơ", recommendation="Cập nhật ngay"
    )
    with pytest.raises(ValidationError, match="Ghi nhận kết quả"):
        inspections.issue_findings(visit, people["head"])
    results = [("dat", "")] * len(visit.checklist)
    inspections.record_visit(visit, people["head"], held_on=D(2022, 8, 20), results=results)
    pdf = SimpleUploadedFile("anh-chup.pdf", b"%PDF-1.4 minh chung")
    inspections.add_finding(
        visit, people["head"], text="Thiếu máy quét", due_date=D(2022, 9, 15), evidence=pdf
    )
    tasks = inspections.issue_findings(visit, people["head"])
    assert [t.lead for t in tasks] == [lagi, lagi]
    assert [(t.due_date, t.due_strict) for t in tasks] == [(D(2022, 9, 30), True), (D(2022, 9, 15), True)]
    assert tasks[0].text == "Khắc phục: Chưa cập nhật 12 hồ sơ Yêu cầu: Cập nhật ngay"
    finding.refresh_from_db()
    assert finding.task == tasks[0]
    conclusion = tasks[0].directive
    assert conclusion.kind == "KẾT LUẬN KIỂM TRA" and conclusion.status == "published"
    assert Notification.objects.filter(user=district_people["officer"], kind="assigned").exists()
    with pytest.raises(ValidationError, match="chưa giao"):
        inspections.issue_findings(visit, people["head"])  # nothing issued twice
    # a second visit's findings join the same conclusion
    other = inspections.plan_visit(
        team, Agency.objects.get(code="bt-bacbinh"), D(2022, 8, 25), people["head"]
    )
    inspections.record_visit(other, people["head"], held_on=D(2022, 8, 25), results=results)
    inspections.add_finding(other, people["head"], text="Chưa niêm yết TTHC")
    more = inspections.issue_findings(other, people["head"])
    assert more[0].directive == conclusion and more[0].ref == "3"
    counts = inspections.held_vs_planned(team)
    assert (counts["planned"], counts["held"], counts["findings"], counts["closed"]) == (2, 2, 3, 0)
    Task.objects.filter(pk=tasks[0].pk).update(state=Task.DONE)
    assert inspections.held_vs_planned(team)["closed"] == 1


def test_a_bad_evidence_file_is_refused_with_its_name(team, people):
    visit = inspections.plan_visit(team, Agency.objects.get(code="bt-lagi"), D(2022, 8, 20), people["head"])
    with pytest.raises(ValidationError, match="“anh.exe”"):
        inspections.add_finding(
            visit, people["head"], text="X", evidence=SimpleUploadedFile("anh.exe", b"MZ")
        )
    assert not visit.findings.exists()


def test_the_minutes_follow_the_nd30_layout(team, people):
    from docx import Document

    visit = inspections.plan_visit(team, Agency.objects.get(code="bt-lagi"), D(2022, 8, 20), people["head"])
    results = [("chua-dat", "Còn 12 hồ sơ")] + [("dat", "")] * (len(visit.checklist) - 1)
    inspections.record_visit(visit, people["head"], held_on=D(2022, 8, 20), results=results, place="La Gi")
    inspections.add_finding(visit, people["head"], text="Chưa cập nhật 12 hồ sơ")
    doc = Document(io.BytesIO(minutes.build(visit)))
    header = doc.tables[0]
    assert header.cell(0, 0).text.splitlines()[:2] == [
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "TỔ KIỂM TRA DVC TRỰC TUYẾN",
    ]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.cell(0, 1).text
    assert "La Gi, ngày 20 tháng 08 năm 2022" in header.cell(0, 1).text
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BIÊN BẢN KIỂM TRA" in text
    assert "1. Chưa cập nhật 12 hồ sơ Thời hạn khắc phục: trước ngày 30/09/2022." in text
    checklist = doc.tables[1]
    assert [c.text for c in checklist.rows[1].cells][2:] == ["Chưa đạt", "Còn 12 hồ sơ"]
    signatures = doc.tables[-1]
    assert "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA" in signatures.cell(0, 0).text
    assert "TỔ TRƯỞNG TỔ KIỂM TRA" in signatures.cell(0, 1).text
    assert visit.status == InspectionVisit.HELD


def test_pages_and_api_by_role(team, people, district_people, client):
    lagi = Agency.objects.get(code="bt-lagi")
    visit = inspections.plan_visit(team, lagi, D(2022, 8, 20), people["head"])
    cases = [
        (people["monitor"], "/chuong-trinh/kiem-tra/", 200),
        (people["monitor"], f"/chuong-trinh/kiem-tra/{team.pk}/", 200),
        (people["head"], f"/chuong-trinh/kiem-tra/lan/{visit.pk}/", 200),
        (people["head"], f"/chuong-trinh/kiem-tra/lan/{visit.pk}/bien-ban/", 200),
        (district_people["officer"], f"/chuong-trinh/kiem-tra/{team.pk}/", 302),  # to its own visit
        (district_people["officer"], f"/chuong-trinh/kiem-tra/lan/{visit.pk}/", 200),
        (people["other"], f"/chuong-trinh/kiem-tra/{team.pk}/", 403),
        (people["other"], f"/chuong-trinh/kiem-tra/lan/{visit.pk}/", 403),
        (people["other"], f"/chuong-trinh/kiem-tra/lan/{visit.pk}/bien-ban/", 403),
        (people["other"], f"/api/programme/inspections/visits/{visit.pk}", 403),
        (district_people["officer"], f"/api/programme/inspections/visits/{visit.pk}", 200),
    ]
    for user, url, status in cases:
        client.force_login(user)
        assert client.get(url).status_code == status, (user, url)
    client.force_login(district_people["head"])
    response = client.post(f"/chuong-trinh/kiem-tra/lan/{visit.pk}/", {"step": "finding", "text": "Tự ghi"})
    assert response.status_code == 403 and not visit.findings.exists()
    client.force_login(people["other"])
    assert client.get("/api/programme/inspections/").json() == []
