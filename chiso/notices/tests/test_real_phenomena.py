"""Phenomena met in the held-out real files (tests/data/notices-real, Lâm Đồng 2025–2026 DOCX; file
number in the comment): each test reads a real snippet, so that the general cause stays handled."""

import io
from pathlib import Path

import pytest

from chiso.notices import names, parse_notice, read_notice_bytes_ex, read_notice_file, tables
from chiso.notices.deadlines import extract_deadline

# -- 1. agency names of the post-2025 province --------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # the office of a body is named by that body's whole name (04), both spellings of "Ủy"
        ("Văn phòng Ủy ban nhân dân tỉnh chủ trì", ["Văn phòng Ủy ban nhân dân tỉnh"]),
        ("Văn phòng Uỷ ban nhân dân tỉnh chủ trì", ["Văn phòng Uỷ ban nhân dân tỉnh"]),
        ("Văn phòng Tỉnh ủy theo dõi", ["Văn phòng Tỉnh ủy"]),
        # a centre's function in lower case before its capitalised name (04)
        (
            "Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh tiếp tục",
            ["Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh"],
        ),
        # the merged provincial media bodies (01, 02)
        ("Báo và Phát thanh, Truyền hình tỉnh chủ trì", ["Báo và Phát thanh, Truyền hình tỉnh"]),
        (
            "Báo và Đài Phát thanh, Truyền hình Lâm Đồng tăng cường",
            ["Báo và Đài Phát thanh, Truyền hình Lâm Đồng"],
        ),
        ("Đài Phát thanh và Truyền hình tỉnh thực hiện", ["Đài Phát thanh và Truyền hình tỉnh"]),
        # a magazine as a coordinator (01)
        ("Tạp chí Diễn đàn doanh nghiệp thường xuyên", ["Tạp chí Diễn đàn doanh nghiệp"]),
        # the zone authority named by the kind of zone, in lower case (01)
        ("Ban Quản lý các khu công nghiệp tỉnh chủ trì", ["Ban Quản lý các khu công nghiệp tỉnh"]),
        ("Lãnh đạo Ban Quản lý các khu công nghiệp", ["Lãnh đạo Ban Quản lý các khu công nghiệp"]),
        # wards named after the town they were merged into (01)
        (
            "Lãnh đạo UBND phường Xuân Hương - Đà Lạt trả lời",
            ["Lãnh đạo UBND phường Xuân Hương - Đà Lạt"],
        ),
        # post-2025 deconcentrated bodies named by region or province
        ("Kho bạc Nhà nước khu vực XV phối hợp", ["Kho bạc Nhà nước khu vực XV"]),
        ("Thuế tỉnh hướng dẫn", ["Thuế tỉnh"]),
        ("Thống kê tỉnh cung cấp", ["Thống kê tỉnh"]),
        ("Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh triển khai", ["Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh"]),
        ("Trung tâm Phục vụ hành chính công tỉnh thực hiện", ["Trung tâm Phục vụ hành chính công tỉnh"]),
        ("Ủy ban MTTQ Việt Nam tỉnh giám sát", ["Ủy ban MTTQ Việt Nam tỉnh"]),
        ("Hội Liên hiệp Phụ nữ tỉnh, Tỉnh đoàn tuyên truyền", ["Hội Liên hiệp Phụ nữ tỉnh", "Tỉnh đoàn"]),
        (
            "Giao Thanh tra tỉnh chủ trì, phối hợp Sở Nội vụ, Văn phòng Ủy ban nhân dân tỉnh kiểm tra",  # 04
            ["Sở Nội vụ", "Văn phòng Ủy ban nhân dân tỉnh"],
        ),
    ],
)
def test_post_2025_names(text, expected):
    if text.startswith("Giao "):
        start = text.index("Sở Nội vụ")
        assert names.agency_list(text, start)[0] == expected
    else:
        assert names.agency_list(text, 0, place=True)[0] == expected


@pytest.mark.parametrize("text", ["Thuế thu nhập cá nhân", "Báo cáo và đề xuất", "Trung tâm hỗ trợ cho"])
def test_new_heads_need_their_name(text):
    # A head noun alone is no body: "Thuế" needs a place, "Báo và" a capitalised name.
    assert names.agency_end(text, 0) < 0


# -- 3. task tables whose one agency column is "Trách nhiệm thực hiện" ----------------------------------


def _docx_table(header, rows, before=("KẾ HOẠCH", "Tuyên truyền Cải cách hành chính năm 2026")):
    import docx

    d = docx.Document()
    for line in before:
        d.add_paragraph(line)
    t = d.add_table(rows=1 + len(rows), cols=len(header))
    for j, cell in enumerate(header):
        # the office breaks header cells over paragraphs ("Trách nhiệm" / "thực hiện")
        parts = cell.split("\n")
        t.cell(0, j).text = parts[0]
        for extra in parts[1:]:
            t.cell(0, j).add_paragraph(extra)
    for i, row in enumerate(rows, start=1):
        for j, cell in enumerate(row):
            t.cell(i, j).text = cell
    buf = io.BytesIO()
    d.save(buf)
    text, _w = read_notice_bytes_ex(buf.getvalue(), "ke-hoach.docx")
    return text


ROWS_01 = [  # 01, III.1.a: the "Đối thoại" table
    (
        "1",
        "Giải đáp những vướng mắc, kiến nghị về công tác CCHC thuộc thẩm quyền giải quyết của Sở Công Thương",
        "Lãnh đạo Sở Công Thương",
        "Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1",
    ),
    (
        "2",
        "Giải đáp những vướng mắc, kiến nghị về công tác CCHC thuộc thẩm quyền giải quyết của UBND phường "
        "Xuân Hương - Đà Lạt",
        "Lãnh đạo UBND phường Xuân Hương - Đà Lạt",
        "Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 27 tháng 3",
    ),
]


def test_docx_table_with_one_responsibility_column_and_year_in_time_header():
    text = _docx_table(["TT", "Nội dung", "Trách nhiệm\nthực hiện", "Thời gian\n(Năm 2026)"], ROWS_01)
    got = parse_notice(text)["tasks"]
    assert [(t["lead"], t["deadline"]["kind"], t["deadline"]["due"]) for t in got] == [
        ("Lãnh đạo Sở Công Thương", "date", "2026-01-23"),
        ("Lãnh đạo UBND phường Xuân Hương - Đà Lạt", "date", "2026-03-27"),
    ]
    assert all(t["how"] == "table" for t in got)


def test_the_time_header_year_wins_over_the_documents_year():
    # a plan of late 2025 scheduling next year's sessions in a table headed "(Năm 2026)"
    text = _docx_table(
        ["STT", "Nội dung", "Đơn vị thực hiện", "Thời gian (Năm 2026)"],
        ROWS_01[:1],
        before=("KẾ HOẠCH", "Tuyên truyền năm 2025"),
    )
    assert parse_notice(text)["tasks"][0]["deadline"]["due"] == "2026-01-23"


@pytest.mark.parametrize(
    "header",
    [
        ["TT", "Nhiệm vụ", "Đơn vị thực hiện", "Thời hạn", "Sản phẩm"],
        ["TT", "Nội dung", "Cơ quan thực hiện", "Thời gian hoàn thành"],
        ["STT", "Nhiệm vụ", "Trách nhiệm", "Thời gian"],
        ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời hạn hoàn thành", "Sản phẩm"],
    ],
)
def test_task_table_column_synonyms(header):
    assert tables.header_roles(header)[:3] in (["num", "task", "lead"],)
    assert "time" in tables.header_roles(header)


def test_a_table_without_who_column_is_no_task_table():
    assert tables.header_roles(["TT", "Nội dung", "Thời gian"]) is None
    # two "thực hiện" columns without chủ trì / phối hợp: which one leads is not known
    assert tables.header_roles(["TT", "Nội dung", "Đơn vị thực hiện", "Trách nhiệm", "Thời gian"]) is None


@pytest.mark.parametrize(
    "cell, due",
    [
        ("Từ 20 giờ 15 phút - 20 giờ 45 phút ngày 23 tháng 1", "2026-01-23"),  # 01
        ("từ 8 giờ đến 11 giờ 30 ngày 15/3/2026", "2026-03-15"),
    ],
)
def test_clock_time_spans_are_not_date_ranges(cell, due):
    d = extract_deadline(cell, year=2026, cell=True)
    assert (d["kind"], d["due"], d["start"]) == ("date", due, None)


# -- 2. agency headings with the task on the same line ---------------------------------------------------

PLAN_01 = """KẾ HOẠCH
Tuyên truyền Cải cách hành chính năm 2026

IV. TỔ CHỨC THỰC HIỆN
1. Sở Nội vụ:
a) Cung cấp thông tin liên quan đến việc thực hiện CCHC cho các cơ quan thông tấn, báo chí.
2. Văn phòng UBND tỉnh:
a) Chủ trì tuyên truyền tới người dân, doanh nghiệp thực hiện về dịch vụ công trực tuyến.
3. Sở Khoa học và Công nghệ: Chủ trì, phối hợp với các sở, ban, ngành, UBND các xã, phường, đặc khu tổ chức \
các hoạt động, sự kiện tuyên truyền về chuyển đổi số nhân ngày Chuyển đổi số Quốc gia 10/10.
4. Sở Tư pháp: Lồng ghép tuyên truyền công tác CCHC với công tác tuyên truyền, phổ biến, giáo dục pháp luật \
trên địa bàn tỉnh.
6. Báo và Phát Thanh, Truyền hình tỉnh
a) Chủ động cân đối kinh phí từ nguồn sự nghiệp phát thanh, truyền hình đã được giao.
b) Kịp thời đưa tin, biểu dương, nêu gương người tốt, việc tốt.
7. Sở Tài chính: Trên cơ sở đề xuất điều chỉnh, bổ sung dự toán kinh phí của Báo và Phát Thanh, Truyền hình \
tỉnh về thực hiện chương trình, thẩm định và tham mưu bố trí kinh phí theo đúng quy định.
"""


def test_agency_heading_with_its_task_on_the_same_line():
    got = {t["ref"]: t for t in parse_notice(PLAN_01)["tasks"]}
    assert [(r, got[r]["lead"]) for r in ("IV.3", "IV.4", "IV.7")] == [
        ("IV.3", "Sở Khoa học và Công nghệ"),
        ("IV.4", "Sở Tư pháp"),
        ("IV.7", "Sở Tài chính"),
    ]
    assert got["IV.4"]["text"].startswith("Lồng ghép tuyên truyền")  # the label is not part of the task
    assert "các sở, ban, ngành" in got["IV.3"]["coordinators"]
    # an agency heading without a colon, then lettered points (IV.6)
    assert [got[r]["lead"] for r in ("IV.6.a", "IV.6.b")] == ["Báo và Phát Thanh, Truyền hình tỉnh"] * 2


def test_scope_labels_and_compressed_lists_are_no_agency_label():
    body = (
        "V. TIÊU CHUẨN KHEN THƯỞNG\n1. Tiêu chuẩn Bằng khen\n- Tiêu chuẩn về kết quả chỉ số CCHC năm 2026:\n"
        "+ Đối với UBND cấp xã: Có kết quả đánh giá chỉ số CCHC đạt loại Tốt và nằm trong nhóm 10 địa phương "
        "dẫn đầu.\n"
    )
    assert parse_notice("KẾ HOẠCH\nThi đua\n\n" + body)["tasks"] == []  # 02, V.1: a criterion
    from chiso.notices.addressees import labelled_names

    # dev set 19: the head noun before the colon, the names after it
    assert (
        labelled_names("Các Sở, ngành Thành phố: Văn hóa và Thể thao, Công Thương, Công an Thành phố …")
        is None
    )
    assert labelled_names("Sở Tư pháp: Lồng ghép tuyên truyền công tác CCHC") == (
        ["Sở Tư pháp"],
        "Lồng ghép tuyên truyền công tác CCHC",
    )


# -- 4. deadlines: a section's month, several periods, plans referred to -----------------------------------

LETTER_04 = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 100/UBND-NC
Lâm Đồng, ngày 05 tháng 12 năm 2025
V/v tập trung thực hiện các giải pháp khắc phục, cải thiện các chỉ số PAR Index, SIPAS
Kính gửi:
- Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh;
- Ủy ban nhân dân các xã, phường, đặc khu.
Để kịp thời cải thiện các chỉ số cải cách hành chính của tỉnh, Chủ tịch Ủy ban nhân dân tỉnh yêu cầu:
I. NHỮNG NHIỆM VỤ CẦN TRIỂN KHAI NGAY TRONG THÁNG 12/2025
1. Văn phòng Ủy ban nhân dân tỉnh
a) Rà soát, thống kê kết quả thực hiện các nhiệm vụ Chính phủ giao. Hoàn thành trước ngày 20/12/2025.
c) Định kỳ trước 16 giờ ngày thứ Sáu hằng tuần, báo cáo lãnh đạo Ủy ban nhân dân tỉnh tình hình giải quyết hồ sơ.
2. Sở Tài chính
a) Tham mưu Ủy ban nhân dân tỉnh chỉ đạo tháo gỡ khó khăn, đẩy nhanh tiến độ giải ngân kế hoạch vốn đầu tư công năm 2025.
II. NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN CÁC CHỈ SỐ NĂM 2026
1. Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh
a) Hằng tháng tổ chức 01 cuộc đối thoại với doanh nghiệp; đồng thời theo dõi, đôn đốc các cơ quan, đơn vị. Trước 16 giờ hằng tuần báo cáo kết quả về Lãnh đạo Ủy ban nhân dân tỉnh.
b) Tham mưu Ủy ban nhân dân tỉnh tổ chức Hội nghị tham vấn chuyên gia về cải thiện môi trường kinh doanh.
"""


def test_a_section_heading_month_bounds_its_points_without_a_time():
    text = "\n\n".join(LETTER_04.splitlines())  # one paragraph per line, as the DOCX reader gives it
    got = {t["ref"]: t for t in parse_notice(text)["tasks"]}
    assert "I" not in got  # the capitalised heading is no task
    d = {r: (got[r]["deadline"]["kind"], got[r]["deadline"]["due"], got[r]["deadline"]["every"]) for r in got}
    assert d["I.1.a"] == ("date", "2025-12-20", None)  # its own time wins
    assert d["I.1.c"] == ("recurring", None, "week")  # bare "Định kỳ" + "hằng tuần"
    assert d["I.2.a"] == ("month", "2025-12-31", None)  # "vốn … năm 2025" is no deadline: the section's month
    assert d["II.1.a"] == ("recurring", None, "week")  # monthly dialogue, weekly report: the shorter period
    assert d["II.1.b"] == ("none", None, None)  # a year in a heading is the plan's scope, not a deadline
    assert got["I.1.a"]["lead"] == "Văn phòng Ủy ban nhân dân tỉnh"
    assert got["II.1.a"]["lead"] == "Trung tâm xúc tiến Đầu tư, Thương mại và Du lịch tỉnh"


@pytest.mark.parametrize(
    "text, kind, every",
    [
        # 01 IV.1.a / IV.6.b: a bare "định kỳ" with "mỗi tháng" beside it
        ("Định kỳ phát sóng mỗi tháng 02 chuyên mục vào tối thứ Sáu", "recurring", "month"),
        ("định kỳ phát sóng (mỗi tháng 02 chuyên mục)", "recurring", "month"),
        # 05 1.a: an existing yearly plan the work goes into
        (
            "nhân rộng các mô hình và đưa vào Kế hoạch cải cách hành chính hằng năm để tổ chức thực hiện",
            "none",
            None,
        ),
        # 01 IV.6.e: the index is yearly, the report is bare "định kỳ"
        (
            "Định kỳ báo cáo kết quả gửi về Sở Nội vụ làm tài liệu kiểm chứng xác định Chỉ số CCHC của tỉnh hằng năm",
            "recurring",
            None,
        ),
        # dev 08: building a yearly plan is still a yearly task
        ("Xây dựng Kế hoạch sao lưu, phục hồi dữ liệu và ứng phó sự cố hằng năm", "recurring", "year"),
    ],
)
def test_recurring_periods(text, kind, every):
    d = extract_deadline(text, year=2026)
    assert (d["kind"], d["every"]) == (kind, every)


# -- 5. the document's kind and date ----------------------------------------------------------------------

REAL = Path(__file__).parent / "data" / "notices-real"


@pytest.mark.parametrize(
    "name, kind",
    [
        ("01_lamdong-kh-tuyen-truyen-cchc-2026.docx", "KẾ HOẠCH"),  # the title line
        ("04_lamdong-cv-cai-thien-chi-so-2025.docx", "CÔNG VĂN"),  # a "V/v …" letter
    ],
)
def test_kind_and_blank_issue_day_of_real_drafts(name, kind):
    # Drafts as filed: "ngày         tháng 01 năm 2026" has no day, so the date is unknown (null), never
    # a guessed first of the month. `kind` keeps the contract's capitals ("Kế hoạch" in the gold).
    doc = parse_notice(read_notice_file(REAL / name))["document"]
    assert (doc["kind"], doc["date"]) == (kind, None)


def test_a_letter_with_its_issuers_own_symbol_is_a_cong_van():
    text = (
        "SỞ Y TẾ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSố: 1234/SYT-NVY\n\nLâm Đồng, ngày 12 tháng 01 năm 2026"
        "\n\nV/v triển khai tiêm chủng\n\nKính gửi: Trung tâm Kiểm soát bệnh tật tỉnh.\n\n"
        "Đề nghị Trung tâm Kiểm soát bệnh tật tỉnh khẩn trương báo cáo trước ngày 20/01/2026.\n"
    )
    got = parse_notice(text)
    assert (got["document"]["kind"], got["document"]["date"]) == ("CÔNG VĂN", "2026-01-12")
    assert [(t["lead"], t["deadline"]["due"]) for t in got["tasks"]] == [
        ("Trung tâm Kiểm soát bệnh tật tỉnh", "2026-01-20")
    ]


def test_docx_paragraphs_are_not_taken_for_a_hard_wrapped_copy():
    # 05: a short letter read one paragraph per line with blank lines between: its paragraphs are real
    # (long lines), so the letterhead, "Kính gửi" list, purpose and approval stay apart and give no task.
    got = parse_notice(read_notice_file(REAL / "05_lamdong-cv-nhan-rong-mo-hinh-cchc.docx"))
    assert got["document"]["addressed_to"] == [
        "Thủ trưởng các cơ quan chuyên môn thuộc UBND tỉnh",
        "Trưởng Ban Quản lý các khu công nghiệp",
        "Chủ tịch UBND các xã, phường, đặc khu",
    ]
    texts = [t["text"] for t in got["tasks"]]
    assert not any(t.startswith(("Nhằm góp phần", "Chủ tịch UBND tỉnh thống nhất")) for t in texts)
    assert [t["ref"] for t in got["tasks"]][:2] == ["1.a", "1.b"]
    assert got["tasks"][0]["lead"] is None  # three kinds of office-holders: no single lead


def test_head_of_a_body_as_a_title():
    text = "Thủ trưởng các cơ quan chuyên môn thuộc UBND tỉnh, Trưởng Ban Quản lý các khu công nghiệp và Chủ tịch"
    assert names.agency_list(text + " UBND các xã, phường, đặc khu", 0)[0] == [
        "Thủ trưởng các cơ quan chuyên môn thuộc UBND tỉnh",
        "Trưởng Ban Quản lý các khu công nghiệp",
        "Chủ tịch UBND các xã, phường, đặc khu",
    ]


# -- 4. subjects after a fronted clause, and several addressees inside one point --------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # 02 IV.2.b: a fronted time
        (
            "Quý I/2027, các cơ quan, đơn vị, địa phương đánh giá kết quả thực hiện",
            ["các cơ quan, đơn vị, địa phương"],
        ),
        # 04 II.1.d: a connective
        ("Đồng thời, các cấp, các ngành cần quan tâm bố trí nguồn lực tài chính", ["các cấp, các ngành"]),
        # 04 II.1.e: "Mỗi" as the determiner of a class
        ("Mỗi cơ quan, đơn vị, địa phương phải xây dựng cơ sở dữ liệu", ["Mỗi cơ quan, đơn vị, địa phương"]),
        # 01 IV.8.c: the scope names who acts when no subject follows
        (
            "Riêng đối với các đơn vị sự nghiệp công lập thuộc UBND tỉnh, hằng quý có ít nhất 01 tin, bài",
            ["các đơn vị sự nghiệp công lập thuộc UBND tỉnh"],
        ),
    ],
)
def test_subject_after_a_fronted_clause(text, expected):
    from chiso.notices.addressees import subject

    assert subject(text)[0] == expected


def test_a_new_subject_after_an_unnamed_opening_is_a_task_of_its_own():
    body = (
        "Kính gửi: Các sở, ban, ngành; UBND các xã, phường, đặc khu.\n\n"
        "1. Nhiệm vụ, giải pháp chung\n\n"
        "a) Bố trí đủ và ưu tiên nguồn nhân lực có chất lượng cho công tác cải cách hành chính. Đồng thời, các "
        "cấp, các ngành cần quan tâm bố trí nguồn lực tài chính để đảm bảo các điều kiện thực hiện.\n\n"
        "b) Thực hiện đồng bộ cải cách hành chính gắn với chuyển đổi số. Mỗi cơ quan, đơn vị, địa phương phải xây "
        "dựng cơ sở dữ liệu chuyên ngành của mình.\n"
    )
    got = parse_notice("CÔNG VĂN\n\n" + body)["tasks"]
    assert [(t["ref"], t["lead"]) for t in got] == [
        ("1.a#1", None),
        ("1.a#2", "các cấp, các ngành"),
        ("1.b#1", None),
        ("1.b#2", "Mỗi cơ quan, đơn vị, địa phương"),
    ]


def test_what_a_body_has_done_is_no_new_task():
    from chiso.notices.parser import _starts_directive

    # dev 21 ("1. Hiện trạng"): narrative about a class of bodies
    assert not _starts_directive(
        "Các nhà mạng viễn thông lớn đã và đang triển khai mạng 4G phủ sóng rộng khắp."
    )
    assert _starts_directive("Các nhà mạng viễn thông lớn khẩn trương triển khai mạng 5G.")


def test_a_point_opening_like_a_basis_heading_still_directs_its_subject():
    # 02 VII.1: "Căn cứ …" usually heads the legal basis; a long point with its own subject is a task
    body = (
        "VII. TỔ CHỨC THỰC HIỆN\n\n1. Căn cứ nội dung Kế hoạch này và điều kiện thực tế, các sở, ban, ngành, UBND "
        "các xã, phường, đặc khu xây dựng Kế hoạch phát động Phong trào thi đua của cơ quan, đơn vị, địa phương "
        "mình để tổ chức thực hiện (Kế hoạch ban hành trước ngày 15/3/2026).\n"
    )
    got = parse_notice("KẾ HOẠCH\n\nThi đua năm 2026\n\n" + body)["tasks"]
    assert [(t["ref"], t["deadline"]["due"]) for t in got] == [("VII.1", "2026-03-15")]


@pytest.mark.parametrize(
    "text, kind, due",
    [
        # 01 IV.3: an occasion's day, the year from the plan
        (
            "tổ chức các hoạt động tuyên truyền về chuyển đổi số nhân ngày Chuyển đổi số Quốc gia 10/10.",
            "date",
            "2026-10-10",
        ),
        # 02 IV.2.b: a period fronting the sentence
        (
            "Quý I/2027, các cơ quan, đơn vị, địa phương đánh giá kết quả thực hiện phong trào thi đua",
            "quarter",
            "2027-03-31",
        ),
        # a period inside the sentence without a preposition is no deadline
        ("đánh giá kết quả Quý I/2027, báo cáo Sở Nội vụ", "none", None),
    ],
)
def test_occasions_and_fronted_periods(text, kind, due):
    d = extract_deadline(text, year=2026)
    assert (d["kind"], d["due"]) == (kind, due)


def test_leading_organ_of_a_body_is_one_name():
    # Real Lâm Đồng letters: "Ban Chủ nhiệm Đoàn Luật sư …", "Ban chấp hành lâm thời Hội công chứng viên …";
    # also "Ban Giám đốc Sở …", "Ban Thường vụ Tỉnh đoàn". The organ alone is an addressee too.
    def first(s):
        return names.find_all(s)[0][2]

    assert first("Đề nghị Ban Chủ nhiệm Đoàn Luật sư các tỉnh khẩn trương") == "Ban Chủ nhiệm Đoàn Luật sư"
    assert first("Đề nghị Ban chấp hành lâm thời Hội công chứng viên tỉnh Lâm Đồng tổ chức").startswith(
        "Ban chấp hành lâm thời Hội công chứng viên tỉnh Lâm Đồng"
    )
    assert first("Ban Giám đốc Sở Y tế chỉ đạo các khoa") == "Ban Giám đốc Sở Y tế"
    assert first("Giao Ban Thường vụ Tỉnh đoàn chủ trì") == "Ban Thường vụ Tỉnh đoàn"
    assert first("Ban Giám đốc chỉ đạo các khoa") == "Ban Giám đốc"
    assert first("Ban Chỉ đạo cải cách hành chính tỉnh họp") != "Ban Chỉ"


def test_bodies_at_every_level_as_a_class():
    from chiso.notices.addressees import coordinators

    # 02 VII.5
    text = (
        "Trên cơ sở nội dung Phong trào thi đua, phối hợp chặt chẽ với chính quyền các cấp, phát huy sức mạnh"
    )
    assert coordinators(text, None) == ["chính quyền các cấp"]
    assert names.is_class("Mặt trận Tổ quốc các cấp") and names.is_class("UBND các cấp")


# -- checks on more real Lâm Đồng drafts of the same office (not in the repository: no gold) ---------------


def test_a_monitoring_column_does_not_hide_a_task_table():
    # Kế hoạch CCHC 2026 of the province, annex: a seventh column "Theo dõi, kiểm tra, đôn đốc"
    header = [
        "STT",
        "Nhiệm vụ",
        "Sản phẩm",
        "Thời gian hoàn thành",
        "Chủ trì thực hiện",
        "Phối hợp thực hiện",
        "Theo dõi, kiểm tra, đôn đốc",
    ]
    assert tables.header_roles(header) == ["num", "task", "other", "time", "lead", "coord", "other"]
    row = (
        "4",
        "Tham mưu UBND tỉnh triển khai ứng dụng AI trong tra cứu văn bản quy phạm pháp luật",
        "Ứng dụng AI",
        "Trong năm 2026",
        "Sở Tư pháp",
        "Sở Khoa học và Công nghệ",
        "Sở Tư pháp",
    )
    text = _docx_table(header, [row], before=("KẾ HOẠCH", "Cải cách hành chính năm 2026"))
    t = parse_notice(text)["tasks"][0]
    assert (t["lead"], t["coordinators"], t["deadline"]["due"]) == (
        "Sở Tư pháp",
        ["Sở Khoa học và Công nghệ"],
        "2026-12-31",
    )


def test_an_assigning_clause_is_no_topic_and_names_stop_before_the_verb():
    from chiso.notices.addressees import strip_topic

    # "CV UBND tỉnh chỉ đạo đặt hàng … cai nghiện" (2025), point 1
    text = (
        "Giao Sở Y tế tiến hành rà soát, giao nhiệm vụ các Trung tâm Y tế khu vực, Trạm Y tế cấp xã đăng ký"
    )
    assert strip_topic(text) == (None, text)
    assert names.agency_list(text, 5)[0] == ["Sở Y tế"]
    # Kế hoạch CCHC 2026, I.7.a: "tổ chức" after a class is the verb
    assert names.agency_list("Các cơ quan, đơn vị, địa phương tổ chức quán triệt", 0)[0] == [
        "Các cơ quan, đơn vị, địa phương"
    ]


def test_a_short_docx_letter_keeps_its_paragraphs():
    import docx

    # "V/v tham mưu xử lý đề nghị của Bộ Công an …" (2026): 20 lines, two of them whole paragraphs
    d = docx.Document()
    for line in (
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÂM ĐỒNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số:           /UBND-NC",
        "V/v tham mưu xử lý đề nghị của Bộ Công an tại Công văn số 2388/C04-P6",
        "Lâm Đồng, ngày        tháng 4 năm 2026",
        "Kính gửi:",
        "- Sở Tài chính;",
        "- Công an tỉnh.",
        "Ủy ban nhân dân tỉnh nhận được Công văn số 2388/C04-P6 ngày 20/4/2026 của Bộ Công an về việc tham mưu "
        "HĐND cấp tỉnh ban hành Nghị quyết về nguyên tắc, tiêu chí, định mức phân bổ kinh phí (gửi kèm theo).",
        "Chủ tịch Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì, phối hợp với Công an tỉnh nghiên cứu, triển khai "
        "thực hiện theo đề nghị của Bộ Công an tại Công văn nêu trên; báo cáo UBND tỉnh trước ngày 04/5/2026.",
        "Nơi nhận:",
        "- Như trên;",
        "- Chủ tịch UBND tỉnh;",
        "- Chánh Văn phòng UBND tỉnh;",
        "- Lưu: VT, NC.",
        "TL. CHỦ TỊCH",
        "CHÁNH VĂN PHÒNG",
        "Đỗ Tấn Sương",
    ):
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    got = parse_notice(read_notice_bytes_ex(buf.getvalue(), "cv.docx")[0])
    assert got["document"]["addressed_to"] == ["Sở Tài chính", "Công an tỉnh"]
    assert [(t["lead"], t["coordinators"], t["deadline"]["due"]) for t in got["tasks"]] == [
        ("Sở Tài chính", ["Công an tỉnh"], "2026-05-04")
    ]  # "Ủy ban nhân dân tỉnh nhận được …" tells what happened: no task


def test_a_request_file_is_no_request():
    from chiso.notices.addressees import assigned

    # 02 V.3.3: "hồ sơ đề nghị …" names a file; the request is not made by this text
    assert assigned("Hồ sơ đề nghị Chủ tịch UBND tỉnh tặng Bằng khen gồm 02 bộ (trong đó có 01 bộ gốc).") == (
        [],
        -1,
    )
    assert assigned("Đề nghị Chủ tịch UBND các xã, phường tổ chức thực hiện.")[0] == [
        "Chủ tịch UBND các xã, phường"
    ]


@pytest.mark.parametrize(
    "opening",
    [
        "Ngày 28 tháng 9 năm 2022, Chủ tịch UBND tỉnh chủ trì cuộc họp chuyên đề về quản trị môi trường.",
        "Ngày 07/11/2025, đồng chí Nguyễn Ngọc Phúc - Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh đã chủ trì buổi làm"
        " việc nghe báo cáo đánh giá kết quả các chỉ số PAR INDEX, PAPI, SIPAS.",
    ],
)
def test_dated_opening_of_a_meeting_assigns_nothing(opening):
    # The opening of every conclusion notice says who chaired the meeting on which day; the fronted date
    # must not make its subject an assignee (the points that follow are the tasks).
    text = (
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG\n\nTHÔNG BÁO\nKết luận của Phó Chủ tịch UBND tỉnh\n\n"
        f"{opening} Sau khi nghe báo cáo, Phó Chủ tịch UBND tỉnh kết luận như sau:\n\n"
        "1. Sở Nội vụ tham mưu UBND tỉnh công bố chỉ số cải cách hành chính, hoàn thành trong tháng 12/2025.\n"
    )
    tasks = parse_notice(text)["tasks"]
    assert [t["lead"] for t in tasks] == ["Sở Nội vụ"]


def test_a_fronted_period_still_opens_a_task():
    text = (
        "KẾ HOẠCH\n\n1. Quý I/2027, các cơ quan, đơn vị, địa phương đánh giá kết quả thực hiện phong trào.\n"
    )
    assert [t["lead"] for t in parse_notice(text)["tasks"]] == ["các cơ quan, đơn vị, địa phương"]
