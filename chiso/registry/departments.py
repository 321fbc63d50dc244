"""The standard bodies of a provincial People's Committee, by period, and how they succeeded each other.

Plain data from the legal texts (no Django):
- until 28/2/2025: NĐ 24/2014/NĐ-CP as amended by NĐ 107/2020/NĐ-CP, Điều 8 (the departments every
  province has; the "đặc thù" ones of Điều 9 — Sở Ngoại vụ, Ban Dân tộc, Sở Quy hoạch - Kiến trúc —
  only where the Government allowed them, so they are added by hand with --them);
- from 1/3/2025: NĐ 45/2025/NĐ-CP, Điều 8 (12 departments in every province), kept by NĐ 150/2025/NĐ-CP
  (12/6/2025) for the two-level local government; Sở Dân tộc và Tôn giáo, Sở Ngoại vụ, Sở Du lịch only
  where the criteria of Điều 9 are met (added with --them).
The mergers of 1/3/2025 follow the Government's plan under Kết luận 121-KL/TW and NĐ 45/2025; the split
of Sở LĐTBXH (social protection, children and social evils to Sở Y tế; vocational education to Sở
GD&ĐT; labour, wages, employment, social insurance, people with merit to Sở Nội vụ) follows the same
plan (shared/research/rules-checked-2026.md, "The 2025 reorganisation").
"""

from datetime import date

DEPT_REFORM_DAY = date(2025, 3, 1)
LAST_OLD_DEPT_DAY = date(2025, 2, 28)

# key, name, aliases (the key is stable across periods when the department kept its name)
VP = ("vp-ubnd", "Văn phòng Ủy ban nhân dân tỉnh", ["Văn phòng UBND tỉnh", "VP UBND tỉnh", "VP UBND"])
TT = ("thanh-tra", "Thanh tra tỉnh", [])
BEFORE_2025 = [
    ("so-noi-vu", "Sở Nội vụ", ["SNV"]),
    ("so-tu-phap", "Sở Tư pháp", ["STP"]),
    ("so-ke-hoach-dau-tu", "Sở Kế hoạch và Đầu tư", ["Sở KH&ĐT", "Sở KHĐT"]),
    ("so-tai-chinh", "Sở Tài chính", ["STC"]),
    ("so-cong-thuong", "Sở Công Thương", ["Sở Công thương"]),
    ("so-nong-nghiep-ptnt", "Sở Nông nghiệp và Phát triển nông thôn", ["Sở NN&PTNT", "Sở NNPTNT"]),
    ("so-giao-thong-van-tai", "Sở Giao thông vận tải", ["Sở GTVT"]),
    ("so-xay-dung", "Sở Xây dựng", ["SXD"]),
    ("so-tai-nguyen-moi-truong", "Sở Tài nguyên và Môi trường", ["Sở TN&MT", "Sở TNMT"]),
    ("so-thong-tin-truyen-thong", "Sở Thông tin và Truyền thông", ["Sở TT&TT", "Sở TTTT"]),
    ("so-lao-dong-tbxh", "Sở Lao động - Thương binh và Xã hội", ["Sở LĐ-TB&XH", "Sở LĐTBXH"]),
    ("so-van-hoa-tt-dl", "Sở Văn hóa, Thể thao và Du lịch", ["Sở VH,TT&DL", "Sở VHTTDL"]),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ", ["Sở KH&CN", "Sở KHCN"]),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo", ["Sở GD&ĐT", "Sở GDĐT"]),
    ("so-y-te", "Sở Y tế", ["SYT"]),
    TT,
    VP,
]
FROM_2025 = [
    ("so-noi-vu", "Sở Nội vụ", ["SNV"]),
    ("so-tu-phap", "Sở Tư pháp", ["STP"]),
    ("so-tai-chinh", "Sở Tài chính", ["STC"]),
    ("so-cong-thuong", "Sở Công Thương", ["Sở Công thương"]),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường", ["Sở NN&MT", "Sở NNMT"]),
    ("so-xay-dung", "Sở Xây dựng", ["SXD"]),
    ("so-khoa-hoc-cong-nghe", "Sở Khoa học và Công nghệ", ["Sở KH&CN", "Sở KHCN"]),
    ("so-van-hoa-tt-dl", "Sở Văn hóa, Thể thao và Du lịch", ["Sở VH,TT&DL", "Sở VHTTDL"]),
    ("so-giao-duc-dao-tao", "Sở Giáo dục và Đào tạo", ["Sở GD&ĐT", "Sở GDĐT"]),
    ("so-y-te", "Sở Y tế", ["SYT"]),
    TT,
    VP,
]
# Bodies a province may have besides (Điều 9 of each decree), added by name with --them.
OPTIONAL = {
    "so-dan-toc-ton-giao": ("Sở Dân tộc và Tôn giáo", ["Sở DT&TG"]),
    "so-ngoai-vu": ("Sở Ngoại vụ", []),
    "so-du-lich": ("Sở Du lịch", []),
    "ban-dan-toc": ("Ban Dân tộc", ["Ban Dân tộc tỉnh"]),
}

# 1/3/2025: (old key, new key, kind, main?, share). Keys absent from the province are skipped; a
# department that keeps its key and name simply continues (no succession).
MERGERS_2025 = [
    ("so-ke-hoach-dau-tu", "so-tai-chinh", "merge", True, ""),
    ("so-giao-thong-van-tai", "so-xay-dung", "merge", True, ""),
    ("so-tai-nguyen-moi-truong", "so-nong-nghiep-moi-truong", "merge", True, ""),
    ("so-nong-nghiep-ptnt", "so-nong-nghiep-moi-truong", "merge", True, ""),
    ("so-thong-tin-truyen-thong", "so-khoa-hoc-cong-nghe", "split", True, ""),
    (
        "so-thong-tin-truyen-thong",
        "so-van-hoa-tt-dl",
        "split",
        False,
        "báo chí, xuất bản, thông tin đối ngoại",
    ),
    # The main successor of a split has no share written: it takes whatever no share names (for Sở
    # Nội vụ: labour, wages, employment, social insurance, people with merit) — the convention the
    # dossier importer relies on too.
    ("so-lao-dong-tbxh", "so-noi-vu", "split", True, ""),
    ("so-lao-dong-tbxh", "so-y-te", "split", False, "bảo trợ xã hội, trẻ em, phòng, chống tệ nạn xã hội"),
    ("so-lao-dong-tbxh", "so-giao-duc-dao-tao", "split", False, "giáo dục nghề nghiệp"),
    ("ban-dan-toc", "so-dan-toc-ton-giao", "merge", True, ""),
]
MERGER_NOTE = "Sắp xếp các cơ quan chuyên môn thuộc UBND tỉnh từ 01/3/2025 (NĐ 45/2025/NĐ-CP)"

# NĐ 118/2025/NĐ-CP: the province's one-stop centre from 1/7/2025.
SERVICE_CENTRE = (
    "Trung tâm Phục vụ hành chính công tỉnh",
    ["Trung tâm Phục vụ HCC tỉnh", "Bộ phận Một cửa tỉnh"],
)

# Central agencies usually on a province's territory (kind trung_uong) and the Fatherland Front.
# From 1/3/2025 the tax, statistics and treasury offices were reorganised (Cục Thuế → Thuế tỉnh,
# Cục Thống kê → Thống kê tỉnh; Kho bạc by region); the names below follow the central decisions as
# reported, UNVERIFIED for each province (the note says so).
CENTRAL = [
    ("cong-an", "Công an tỉnh", [], None, None),
    ("quan-su", "Bộ Chỉ huy Quân sự tỉnh", [], None, None),
    ("toa-an", "Tòa án nhân dân tỉnh", ["TAND tỉnh"], None, None),
    ("vien-kiem-sat", "Viện kiểm sát nhân dân tỉnh", ["VKSND tỉnh"], None, None),
    ("bhxh", "Bảo hiểm xã hội tỉnh", ["BHXH tỉnh"], None, None),
    ("cuc-thue", "Cục Thuế tỉnh", ["Cục Thuế"], None, LAST_OLD_DEPT_DAY),
    ("thue", "Thuế tỉnh", [], DEPT_REFORM_DAY, None),
    ("cuc-thong-ke", "Cục Thống kê tỉnh", [], None, LAST_OLD_DEPT_DAY),
    ("thong-ke", "Thống kê tỉnh", [], DEPT_REFORM_DAY, None),
    ("kho-bac", "Kho bạc Nhà nước tỉnh", ["KBNN tỉnh"], None, LAST_OLD_DEPT_DAY),
    ("buu-dien", "Bưu điện tỉnh", [], None, None),
]
CENTRAL_SUCCESSIONS = [("cuc-thue", "thue"), ("cuc-thong-ke", "thong-ke")]


def structure(on, extra=()):
    """[(key, name, aliases)] of the departments a province has on a date, plus the optional ones."""
    base = FROM_2025 if on >= DEPT_REFORM_DAY else BEFORE_2025
    return list(base) + [(k, *OPTIONAL[k]) for k in extra if k in OPTIONAL]
