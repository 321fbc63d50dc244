import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from chiso.core.models import AuditEntry
from chiso.dossiers.models import LATE, Dossier, ImportRun, IndicatorValue
from chiso.dossiers.services.importer import import_dossiers
from chiso.registry.permissions import MONITOR, OFFICER

from .conftest import row
from .test_import import TET_ROWS

pytestmark = pytest.mark.django_db

PHAN_THIET = "Ủy ban nhân dân thành phố Phan Thiết"


@pytest.fixture
def loaded(catalogue, write_csv):
    rows = TET_ROWS + [
        row(
            "PT-1",
            "01/03/2024 08:00",
            "04/03/2024 16:00",
            "06/03/2024 08:00",
            agency=PHAN_THIET,
            procedure="2.000908",
        )
    ]
    import_dossiers(write_csv(rows), today=date(2024, 12, 31))


def test_dashboard_league_heat_and_drill_down(client, user_factory, loaded):
    client.force_login(user_factory(MONITOR))
    page = client.get("/ho-so/?nam=2024").content.decode()
    assert "Sở Tư pháp" in page and PHAN_THIET in page
    # Sở Tư pháp: 2 of 5 completed on time or early; Phan Thiết: its one completed dossier is late; all: 2/6.
    assert "40,0%" in page and "0,0%" in page and "33,3%" in page
    # Online: Sở Tư pháp 1 of 6 toàn trình dossiers online; Phan Thiết 1 of 2 (PT-1 came in person).
    online = page[page.index('id="online"') : page.index("Theo lĩnh vực")]
    assert '<td>Sở Tư pháp</td><td class="num">6</td><td class="num">16,7%</td>' in online
    assert f'<td>{PHAN_THIET}</td><td class="num">2</td><td class="num">50,0%</td>' in online
    listing = client.get(
        f"/ho-so/danh-sach/?co_quan={Dossier.objects.get(code='HS-03').agency_id}&nam=2024&loai=tre-han"
    ).content.decode()
    assert "HS-03" in listing and "HS-04" in listing and "HS-05" in listing and "HS-01" not in listing
    detail = client.get("/ho-so/hs/HS-04/").content.decode()
    assert (
        "Chưa đúng quy định" in detail and "16/02/2024" in detail
    )  # apology deadline: Friday before Mon 19/02


def test_agency_officer_sees_only_own_dossiers(client, user_factory, loaded):
    client.force_login(user_factory(OFFICER, agency="bt-phanthiet"))
    page = client.get("/ho-so/?nam=2024").content.decode()
    assert PHAN_THIET in page and "Sở Tư pháp" not in page
    assert client.get("/ho-so/hs/HS-03/").status_code == 403
    assert client.get("/ho-so/hs/PT-1/").status_code == 200
    assert client.get("/ho-so/nhap/").status_code == 403


def test_apology_letter_docx_and_batch_zip_are_recorded(client, user_factory, loaded):
    user = user_factory(MONITOR)
    client.force_login(user)
    response = client.post("/ho-so/hs/HS-05/phieu-xin-loi/", {"ly_do": "Chờ ý kiến của cơ quan phối hợp."})
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    content = b"".join(response.streaming_content)
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    for table in Document(io.BytesIO(content)).tables:
        text += "\n".join(c.text for r in table.rows for c in r.cells)
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text
    assert "HS-05" in text and "19/02/2024" in text and "Chờ ý kiến của cơ quan phối hợp." in text
    assert "Thông tư số 03/2025/TT-VPCP" in text  # dated today: the form in force now
    assert Dossier.objects.get(code="HS-05").letter_issued_at is not None
    assert AuditEntry.objects.filter(note__contains="phiếu xin lỗi").count() == 1
    response = client.post("/ho-so/xin-loi/in-loat/", {"ma": ["HS-03", "HS-04"]})
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert sorted(names) == ["phieu-xin-loi-HS-03.docx", "phieu-xin-loi-HS-04.docx"]


def test_letter_after_15_september_2025_uses_the_new_form(loaded):
    from chiso.dossiers.services.apology import render_letter

    dossier = Dossier.objects.get(code="HS-05")
    text = "\n".join(
        p.text for p in Document(io.BytesIO(render_letter(dossier, issued_on=date(2025, 9, 15)))).paragraphs
    )
    assert "03/2025/TT-VPCP" in text
    text = "\n".join(
        p.text for p in Document(io.BytesIO(render_letter(dossier, issued_on=date(2025, 9, 14)))).paragraphs
    )
    assert "Mẫu số 04" in text and "01/2018/TT-VPCP" in text
    # A letter already issued keeps its date and so the form of its period.
    text = "\n".join(
        p.text for p in Document(io.BytesIO(render_letter(Dossier.objects.get(code="HS-03")))).paragraphs
    )
    assert "01/2018/TT-VPCP" in text and "23/02/2024" in text


def test_export_xlsx_sync_gaps_and_766(client, user_factory, loaded):
    from openpyxl import load_workbook

    client.force_login(user_factory(MONITOR))
    book = load_workbook(io.BytesIO(client.get("/ho-so/danh-sach/xlsx/?loai=tre-han").content))
    codes = sorted(r[0] for r in book.active.iter_rows(min_row=2, values_only=True))
    assert codes == ["HS-03", "HS-04", "HS-05", "PT-1"]
    gaps = client.get("/ho-so/dong-bo/?ngay=30").content.decode()
    assert "HS-06" in gaps and "HS-07" in gaps and "HS-01" not in gaps
    # 766 indicator 2.1 for Sở Tư pháp, 2024: early + on time (+ open in time) over received = 2/6.
    agency = Dossier.objects.get(code="HS-03").agency_id
    value = IndicatorValue.objects.get(agency_id=agency, period=202400, code="2.1")
    assert (value.numerator, value.denominator) == (2, 6)
    assert "2/6" in client.get("/ho-so/chi-so-766/?nam=2024").content.decode()


def test_web_upload_runs_import_as_a_job_and_reports_progress(client, user_factory, catalogue, write_csv):
    # The suite runs jobs inside the request (CHISO_TASKS=immediate); a real worker: core/tests/test_jobs.py.
    client.force_login(user_factory(MONITOR))
    with open(write_csv(TET_ROWS), "rb") as f:
        response = client.post("/ho-so/nhap/", {"tep": f})
    run = ImportRun.objects.get()
    assert response.url == f"/ho-so/nhap/{run.pk}/"
    assert (run.job.status, run.job.error) == ("done", "")
    assert run.status == "done" and run.created == 7
    assert run.job.status == "done" and run.job.result == {"rows": 7, "created": 7, "updated": 0}
    assert run.job.temp_paths and not any(Path(p).exists() for p in run.job.temp_paths)
    assert "7 mới" in client.get(response.url).content.decode()
    bad = write_csv([row("Z-1", "31/02/2024", "19/02/2024")], name="loi.csv")
    with open(bad, "rb") as f:
        response = client.post("/ho-so/nhap/", {"tep": f})
    page = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "dòng 2" in page and "Ngày tiếp nhận" in page
    failed = ImportRun.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[1])
    assert failed.status == "failed" and failed.job.status == "failed"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/ho-so/nhap/", {"tep": SimpleUploadedFile("x.txt", b"abc")}, follow=True)
    assert "Hãy chọn tệp .csv" in response.content.decode()
    assert ImportRun.objects.count() == 2 and Dossier.objects.filter(outcome=LATE).count() == 3


def test_about_to_be_late_list(client, user_factory, catalogue, write_csv):
    from chiso.registry.services import add_working_days

    today = date.today()
    due = add_working_days(today, 1)
    rows = [
        row("SAP-1", today.strftime("%d/%m/%Y 08:00"), due.strftime("%d/%m/%Y 16:00")),
        row("XA-1", today.strftime("%d/%m/%Y 08:00"), add_working_days(today, 5).strftime("%d/%m/%Y 16:00")),
    ]
    import_dossiers(write_csv(rows))
    client.force_login(user_factory(MONITOR))
    page = client.get("/ho-so/danh-sach/?loai=sap-tre").content.decode()
    assert "SAP-1" in page and "XA-1" not in page


def test_api_stats_scoped_and_home_card(client, user_factory, loaded):
    client.force_login(user_factory(OFFICER, agency="bt-phanthiet"))
    data = client.get("/api/dossiers/stats?start=2024-01-01&end=2024-12-31").json()
    assert data["total"] == 2 and [a["agency"] for a in data["by_agency"]] == [PHAN_THIET]
    client.force_login(user_factory(MONITOR))
    assert client.get("/api/dossiers/stats?start=2024-01-01&end=2024-12-31").json()["total"] == 8
    home = client.get("/").content.decode()
    assert "Hồ sơ TTHC đúng hạn 2024" in home and "33,3%" in home


def test_backlog_ages(loaded):
    from chiso.dossiers.services.report import backlog

    # Open: HS-06 due 19/02/2024, HS-07 due 04/03/2024. On 01/03: 11 days past due; HS-07 not yet due.
    assert backlog(None, today=date(2024, 3, 1)) == [
        ("1–5 ngày", 0),
        ("6–20 ngày", 1),
        ("21–60 ngày", 0),
        ("trên 60 ngày", 0),
    ]
    assert backlog(None, today=date(2024, 3, 8)) == [
        ("1–5 ngày", 1),
        ("6–20 ngày", 1),
        ("21–60 ngày", 0),
        ("trên 60 ngày", 0),
    ]


def test_open_dossier_without_apology_counts_once_it_is_overdue(client, user_factory, catalogue, write_csv):
    # Imported while still in time (the import day is long before the due day)...
    import_dossiers(write_csv([row("MO-1", "02/01/2024 08:00", "05/01/2024 16:00")]), today=date(2024, 1, 3))
    assert Dossier.objects.get().apology_state == 0
    client.force_login(user_factory(MONITOR))
    # ...but today it is long past due with no apology: listed and shown as such.
    assert "MO-1" in client.get("/ho-so/danh-sach/?loai=chua-xin-loi").content.decode()
    assert "Chưa xin lỗi" in client.get("/ho-so/hs/MO-1/").content.decode()
