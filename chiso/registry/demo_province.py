"""The demo province: Bình Thuận as the seed notice saw it in 2022, and what 2025 made of it.

Plain data, so that the notice parser can read a notice with no database and `chiso load-demo`
can load the same registry into one. Facts and their sources: shared/research/domain.md §10.
Communes are a sample of the real ones (Phú Quý, Phan Thiết, La Gi), not the full list of 124.
"""

from datetime import date

from . import admin_units
from .gazetteer import AgencyEntry, Gazetteer
from .groups import STANDARD as STANDARD_GROUPS

PROVINCE = "Bình Thuận"
SUCCESSOR_PROVINCE = "Lâm Đồng"

D_DEPT_MERGER = date(2025, 3, 1)
D_PROVINCE_MERGER = date(2025, 7, 1)
END_OLD_DEPT = date(2025, 2, 28)
END_PROVINCE = date(2025, 6, 30)
# NQ 1253/NQ-UBTVQH15 (effective 1/12/2024) on the communes of Bình Thuận: in Phan Thiết, phường Đức
# Thắng and Đức Nghĩa merged into phường Lạc Đạo, phường Hưng Long into phường Bình Hưng.
D_PHAN_THIET = date(2024, 12, 1)
END_PHAN_THIET_OLD = date(2024, 11, 30)
NQ_1253 = "Nhập vào phường {to} từ 01/12/2024 (NQ 1253/NQ-UBTVQH15)"
MERGED_2024 = {"Đức Thắng": "Lạc Đạo", "Đức Nghĩa": "Lạc Đạo", "Hưng Long": "Bình Hưng"}

# National codes (admin_units) of the demo's provinces: the old one and the one it went into.
NATIONAL_CODE = "60"
SUCCESSOR_NATIONAL_CODE = "68"

# code, name, kind, aliases, parent code, valid_from, valid_to
_BT = [
    (
        "bt-ubnd",
        "Ủy ban nhân dân tỉnh Bình Thuận",
        "ubnd_tinh",
        ["UBND tỉnh", "UBND tỉnh Bình Thuận", "Chủ tịch UBND tỉnh"],
        None,
    ),
    (
        "bt-vp-ubnd",
        "Văn phòng UBND tỉnh",
        "so",
        ["Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", "VP UBND", "Văn phòng UBND"],
        "bt-ubnd",
    ),
    ("bt-snv", "Sở Nội vụ", "so", ["SNV", "Sở Nội vụ tỉnh"], "bt-ubnd"),
    ("bt-stp", "Sở Tư pháp", "so", ["STP"], "bt-ubnd"),
    ("bt-skhdt", "Sở Kế hoạch và Đầu tư", "so", ["Sở KH&ĐT", "Sở KHĐT", "Sở Kế hoạch - Đầu tư"], "bt-ubnd"),
    ("bt-stc", "Sở Tài chính", "so", ["STC"], "bt-ubnd"),
    ("bt-sct", "Sở Công Thương", "so", ["Sở Công thương"], "bt-ubnd"),
    ("bt-snnptnt", "Sở Nông nghiệp và Phát triển nông thôn", "so", ["Sở NN&PTNT", "Sở NNPTNT"], "bt-ubnd"),
    ("bt-sgtvt", "Sở Giao thông vận tải", "so", ["Sở GTVT"], "bt-ubnd"),
    ("bt-sxd", "Sở Xây dựng", "so", ["SXD"], "bt-ubnd"),
    ("bt-stnmt", "Sở Tài nguyên và Môi trường", "so", ["Sở TN&MT", "Sở TNMT"], "bt-ubnd"),
    (
        "bt-stttt",
        "Sở Thông tin và Truyền thông",
        "so",
        ["Sở TT&TT", "Sở TTTT", "Sở Thông tin - Truyền thông"],
        "bt-ubnd",
    ),
    ("bt-sldtbxh", "Sở Lao động - Thương binh và Xã hội", "so", ["Sở LĐ-TB&XH", "Sở LĐTBXH"], "bt-ubnd"),
    ("bt-svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "so", ["Sở VH,TT&DL", "Sở VHTTDL"], "bt-ubnd"),
    ("bt-skhcn", "Sở Khoa học và Công nghệ", "so", ["Sở KH&CN", "Sở KHCN"], "bt-ubnd"),
    ("bt-sgddt", "Sở Giáo dục và Đào tạo", "so", ["Sở GD&ĐT", "Sở GDĐT"], "bt-ubnd"),
    ("bt-syt", "Sở Y tế", "so", [], "bt-ubnd"),
    ("bt-ttt", "Thanh tra tỉnh", "so", ["Thanh tra tỉnh Bình Thuận"], "bt-ubnd"),
    ("bt-bdt", "Ban Dân tộc", "so", ["Ban Dân tộc tỉnh"], "bt-ubnd"),
    (
        "bt-bqlkcn",
        "Ban Quản lý các Khu công nghiệp",
        "ban_nganh",
        ["Ban Quản lý các KCN", "BQL các KCN", "Ban Quản lý các khu công nghiệp tỉnh"],
        "bt-ubnd",
    ),
    (
        "bt-tthcc",
        "Trung tâm Hành chính công tỉnh",
        "su_nghiep",
        ["Trung tâm HCC tỉnh", "Trung tâm HCC", "TTHCC tỉnh"],
        "bt-vp-ubnd",
    ),
    ("bt-ttthongtin", "Trung tâm Thông tin", "su_nghiep", ["Trung tâm Thông tin tỉnh"], "bt-vp-ubnd"),
    ("bt-bao", "Báo Bình Thuận", "su_nghiep", [], "bt-ubnd"),
    (
        "bt-dai",
        "Đài Phát thanh - Truyền hình Bình Thuận",
        "su_nghiep",
        ["Đài PT-TH Bình Thuận", "Đài PT-TH tỉnh"],
        "bt-ubnd",
    ),
    ("bt-cat", "Công an tỉnh", "trung_uong", ["Công an tỉnh Bình Thuận"], None),
    ("bt-bhxh", "Bảo hiểm xã hội tỉnh", "trung_uong", ["BHXH tỉnh"], None),
    ("bt-cthue", "Cục Thuế tỉnh", "trung_uong", ["Cục Thuế"], None),
    ("bt-kbnn", "Kho bạc Nhà nước tỉnh", "trung_uong", ["KBNN tỉnh", "Kho bạc nhà nước tỉnh"], None),
    ("bt-buudien", "Bưu điện tỉnh", "trung_uong", ["Bưu điện tỉnh Bình Thuận"], None),
    (
        "bt-capnuoc",
        "Công ty Cổ phần Cấp thoát nước Bình Thuận",
        "trung_uong",
        ["Công ty CP Cấp thoát nước", "Công ty CP Cấp thoát nước Bình Thuận"],
        None,
    ),
    ("bt-dienluc", "Công ty Điện lực Bình Thuận", "trung_uong", ["Điện lực Bình Thuận"], None),
    (
        "bt-mttq",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "doan_the",
        ["UBMTTQ Việt Nam tỉnh", "Mặt trận Tổ quốc tỉnh"],
        None,
    ),
]

# District-level units in 2022: the seed's "UBND các huyện, thị xã, thành phố".
_DISTRICTS = [
    ("bt-phanthiet", "thành phố", "Phan Thiết"),
    ("bt-lagi", "thị xã", "La Gi"),
    ("bt-tuyphong", "huyện", "Tuy Phong"),
    ("bt-bacbinh", "huyện", "Bắc Bình"),
    ("bt-hamthuanbac", "huyện", "Hàm Thuận Bắc"),
    ("bt-hamthuannam", "huyện", "Hàm Thuận Nam"),
    ("bt-hamtan", "huyện", "Hàm Tân"),
    ("bt-duclinh", "huyện", "Đức Linh"),
    ("bt-tanhlinh", "huyện", "Tánh Linh"),
    ("bt-phuquy", "huyện", "Phú Quý"),
]
_SHORT = {"thành phố": "TP", "thị xã": "TX", "huyện": "huyện"}

# A sample of communes (phường, xã) under three districts.
_COMMUNES = {
    "bt-phuquy": [("xã", n) for n in ("Long Hải", "Ngũ Phụng", "Tam Thanh")],
    "bt-phanthiet": [
        ("phường", n)
        for n in (
            "Mũi Né",
            "Hàm Tiến",
            "Phú Hài",
            "Thanh Hải",
            "Phú Thủy",
            "Phú Trinh",
            "Đức Long",
            "Đức Nghĩa",
            "Đức Thắng",
            "Hưng Long",
            "Lạc Đạo",
            "Bình Hưng",
            "Xuân An",
            "Phú Tài",
        )
    ]
    + [("xã", n) for n in ("Tiến Lợi", "Tiến Thành", "Thiện Nghiệp", "Phong Nẫm")],
    "bt-lagi": [("phường", n) for n in ("Phước Hội", "Phước Lộc", "Tân An", "Tân Thiện", "Bình Tân")]
    + [("xã", n) for n in ("Tân Bình", "Tân Hải", "Tân Phước", "Tân Tiến")],
}

# New departments of 1/3/2025 (NĐ 45/2025/NĐ-CP); Sở Dân tộc và Tôn giáo for Bình Thuận is
# UNCONFIRMED (domain.md §10.2), kept because the merger pattern is national.
_BT_2025 = [
    ("bt-snnmt", "Sở Nông nghiệp và Môi trường", "so", ["Sở NN&MT", "Sở NNMT"], "bt-ubnd"),
    ("bt-sdttg", "Sở Dân tộc và Tôn giáo", "so", ["Sở DT&TG"], "bt-ubnd"),
]

# Lâm Đồng after 1/7/2025 (NQ 202/2025/QH15; departments per NĐ 150/2025/NĐ-CP).
_LD = [
    ("ld-ubnd", "Ủy ban nhân dân tỉnh Lâm Đồng", "ubnd_tinh", ["UBND tỉnh Lâm Đồng", "UBND tỉnh"], None),
    ("ld-vp-ubnd", "Văn phòng UBND tỉnh Lâm Đồng", "so", ["Văn phòng UBND tỉnh", "VP UBND tỉnh"], "ld-ubnd"),
    ("ld-snv", "Sở Nội vụ tỉnh Lâm Đồng", "so", ["Sở Nội vụ"], "ld-ubnd"),
    ("ld-stp", "Sở Tư pháp tỉnh Lâm Đồng", "so", ["Sở Tư pháp"], "ld-ubnd"),
    ("ld-stc", "Sở Tài chính tỉnh Lâm Đồng", "so", ["Sở Tài chính"], "ld-ubnd"),
    ("ld-sct", "Sở Công Thương tỉnh Lâm Đồng", "so", ["Sở Công Thương"], "ld-ubnd"),
    (
        "ld-snnmt",
        "Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng",
        "so",
        ["Sở Nông nghiệp và Môi trường", "Sở NN&MT"],
        "ld-ubnd",
    ),
    ("ld-sxd", "Sở Xây dựng tỉnh Lâm Đồng", "so", ["Sở Xây dựng"], "ld-ubnd"),
    (
        "ld-skhcn",
        "Sở Khoa học và Công nghệ tỉnh Lâm Đồng",
        "so",
        ["Sở Khoa học và Công nghệ", "Sở KH&CN"],
        "ld-ubnd",
    ),
    (
        "ld-svhttdl",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng",
        "so",
        ["Sở Văn hóa, Thể thao và Du lịch"],
        "ld-ubnd",
    ),
    (
        "ld-sgddt",
        "Sở Giáo dục và Đào tạo tỉnh Lâm Đồng",
        "so",
        ["Sở Giáo dục và Đào tạo", "Sở GD&ĐT"],
        "ld-ubnd",
    ),
    ("ld-syt", "Sở Y tế tỉnh Lâm Đồng", "so", ["Sở Y tế"], "ld-ubnd"),
    ("ld-ttt", "Thanh tra tỉnh Lâm Đồng", "so", ["Thanh tra tỉnh"], "ld-ubnd"),
    ("ld-sdttg", "Sở Dân tộc và Tôn giáo tỉnh Lâm Đồng", "so", ["Sở Dân tộc và Tôn giáo"], "ld-ubnd"),
    (
        "ld-ttphvhcc",
        "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng",
        "su_nghiep",
        ["Trung tâm Phục vụ HCC tỉnh"],
        "ld-vp-ubnd",
    ),
    ("ld-dk-phuquy", "UBND đặc khu Phú Quý", "ubnd_xa", ["Đặc khu Phú Quý", "UBND ĐK Phú Quý"], "ld-ubnd"),
]

# (predecessor, successor, date the successor takes over, kind, note)
SUCCESSIONS = [
    ("bt-stttt", "bt-skhcn", D_DEPT_MERGER, "merge", "Hợp nhất Sở TT&TT vào Sở KH&CN (NĐ 45/2025/NĐ-CP)"),
    ("bt-skhdt", "bt-stc", D_DEPT_MERGER, "merge", "Hợp nhất Sở KH&ĐT vào Sở Tài chính"),
    # Sở LĐ-TB&XH was split, not merged whole (see SHARES below).
    (
        "bt-sldtbxh",
        "bt-snv",
        D_DEPT_MERGER,
        "split",
        "Sở LĐ-TB&XH: lao động, việc làm, người có công… về Sở Nội vụ",
    ),
    (
        "bt-sldtbxh",
        "bt-syt",
        D_DEPT_MERGER,
        "split",
        "Sở LĐ-TB&XH: bảo trợ xã hội, trẻ em, phòng, chống tệ nạn xã hội về Sở Y tế",
    ),
    ("bt-sldtbxh", "bt-sgddt", D_DEPT_MERGER, "split", "Sở LĐ-TB&XH: giáo dục nghề nghiệp về Sở GD&ĐT"),
    ("bt-stttt", "bt-svhttdl", D_DEPT_MERGER, "split", "Sở TT&TT: báo chí, xuất bản về Sở VH,TT&DL"),
    ("bt-sgtvt", "bt-sxd", D_DEPT_MERGER, "merge", "Hợp nhất Sở GTVT vào Sở Xây dựng"),
    ("bt-stnmt", "bt-snnmt", D_DEPT_MERGER, "merge", "Sở TN&MT và Sở NN&PTNT thành Sở NN&MT"),
    ("bt-snnptnt", "bt-snnmt", D_DEPT_MERGER, "merge", "Sở TN&MT và Sở NN&PTNT thành Sở NN&MT"),
    (
        "bt-bdt",
        "bt-sdttg",
        D_DEPT_MERGER,
        "merge",
        "Ban Dân tộc thành Sở Dân tộc và Tôn giáo (chưa xác minh cho Bình Thuận)",
    ),
    (
        "bt-ubnd",
        "ld-ubnd",
        D_PROVINCE_MERGER,
        "merge",
        "Bình Thuận, Đắk Nông, Lâm Đồng hợp nhất thành tỉnh Lâm Đồng (NQ 202/2025/QH15)",
    ),
    ("bt-vp-ubnd", "ld-vp-ubnd", D_PROVINCE_MERGER, "merge", ""),
    ("bt-snv", "ld-snv", D_PROVINCE_MERGER, "merge", ""),
    ("bt-stp", "ld-stp", D_PROVINCE_MERGER, "merge", ""),
    ("bt-stc", "ld-stc", D_PROVINCE_MERGER, "merge", ""),
    ("bt-sct", "ld-sct", D_PROVINCE_MERGER, "merge", ""),
    ("bt-snnmt", "ld-snnmt", D_PROVINCE_MERGER, "merge", ""),
    ("bt-sxd", "ld-sxd", D_PROVINCE_MERGER, "merge", ""),
    ("bt-skhcn", "ld-skhcn", D_PROVINCE_MERGER, "merge", ""),
    ("bt-svhttdl", "ld-svhttdl", D_PROVINCE_MERGER, "merge", ""),
    ("bt-sgddt", "ld-sgddt", D_PROVINCE_MERGER, "merge", ""),
    ("bt-syt", "ld-syt", D_PROVINCE_MERGER, "merge", ""),
    ("bt-ttt", "ld-ttt", D_PROVINCE_MERGER, "merge", ""),
    ("bt-sdttg", "ld-sdttg", D_PROVINCE_MERGER, "merge", ""),
    (
        "bt-tthcc",
        "ld-ttphvhcc",
        D_PROVINCE_MERGER,
        "merge",
        "Trung tâm HCC thành Trung tâm Phục vụ HCC (NĐ 118/2025/NĐ-CP)",
    ),
    (
        "bt-phuquy",
        "ld-dk-phuquy",
        D_PROVINCE_MERGER,
        "merge",
        "Huyện Phú Quý thành đặc khu Phú Quý (NQ 1671/NQ-UBTVQH15)",
    ),
]

# The generic group phrases (registry/groups.py); the demo adds none of its own.
GROUPS = STANDARD_GROUPS

# (predecessor, successor) → (main successor?, its share) for the splits above (departments.py).
SHARES = {
    ("bt-sldtbxh", "bt-snv"): (True, ""),  # the main successor takes the remainder (see its note)
    ("bt-sldtbxh", "bt-syt"): (False, "bảo trợ xã hội, trẻ em, phòng, chống tệ nạn xã hội"),
    ("bt-sldtbxh", "bt-sgddt"): (False, "giáo dục nghề nghiệp"),
    ("bt-stttt", "bt-svhttdl"): (False, "báo chí, xuất bản, thông tin đối ngoại"),
}


def province_history(old_authority=None, new_authority=None):
    """The rows for registry.province.set_history: Bình Thuận until 30/6/2025, then Lâm Đồng
    (NQ 202/2025/QH15), each with its UBND tỉnh when the registry has it."""
    return [
        (NATIONAL_CODE, PROVINCE, "tỉnh", old_authority, None, END_PROVINCE),
        (SUCCESSOR_NATIONAL_CODE, SUCCESSOR_PROVINCE, "tỉnh", new_authority, D_PROVINCE_MERGER, None),
    ]


def _commune_code(district_code, place):
    return f"{district_code}-{place.lower().replace(' ', '')}"


def succession_rows():
    """SUCCESSIONS with the hand-typed 2024 commune mergers: (pred, succ, day, kind, note, main, share)."""
    rows = [(p, s, d, k, n, *SHARES.get((p, s), (True, ""))) for p, s, d, k, n in SUCCESSIONS]
    for old, new in MERGED_2024.items():
        rows.append(
            (
                _commune_code("bt-phanthiet", old),
                _commune_code("bt-phanthiet", new),
                D_PHAN_THIET,
                "merge",
                NQ_1253.format(to=new),
                True,
                "",
            )
        )
    return rows


def _national_codes():
    """{demo code: national code} for the province, its districts and communes (admin_units)."""
    from .names import clean

    old = admin_units.province(NATIONAL_CODE, new=False)
    codes = {"bt-ubnd": NATIONAL_CODE, "ld-ubnd": SUCCESSOR_NATIONAL_CODE}
    districts = {clean(d.bare): d for d in old.units}
    for code, _prefix, place in _DISTRICTS:
        district = districts.get(clean(place))
        if district is None:
            continue
        codes[code] = district.code
        communes = {clean(c.bare): c.code for c in district.children}
        for _kind, commune in _COMMUNES.get(code, []):
            if clean(commune) in communes:
                codes[_commune_code(code, commune)] = communes[clean(commune)]
    new = admin_units.province(SUCCESSOR_NATIONAL_CODE)
    codes["ld-dk-phuquy"] = next(u.code for u in new.units if u.kind == "Đặc khu")
    return codes


def agency_rows():
    """Every demo agency as a dict, in a fixed order (ids are 1-based positions)."""
    rows = []
    for code, name, kind, aliases, parent in _BT:
        rows.append(
            dict(
                code=code,
                name=name,
                kind=kind,
                aliases=aliases,
                parent=parent,
                valid_from=None,
                valid_to=END_PROVINCE,
            )
        )
    for code, prefix, place in _DISTRICTS:
        short = _SHORT[prefix]
        aliases = [
            f"UBND {prefix} {place}",
            f"UBND {short} {place}",
            f"{short} {place}",
            f"{prefix} {place}",
            place,
        ]
        rows.append(
            dict(
                code=code,
                name=f"Ủy ban nhân dân {prefix} {place}",
                kind="ubnd_huyen",
                aliases=aliases,
                parent="bt-ubnd",
                valid_from=None,
                valid_to=END_PROVINCE,
            )
        )
    for district, communes in _COMMUNES.items():
        for prefix, place in communes:
            code = _commune_code(district, place)
            rows.append(
                dict(
                    code=code,
                    name=f"Ủy ban nhân dân {prefix} {place}",
                    kind="ubnd_xa",
                    aliases=[f"UBND {prefix} {place}"],
                    parent=district,
                    valid_from=None,
                    valid_to=END_PHAN_THIET_OLD if place in MERGED_2024 else END_PROVINCE,
                )
            )
    for code, name, kind, aliases, parent in _BT_2025:
        rows.append(
            dict(
                code=code,
                name=name,
                kind=kind,
                aliases=aliases,
                parent=parent,
                valid_from=D_DEPT_MERGER,
                valid_to=END_PROVINCE,
            )
        )
    for code, name, kind, aliases, parent in _LD:
        rows.append(
            dict(
                code=code,
                name=name,
                kind=kind,
                aliases=aliases,
                parent=parent,
                valid_from=D_PROVINCE_MERGER,
                valid_to=None,
            )
        )
    merged_away = {pred for pred, _succ, when, _kind, _note in SUCCESSIONS if when == D_DEPT_MERGER}
    national = _national_codes()
    for row in rows:
        if row["code"] in merged_away:
            row["valid_to"] = END_OLD_DEPT
        row["national_code"] = national.get(row["code"], "")
    return rows


def demo_gazetteer():
    rows = agency_rows()
    ids = {row["code"]: i for i, row in enumerate(rows, start=1)}
    entries = [
        AgencyEntry(
            ids[r["code"]],
            r["code"],
            r["name"],
            r["kind"],
            r["aliases"],
            ids.get(r["parent"]),
            r["valid_from"],
            r["valid_to"],
        )
        for r in rows
    ]
    return Gazetteer(entries, GROUPS, province_names=[PROVINCE, SUCCESSOR_PROVINCE])
