import io

import pytest
from openpyxl import load_workbook

from chiso.indices.models import Component, Index, Methodology
from chiso.indices.services import definitions
from chiso.indices.services.definitions_xlsx import export_workbook, import_workbook
from chiso.indices.services.importer import ImportRejected


def _workbook_bytes(wb):
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.django_db
def test_new_year_methodology_loads_from_xlsx():
    definitions.load()
    wb = load_workbook(io.BytesIO(export_workbook()))
    methods, comps = wb["Phương pháp"], wb["Thành phần"]
    methods.append(
        [
            "PAR",
            "PAR-2026",
            "PAR INDEX 2026 (giả định để thử)",
            2026,
            None,
            "QĐ thử",
            100,
            "given",
            "không",
            "thử",
        ]
    )
    comps.append(
        ["PAR-2026", "LV1", "", "Công tác chỉ đạo, điều hành", 9.5, "points", None, "main", "có", ""]
    )
    comps.append(["PAR-2026", "LV1.1", "LV1", "Kế hoạch CCHC", 2, "points", None, "main", "có", ""])
    codes = import_workbook(_workbook_bytes(wb), "dinh-nghia.xlsx")
    assert "PAR-2026" in codes and "PAPI-2018" in codes
    m = Methodology.objects.get(code="PAR-2026")
    assert not m.confirmed and m.year_from == 2026
    child = Component.objects.get(methodology=m, code="LV1.1")
    assert child.parent.code == "LV1" and child.level == 2 and child.max_points == 2
    assert Index.objects.get(code="PAR").methodology_for(2026) == m
    # the round trip leaves the shipped definitions as they were
    assert Component.objects.get(methodology__code="PAR-876", code="TD").max_points == 61.5


@pytest.mark.django_db
def test_bad_definition_rows_are_rejected_with_sheet_row_column():
    definitions.load()
    wb = load_workbook(io.BytesIO(export_workbook()))
    wb["Phương pháp"].append(["XYZ", "X-1", "Sai", "năm", None, "", 100, "avg", "có", ""])
    wb["Thành phần"].append(["PAPI-2018", "D9", "D99", "Không có cha", 10, "points", None, "main", "có", ""])
    before = Component.objects.count()
    with pytest.raises(ImportRejected) as exc:
        import_workbook(_workbook_bytes(wb), "dn.xlsx")
    p = exc.value.problems
    row = wb["Phương pháp"].max_row
    assert f"Tệp dn.xlsx, trang 'Phương pháp', dòng {row}, cột 'Chỉ số': không có chỉ số 'XYZ'." in p
    assert f"Tệp dn.xlsx, trang 'Phương pháp', dòng {row}, cột 'Cách tính tổng': ghi 'sum' hoặc 'given'." in p
    assert f"Tệp dn.xlsx, trang 'Phương pháp', dòng {row}, cột 'Từ năm': 'năm' không phải là số." in p
    assert any("cột 'Mã cha': 'D99' chưa có ở các dòng trên." in x for x in p)
    assert Component.objects.count() == before and not Methodology.objects.filter(code="X-1").exists()
