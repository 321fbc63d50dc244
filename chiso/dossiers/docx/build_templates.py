"""Builds the apology-letter templates (docxtpl) a clerk may then edit in Word.

Run: PYTHONPATH=. /work/venv/bin/python chiso/dossiers/docx/build_templates.py
Layout per NĐ 30/2020 (A4, Times New Roman 13–14, two-block header); fields per TT 01/2018/TT-VPCP
Mẫu số 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (domain.md §7.3). Under TT 03/2025/TT-VPCP the
form's number is unconfirmed, so the later template names only the circular.
"""
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent
FORMS = {
    "phieu-xin-loi-tt01-2018.docx": "Mẫu số 04 (Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ)",
    "phieu-xin-loi-tt03-2025.docx": "Mẫu ban hành kèm theo Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ",
}


def _para(doc_or_cell, text="", bold=False, italic=False, size=13, align=None, space_after=0):
    p = doc_or_cell.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def build(name, form_note):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(20), Mm(20), Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    _para(doc, form_note, italic=True, size=11, align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=6)
    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    header.autofit = False
    left, right = header.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    left.paragraphs[0].text = ""
    _para(left, "{{ parent_agency|upper }}", size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "{{ agency|upper }}", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "--------", size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(left, "Số: {{ number }}/PXL", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    right.paragraphs[0].text = ""
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "---------------", size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", italic=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, "", space_after=6)
    _para(doc, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _para(doc, "Kính gửi: {{ applicant }}", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    body = [
        "Ngày {{ received }}, {{ agency }} tiếp nhận giải quyết hồ sơ của Quý ông/bà/cơ quan, tổ chức đề nghị giải "
        "quyết thủ tục hành chính: {{ procedure }} (lĩnh vực {{ field }}).",
        "Mã hồ sơ (số biên nhận): {{ code }}.",
        "Thời gian hẹn trả kết quả giải quyết hồ sơ: ngày {{ due }}.",
        "Tuy nhiên đến nay, {{ agency }} chưa trả kết quả giải quyết hồ sơ cho Quý ông/bà/cơ quan, tổ chức đúng hẹn "
        "như đã ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
        "Lý do: {{ reason }}",
        "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Quý ông/bà/cơ quan, tổ chức. {{ agency }} xin lỗi "
        "Quý ông/bà/cơ quan, tổ chức và sẽ trả kết quả giải quyết hồ sơ cho Quý ông/bà/cơ quan, tổ chức vào ngày {{ new_due }}.",
        "Xin trân trọng cảm ơn./.",
    ]
    for text in body:
        p = _para(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after=6)
        p.paragraph_format.first_line_indent = Mm(10)
    footer = doc.add_table(rows=1, cols=2)
    left, right = footer.rows[0].cells
    left.paragraphs[0].text = ""
    _para(left, "Nơi nhận:", bold=True, italic=True, size=12)
    _para(left, "- Như trên;", size=11)
    _para(left, "- Bộ phận Tiếp nhận và Trả kết quả;", size=11)
    _para(left, "- Lưu: VT.", size=11)
    right.paragraphs[0].text = ""
    _para(right, "{{ signer_title|upper }}", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "(Ký, ghi rõ họ tên và đóng dấu)", italic=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=48)
    _para(right, "{{ signer }}", bold=True, size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    doc.save(HERE / name)


if __name__ == "__main__":
    for file_name, note in FORMS.items():
        build(file_name, note)
        print("đã tạo", HERE / file_name)
