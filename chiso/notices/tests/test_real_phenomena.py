"""Phenomena met in the held-out real files (tests/data/notices-real, Lâm Đồng 2025–2026 DOCX; file
number in the comment): each test reads a real snippet, so that the general cause stays handled."""

import pytest

from chiso.notices import names

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
