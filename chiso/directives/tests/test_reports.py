"""Official report (DOCX from the docxtpl template, XLSX, ZIP per agency) and accountability numbers."""

import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from chiso.directives.models import Task
from chiso.directives.services import accountability, official

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


@pytest.fixture
def mix(people, make_task):
    """Phan Thiết: 2 on time, 1 late, 1 overdue, 1 open. Sở TT&TT: 1 on time, 1 overdue. Hand-counted below."""
    pt = [
        make_task(due=date(2022, 8, 31), state=Task.DONE, completed_on=date(2022, 8, 30)),
        make_task(due=date(2022, 8, 31), due_strict=True, state=Task.DONE, completed_on=date(2022, 8, 30)),
        make_task(due=date(2022, 8, 31), state=Task.DONE, completed_on=date(2022, 9, 5)),
        make_task(due=date(2022, 9, 30), state=Task.IN_PROGRESS, text="Nhiệm vụ quá hạn của Phan Thiết"),
        make_task(due=date(2022, 12, 31)),
    ]
    st = [
        make_task(code="bt-stttt", due=date(2022, 9, 10), state=Task.DONE, completed_on=date(2022, 9, 1)),
        make_task(code="bt-stttt", due=date(2022, 10, 1), text="Nhiệm vụ quá hạn của Sở TT&TT"),
    ]
    return pt, st


def test_accountability_counts_score_and_rank(mix):
    rows = accountability.table(date(2022, 1, 1), date(2022, 12, 31), on=date(2022, 10, 14))
    got = [(r.agency.code, r.assigned, r.on_time, r.late, r.overdue, r.open, r.score, r.rank) for r in rows]
    # Phan Thiết: 100 × (2 + 0.5) / 4 = 62.5; Sở TT&TT: 100 × 1 / 2 = 50
    assert got == [("bt-phanthiet", 5, 2, 1, 1, 1, 62.5, 1), ("bt-stttt", 2, 1, 0, 1, 0, 50.0, 2)]


def test_docx_report_reads_back_with_the_right_counts(mix, directive, settings):
    from chiso.directives.models import ReminderSchedule

    ReminderSchedule.objects.create(days_before=[7], as_of=date(2022, 10, 14))
    data = official.report_docx(directive, date(2022, 1, 1), date(2022, 12, 31))
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO" in text
    assert (
        "Tổng số nhiệm vụ, phần việc được giao: 7; đã hoàn thành 4 (đúng hạn 3, trễ hạn 1); đang thực hiện trong hạn 1; quá hạn chưa hoàn thành 2"
        in text
    )
    header = doc.tables[0].rows[0].cells
    assert (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1].text
        and "Độc lập - Tự do - Hạnh phúc" in header[1].text
    )
    assert "ngày 14 tháng 10 năm 2022" in header[1].text and "Số:" in header[0].text
    agencies = [[c.text for c in row.cells] for row in doc.tables[1].rows[1:]]
    assert agencies == [
        ["1", "Ủy ban nhân dân thành phố Phan Thiết", "5", "2", "1", "1", "1", "62,5"],
        ["2", "Sở Thông tin và Truyền thông", "2", "1", "0", "1", "0", "50,0"],
    ]
    overdue = [row.cells[1].text for row in doc.tables[2].rows[1:]]
    assert overdue == ["Nhiệm vụ quá hạn của Phan Thiết", "Nhiệm vụ quá hạn của Sở TT&TT"]
    assert "Nơi nhận:" in doc.tables[3].rows[0].cells[0].text


def report_job(client, data):
    """The report page's form queues a job; its page links the file (jobs run at once in the suite)."""
    response = client.post(reverse("directives:official_report"), data)
    assert response.status_code == 302 and response.url.startswith("/viec-nen/")
    page = client.get(response.url).content.decode()
    assert "Xong" in page and "tai-ve/" in page
    download = client.get(response.url + "tai-ve/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    return b"".join(download.streaming_content)


def test_zip_has_one_file_per_agency_with_only_its_own_tasks(mix, directive, people, client):
    from chiso.directives.models import ReminderSchedule

    ReminderSchedule.objects.create(days_before=[7], as_of=date(2022, 10, 14))
    client.force_login(people["monitor"])
    content = report_job(
        client, {"directive": directive.pk, "format": "zip", "start": "01/01/2022", "end": "31/12/2022"}
    )
    zf = zipfile.ZipFile(io.BytesIO(content))
    assert sorted(zf.namelist()) == ["bao-cao-bt-phanthiet.docx", "bao-cao-bt-stttt.docx"]
    doc = Document(io.BytesIO(zf.read("bao-cao-bt-stttt.docx")))
    rows = [[c.text for c in row.cells] for row in doc.tables[1].rows[1:]]
    assert rows == [["1", "Sở Thông tin và Truyền thông", "2", "1", "0", "1", "0", "50,0"]]
    # an agency's own file lists all its tasks with their state, not only the late ones
    assert "II. NHIỆM VỤ CỦA ĐƠN VỊ VÀ TÌNH HÌNH THỰC HIỆN" in [p.text for p in doc.paragraphs]
    assert [(r.cells[1].text, r.cells[4].text) for r in doc.tables[2].rows[1:]] == [
        ("Rà soát, khắc phục tồn tại của chỉ số PAR INDEX", "Hoàn thành đúng hạn"),
        ("Nhiệm vụ quá hạn của Sở TT&TT", "Quá hạn 13 ngày"),
    ]
    # an officer's own report covers only the agency's own tasks
    client.force_login(people["other_officer"])
    wb = load_workbook(
        io.BytesIO(report_job(client, {"format": "xlsx", "start": "01/01/2022", "end": "31/12/2022"}))
    )
    names = [r[1].value for r in wb["Tong hop"].iter_rows(min_row=4)]
    assert names == ["Sở Thông tin và Truyền thông"]


def test_administrator_template_replaces_the_built_in_one(mix, directive, settings, tmp_path):
    from docx import Document as New
    from docxtpl import DocxTemplate  # noqa: F401 – the replacement is a plain docxtpl template

    settings.VAR_DIR = tmp_path
    (tmp_path / "templates" / "directives").mkdir(parents=True)
    doc = New()
    doc.add_paragraph("MẪU RIÊNG CỦA TỈNH: {{ totals.assigned }} nhiệm vụ")
    doc.save(tmp_path / "templates" / "directives" / "bao-cao-tinh-hinh.docx")
    out = Document(
        io.BytesIO(
            official.report_docx(directive, date(2022, 1, 1), date(2022, 12, 31), on=date(2022, 10, 14))
        )
    )
    assert out.paragraphs[0].text == "MẪU RIÊNG CỦA TỈNH: 7 nhiệm vụ"


def test_lists_export_to_xlsx(mix, people, client):
    client.force_login(people["officer"])
    response = client.get(reverse("directives:inbox"), {"tab": "open", "format": "xlsx"})
    wb = load_workbook(io.BytesIO(response.content))
    texts = [r[2].value for r in wb.active.iter_rows(min_row=4)]
    assert len(texts) == 2 and "Nhiệm vụ quá hạn của Phan Thiết" in texts


def test_period_report_and_accountability_xlsx(mix, people, client):
    doc = Document(
        io.BytesIO(official.report_docx(None, date(2022, 9, 1), date(2022, 9, 30), on=date(2022, 10, 14)))
    )
    text = "\n".join(p.text for p in doc.paragraphs)
    # due in September: Phan Thiết's overdue task (30/9) and Sở TT&TT's task done on time (10/9)
    assert "các nhiệm vụ được giao từ ngày 01/09/2022 đến ngày 30/09/2022" in text
    assert "Tổng số nhiệm vụ, phần việc được giao: 2; đã hoàn thành 1 (đúng hạn 1, trễ hạn 0)" in text
    from chiso.directives.models import ReminderSchedule

    ReminderSchedule.objects.create(days_before=[7], as_of=date(2022, 10, 14))
    client.force_login(people["leader"])
    response = client.get(
        reverse("directives:accountability"), {"from": "01/01/2022", "to": "31/12/2022", "format": "xlsx"}
    )
    rows = [
        [c.value for c in r] for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=4)
    ]
    assert rows == [
        [1, "Ủy ban nhân dân thành phố Phan Thiết", 5, 2, 1, 1, 1, 0, 62.5],
        [2, "Sở Thông tin và Truyền thông", 2, 1, 0, 1, 0, 0, 50.0],
    ]
    # The DOCX is built by a job (run in-process by the suite), then downloaded from the job's page.
    from chiso.core.models import Job

    response = client.get(
        reverse("directives:accountability"), {"from": "01/01/2022", "to": "31/12/2022", "format": "docx"}
    )
    job = Job.objects.get(kind="directives.accountability_report")
    assert response.url == reverse("core:job_status", args=[job.pk]) and job.status == Job.DONE
    got = client.get(reverse("core:job_download", args=[job.pk]))
    assert got["Content-Disposition"].endswith('bao-cao-trach-nhiem-20220101-20221231.docx"')
    text = "\n".join(
        c.text for t in Document(io.BytesIO(b"".join(got.streaming_content))).tables for c in t._cells
    )
    assert "Ủy ban nhân dân thành phố Phan Thiết" in text and "Sở Thông tin và Truyền thông" in text


def test_the_worker_runs_reminders_daily():
    from chiso.core.scheduler import daily_jobs
    from chiso.directives.jobs import run_reminders

    assert daily_jobs()["chiso.directives.jobs.run_reminders"] is run_reminders
