"""One test per phenomenon of issue 12 (points 1–3), each on a real snippet: the sentences are copied
from the public documents of the dev set (tests/data/notices-dev, file number in the comment)."""

import pytest

from chiso.notices import names, parse_notice
from chiso.notices.addressees import coordinators, heading_names, subject


def tasks(body, head="THÔNG BÁO\n\nKết luận\n\n"):
    return parse_notice(head + body, notice_date="2025-11-15")["tasks"]


# -- 1. agencies by the grammar of names ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Bộ Kế hoạch và Đầu tư chủ trì", ["Bộ Kế hoạch và Đầu tư"]),  # 01
        ("Sở Lao động - Thương binh và Xã hội phối hợp", ["Sở Lao động - Thương binh và Xã hội"]),
        ("Ban Quản lý Khu kinh tế Đông Nam tổ chức", ["Ban Quản lý Khu kinh tế Đông Nam"]),  # 21
        ("Bảo hiểm xã hội thành phố Hà Nội chủ trì", ["Bảo hiểm xã hội thành phố Hà Nội"]),  # 17
        (
            "Tập đoàn Công nghiệp-Năng lượng quốc gia Việt Nam báo cáo",  # 03
            ["Tập đoàn Công nghiệp-Năng lượng quốc gia Việt Nam"],
        ),
        ("Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên chỉ đạo", ["Chủ tịch Ủy ban nhân dân tỉnh Hưng Yên"]),  # 14
        ("Cục Kiểm soát TTHC chủ trì", ["Cục Kiểm soát TTHC"]),
        ("Trung tâm Chuyển đổi số Thành phố phối hợp", ["Trung tâm Chuyển đổi số Thành phố"]),  # 08
        (
            "các sở, ban, ngành, cơ quan, đơn vị liên quan triển khai",
            ["các sở, ban, ngành, cơ quan, đơn vị liên quan"],
        ),
        ("UBND xã, phường, đặc khu thực hiện", ["UBND xã, phường, đặc khu"]),  # 08
        (
            "Ủy ban nhân dân các tỉnh, thành phố có dự án đi qua chịu",
            ["Ủy ban nhân dân các tỉnh, thành phố có dự án đi qua"],
        ),
        # compressed lists: one determiner, several bodies
        (
            "các Bộ: Tài chính, Xây dựng, Công Thương thẩm định",
            ["Bộ Tài chính", "Bộ Xây dựng", "Bộ Công Thương"],
        ),
        (
            "Ủy ban nhân dân các tỉnh: An Giang, Đồng Tháp, Vĩnh Long rà soát",  # 06
            [
                "Ủy ban nhân dân tỉnh An Giang",
                "Ủy ban nhân dân tỉnh Đồng Tháp",
                "Ủy ban nhân dân tỉnh Vĩnh Long",
            ],
        ),
        ("Bộ ban hành văn bản chỉ đạo", []),  # 09: "Bộ" alone is not a name
    ],
)
def test_names_by_grammar(text, expected):
    assert names.agency_list(text, 0, place=True)[0] == expected


def test_heading_and_class_phrases():
    assert heading_names("b) Ủy ban nhân dân các tỉnh, thành phố có dự án đi qua:".split(" ", 1)[1]) == [
        "Ủy ban nhân dân các tỉnh, thành phố có dự án đi qua"
    ]
    assert heading_names("Trách nhiệm của Ban chỉ đạo CCHC của Bộ") == ["Ban chỉ đạo CCHC"]  # 09
    assert heading_names("Các chủ rừng là tổ chức (các Ban quản lý rừng đặc dụng, phòng hộ)") == [
        "Các chủ rừng"
    ]
    assert heading_names("Rà soát văn bản quy phạm pháp luật") is None


def test_subject_and_coordinators_as_written():
    got, _end = subject(
        "Bộ Công an tiếp tục chủ động phối hợp, hướng dẫn Bộ Y tế, Ban Quản lý dự án và các nhà thầu"
    )
    assert got == ["Bộ Công an"]
    # 04: literal rule, the bodies after "phối hợp" are coordinators even when the lead helps
    assert coordinators(
        "tiếp tục chủ động phối hợp, hướng dẫn Bộ Y tế, Ban Quản lý dự án và các nhà thầu"
    ) == [
        "Bộ Y tế",
        "Ban Quản lý dự án",
        "các nhà thầu",
    ]
    assert coordinators("chủ động phối hợp với các cơ quan chức năng và chính quyền địa phương") == [
        "các cơ quan chức năng",
        "chính quyền địa phương",
    ]  # 13: kinds of bodies without "các"
    assert coordinators("Phối hợp chặt chẽ Sở Khoa học và Công nghệ đê hỗ trợ doanh nghiệp") == [
        "Sở Khoa học và Công nghệ"
    ]  # 21: without "với"
    # 13: the one who coordinates is a body the lead is told to direct
    assert (
        coordinators("Chỉ đạo, tham mưu chỉ đạo các đơn vị chủ rừng phối hợp với các cơ quan chức năng") == []
    )
    assert coordinators("phối hợp giữa các Vụ chuyên ngành") == []  # 07


# -- 2. every layout that assigns work ------------------------------------------------------------


def test_bullets_under_agency_heading_inherit_it_and_own_subject_overrides():
    got = tasks(
        "a) Bộ Giao thông vận tải:\n"  # 06
        "- Lãnh đạo Bộ Giao thông vận tải trực tiếp chỉ đạo, kiểm tra, đôn đốc, giao ban định kỳ với các địa phương.\n"
        "- Phối hợp chặt chẽ với Kiểm toán Nhà nước trong việc xây dựng kế hoạch chi tiết.\n"
    )
    assert [(t["lead"], t["coordinators"]) for t in got] == [
        ("Lãnh đạo Bộ Giao thông vận tải", []),
        ("Bộ Giao thông vận tải", ["Kiểm toán Nhà nước"]),
    ]
    assert got[0]["deadline"]["kind"] == "recurring" and got[0]["deadline"]["every"] is None  # bare "định kỳ"


def test_unnumbered_agency_heading_lines():
    got = tasks(
        "Bảo hiểm xã hội thành phố Hà Nội\n"  # 17
        "- Tăng cường giám định chi phí khám bệnh, chữa bệnh bảo hiểm y tế.\n"
        "Sở Y tế\n"
        "- Chỉ đạo các cơ sở khám bệnh, chữa bệnh thực hiện nghiêm quy định.\n"
    )
    assert [t["lead"] for t in got] == ["Bảo hiểm xã hội thành phố Hà Nội", "Sở Y tế"]


def test_giao_x_chu_tri_phoi_hop_voi_y_anywhere():
    got = tasks(
        "1. Về kiến nghị đầu tư xây dựng tuyến cao tốc:\n\n"  # 01: a topic label, then the directive
        "Đề nghị Ủy ban nhân dân tỉnh Đắk Lắk chủ trì, phối hợp với Bộ Xây dựng để làm rõ sự cần thiết "
        "và tính khả thi.\n"
    )
    assert got[0]["lead"] == "Ủy ban nhân dân tỉnh Đắk Lắk" and got[0]["coordinators"] == ["Bộ Xây dựng"]
    assert got[0]["text"].startswith("Đề nghị Ủy ban nhân dân tỉnh Đắk Lắk")
    assert got[0]["topic"] is None or not got[0]["text"].startswith("Về")


def test_several_directives_in_one_point_are_split():
    got = tasks(
        "5. Về kiến nghị xem xét chủ trương đầu tư:\n\n"  # 01 III.5
        "Bộ Nông nghiệp và Môi trường khẩn trương chủ trì, phối hợp với Bộ Dân tộc và Tôn giáo hoàn thiện "
        "hồ sơ, trình cấp có thẩm quyền.\n\n"
        "Bộ Tài chính khẩn trương hoàn thiện dự thảo Nghị định của Chính phủ quy định cơ chế quản lý.\n"
    )
    assert [(t["ref"], t["lead"]) for t in got] == [
        ("5#1", "Bộ Nông nghiệp và Môi trường"),
        ("5#2", "Bộ Tài chính"),
    ]


def test_lead_in_frames_the_points_below_and_joint_addressees_have_no_lead():
    got = tasks(
        "II. Một số nhiệm vụ trọng tâm thời gian tới:\n\n"  # 05
        "Dự báo, những ngày tới thời tiết vẫn còn diễn biến phức tạp. Đề nghị Ban chỉ đạo quốc gia về phòng, "
        "chống thiên tai, các cơ quan, địa phương cần tiếp tục chỉ đạo khắc phục nhanh hậu quả mưa lũ, tập "
        "trung thực hiện một số nhiệm vụ, giải pháp trọng tâm sau:\n\n"
        "1. Theo dõi chặt chẽ diễn biến mưa lũ, dự báo, cảnh báo, thông tin kịp thời đến các ngành.\n\n"
        "2. Huy động các lực lượng hỗ trợ người dân khắc phục nhanh hậu quả mưa lũ.\n"
    )
    assert [t["ref"] for t in got] == ["II.1", "II.2"]
    assert all(t["lead"] is None and len(t["addressees"]) == 2 for t in got)


def test_inline_field_blocks():
    got = tasks(
        "II. NỘI DUNG KẾ HOẠCH\n\n"  # 12
        "1. Tổ chức tuyên truyền, phổ biến, giáo dục pháp luật về nội dung Luật\n"
        "- Cơ quan chủ trì: Sở Khoa học và Công nghệ.\n"
        "- Cơ quan phối hợp: Các sở, ngành; Ủy ban nhân dân các xã, phường.\n"
        "- Thời gian thực hiện: Năm 2026 và các năm tiếp theo.\n",
        head="KẾ HOẠCH\n\nTriển khai thi hành Luật\n\n",
    )
    t = got[0]
    assert t["lead"] == "Sở Khoa học và Công nghệ"
    assert t["coordinators"] == ["Các sở, ngành", "Ủy ban nhân dân các xã, phường"]
    assert (t["deadline"]["kind"], t["deadline"]["start"], t["deadline"]["due"]) == (
        "range",
        "2026-01-01",
        None,
    )


def test_flattened_task_table_found_by_its_headings():
    got = tasks(
        "II. NỘI DUNG\n"  # 10: one cell per line, no separators
        "TT\nNhiệm vụ\nHoạt động\nThời gian\nTrách nhiệm\nChủ trì\nPhối hợp\n"
        "2.\nXây dựng, công bố Chỉ số Hài lòng năm 2022 (SIPAS 2022)\n"
        "Nhập, tổng hợp, phân tích dữ liệu; xây dựng báo cáo.\nQuý I\nBộ Nội vụ\nCác cơ quan liên quan\n"
        "Tổ chức hội nghị công bố Chỉ số SIPAS 2022.\nQuý I - II\n"
        "III. TỔ CHỨC THỰC HIỆN\n",
        head="KẾ HOẠCH\n\nĐo lường sự hài lòng năm 2023\n\n",
    )
    rows = [
        (t["ref"], t["lead"], t["coordinators"], t["deadline"]["kind"], t["deadline"]["due"]) for t in got
    ]
    assert rows == [
        ("2#1", "Bộ Nội vụ", ["Các cơ quan liên quan"], "quarter", "2025-03-31"),
        ("2#2", "Bộ Nội vụ", ["Các cơ quan liên quan"], "range", "2025-06-30"),
    ]


def test_closing_directive_is_a_task_the_closing_formula_is_not():
    got = tasks(
        "1. Sở Y tế chủ trì rà soát nhu cầu.\n\n"
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành, cơ quan, đơn vị liên quan triển khai kịp thời, "
        "hiệu quả Kế hoạch này.\n\n"  # 21
        "Văn phòng Chính phủ thông báo để các cơ quan biết, thực hiện./.\n"
    )
    assert [(t["ref"], t["lead"]) for t in got] == [
        ("1", "Sở Y tế"),
        ("closing", "các sở, ban, ngành, cơ quan, đơn vị liên quan"),
    ]


def test_parts_that_assign_nothing_give_no_task():
    got = tasks(
        "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\n- Bảo đảm sự chỉ đạo thống nhất của UBND tỉnh.\n\n"
        "II. KẾT QUẢ\n\n1. Đánh giá cao Tập đoàn Dầu khí Việt Nam đã tập trung triển khai dự án.\n\n"
        "III. NHIỆM VỤ\n\n1. Sở Nội vụ chủ trì tổng hợp.\n\n"
        "2. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan phản ánh về Sở Nội vụ.\n"
    )
    assert [t["ref"] for t in got] == ["III.1"]


def test_non_directive_legal_text_warns():
    r = parse_notice(
        "NGHỊ ĐỊNH\n\nQuy định mức thu phí\n\nĐiều 1. Phạm vi điều chỉnh\n\nNghị định này quy định mức thu phí.\n\n"
        "Điều 5. Tổ chức thực hiện\n\nBộ Tài chính chủ trì hướng dẫn thi hành Nghị định này.\n"
    )
    assert [t["lead"] for t in r["tasks"]] == ["Bộ Tài chính"]
    assert any("không phải văn bản chỉ đạo" in w for w in r["warnings"])


# -- 3. deadlines as the dev set defines them -------------------------------------------------------


def test_subject_years_are_not_deadlines_and_the_latest_bound_wins():
    got = tasks(
        "1. Bộ Tài chính nghiên cứu chính sách thuế năm 2022 và dự toán ngân sách hằng năm giai đoạn 2026 - 2030.\n\n"
        "2. Các địa phương khẩn trương sửa chữa nhà bị hư hỏng trước ngày 31/12/2025; xây dựng mới nhà bị sập "
        "hoàn thành trước ngày 31/01/2026.\n\n"  # 02
        "3. Sở Y tế hoàn thành xong trong tháng 12/2025.\n\n"
        "4. Sở Nội vụ thực hiện Quí IV-2025.\n"
    )
    d = [t["deadline"] for t in got]
    assert d[0]["kind"] in ("none", "recurring") and d[0]["due"] is None
    assert (d[1]["kind"], d[1]["due"], d[1]["strict"]) == ("date", "2026-01-31", True)
    assert (d[2]["kind"], d[2]["due"], d[2]["start"]) == ("month", "2025-12-31", None)
    assert (d[3]["kind"], d[3]["due"]) == ("quarter", "2025-12-31")
