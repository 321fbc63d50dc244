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


def _rows(report):
    for n, r in enumerate(report["rows"], start=1):
        yield [n, r["agency"], *(r[k] for k in SHEET_KEYS)]
    t = report["total"]
    yield ["", "Tổng cộng", *(t[k] for k in SHEET_KEYS)]


def period_xlsx(report, unit):
    """Through the shared writer (chiso/core/exports.py: no cell becomes a formula). The group row above
    the header stands for Mẫu 06a's merged titles."""
    from chiso.core import exports

    group_row = []
    for label, span in GROUPS:
        group_row += [label] + [""] * (span - 1)
    sheet = exports.Sheet(
        "Mẫu 06",
        header=["", "", *SUBHEADERS],
        rows=list(_rows(report)),
        title_rows=[
            [unit],
            ["BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"],
            [title(report["start"], report["end"])],
            group_row,
        ],
        widths=[6, 40] + [14] * len(SUBHEADERS),
    )
    return exports.xlsx(sheet)


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
