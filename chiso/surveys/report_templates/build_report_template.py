"""Builds bao-cao-khao-sat.docx, the docxtpl template of the results report (NĐ 30/2020 layout).

Run again after changing this script: `python -m chiso.surveys.report_templates.build_report_template`.
A clerk may also edit the .docx in Word as long as the {{ … }} / {% … %} tags stay intact.
"""

from functools import partial
from pathlib import Path

from chiso.core.docx_layout import (
    CENTER,
    QUOC_HIEU,
    TIEU_NGU,
    Line,
    loop_table,
    nd30_header,
    new_document,
    paragraph,
    recipients,
    recipients_and_signature,
    signer,
)

OUT = Path(__file__).with_name("bao-cao-khao-sat.docx")
# The report's header and footer cells have always opened with an empty line at the style's spacing;
# kept so the printed report does not move.
GAP = Line("", 14, space_after=None)
# Unlike the other reports, this one's tables keep the body size and the style's alignment and spacing.
plain_table = partial(loop_table, size=None, font=None, centred=False, align=None)


def build():
    doc = new_document(size=14)
    nd30_header(
        doc,
        [
            GAP,
            Line("{{ parent_agency }}", 13),
            Line("{{ issuing_agency }}", 13, bold=True),
            Line("Số:      /BC-{{ abbreviation }}", 13),
        ],
        [
            GAP,
            Line(QUOC_HIEU, 13, bold=True),
            Line(TIEU_NGU, 14, bold=True),
            Line("{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", 14, italic=True),
        ],
        [6.0, 10.0],
    )

    paragraph(doc, "", size=14)
    paragraph(doc, "BÁO CÁO", bold=True, size=14, align=CENTER)
    paragraph(doc, "Kết quả {{ wave_name }}", bold=True, size=14, align=CENTER, space_after=12)

    body = [
        "I. THÔNG TIN CHUNG",
        "Phiếu: {{ questionnaire }}. Đối tượng: {{ target_group }}. Thời gian: từ ngày {{ start }} đến ngày {{ end }}.",
        "Số phiếu thu về: {{ responses }}{% if response_rate %}; tỷ lệ phản hồi {{ response_rate }}{% endif %}. Kết quả {% if weighted %}đã gia quyền hậu phân tầng ({{ weight_source }}){% else %}chưa gia quyền{% endif %}.",
        "II. KẾT QUẢ",
        "1. Mức độ hài lòng chung: {{ overall }} (khoảng tin cậy 95 %: {{ overall_ci }}).",
        "2. Mức độ hài lòng theo từng yếu tố:",
    ]
    for line in body:
        paragraph(doc, line, bold=line[:3] in ("I. ", "II."), size=14, space_after=6, first_line_indent=1)
    plain_table(
        doc,
        ["Yếu tố", "Tỷ lệ hài lòng", "KTC 95 %", "Số phiếu"],
        "e in elements",
        ["{{ e.name }}", "{{ e.share }}", "{{ e.ci }}", "{{ e.n }}"],
        [7.5, 3.0, 3.7, 1.8],
    )

    paragraph(doc, "3. Kết quả theo cơ quan (xếp hạng):", size=14, space_after=6, first_line_indent=1)
    plain_table(
        doc,
        ["Hạng", "Cơ quan", "Hài lòng chung", "KTC 95 %", "Số phiếu"],
        "a in agencies",
        [
            "{{ a.rank }}",
            "{{ a.name }}{% if a.small %} (*){% endif %}",
            "{{ a.share }}",
            "{{ a.ci }}",
            "{{ a.n }}",
        ],
        [1.6, 6.6, 2.5, 3.5, 1.8],
    )

    for line in [
        "(*) Số phiếu dưới {{ min_cell }}: kết quả chỉ để tham khảo.",
        "{% if comparison %}4. So sánh: {{ comparison }}{% endif %}",
        "III. LƯU Ý",
        "{{ warnings_text }}",
        "Tỷ lệ hài lòng là tỷ lệ người trả lời có điểm trung bình của yếu tố từ 4 trở lên trên thang 5 mức; khoảng tin cậy Wilson 95 %.",
    ]:
        paragraph(doc, line, bold=line.startswith("III."), size=14, space_after=6, first_line_indent=1)

    recipients_and_signature(
        doc,
        [GAP] + recipients(["- UBND tỉnh (b/c);", "- Các cơ quan, đơn vị;", "- Lưu: VT, CCHC."]),
        [GAP] + signer("{{ signer_title }}", "{{ signer_name }}", blank_lines=2),
        [8.0, 8.0],
    )
    doc.save(OUT)
    return OUT


if __name__ == "__main__":
    print(build())
