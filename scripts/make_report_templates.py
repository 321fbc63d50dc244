"""Builds chiso/directives/report_templates/bao-cao-tinh-hinh.docx, the docxtpl template of the
"Báo cáo tình hình thực hiện" in the NĐ 30/2020 layout. A clerk may edit the result in Word; rerun
this only to start again from the built-in layout.

    PYTHONPATH=. /work/venv/bin/python scripts/make_report_templates.py
"""
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent.parent / "chiso" / "directives" / "report_templates" / "bao-cao-tinh-hinh.docx"
FONT = "Times New Roman"


def para(container, text="", *, bold=False, italic=False, size=13, align=None, space_after=0, underline=False):
    p = container.add_paragraph()
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        run.font.size = Pt(size)
        run.font.name = FONT
    return p


def no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def set_widths(table, widths):
    # Word follows the grid, LibreOffice the cells: set both so the layout is the same in each.
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def cell_text(cell, text, **kw):
    cell.paragraphs[0].text = ""
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.font.size = Pt(kw.get("size", 12))
    run.font.name = FONT
    run.bold = kw.get("bold", False)
    p.alignment = kw.get("align", WD_ALIGN_PARAGRAPH.LEFT)
    return p


def loop_table(doc, headers, fields, loop, widths):
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(headers):
        cell_text(table.rows[0].cells[i], h, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(table.rows[1].cells[0], "{%tr for r in " + loop + " %}")
    for i, f in enumerate(fields):
        cell_text(table.rows[2].cells[i], "{{ r." + f + " }}", align=WD_ALIGN_PARAGRAPH.LEFT if i in (1,) else WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(table.rows[3].cells[0], "{%tr endfor %}")
    set_widths(table, widths)
    return table


def build():
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)

    header = doc.add_table(rows=1, cols=2)
    no_borders(header)
    left, right = header.rows[0].cells
    set_widths(header, [6.0, 10.0])
    left.paragraphs[0].text = ""
    for text, bold in (("{{ parent_issuer|upper }}", False), ("{{ issuer|upper }}", True), ("———", False),
                       ("Số: {{ number }}", False)):
        p = para(left, text, bold=bold, size=13 if text.startswith("Số") else 12.5, align=WD_ALIGN_PARAGRAPH.CENTER)
    left._tc.remove(left.paragraphs[0]._p)
    for text, bold, italic, size in (("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, 12.5),
                                     ("Độc lập - Tự do - Hạnh phúc", True, False, 13.5), ("———————————", False, False, 12),
                                     ("{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", False, True, 13.5)):
        para(right, text, bold=bold, italic=italic, size=size, align=WD_ALIGN_PARAGRAPH.CENTER)
    right._tc.remove(right.paragraphs[0]._p)

    para(doc, "", space_after=6)
    para(doc, "BÁO CÁO", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "Tình hình thực hiện {{ subject }}", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "———————", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    body = para(doc, "{{ intro }}", size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6)
    body.paragraph_format.first_line_indent = Cm(1)
    para(doc, "I. KẾT QUẢ CHUNG", bold=True, size=14, space_after=6)
    p = para(doc, "Tổng số nhiệm vụ, phần việc được giao: {{ totals.assigned }}; đã hoàn thành {{ totals.done }} "
             "(đúng hạn {{ totals.on_time }}, trễ hạn {{ totals.late }}); đang thực hiện trong hạn {{ totals.open }}; "
             "quá hạn chưa hoàn thành {{ totals.overdue }}; dừng, hủy {{ totals.cancelled }}.", size=14,
             align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6)
    p.paragraph_format.first_line_indent = Cm(1)
    loop_table(doc, ["TT", "Cơ quan, đơn vị", "Được giao", "Đúng hạn", "Trễ hạn", "Quá hạn", "Đang thực hiện", "Điểm"],
               ["rank", "name", "assigned", "on_time", "late", "overdue", "open", "score"], "agencies",
               [1.0, 5.6, 1.5, 1.5, 1.4, 1.4, 1.8, 1.8])
    para(doc, "", space_after=6)
    para(doc, "II. {{ tasks_heading }}", bold=True, size=14, space_after=6)
    loop_table(doc, ["Mục", "Nội dung nhiệm vụ", "Chủ trì", "Thời hạn", "Tình hình"],
               ["ref", "text", "lead", "due", "status"], "tasks", [1.4, 7.0, 3.6, 2.0, 2.0])
    para(doc, "", space_after=6)
    para(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True, size=14, space_after=6)
    p = para(doc, "{{ proposals }}", size=14, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=12)
    p.paragraph_format.first_line_indent = Cm(1)

    footer = doc.add_table(rows=1, cols=2)
    no_borders(footer)
    left, right = footer.rows[0].cells
    set_widths(footer, [8.0, 8.0])
    left.paragraphs[0].text = ""
    para(left, "Nơi nhận:", bold=True, italic=True, size=12)
    para(left, "{{ recipients }}", size=11)
    left._tc.remove(left.paragraphs[0]._p)
    for text, bold in (("{{ signer_title }}", True), ("", False), ("", False), ("", False), ("{{ signer_name }}", True)):
        para(right, text, bold=bold, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    right._tc.remove(right.paragraphs[0]._p)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(OUT)


if __name__ == "__main__":
    build()
