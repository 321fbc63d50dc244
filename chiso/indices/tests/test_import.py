import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from chiso.core.models import AuditEntry
from chiso.indices.models import ImportBatch, Province, Result
from chiso.indices.services import definitions
from chiso.indices.services.importer import ImportRejected, import_results

HEADER = "province_vi,year,D1,D2,D3,D4,D5,D6,D7,D8,total_papi,rank_year\n"
GOOD = (
    "Bình Thuận,2021,5.384,5.522,4.41,7.399,6.969,7.862,3.517,3.087,44.151,12\n"
    "Ninh Thuận,2021,5,5,5,5,5,5,5,5,40,30\n"
)


@pytest.fixture
def defs(db):
    definitions.load()


def test_malformed_rows_are_rejected_with_row_and_column_and_nothing_written(defs):
    bad = (
        HEADER
        + GOOD
        + "Bình Thuân Xyz,2021,5,5,5,5,5,5,5,5,40,1\nĐồng Nai,2021,5,abc,5,5,5,5,5,5,40,1\nCà Mau,2021,11,5,5,5,5,5,5,5,40,1\n"
    )
    with pytest.raises(ImportRejected) as exc:
        import_results(bad.encode(), "kq.csv", "PAPI")
    problems = exc.value.problems
    assert (
        "Tệp kq.csv, dòng 4, cột 'province_vi': không nhận ra tỉnh, thành phố 'Bình Thuân Xyz'." in problems
    )
    assert "Tệp kq.csv, dòng 5, cột 'D2': 'abc' không phải là số." in problems
    assert "Tệp kq.csv, dòng 6, cột 'D1': điểm 11 ngoài khoảng 0–10." in problems
    assert Result.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_component_that_does_not_exist_in_the_year_is_rejected(defs):
    content = HEADER + "Bình Thuận,2015,5,5,5,5,5,5,3,3,,\n"
    with pytest.raises(ImportRejected) as exc:
        import_results(content.encode(), "kq.csv", "PAPI")
    assert any(
        "dòng 2, cột 'D7': năm 2015 theo PAPI-2011 không có thành phần D7" in p for p in exc.value.problems
    )


def test_duplicate_province_year_rejected(defs):
    with pytest.raises(ImportRejected) as exc:
        import_results((HEADER + GOOD + GOOD.splitlines()[0] + "\n").encode(), "kq.csv", "PAPI")
    assert "Tệp kq.csv, dòng 4: trùng tỉnh và năm với dòng 2." in exc.value.problems


def test_missing_columns_and_wrong_type(defs):
    with pytest.raises(ImportRejected) as exc:
        import_results(b"a,b\n1,2\n", "kq.csv", "PAPI")
    assert any("thiếu cột tỉnh" in p for p in exc.value.problems)
    with pytest.raises(ImportRejected) as exc:
        import_results(b"x", "kq.pdf", "PAPI")
    assert exc.value.problems == ["Tệp kq.pdf: chỉ nhận tệp .csv hoặc .xlsx."]


def test_reimport_creates_no_duplicates_and_one_audit_entry_per_import(defs):
    import_results((HEADER + GOOD).encode(), "kq.csv", "PAPI")
    assert Result.objects.count() == 18  # 2 provinces × (8 dimensions + total)
    audits = AuditEntry.objects.count()
    batch = import_results((HEADER + GOOD).encode(), "kq.csv", "PAPI")
    assert Result.objects.count() == 18 and batch.created == 0 and batch.updated == 0
    assert AuditEntry.objects.count() - audits == 2  # the batch row itself and the one import entry
    changed = GOOD.replace("44.151,12", "44.151,11")
    batch = import_results((HEADER + changed).encode(), "kq.csv", "PAPI")
    assert batch.updated == 1
    assert Result.objects.get(province__code="binh-thuan", year=2021, component_code="").rank == 11


def test_xlsx_with_column_mapping_and_vietnamese_decimal_comma(defs):
    wb = Workbook()
    ws = wb.active
    ws.append(
        ["Tỉnh, thành phố", "Năm", "Tham gia", "Minh bạch", "Giải trình", "Tham nhũng", "Thủ tục", "Dịch vụ"]
    )
    ws.append(["TP. Hồ Chí Minh", 2016, "5,5", 6, 5, 6, 7, 7])
    buf = io.BytesIO()
    wb.save(buf)
    mapping = {
        "D1": "Tham gia",
        "D2": "Minh bạch",
        "D3": "Giải trình",
        "D4": "Tham nhũng",
        "D5": "Thủ tục",
        "D6": "Dịch vụ",
    }
    import_results(buf.getvalue(), "kq.xlsx", "PAPI", mapping=mapping)
    row = Result.objects.get(province__code="ho-chi-minh", year=2016, component_code="D1")
    assert row.score == 5.5 and row.methodology.code == "PAPI-2011"


def test_2025_results_go_to_the_new_unit_and_keep_histories_apart(defs):
    import_results((HEADER + GOOD).encode(), "kq.csv", "PAPI")
    import_results((HEADER + "Lâm Đồng,2025,5,5,5,5,5,5,5,5,40,20\n").encode(), "kq.csv", "PAPI")
    old_bt = Province.objects.get(code="binh-thuan")
    new_ld = Province.objects.get(code="lam-dong-2025")
    assert old_bt.successor == new_ld
    assert set(new_ld.predecessors.values_list("name", flat=True)) == {"Bình Thuận", "Đắk Nông", "Lâm Đồng"}
    assert Result.objects.filter(province=new_ld).values_list("year", flat=True).distinct().get() == 2025
    assert Result.objects.filter(province=old_bt).values_list("year", flat=True).distinct().get() == 2021
    assert Province.objects.filter(valid_to__isnull=False).count() == 63
    assert Province.objects.filter(valid_from__isnull=False).count() == 34


def test_command_imports_the_shared_file_without_options(db, papi_csv, capsys):
    call_command("import-index", str(papi_csv), "--index", "PAPI", verbosity=0)
    assert (
        Result.objects.filter(component_code="").count() == 882 - 13
    )  # 13 province-years have no total (data README)
    assert Result.objects.get(province__code="binh-thuan", year=2021, component_code="").rank == 12


def test_command_reports_problems(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "Atlantis,2021,5,5,5,5,5,5,5,5,40,1\n", encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        call_command("import-index", str(bad), "--index", "PAPI", verbosity=0)
    assert "dòng 2, cột 'province_vi': không nhận ra tỉnh, thành phố 'Atlantis'" in str(exc.value)


def test_a_merged_province_cannot_receive_results_after_the_merger(defs):
    with pytest.raises(ImportRejected) as exc:
        import_results((HEADER + "Bình Thuận,2025,5,5,5,5,5,5,5,5,40,1\n").encode(), "kq.csv", "PAPI")
    assert exc.value.problems == [
        "Tệp kq.csv, dòng 2, cột 'province_vi': Bình Thuận đã sáp nhập từ 01/7/2025, kết quả năm 2025 thuộc Lâm Đồng."
    ]
    assert Result.objects.count() == 0
