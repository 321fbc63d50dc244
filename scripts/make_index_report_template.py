"""Build chiso/indices/report_templates/bao-cao-phan-tich-chi-so.docx, the docxtpl template of the
"Báo cáo phân tích, đánh giá chỉ số" in the layout of Nghị định 30/2020/NĐ-CP (Phụ lục I).

Run once after changing the layout: `PYTHONPATH=. python scripts/make_index_report_template.py`. A clerk may then
edit the .docx in Word (wording, fonts) as long as the {{ … }} / {%tr … %} tags stay in place.
"""

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
    Path(__file__).resolve().parents[1]
    / "chiso"
    / "indices"
    / "report_templates"
    / "bao-cao-phan-tich-chi-so.docx"
)


def para(container, text="", size=14, bold=False, italic=False, align=None, space_after=6):
    # Body text of this report is justified with a 1 cm first-line indent unless the caller centres it.
    indent = None
    if align is None:
        align, indent = JUSTIFY, 1
    return paragraph(
        container,
        text,
        size=size,
        bold=bold,
        italic=italic,
        align=align,
        space_after=space_after,
        line_spacing=1.15,
        first_line_indent=indent,
        font=FONT,
    )


def grid_table(doc, headings, loop, cells, widths):
    # The headings of this report's tables sit tight in their cells, unlike the body cells below them.
    return loop_table(doc, headings, loop, cells, widths, heading_space_after=0)


def build():
    doc = new_document(size=14)
    nd30_header(
        doc,
        [
            Line("{{ parent_agency }}", 13),
            Line("{{ agency }}", 13, bold=True),
            Line("――――――", 13),
            Line("Số: {{ number }}", 13),
        ],
        [
            Line(QUOC_HIEU, 12, bold=True),
            Line(TIEU_NGU, 13, bold=True),
            Line("――――――――――――――――", 13),
            Line("{{ place }}, {{ date_text }}", 14, italic=True),
        ],
        [6.5, 9.5],
        font=FONT,
    )
    para(doc, "", space_after=6)
    para(doc, "BÁO CÁO", 14, bold=True, align=CENTER, space_after=0)
    para(
        doc,
        "Phân tích, đánh giá chỉ số {{ index_code }} năm {{ year }} của {{ province_title }}",
        14,
        bold=True,
        align=CENTER,
        space_after=0,
    )
    para(doc, "――――――", 14, align=CENTER, space_after=12)
    para(
        doc,
        "Căn cứ kết quả {{ index_name }} ({{ index_code }}) năm {{ year }} do {{ owner }} công bố; "
        "{{ agency_title }} báo cáo phân tích, đánh giá kết quả của {{ province_title }} như sau:",
    )

    para(doc, "I. KẾT QUẢ CHUNG", 14, bold=True)
    para(
        doc,
        "Năm {{ year }}, {{ province_title }} đạt {{ score }} điểm{% if total_max %}/{{ total_max }}{% endif %}, "
        "xếp thứ {{ rank }}{% if rank_denominator %}/{{ rank_denominator }} tỉnh, thành phố{% endif %}{% if tier %}, thuộc nhóm “{{ tier }}”{% endif %}."
        "{% if previous %} So với năm {{ previous.year }} ({{ previous.score }} điểm, xếp thứ {{ previous.rank }}), "
        "tổng điểm {{ score_change_text }} và thứ hạng {{ rank_change_text }}.{% endif %}",
    )
    para(
        doc,
        "{% if compare_ok %}Điểm bình quân cả nước là {{ national_mean }} điểm; tỉnh cao nhất đạt {{ national_best }} điểm, "
        "tỉnh thấp nhất {{ national_worst }} điểm. Trong vùng {{ region }}, {{ province_title }} xếp thứ "
        "{{ region_position }}/{{ region_count }}.{% else %}Hệ thống chưa có đủ số liệu của các tỉnh, thành phố "
        "để so sánh với bình quân cả nước.{% endif %}",
    )
    para(
        doc,
        "{% for w in warnings %}Lưu ý về số liệu: {{ w }}{% if not loop.last %} {% endif %}{% endfor %}",
        12,
        italic=True,
    )

    para(doc, "II. KẾT QUẢ CÁC CHỈ SỐ THÀNH PHẦN", 14, bold=True)
    para(
        doc,
        "Bảng 1. Điểm các chỉ số thành phần năm {{ year }}{% if previous_year %} so với năm {{ previous_year }}{% endif %}",
        13,
        italic=True,
        align=CENTER,
    )
    grid_table(
        doc,
        [
            "Mã",
            "Chỉ số thành phần",
            "Điểm {{ year }}",
            "Điểm {{ previous_year or 'năm trước' }}",
            "Tăng/giảm",
            "Hạng",
            "BQ cả nước",
        ],
        "c in components",
        [
            "{{ c.code }}",
            "{{ c.name }}",
            "{{ c.score }}",
            "{{ c.previous_score }}",
            "{{ c.delta }}",
            "{{ c.rank }}",
            "{{ c.national_mean }}",
        ],
        [1.2, 5.7, 1.9, 1.9, 1.9, 1.5, 1.9],
    )
    para(doc, "", space_after=6)
    para(doc, "{{ chart_components }}", align=CENTER, space_after=0)
    para(
        doc,
        "Hình 1. Điểm các chỉ số thành phần của {{ province_title }} so với bình quân cả nước",
        13,
        italic=True,
        align=CENTER,
    )
    para(doc, "{{ chart_trend }}", align=CENTER, space_after=0)
    para(doc, "Hình 2. Tổng điểm và thứ hạng qua các năm", 13, italic=True, align=CENTER)

    para(doc, "III. CÁC CHỈ SỐ THÀNH PHẦN GIẢM ĐIỂM VÀ TRÁCH NHIỆM", 14, bold=True)
    para(
        doc,
        "{% if not previous_year %}Không có kết quả năm trước để so sánh.{% elif declined %}Có {{ declined|length }} chỉ số thành phần giảm điểm so với năm {{ previous_year }}: "
        "{{ declined_names }}. Cơ quan chủ trì, phối hợp cải thiện từng chỉ số như sau:"
        "{% else %}Không có chỉ số thành phần nào giảm điểm so với năm {{ previous_year }}.{% endif %}",
    )
    para(
        doc, "Bảng 2. Chỉ số thành phần giảm điểm và cơ quan chịu trách nhiệm", 13, italic=True, align=CENTER
    )
    grid_table(
        doc,
        ["Mã", "Chỉ số thành phần", "Giảm", "Cơ quan chủ trì", "Cơ quan phối hợp"],
        "d in declined",
        ["{{ d.code }}", "{{ d.name }}", "{{ d.delta }}", "{{ d.lead }}", "{{ d.supporting }}"],
        [1.2, 5.0, 1.8, 4.0, 4.0],
    )
    para(doc, "", space_after=6)
    # The tasks get a table of their own, wide enough to read: a task of the notice is one row however
    # many agencies share it, with how far they are ("29 đơn vị: 9 đang thực hiện, 20 chưa thực hiện").
    para(doc, "{%p if task_rows %}")
    para(
        doc,
        "Bảng 3. Nhiệm vụ đã giao nhằm cải thiện các chỉ số thành phần giảm điểm và tình hình thực hiện",
        13,
        italic=True,
        align=CENTER,
    )
    grid_table(
        doc,
        ["Mã", "Mục", "Nhiệm vụ", "Tình hình thực hiện"],
        "t in task_rows",
        ["{{ t.code }}", "{{ t.ref }}", "{{ t.text }}", "{{ t.progress }}"],
        [1.2, 1.6, 8.4, 4.8],
    )
    para(doc, "", space_after=6)
    para(doc, "{%p endif %}")
    para(
        doc,
        "{% if compare_ok %}Các chỉ số có khả năng cải thiện nhiều nhất (khoảng cách tới tỉnh cao nhất cả nước): "
        "{{ recoverable_text }}.{% endif %}",
    )

    para(doc, "{%p if effect_text %}")
    para(doc, "{{ effect_text }}")
    para(doc, "{%p endif %}")
    para(doc, "IV. ĐỀ XUẤT NHIỆM VỤ", 14, bold=True)
    para(doc, "{%p for t in proposals %}")
    para(doc, "{{ loop.index }}. {{ t }}")
    para(doc, "{%p endfor %}")
    para(
        doc,
        "Trên đây là báo cáo phân tích, đánh giá chỉ số {{ index_code }} năm {{ year }} của {{ province_title }}, "
        "{{ agency_title }} kính trình Ủy ban nhân dân tỉnh xem xét, chỉ đạo./.",
    )

    recipients_and_signature(
        doc,
        recipients(
            [
                "- UBND tỉnh (báo cáo);",
                "- Các sở, ban, ngành;",
                "- UBND các huyện, thị xã, thành phố;",
                "- Lưu: VT, CCHC.",
            ],
            heading_space_after=None,
        ),
        signer("{{ signer_title }}", "{{ signer_name }}"),
        [8, 8],
        font=FONT,
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    return OUT


if __name__ == "__main__":
    print(build())
