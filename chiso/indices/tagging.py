"""Suggest which index components a task targets, from its wording. Pure Python.

Rules are keyword patterns on the folded text (no diacritics, lower case) so that "dich vu cong
truc tuyen" typed without accents still matches. Each rule names (index code, component code,
methodology code or None for "any"). The suggestions are proposals an officer confirms.
"""

import re

from chiso.registry.names import clean, strip_diacritics

# (patterns, [(index, component, methodology or None)], reason)
RULES = [
    (
        [r"dich vu cong truc tuyen", r"dvc ?tt", r"dvctt", r"toan trinh"],
        [
            ("PAR", "LV7", "PAR-876"),
            ("766", "N3", "766-PORTAL"),
            ("766", "N4", "766-2022"),
            ("PAPI", "D8", "PAPI-2018"),
        ],
        "dịch vụ công trực tuyến",
    ),
    (
        [r"thanh toan truc tuyen"],
        [("766", "N4", "766-PORTAL"), ("766", "N4", "766-2022")],
        "thanh toán trực tuyến",
    ),
    (
        [r"so hoa"],
        [("766", "N5", "766-PORTAL"), ("766", "N3", "766-2022"), ("PAR", "LV7", "PAR-876")],
        "số hóa hồ sơ",
    ),
    (
        [r"chinh quyen dien tu", r"chinh quyen so", r"chuyen doi so", r"cong thong tin dien tu"],
        [("PAR", "LV7", "PAR-876"), ("PAPI", "D8", "PAPI-2018")],
        "chính quyền điện tử, chuyển đổi số",
    ),
    (
        [r"xin loi", r"tre han", r"qua han", r"hen lai"],
        [
            ("SIPAS", "DV.2", "SIPAS-2022"),
            ("SIPAS", "DV.4", "SIPAS-2022"),
            ("766", "N2", "766-PORTAL"),
            ("PAR", "LV3", "PAR-876"),
            ("PAPI", "D5", None),
        ],
        "hồ sơ trễ hạn, xin lỗi",
    ),
    (
        [r"thu tuc hanh chinh", r"tthc", r"mot cua"],
        [("PAR", "LV3", "PAR-876"), ("SIPAS", "DV.2", "SIPAS-2022"), ("PAPI", "D5", None)],
        "thủ tục hành chính",
    ),
    ([r"cong khai", r"minh bach"], [("PAPI", "D2", None), ("766", "N1", None)], "công khai, minh bạch"),
    (
        [r"phan anh", r"kien nghi", r"pakn", r"gop y"],
        [
            ("SIPAS", "DV.5", "SIPAS-2022"),
            ("766", "N6", "766-PORTAL"),
            ("766", "N5", "766-2022"),
            ("PAPI", "D3", None),
        ],
        "tiếp nhận, xử lý phản ánh, kiến nghị",
    ),
    (
        [r"hai long", r"sipas"],
        [("SIPAS", "DV", "SIPAS-2022"), ("PAR", "TAC.SIPAS", "PAR-876")],
        "sự hài lòng",
    ),
    ([r"tham nhung", r"tieu cuc", r"nhung nhieu"], [("PAPI", "D4", None)], "phòng, chống tham nhũng"),
    (
        [r"giai trinh", r"tiep cong dan", r"thanh tra nhan dan"],
        [("PAPI", "D3", None)],
        "trách nhiệm giải trình",
    ),
    ([r"moi truong", r"rac thai", r"o nhiem"], [("PAPI", "D7", "PAPI-2018")], "môi trường"),
    ([r"van ban quy pham", r"the che"], [("PAR", "LV2", "PAR-876")], "thể chế"),
    ([r"bo may", r"sap xep to chuc", r"bien che"], [("PAR", "LV4", "PAR-876")], "tổ chức bộ máy"),
    (
        [r"cong vu", r"ky luat ky cuong", r"cong chuc vien chuc", r"can bo cong chuc"],
        [("PAR", "LV5", "PAR-876")],
        "công vụ",
    ),
    ([r"tai chinh cong", r"tu chu tai chinh", r"giai ngan"], [("PAR", "LV6", "PAR-876")], "tài chính công"),
    (
        [r"chi dao dieu hanh", r"ke hoach cai cach hanh chinh", r"tuyen truyen cai cach"],
        [("PAR", "LV1", "PAR-876")],
        "chỉ đạo, điều hành CCHC",
    ),
    ([r"tham gia cua nguoi dan", r"dan chu o co so"], [("PAPI", "D1", None)], "sự tham gia của người dân"),
    (
        [r"doanh nghiep", r"moi truong kinh doanh", r"dau tu"],
        [("PCI", None, "PCI-10")],
        "môi trường kinh doanh",
    ),
    ([r"y te", r"giao duc", r"an ninh trat tu"], [("PAPI", "D6", None)], "cung ứng dịch vụ công"),
]
_COMPILED = [([re.compile(r"(?<!\w)" + p) for p in pats], targets, reason) for pats, targets, reason in RULES]


def fold(text):
    return strip_diacritics(clean(text)).lower()


def suggest_components(text):
    """[{"index", "component", "methodology", "reason"}] in rule order, without duplicates."""
    folded = fold(text)
    seen, out = set(), []
    for patterns, targets, reason in _COMPILED:
        if not any(p.search(folded) for p in patterns):
            continue
        for index, component, methodology in targets:
            if component is None:
                continue
            key = (index, component, methodology)
            if key in seen:
                continue
            seen.add(key)
            out.append({"index": index, "component": component, "methodology": methodology, "reason": reason})
    return out
