"""Build chiso/indices/report_templates/bao-cao-phan-tich-chi-so.docx, the docxtpl template of the
"Báo cáo phân tích, đánh giá chỉ số" in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I).

Run once after changing the layout: `python scripts/make_index_report_template.py`. A clerk may then
edit the .docx in Word (wording, fonts) as long as the {{ … }} / {%tr … %} tags stay in place.
"""
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parents[1] / "chiso" / "indices" / "report_templates" / "bao-cao-phan-tich-chi-so.docx"
FONT = "Times New Roman"


def _font(run, size=14, bold=False, italic=False):
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic
    return run


def para(container, text="", size=14, bold=False, italic=False, align=None, indent=True, space_after=6):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(0)
    fmt.line_spacing = 1.15
    if align is not None:
        p.alignment = align
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            fmt.first_line_indent = Cm(1)
    if text:
        _font(p.add_run(text), size, bold, italic)
    return p


def _no_borders(table):
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_para(cell, text, size=13, bold=False, italic=False, first=False):
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    _font(p.add_run(text), size, bold, italic)
    return p


def header(doc):
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _widths(table, [6.5, 9.5])
    _cell_para(left, "{{ parent_agency }}", 13, first=True)
    _cell_para(left, "{{ agency }}", 13, bold=True)
    _cell_para(left, "――――――", 13)
    _cell_para(left, "Số: {{ number }}", 13)
    _cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, first=True)
    _cell_para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True)
    _cell_para(right, "――――――――――――――――", 13)
    _cell_para(right, "{{ place }}, {{ date_text }}", 14, italic=True)


def _widths(table, widths):
    # LibreOffice reads the grid, Word the cells: set both.
    table.autofit = False
    for i, w in enumerate(widths):
        table.columns[i].width = Cm(w)
        for cell in table.columns[i].cells:
            cell.width = Cm(w)


def grid_table(doc, headings, cells, widths):
    table = doc.add_table(rows=3, cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(headings):
        _cell_para(table.rows[0].cells[i], h, 12, bold=True, first=True)
        table.rows[0].cells[i].width = Cm(widths[i])
    # docxtpl row loop: the first and last rows carry the {%tr %} tags, the middle one the cells.
    table.rows[1].cells[0].paragraphs[0].add_run(cells[0])
    for i, text in enumerate(cells[1]):
        p = table.rows[2].cells[i].paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if i != 1 else WD_ALIGN_PARAGRAPH.LEFT
        _font(p.add_run(text), 12)
        table.rows[2].cells[i].width = Cm(widths[i])
    row = table.add_row()
    row.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    _widths(table, widths)
    return table


def build():
    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    doc.styles["Normal"].font.name = FONT
    doc.styles["Normal"].font.size = Pt(14)
    header(doc)
    para(doc, "", space_after=6)
    para(doc, "BÁO CÁO", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    para(doc, "Phân tích, đánh giá chỉ số {{ index_code }} năm {{ year }} của {{ province_title }}", 14, bold=True,
         align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    para(doc, "――――――", 14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    para(doc, "Căn cứ kết quả {{ index_name }} ({{ index_code }}) năm {{ year }} do {{ owner }} công bố; "
              "{{ agency_title }} báo cáo phân tích, đánh giá kết quả của {{ province_title }} như sau:")

    para(doc, "I. KẾT QUẢ CHUNG", 14, bold=True, indent=True)
    para(doc, "Năm {{ year }}, {{ province_title }} đạt {{ score }} điểm{% if total_max %}/{{ total_max }}{% endif %}, "
              "xếp thứ {{ rank }}{% if rank_denominator %}/{{ rank_denominator }} tỉnh, thành phố{% endif %}{% if tier %}, thuộc nhóm “{{ tier }}”{% endif %}."
              "{% if previous %} So với năm {{ previous.year }} ({{ previous.score }} điểm, xếp thứ {{ previous.rank }}), "
              "tổng điểm {{ score_change_text }} và thứ hạng {{ rank_change_text }}.{% endif %}")
    para(doc, "{% if compare_ok %}Điểm bình quân cả nước là {{ national_mean }} điểm; tỉnh cao nhất đạt {{ national_best }} điểm, "
              "tỉnh thấp nhất {{ national_worst }} điểm. Trong vùng {{ region }}, {{ province_title }} xếp thứ "
              "{{ region_position }}/{{ region_count }}.{% else %}Hệ thống chưa có đủ số liệu của các tỉnh, thành phố "
              "để so sánh với bình quân cả nước.{% endif %}")
    para(doc, "{% for w in warnings %}Lưu ý về số liệu: {{ w }}{% if not loop.last %} {% endif %}{% endfor %}", 12, italic=True)

    para(doc, "II. KẾT QUẢ CÁC CHỈ SỐ THÀNH PHẦN", 14, bold=True)
    para(doc, "Bảng 1. Điểm các chỉ số thành phần năm {{ year }}{% if previous_year %} so với năm {{ previous_year }}{% endif %}", 13, italic=True,
         align=WD_ALIGN_PARAGRAPH.CENTER)
    grid_table(doc, ["Mã", "Chỉ số thành phần", "Điểm {{ year }}", "Điểm {{ previous_year or 'năm trước' }}", "Tăng/giảm", "Hạng", "BQ cả nước"],
               ("{%tr for c in components %}",
                ["{{ c.code }}", "{{ c.name }}", "{{ c.score }}", "{{ c.previous_score }}", "{{ c.delta }}", "{{ c.rank }}",
                 "{{ c.national_mean }}"]),
               [1.2, 5.7, 1.9, 1.9, 1.9, 1.5, 1.9])
    para(doc, "", space_after=6)
    para(doc, "{{ chart_components }}", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    para(doc, "Hình 1. Điểm các chỉ số thành phần của {{ province_title }} so với bình quân cả nước", 13, italic=True,
         align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "{{ chart_trend }}", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    para(doc, "Hình 2. Tổng điểm và thứ hạng qua các năm", 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    para(doc, "III. CÁC CHỈ SỐ THÀNH PHẦN GIẢM ĐIỂM VÀ TRÁCH NHIỆM", 14, bold=True)
    para(doc, "{% if not previous_year %}Không có kết quả năm trước để so sánh.{% elif declined %}Có {{ declined|length }} chỉ số thành phần giảm điểm so với năm {{ previous_year }}: "
              "{{ declined_names }}. Cơ quan chủ trì, phối hợp cải thiện từng chỉ số như sau:"
              "{% else %}Không có chỉ số thành phần nào giảm điểm so với năm {{ previous_year }}.{% endif %}")
    para(doc, "Bảng 2. Chỉ số thành phần giảm điểm và cơ quan chịu trách nhiệm", 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    grid_table(doc, ["Mã", "Chỉ số thành phần", "Giảm", "Cơ quan chủ trì", "Cơ quan phối hợp", "Nhiệm vụ đang thực hiện"],
               ("{%tr for d in declined %}",
                ["{{ d.code }}", "{{ d.name }}", "{{ d.delta }}", "{{ d.lead }}", "{{ d.supporting }}", "{{ d.tasks }}"]),
               [1.2, 4.2, 1.5, 3.0, 3.3, 2.8])
    para(doc, "", space_after=6)
    para(doc, "{% if compare_ok %}Các chỉ số có khả năng cải thiện nhiều nhất (khoảng cách tới tỉnh cao nhất cả nước): "
              "{{ recoverable_text }}.{% endif %}")

    para(doc, "IV. ĐỀ XUẤT NHIỆM VỤ", 14, bold=True)
    para(doc, "{%p for t in proposals %}")
    para(doc, "{{ loop.index }}. {{ t }}")
    para(doc, "{%p endfor %}")
    para(doc, "Trên đây là báo cáo phân tích, đánh giá chỉ số {{ index_code }} năm {{ year }} của {{ province_title }}, "
              "{{ agency_title }} kính trình Ủy ban nhân dân tỉnh xem xét, chỉ đạo./.")

    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    left, right = sign.rows[0].cells
    _widths(sign, [8, 8])
    p = left.paragraphs[0]
    _font(p.add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for line in ("- UBND tỉnh (báo cáo);", "- Các sở, ban, ngành;", "- UBND các huyện, thị xã, thành phố;", "- Lưu: VT, CCHC."):
        q = left.add_paragraph()
        q.paragraph_format.space_after = Pt(0)
        _font(q.add_run(line), 11)
    _cell_para(right, "{{ signer_title }}", 14, bold=True, first=True)
    for _ in range(3):
        _cell_para(right, "", 14)
    _cell_para(right, "{{ signer_name }}", 14, bold=True)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    return OUT


if __name__ == "__main__":
    print(build())
