"""The period report (services/period.py) as an XLSX sheet and a DOCX document in the NĐ 30/2020 layout."""

import io
from datetime import date

from chiso.core import docx_layout as L

from .period import COLUMNS, title

GROUPS = [
    ("STT", 1),
    ("Đơn vị", 1),
    ("Số hồ sơ nhận giải quyết", 4),
    ("Số hồ sơ đã giải quyết", 4),
    ("Số hồ sơ đang giải quyết", 3),
]
SUBHEADERS = [
    "Tồn kỳ trước",
    "Trong kỳ: trực tuyến",
    "Trong kỳ: trực tiếp, bưu chính",
    "Tổng số",
    "Tổng số",
    "Trước hạn",
    "Đúng hạn (gồm trả lại, xin rút)",
    "Quá hạn",
    "Tổng số",
    "Trong hạn (gồm chờ bổ sung)",
    "Quá hạn",
]
KEYS = [k for k, _label in COLUMNS]
# Mẫu 06a orders "Tổng số" before the backlog; the sheet keeps the order of COLUMNS, labelled per sub-header.
SHEET_KEYS = [
    "backlog",
    "received_online",
    "received_direct",
    "to_handle",
    "settled",
    "early",
    "on_time",
    "late",
    "open",
    "open_in_time",
    "open_overdue",
]


def _safe(value):
    """Text never becomes a formula in a spreadsheet (a name starting with = + - @ is kept as text)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _rows(report):
    for n, r in enumerate(report["rows"], start=1):
        yield [n, r["agency"], *(r[k] for k in SHEET_KEYS)]
    t = report["total"]
    yield ["", "Tổng cộng", *(t[k] for k in SHEET_KEYS)]


def period_xlsx(report, unit):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Mẫu 06"
    width = 2 + len(SHEET_KEYS)
    sheet.append([_safe(unit)])
    sheet.append(["BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"])
    sheet.append([title(report["start"], report["end"])])
    for r in (1, 2, 3):
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        sheet.cell(r, 1).alignment = Alignment(horizontal="center")
        sheet.cell(r, 1).font = Font(bold=r < 3, italic=r == 3)
    top, spans, col = [], [], 1
    for label, span in GROUPS:
        top += [label] + [None] * (span - 1)
        if span > 1:
            spans.append((col, col + span - 1))
        col += span
    sheet.append(top)
    sheet.append([None, None, *SUBHEADERS])
    for first, last in spans:  # merged after the rows exist, or append would start below them
        sheet.merge_cells(start_row=4, start_column=first, end_row=4, end_column=last)
    sheet.merge_cells("A4:A5")
    sheet.merge_cells("B4:B5")
    for row in sheet.iter_rows(min_row=4, max_row=5):
        for cell in row:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for values in _rows(report):
        sheet.append([_safe(v) for v in values])
    sheet.column_dimensions["B"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def period_docx(report, unit, parent, place, issued=None):
    """NĐ 30/2020 header (parent agency, unit, số; Quốc hiệu, địa danh and date), the table, signature."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    issued = issued or date.today()
    doc = L.new_document(size=13, margins=(2, 2, 3, 2))
    section = doc.sections[0]
    # Landscape: thirteen columns do not fit a portrait page at a legible size.
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    L.nd30_header(
        doc,
        [L.Line(parent.upper(), 12), L.Line(unit.upper(), 12, bold=True), L.Line("Số:      /BC-", 13)],
        [
            L.Line(L.QUOC_HIEU, 12, bold=True),
            L.Line(L.TIEU_NGU, 13, bold=True),
            L.Line(
                f"{place}, ngày {issued.day:02d} tháng {issued.month:02d} năm {issued.year}", 13, italic=True
            ),
        ],
        (9, 15.7),
    )
    L.paragraph(doc, "")
    p = L.paragraph(doc, "BÁO CÁO", size=14, space_after=0)
    L.format_paragraph(p, align=L.CENTER)
    for run in p.runs:
        L.style_run(run, 14, bold=True)
    p = L.paragraph(doc, "Tình hình, kết quả giải quyết thủ tục hành chính", size=14)
    L.format_paragraph(p, align=L.CENTER)
    for run in p.runs:
        L.style_run(run, 14, bold=True)
    p = L.paragraph(doc, title(report["start"], report["end"]), size=13, space_after=6)
    L.format_paragraph(p, align=L.CENTER)
    for run in p.runs:
        L.style_run(run, 13, italic=True)
    headings = ["STT", "Đơn vị", *SUBHEADERS]
    rows = list(_rows(report))
    table = doc.add_table(rows=1 + len(rows), cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings):
        L.cell_text(cell, text, size=10, bold=True, align=L.CENTER)
    for tr, values in zip(table.rows[1:], rows):
        for i, (cell, v) in enumerate(zip(tr.cells, values)):
            L.cell_text(
                cell,
                f"{v:,}".replace(",", ".") if isinstance(v, int) else str(v),
                size=10,
                align=L.LEFT if i == 1 else L.CENTER,
                bold=values[1] == "Tổng cộng",
            )
    L.set_widths(table, [1.0, 5.2] + [1.75] * len(SUBHEADERS))
    L.paragraph(doc, "")
    L.recipients_and_signature(
        doc,
        L.recipients(["- Như trên;", "- Lưu: VT."]),
        L.signer("THỦ TRƯỞNG CƠ QUAN", ""),
        (12, 12.7),
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
