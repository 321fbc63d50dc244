"""Builds the apology-letter templates (docxtpl) a clerk may then edit in Word.

Run: PYTHONPATH=. /work/venv/bin/python chiso/dossiers/docx/build_templates.py
Layout per NĐ 30/2020 (A4, Times New Roman 13–14, two-block header); fields per TT 01/2018/TT-VPCP
Mẫu số 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (domain.md §7.3). Under TT 03/2025/TT-VPCP the
form's number is unconfirmed, so the later template names only the circular.
"""

from pathlib import Path

from chiso.core.docx_layout import (
    CENTER,
    JUSTIFY,
    QUOC_HIEU,
    RIGHT,
    TIEU_NGU,
    Line,
    nd30_header,
    new_document,
    paragraph,
    recipients,
    recipients_and_signature,
)

HERE = Path(__file__).resolve().parent
FORMS = {
    "phieu-xin-loi-tt01-2018.docx": "Mẫu số 04 (Ban hành kèm theo Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ)",
    "phieu-xin-loi-tt03-2025.docx": "Mẫu ban hành kèm theo Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ",
}
# The letter's header and footer cells have always opened with an empty line at the style's spacing;
# kept so the printed letter does not move.
GAP = Line("", 13, space_after=None)


def build(name, form_note):
    doc = new_document(size=13, margins=(2, 2, 3, 1.5))
    paragraph(doc, form_note, italic=True, size=11, align=RIGHT, space_after=6)
    nd30_header(
        doc,
        [
            GAP,
            Line("{{ parent_agency|upper }}", 12),
            Line("{{ agency|upper }}", 12, bold=True),
            Line("--------", 12),
            Line("Số: {{ number }}/PXL", 13),
        ],
        [
            GAP,
            Line(QUOC_HIEU, 12, bold=True),
            Line(TIEU_NGU, 13, bold=True),
            Line("---------------", 12),
            Line("{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", 13, italic=True),
        ],
        [6.5, 10.0],
    )
    paragraph(doc, "", space_after=6)
    paragraph(
        doc, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", bold=True, size=14, align=CENTER, space_after=12
    )
    paragraph(doc, "Kính gửi: {{ applicant }}", align=CENTER, space_after=12)
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
        paragraph(doc, text, align=JUSTIFY, space_after=6, first_line_indent=1)
    recipients_and_signature(
        doc,
        [GAP] + recipients(["- Như trên;", "- Bộ phận Tiếp nhận và Trả kết quả;", "- Lưu: VT."]),
        [
            GAP,
            Line("{{ signer_title|upper }}", 13, bold=True),
            Line("(Ký, ghi rõ họ tên và đóng dấu)", 12, italic=True, space_after=48),
            Line("{{ signer }}", 13, bold=True),
        ],
        [8.25, 8.25],
    )
    doc.save(HERE / name)


if __name__ == "__main__":
    for file_name, note in FORMS.items():
        build(file_name, note)
        print("đã tạo", HERE / file_name)
