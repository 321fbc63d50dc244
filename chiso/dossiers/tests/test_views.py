import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from chiso.dossiers.models import LATE, Dossier, ImportRun, IndicatorValue
from chiso.dossiers.services.importer import import_dossiers
from chiso.registry.permissions import MONITOR, OFFICER

from .conftest import row
from .test_import import TET_ROWS

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]

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


def test_dashboard_shared_between_users_follows_each_import_and_each_scope(
    client, user_factory, loaded, write_csv
):
    """The part below the menu is cached (views.index): it must change with the summary tables and never
    show one user's agencies to another."""
    officer = user_factory(OFFICER, agency="bt-phanthiet")
    client.force_login(user_factory(MONITOR))
    assert "Hồ sơ trong năm" in client.get("/ho-so/?nam=2024").content.decode()
    assert '<span class="card-value">8</span>' in client.get("/ho-so/?nam=2024").content.decode()
    client.force_login(officer)
    page = client.get("/ho-so/?nam=2024").content.decode()
    assert "Sở Tư pháp" not in page and '<span class="card-value">2</span>' in page
    import_dossiers(
        write_csv(
            [
                row(
                    "PT-2",
                    "05/03/2024 08:00",
                    "08/03/2024 16:00",
                    "07/03/2024 08:00",
                    agency=PHAN_THIET,
                    procedure="2.000908",
                )
            ],
            name="them.csv",
        ),
        today=date(2024, 12, 31),
    )
    assert '<span class="card-value">3</span>' in client.get("/ho-so/?nam=2024").content.decode()
    client.force_login(user_factory(MONITOR))
    assert '<span class="card-value">9</span>' in client.get("/ho-so/?nam=2024").content.decode()


def test_agency_officer_sees_only_own_dossiers(client, user_factory, loaded):
    client.force_login(user_factory(OFFICER, agency="bt-phanthiet"))
    page = client.get("/ho-so/?nam=2024").content.decode()
    assert PHAN_THIET in page and "Sở Tư pháp" not in page
    assert client.get("/ho-so/hs/HS-03/").status_code == 403
    assert client.get("/ho-so/hs/PT-1/").status_code == 200
    assert client.get("/ho-so/nhap/").status_code == 403


def _docx_text(content):
    doc = Document(io.BytesIO(content))
    text = "\n".join(p.text for p in doc.paragraphs)
    for table in doc.tables:
        text += "\n".join(c.text for r in table.rows for c in r.cells)
    return text


def _open_dossier(code, received, due, **kw):
    from chiso.dossiers.models import Procedure
    from chiso.registry.models import Agency

    return Dossier.objects.create(
        code=code,
        procedure=Procedure.objects.get(code="1.000105"),
        agency=kw.pop("agency", None) or Agency.objects.get(code="bt-stp"),
        received=received,
        due=due,
        deadline=due,
        stat_day=due,
        stat_month=due.year * 100 + due.month,
        **kw,
    )


def test_apology_letter_needs_the_agency_new_date_and_is_recorded(client, user_factory, loaded):
    from datetime import timedelta

    from django.utils import timezone

    from chiso.dossiers.models import AP_PROPER
    from chiso.registry.models import Agency

    today = timezone.localdate()
    # Open, due in ten days: the letter is allowed now; it needs the new date the agency sets.
    agency = Agency.objects.filter(valid_to__isnull=True, kind="so").first()
    d = _open_dossier(
        "H56.1-TEST-0001",
        today - timedelta(days=3),
        today + timedelta(days=10),
        agency=agency,
        applicant="Nguyễn Văn An",
        received_min=8 * 60 + 5,
        due_min=16 * 60 + 30,
    )
    user = user_factory(MONITOR)
    client.force_login(user)
    page = client.get(f"/ho-so/hs/{d.code}/").content.decode()
    assert 'name="hen_lai"' in page and "Nguyễn Văn An" in page
    response = client.post(f"/ho-so/hs/{d.code}/phieu-xin-loi/", {"ly_do": "Chờ ý kiến."})
    assert response.status_code == 302  # no new date: no letter (none is invented)
    assert Dossier.objects.get(code=d.code).letter_issued_at is None
    new = today + timedelta(days=20)
    response = client.post(
        f"/ho-so/hs/{d.code}/phieu-xin-loi/", {"ly_do": "Chờ ý kiến.", "hen_lai": f"{new:%d/%m/%Y} 15:00"}
    )
    assert response.status_code == 200
    text = _docx_text(b"".join(response.streaming_content))
    assert "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ" in text and "Kính gửi: Nguyễn Văn An" in text
    assert "Số định danh hồ sơ: H56.1-TEST-0001" in text and "08 giờ 05 phút" in text
    assert f"15 giờ 00 phút, ngày {new:%d/%m/%Y}" in text and "Bộ phận Một cửa" in text
    assert "Thông tư số 03/2025/TT-VPCP" in text and agency.name.upper() in text
    d.refresh_from_db()
    assert (d.apology_date, d.new_due, d.apology_state) == (today, new, AP_PROPER)
    assert d.letter_issued_at is not None
    # The appointment may be moved only once.
    later = new + timedelta(days=5)
    response = client.post(f"/ho-so/hs/{d.code}/phieu-xin-loi/", {"hen_lai": f"{later:%d/%m/%Y}"})
    assert response.status_code == 302 and Dossier.objects.get(code=d.code).new_due == new


def test_no_letter_on_time_overdue_or_batch_without_date(client, user_factory, loaded):
    client.force_login(user_factory(MONITOR))
    # HS-01 was settled on time: the page offers no letter and a post is refused.
    page = client.get("/ho-so/hs/HS-01/").content.decode()
    assert "đúng hạn: không có phiếu xin lỗi" in page and 'name="hen_lai"' not in page
    assert client.post("/ho-so/hs/HS-01/phieu-xin-loi/", {"hen_lai": "01/03/2024"}).status_code == 302
    # HS-05 has been open past its deadline since 2024: simply late, no letter now.
    page = client.get("/ho-so/hs/HS-05/").content.decode()
    assert "Đã quá hạn giải quyết (19/02/2024)" in page
    response = client.post("/ho-so/xin-loi/in-loat/", {"ma": ["HS-01", "HS-05"]})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert archive.namelist() == ["khong-tao-phieu.txt"]
    assert "HS-05: Đã quá hạn" in archive.read("khong-tao-phieu.txt").decode()


def test_letter_form_and_issuer_follow_the_letter_date(demo_registry, catalogue):
    from chiso.dossiers.services.apology import ApologyRefused, render_letter
    from chiso.registry.models import Agency

    old = Agency.objects.get(code="bt-stp")  # ended 30/6/2025; Sở Tư pháp tỉnh Lâm Đồng from 1/7/2025
    d = _open_dossier("L-1", date(2025, 6, 25), date(2025, 7, 10), agency=old, new_due=date(2025, 7, 17))
    text = _docx_text(render_letter(d, issued_on=date(2025, 7, 2)))
    assert "SỞ TƯ PHÁP TỈNH LÂM ĐỒNG" in text and "Mẫu số 04" in text
    text = _docx_text(render_letter(d, issued_on=date(2025, 6, 30)))
    assert "SỞ TƯ PHÁP TỈNH LÂM ĐỒNG" not in text and "SỞ TƯ PHÁP" in text
    e = _open_dossier(
        "L-2",
        date(2025, 9, 8),
        date(2025, 9, 22),
        agency=Agency.objects.get(code="ld-stp"),
        new_due=date(2025, 9, 29),
    )
    assert "03/2025/TT-VPCP" in _docx_text(render_letter(e, issued_on=date(2025, 9, 15)))
    assert "01/2018/TT-VPCP" in _docx_text(render_letter(e, issued_on=date(2025, 9, 14)))
    with pytest.raises(ApologyRefused, match="trước ngày tiếp nhận"):
        render_letter(e, issued_on=date(2025, 9, 5))
    with pytest.raises(ApologyRefused, match="quá hạn"):
        render_letter(e, issued_on=date(2025, 9, 23))


def test_export_xlsx_sync_gaps_and_766(client, user_factory, loaded):
    from openpyxl import load_workbook

    client.force_login(user_factory(MONITOR))
    book = load_workbook(io.BytesIO(client.get("/ho-so/danh-sach/xlsx/?loai=tre-han").content))
    codes = sorted(r[0] for r in book.active.iter_rows(min_row=2, values_only=True))
    assert codes == ["HS-03", "HS-04", "HS-05", "PT-1"]
    gaps = client.get("/ho-so/dong-bo/?ngay=30").content.decode()
    assert "HS-06" in gaps and "HS-07" in gaps and "HS-01" not in gaps
    # How long past due, in Vietnamese whatever Django's language (HS-06 was due 19/02/2024)
    from django.utils import timezone

    from chiso.core.numbers import duration

    late = duration((timezone.localdate() - date(2024, 2, 19)).days)
    assert f"<td>{late}</td>" in gaps and "năm" in late and "year" not in gaps and "month" not in gaps
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


def test_period_report_page_xlsx_and_docx_scoped(client, user_factory, loaded):
    from openpyxl import load_workbook

    client.force_login(user_factory(MONITOR))
    page = client.get("/ho-so/bao-cao-ky/?tu=01/02/2024&den=29/02/2024").content.decode()
    assert "Tồn kỳ trước" in page and "Sở Tư pháp" in page
    xlsx = client.get("/ho-so/bao-cao-ky/?tu=01/02/2024&den=29/02/2024&dang=xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c for c in r] for r in sheet.iter_rows(values_only=True)]
    assert "BÁO CÁO TÌNH HÌNH" in values[1][0] and values[3][2] == "Số hồ sơ nhận giải quyết"
    assert values[4][2] == "Tồn kỳ trước"
    total = values[-1]
    assert total[1] == "Tổng cộng" and total[5] == total[2] + total[3] + total[4]
    docx = client.get("/ho-so/bao-cao-ky/?tu=01/02/2024&den=29/02/2024&dang=docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(b"".join(docx.streaming_content))).paragraphs)
    assert "BÁO CÁO" in text and "Từ ngày 01/02/2024 đến ngày 29/02/2024" in text
    # An officer of Phan Thiết sees only Phan Thiết's row.
    client.force_login(user_factory(OFFICER, agency="bt-phanthiet"))
    page = client.get("/ho-so/bao-cao-ky/?tu=01/01/2024&den=31/03/2024").content.decode()
    assert PHAN_THIET in page and "Sở Tư pháp" not in page


def test_upload_lists_unknown_procedure_names_and_adds_them_in_one_step(
    client, user_factory, catalogue, tmp_path
):
    import csv

    from chiso.dossiers.models import Procedure

    path = tmp_path / "ten-thu-tuc.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Mã hồ sơ", "Tên thủ tục hành chính", "Cơ quan giải quyết", "Ngày nhận", "Ngày hẹn trả"])
        w.writerow(["N-1", "Cấp phép thử nghiệm", "Sở Tư pháp", "05/03/2024 08:00:00", "08/03/2024 17:00:00"])
        w.writerow(
            [
                "N-2",
                "Cấp lý lịch tư pháp cho công dân Việt Nam",
                "Sở Tư pháp",
                "05/03/2024 08:00:00",
                "15/03/2024 17:00:00",
            ]
        )
    client.force_login(user_factory(MONITOR))
    with open(path, "rb") as f:
        response = client.post("/ho-so/nhap/", {"tep": f})
    run = ImportRun.objects.get()
    assert run.status == "failed" and run.unmatched == ["Cấp phép thử nghiệm"]
    page = client.get(response.url).content.decode()
    assert "Thêm 1 thủ tục vào danh mục" in page
    # An officer may not change the catalogue; the monitor may, in one click.
    client.force_login(user_factory(OFFICER, agency="bt-phanthiet"))
    assert client.post(f"/ho-so/nhap/{run.pk}/them-thu-tuc/").status_code == 403
    client.force_login(user_factory(MONITOR))
    client.post(f"/ho-so/nhap/{run.pk}/them-thu-tuc/")
    assert Procedure.objects.filter(name="Cấp phép thử nghiệm").exists()
    with open(path, "rb") as f:
        client.post("/ho-so/nhap/", {"tep": f})
    assert Dossier.objects.filter(code__in=["N-1", "N-2"]).count() == 2
