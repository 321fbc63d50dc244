from io import BytesIO

import pytest
from openpyxl import Workbook

from chiso.registry import spreadsheet
from chiso.registry.models import Agency, AgencyGroup, Succession


def workbook_bytes(agency_rows, succession_rows=(), group_rows=()):
    wb = Workbook()
    ws = wb.active
    ws.title = spreadsheet.AGENCY_SHEET
    ws.append(spreadsheet.AGENCY_COLUMNS)
    for row in agency_rows:
        ws.append(row)
    ws = wb.create_sheet(spreadsheet.SUCCESSION_SHEET)
    ws.append(spreadsheet.SUCCESSION_COLUMNS)
    for row in succession_rows:
        ws.append(row)
    ws = wb.create_sheet(spreadsheet.GROUP_SHEET)
    ws.append(spreadsheet.GROUP_COLUMNS)
    for row in group_rows:
        ws.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


GOOD = [
    [
        "hg-ubnd",
        "Ủy ban nhân dân tỉnh Hà Giang",
        "UBND tỉnh",
        "UBND tỉnh Hà Giang",
        "UBND tỉnh",
        "",
        "",
        "30/06/2025",
        "",
    ],
    ["hg-snv", "Sở Nội vụ", "", "SNV", "Sở, cơ quan chuyên môn", "hg-ubnd", "", "", "snv@hagiang.gov.vn"],
    [
        "hg-stttt",
        "Sở Thông tin và Truyền thông",
        "",
        "Sở TT&TT",
        "Sở, cơ quan chuyên môn",
        "hg-ubnd",
        "",
        "28/02/2025",
        "",
    ],
    ["hg-skhcn", "Sở Khoa học và Công nghệ", "", "", "so", "hg-ubnd", "", "", ""],
]


@pytest.mark.django_db
def test_import_creates_agencies_successions_groups_and_is_idempotent():
    file = workbook_bytes(
        GOOD,
        [["hg-stttt", "hg-skhcn", "01/03/2025", "Hợp nhất, sáp nhập", "NĐ 45/2025"]],
        [["hg-so", "các Sở, ngành", "các sở, ban, ngành", "Sở, cơ quan chuyên môn", ""]],
    )
    counts = spreadsheet.import_workbook(file, "hagiang.xlsx")
    assert counts["agencies_created"] == 4 and counts["successions"] == 1 and counts["groups"] == 1
    snv = Agency.objects.get(code="hg-snv")
    assert snv.parent.code == "hg-ubnd" and snv.aliases == ["SNV"] and snv.kind == "so"
    assert Agency.objects.get(code="hg-stttt").valid_to.isoformat() == "2025-02-28"
    assert Agency.objects.filter(search_key__contains="so thong tin va truyen thong").exists()
    # The same file again changes nothing.
    again = spreadsheet.import_workbook(
        workbook_bytes(GOOD, [["hg-stttt", "hg-skhcn", "01/03/2025", "merge", ""]]), "hagiang.xlsx"
    )
    assert again["agencies_created"] == 0 and again["agencies_updated"] == 0 and again["successions"] == 0
    assert Agency.objects.count() == 4 and Succession.objects.count() == 1


@pytest.mark.django_db
def test_malformed_file_is_rejected_row_by_row_and_nothing_is_written(demo_registry):
    before = (Agency.objects.count(), Succession.objects.count(), AgencyGroup.objects.count())
    bad = [
        ["x-1", "Sở A", "", "", "Sở, cơ quan chuyên môn", "", "", "", ""],
        ["x-1", "Sở B", "", "", "sở", "", "", "", ""],
        ["", "", "", "", "Sở, cơ quan chuyên môn", "khong-co", "31/02/2022", "", ""],
        ["x-3", "Sở C", "", "", "Sở, cơ quan chuyên môn", "", "01/01/2023", "01/01/2022", ""],
    ]
    with pytest.raises(spreadsheet.RegistryImportError) as caught:
        spreadsheet.import_workbook(workbook_bytes(bad, [["x-1", "khong-ton-tai", "", "", ""]]), "sai.xlsx")
    problems = "\n".join(caught.value.problems)
    assert 'sai.xlsx, trang "Co quan", dòng 3, cột A (Mã): mã "x-1" bị lặp trong tệp.' in problems
    assert 'dòng 3, cột E (Loại): loại "sở" không hợp lệ' in problems
    assert "dòng 4, cột A (Mã): thiếu mã." in problems
    assert "dòng 4, cột B (Tên đầy đủ): thiếu tên cơ quan." in problems
    assert (
        'dòng 4, cột G (Hoạt động từ (dd/mm/yyyy)): ngày "31/02/2022" không đúng dạng dd/mm/yyyy.' in problems
    )
    assert 'dòng 4, cột F: không có đơn vị cấp trên mã "khong-co".' in problems
    assert "dòng 5, cột H (Hoạt động đến (dd/mm/yyyy)): ngày kết thúc trước ngày bắt đầu." in problems
    assert 'trang "Ke thua", dòng 2, cột B: không có cơ quan mã "khong-ton-tai".' in problems
    assert 'trang "Ke thua", dòng 2, cột C: thiếu ngày.' in problems
    assert (Agency.objects.count(), Succession.objects.count(), AgencyGroup.objects.count()) == before
    assert not Agency.objects.filter(code="x-1").exists()


@pytest.mark.django_db
def test_not_an_excel_file_and_wrong_headers():
    with pytest.raises(spreadsheet.RegistryImportError) as caught:
        spreadsheet.import_workbook(BytesIO(b"Ma,Ten\n1,2\n"), "danhmuc.csv")
    assert caught.value.problems == [
        "danhmuc.csv: không đọc được tệp Excel (.xlsx). Hãy lưu lại tệp dưới dạng .xlsx."
    ]
    wb = Workbook()
    wb.active.title = spreadsheet.AGENCY_SHEET
    wb.active.append(["Mã", "Tên"])
    buffer = BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    with pytest.raises(spreadsheet.RegistryImportError) as caught:
        spreadsheet.import_workbook(buffer, "thieu-cot.xlsx")
    assert caught.value.problems[0].startswith(
        'thieu-cot.xlsx, trang "Co quan", dòng 1: tiêu đề cột phải là: Mã, Tên đầy đủ'
    )


@pytest.mark.django_db
def test_export_then_import_into_an_empty_registry_gives_the_same_registry(demo_registry):
    buffer = BytesIO(spreadsheet.export_workbook())
    expected = {
        (
            a.code,
            a.name,
            a.kind,
            a.parent.code if a.parent else None,
            a.valid_from,
            a.valid_to,
            tuple(a.aliases),
        )
        for a in Agency.objects.select_related("parent")
    }
    succession_count, group_count = Succession.objects.count(), AgencyGroup.objects.count()
    from chiso.registry.models import User

    User.objects.all().delete()
    Succession.objects.all().delete()
    AgencyGroup.objects.all().delete()
    Agency.objects.update(parent=None)
    Agency.objects.all().delete()
    buffer.seek(0)
    spreadsheet.import_workbook(buffer, "xuat.xlsx")
    got = {
        (
            a.code,
            a.name,
            a.kind,
            a.parent.code if a.parent else None,
            a.valid_from,
            a.valid_to,
            tuple(a.aliases),
        )
        for a in Agency.objects.select_related("parent")
    }
    assert got == expected
    assert Succession.objects.count() == succession_count and AgencyGroup.objects.count() == group_count


@pytest.mark.django_db
def test_import_page_is_for_administrators_and_shows_problems(client, demo_registry, user_factory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(user_factory("monitor", agency="bt-snv"))
    assert client.get("/danh-muc/nhap-excel/").status_code == 403
    client.force_login(user_factory("admin", agency="bt-vp-ubnd"))
    upload = SimpleUploadedFile(
        "sai.xlsx",
        workbook_bytes(
            [["", "", "", "", "", "", "", "", ""], ["a", "", "", "", "zzz", "", "", "", ""]]
        ).getvalue(),
    )
    page = client.post("/danh-muc/nhap-excel/", {"file": upload}).content.decode()
    assert "Tệp chưa được nhập" in page and "dòng 3, cột B (Tên đầy đủ): thiếu tên cơ quan." in page
    upload = SimpleUploadedFile("a.pdf", b"%PDF-1.4")
    assert (
        "chỉ nhận tệp Excel .xlsx" in client.post("/danh-muc/nhap-excel/", {"file": upload}).content.decode()
    )
