"""Builds bao-cao-khao-sat.docx, the docxtpl template of the results report (NĐ 30/2020 layout).

Run again after changing this script: `python -m chiso.surveys.report_templates.build_report_template`.
A clerk may also edit the .docx in Word as long as the {{ … }} / {% … %} tags stay intact.
"""
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

OUT = Path(__file__).with_name("bao-cao-khao-sat.docx")


def _para(doc_or_cell, text, bold=False, italic=False, size=13, align=None, space_after=0):
    p = doc_or_cell.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _widths(table, widths_cm):
    # Word honours cell widths only with autofit off and a width on every cell of the column.
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)


def build():
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Cm(2), Cm(2), Cm(3), Cm(2)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(header, [6.0, 10.0])
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ""
    _para(left, "{{ parent_agency }}", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "{{ issuing_agency }}", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "Số:      /BC-{{ abbreviation }}", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    right.paragraphs[0].text = ""
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", italic=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)

    _para(doc, "", size=14)
    _para(doc, "BÁO CÁO", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "Kết quả {{ wave_name }}", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)

    body = [
        "I. THÔNG TIN CHUNG",
        "Phiếu: {{ questionnaire }}. Đối tượng: {{ target_group }}. Thời gian: từ ngày {{ start }} đến ngày {{ end }}.",
        "Số phiếu thu về: {{ responses }}{% if response_rate %}; tỷ lệ phản hồi {{ response_rate }}{% endif %}. Kết quả {% if weighted %}đã gia quyền hậu phân tầng ({{ weight_source }}){% else %}chưa gia quyền{% endif %}.",
        "II. KẾT QUẢ",
        "1. Mức độ hài lòng chung: {{ overall }} (khoảng tin cậy 95 %: {{ overall_ci }}).",
        "2. Mức độ hài lòng theo từng yếu tố:",
    ]
    for line in body:
        p = _para(doc, line, bold=line[:3] in ("I. ", "II."), size=14, space_after=6)
        p.paragraph_format.first_line_indent = Cm(1)
    table = doc.add_table(rows=2, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["Yếu tố", "Tỷ lệ hài lòng", "KTC 95 %", "Số phiếu"]):
        cell.paragraphs[0].add_run(text).bold = True
    row = table.rows[1].cells
    row[0].paragraphs[0].text = "{%tr for e in elements %}{{ e.name }}"
    row[1].paragraphs[0].text = "{{ e.share }}"
    row[2].paragraphs[0].text = "{{ e.ci }}"
    row[3].paragraphs[0].text = "{{ e.n }}{%tr endfor %}"
    # docxtpl's {%tr %} needs the loop tags in their own rows
    _fix_loop_rows(table)
    _widths(table, [7.5, 3.0, 3.7, 1.8])

    p = _para(doc, "3. Kết quả theo cơ quan (xếp hạng):", size=14, space_after=6)
    p.paragraph_format.first_line_indent = Cm(1)
    agencies = doc.add_table(rows=4, cols=5)
    agencies.style = "Table Grid"
    for cell, text in zip(agencies.rows[0].cells, ["Hạng", "Cơ quan", "Hài lòng chung", "KTC 95 %", "Số phiếu"]):
        cell.paragraphs[0].add_run(text).bold = True
    agencies.rows[1].cells[0].paragraphs[0].text = "{%tr for a in agencies %}"
    for cell, text in zip(agencies.rows[2].cells, ["{{ a.rank }}", "{{ a.name }}{% if a.small %} (*){% endif %}", "{{ a.share }}", "{{ a.ci }}", "{{ a.n }}"]):
        cell.paragraphs[0].text = text
    agencies.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    _widths(agencies, [1.6, 6.6, 2.5, 3.5, 1.8])

    for line in ["(*) Số phiếu dưới {{ min_cell }}: kết quả chỉ để tham khảo.",
                 "{% if comparison %}4. So sánh: {{ comparison }}{% endif %}",
                 "III. LƯU Ý",
                 "{{ warnings_text }}",
                 "Tỷ lệ hài lòng là tỷ lệ người trả lời có điểm trung bình của yếu tố từ 4 trở lên trên thang 5 mức; khoảng tin cậy Wilson 95 %."]:
        p = _para(doc, line, bold=line.startswith("III."), size=14, space_after=6)
        p.paragraph_format.first_line_indent = Cm(1)

    footer = doc.add_table(rows=1, cols=2)
    _widths(footer, [8.0, 8.0])
    left, right = footer.rows[0].cells
    left.paragraphs[0].text = ""
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12)
    _para(left, "- UBND tỉnh (b/c);", size=11)
    _para(left, "- Các cơ quan, đơn vị;", size=11)
    _para(left, "- Lưu: VT, CCHC.", size=11)
    right.paragraphs[0].text = ""
    _para(right, "{{ signer_title }}", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "", size=14)
    _para(right, "", size=14)
    _para(right, "{{ signer_name }}", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.save(OUT)
    return OUT


def _fix_loop_rows(table):
    # Put the for/endfor tags in rows of their own, as docxtpl expects for row loops.
    from copy import deepcopy

    template_row = table.rows[1]._tr
    open_row, close_row = deepcopy(template_row), deepcopy(template_row)
    template_row.addprevious(open_row)
    template_row.addnext(close_row)
    rows = table.rows
    for cell in rows[1].cells:
        cell.paragraphs[0].text = ""
    rows[1].cells[0].paragraphs[0].text = "{%tr for e in elements %}"
    for cell in rows[3].cells:
        cell.paragraphs[0].text = ""
    rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    cells = rows[2].cells
    for cell, text in zip(cells, ["{{ e.name }}", "{{ e.share }}", "{{ e.ci }}", "{{ e.n }}"]):
        cell.paragraphs[0].text = text


if __name__ == "__main__":
    print(build())
