"""Builds the apology-letter templates (docxtpl) a clerk may then edit in Word.

Run: PYTHONPATH=. /work/venv/bin/python chiso/dossiers/docx/build_templates.py
Layout per NĐ 30/2020 (A4, Times New Roman 13–14, two-block header); fields per TT 01/2018/TT-VPCP
Mẫu số 04 "Phiếu xin lỗi và hẹn lại ngày trả kết quả" (domain.md §7.3). The TT 03/2025/TT-VPCP-era letter
follows the 2025 provincial templates (rules-checked-2026.md: Bộ Y tế QĐ 3621/QĐ-BYT BM.04, Sơn La QĐ
2969/QĐ-UBND): số định danh of the dossier, times with the hour, "Bộ phận Một cửa" (NĐ 118/2025), a
digital signature; its form number under TT 03/2025 is unconfirmed, so it names only the circular.
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
    "phieu-xin-loi-tt03-2025.docx": "Mẫu theo Thông tư số 03/2025/TT-VPCP của Văn phòng Chính phủ (số hiệu mẫu: chưa xác minh)",
}
BODY_2018 = [
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
BODY_2025 = [
    "Số định danh hồ sơ: {{ code }}.",
    "Thủ tục hành chính: {{ procedure }} (lĩnh vực {{ field }}).",
    "Thời gian tiếp nhận hồ sơ: {{ received_at }}.",
    "Thời gian hẹn trả kết quả: {{ due_at }}.",
    "{{ agency }} chưa giải quyết xong hồ sơ của Quý ông/bà/cơ quan, tổ chức trong thời gian đã hẹn trên Giấy tiếp "
    "nhận hồ sơ và hẹn trả kết quả.",
    "Lý do: {{ reason }}",
    "{{ agency }} trân trọng xin lỗi Quý ông/bà/cơ quan, tổ chức và hẹn trả kết quả giải quyết hồ sơ vào "
    "{{ new_due_at }}, tại Bộ phận Một cửa hoặc theo hình thức Quý ông/bà/cơ quan, tổ chức đã đăng ký.",
    "Xin trân trọng cảm ơn./.",
]
SIGN_NOTE = {
    "phieu-xin-loi-tt01-2018.docx": "(Ký, ghi rõ họ tên và đóng dấu)",
    "phieu-xin-loi-tt03-2025.docx": "(Ký số hoặc ký, ghi rõ họ tên và đóng dấu)",
}
RECIPIENTS = {
    "phieu-xin-loi-tt01-2018.docx": ["- Như trên;", "- Bộ phận Tiếp nhận và Trả kết quả;", "- Lưu: VT."],
    "phieu-xin-loi-tt03-2025.docx": ["- Như trên;", "- Bộ phận Một cửa;", "- Lưu: VT."],
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
    body = BODY_2025 if "2025" in name else BODY_2018
    for text in body:
        paragraph(doc, text, align=JUSTIFY, space_after=6, first_line_indent=1)
    recipients_and_signature(
        doc,
        [GAP] + recipients(RECIPIENTS[name]),
        [
            GAP,
            Line("{{ signer_title|upper }}", 13, bold=True),
            Line(SIGN_NOTE[name], 12, italic=True, space_after=48),
            Line("{{ signer }}", 13, bold=True),
        ],
        [8.25, 8.25],
    )
    doc.save(HERE / name)


if __name__ == "__main__":
    for file_name, note in FORMS.items():
        build(file_name, note)
        print("đã tạo", HERE / file_name)
