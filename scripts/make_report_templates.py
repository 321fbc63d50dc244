"""Builds chiso/directives/report_templates/bao-cao-tinh-hinh.docx, the docxtpl template of the
"Báo cáo tình hình thực hiện" in the NĐ 30/2020 layout. A clerk may edit the result in Word; rerun
this only to start again from the built-in layout.

    PYTHONPATH=. .venv/bin/python scripts/make_report_templates.py
"""

from functools import partial
from pathlib import Path

from chiso.core.docx_layout import (
    CENTER,
    FONT,
    JUSTIFY,
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

OUT = (
    Path(__file__).resolve().parent.parent
    / "chiso"
    / "directives"
    / "report_templates"
    / "bao-cao-tinh-hinh.docx"
)
para = partial(paragraph, font=FONT)


def build():
    doc = new_document(size=13)
    nd30_header(
        doc,
        [
            Line("{{ parent_issuer|upper }}", 12.5),
            Line("{{ issuer|upper }}", 12.5, bold=True),
            Line("———", 12.5),
            Line("Số: {{ number }}", 13),
        ],
        [
            Line(QUOC_HIEU, 12.5, bold=True),
            Line(TIEU_NGU, 13.5, bold=True),
            Line("———————————", 12),
            Line("{{ place }}, ngày {{ day }} tháng {{ month }} năm {{ year }}", 13.5, italic=True),
        ],
        [6.0, 10.0],
        font=FONT,
    )

    para(doc, "", space_after=6)
    para(doc, "BÁO CÁO", bold=True, size=14, align=CENTER)
    para(doc, "Tình hình thực hiện {{ subject }}", bold=True, size=14, align=CENTER)
    para(doc, "———————", align=CENTER, space_after=6)
    para(doc, "{{ intro }}", size=14, align=JUSTIFY, space_after=6, first_line_indent=1)
    para(doc, "I. KẾT QUẢ CHUNG", bold=True, size=14, space_after=6)
    para(
        doc,
        "Tổng số nhiệm vụ, phần việc được giao: {{ totals.assigned }}; đã hoàn thành {{ totals.done }} "
        "(đúng hạn {{ totals.on_time }}, trễ hạn {{ totals.late }}); đang thực hiện trong hạn {{ totals.open }}; "
        "quá hạn chưa hoàn thành {{ totals.overdue }}; dừng, hủy {{ totals.cancelled }}.",
        size=14,
        align=JUSTIFY,
        space_after=6,
        first_line_indent=1,
    )
    agency_fields = ["rank", "name", "assigned", "on_time", "late", "overdue", "open", "score"]
    loop_table(
        doc,
        ["TT", "Cơ quan, đơn vị", "Được giao", "Đúng hạn", "Trễ hạn", "Quá hạn", "Đang thực hiện", "Điểm"],
        "r in agencies",
        ["{{ r." + f + " }}" for f in agency_fields],
        [1.0, 5.6, 1.5, 1.5, 1.4, 1.4, 1.8, 1.8],
    )
    para(doc, "", space_after=6)
    para(doc, "II. {{ tasks_heading }}", bold=True, size=14, space_after=6)
    para(doc, "{{ no_tasks }}", size=14, align=JUSTIFY, space_after=0, first_line_indent=1)
    # One section per directive: a row never leaves the reader guessing which notice it comes from.
    para(doc, "{%p for s in sections %}", size=13)
    para(doc, "{{ s.number }}. {{ s.title }}", bold=True, italic=True, size=13, align=JUSTIFY, space_after=4)
    loop_table(
        doc,
        ["Mục", "Nội dung nhiệm vụ", "Chủ trì", "Thời hạn", "Tình hình"],
        "r in s.tasks",
        ["{{ r." + f + " }}" for f in ("ref", "text", "lead", "due", "status")],
        # "31/08/2022" needs 2,5 cm at 12 pt with the cell margins, or it breaks across two lines.
        [1.3, 6.4, 3.3, 2.5, 2.5],
    )
    para(doc, "", space_after=6)
    para(doc, "{%p endfor %}", size=13)
    para(doc, "III. ĐỀ XUẤT, KIẾN NGHỊ", bold=True, size=14, space_after=6)
    para(doc, "{{ proposals }}", size=14, align=JUSTIFY, space_after=12, first_line_indent=1)

    recipients_and_signature(
        doc,
        recipients(["{{ recipients }}"]),
        signer("{{ signer_title }}", "{{ signer_name }}"),
        [8.0, 8.0],
        font=FONT,
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(OUT)


if __name__ == "__main__":
    build()
