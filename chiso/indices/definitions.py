"""Index definitions shipped with chiso, as data: index → methodology version → component tree.

Pure Python (no Django) so tests and scripts can read them. `services.definitions.load()` writes
them to the database; new years' definitions come from XLSX (services/definitions_xlsx.py).
Every figure that the research notes (docs: shared/research/domain.md §1–6) could not confirm is
marked `confirmed: False` with a note saying what is missing.

Component dict keys: code, name, max (points; None when unknown), scale ("points", "percent",
"1-10"), weight, grain ("main" for the tree the total is built from, "source" for a second view of
the same score), children, confirmed, note.
"""


def _c(
    code,
    name,
    max_points=None,
    children=(),
    scale="points",
    confirmed=True,
    note="",
    grain="main",
    weight=None,
    name_en="",
):
    return {
        "code": code,
        "name": name,
        "name_en": name_en,
        "max": max_points,
        "scale": scale,
        "weight": weight,
        "grain": grain,
        "children": list(children),
        "confirmed": confirmed,
        "note": note,
    }


def _subs(prefix, names, total=10.0, confirmed=True, note=""):
    share = round(total / len(names), 4)
    return [
        _c(f"{prefix}.{i}", name, share, scale="points", confirmed=confirmed, note=note)
        for i, name in enumerate(names, start=1)
    ]


# --- PAPI ------------------------------------------------------------------------------------
_PAPI_DIMS = [
    (
        "D1",
        "Tham gia của người dân ở cấp cơ sở",
        "Participation at Local Levels",
        ["Tri thức công dân", "Cơ hội tham gia", "Chất lượng bầu cử", "Đóng góp tự nguyện"],
    ),
    (
        "D2",
        "Công khai, minh bạch trong việc ra quyết định ở địa phương",
        "Transparency in Local Decision-making",
        ["Danh sách hộ nghèo", "Ngân sách xã", "Quy hoạch, kế hoạch sử dụng đất, giá đất"],
    ),
    (
        "D3",
        "Trách nhiệm giải trình với người dân",
        "Vertical Accountability Towards Citizens",
        ["Tương tác với chính quyền địa phương", "Ban Thanh tra nhân dân", "Ban Giám sát đầu tư cộng đồng"],
    ),
    (
        "D4",
        "Kiểm soát tham nhũng trong khu vực công",
        "Control of Corruption in the Public Sector",
        [
            "Kiểm soát tham nhũng trong chính quyền địa phương",
            "Kiểm soát tham nhũng trong cung ứng dịch vụ công",
            "Công bằng trong tuyển dụng vào khu vực nhà nước",
            "Quyết tâm chống tham nhũng",
        ],
    ),
    (
        "D5",
        "Thủ tục hành chính công",
        "Public Administrative Procedures",
        [
            "Dịch vụ chứng thực, xác nhận",
            "Giấy phép xây dựng",
            "Giấy chứng nhận quyền sử dụng đất",
            "Thủ tục hành chính cấp xã",
        ],
    ),
    (
        "D6",
        "Cung ứng dịch vụ công",
        "Public Service Delivery",
        ["Y tế công lập", "Giáo dục tiểu học công lập", "Cơ sở hạ tầng căn bản", "An ninh, trật tự"],
    ),
]
_PAPI_SUB_NOTE = (
    "Nội dung thành phần theo papi.org.vn và báo cáo PAPI 2019 (bảng 3.1); bộ dữ liệu công khai "
    "không có điểm nội dung thành phần."
)


def _papi_dims(since_2018):
    dims = []
    for code, name, name_en, subs in _PAPI_DIMS:
        subs = list(subs)
        sub_confirmed, note = True, _PAPI_SUB_NOTE
        if code == "D2" and since_2018:
            subs.append("Tiếp cận thông tin")
            sub_confirmed, note = False, "Nội dung 'Tiếp cận thông tin' từ 2018: tên gọi CHƯA XÁC NHẬN."
        dims.append(
            _c(
                code,
                name,
                10,
                _subs(code, subs, confirmed=sub_confirmed, note=note),
                scale="1-10",
                name_en=name_en,
            )
        )
    if since_2018:
        dims.append(
            _c(
                "D7",
                "Quản trị môi trường",
                10,
                _subs(
                    "D7",
                    ["Tính nghiêm túc trong bảo vệ môi trường", "Chất lượng không khí", "Chất lượng nước"],
                    confirmed=False,
                    note="Nội dung thành phần D7 CHƯA XÁC NHẬN (suy ra từ tổng 28 nội dung).",
                ),
                scale="1-10",
                name_en="Environmental Governance",
            )
        )
        dims.append(
            _c(
                "D8",
                "Quản trị điện tử",
                10,
                _subs(
                    "D8",
                    ["Sử dụng Cổng thông tin điện tử của chính quyền", "Tiếp cận và sử dụng Internet"],
                    confirmed=False,
                    note="Nội dung thành phần D8 CHƯA XÁC NHẬN (suy ra từ tổng 28 nội dung).",
                ),
                scale="1-10",
                name_en="E-Governance",
            )
        )
    return dims


PAPI_TIERS = {
    "method": "quartile",
    "labels": ["Cao nhất", "TB cao", "TB thấp", "Thấp nhất"],
    "note": "Bốn nhóm theo tứ phân vị của tổng điểm (như bộ dữ liệu công khai tính); nhóm chính thức "
    "của PAPI có thể lệch vài tỉnh ở ranh giới.",
}

PAPI = {
    "code": "PAPI",
    "name": "Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh",
    "name_en": "Provincial Governance and Public Administration Performance Index",
    "owner": "CECODES, VFF-CRT, RTA, UNDP",
    "unit": "điểm",
    "subject": "province",
    "methodologies": [
        {
            "code": "PAPI-2011",
            "name": "PAPI 6 chỉ số nội dung (2011–2017)",
            "year_from": 2011,
            "year_to": 2017,
            "legal_basis": "Phương pháp PAPI (CECODES, UNDP)",
            "total_max": 60,
            "total_rule": "sum",
            "tiers": PAPI_TIERS,
            "confirmed": True,
            "note": "6 chỉ số nội dung, 22 nội dung thành phần; mỗi chỉ số 1–10 điểm, tổng tối đa 60.",
            "components": _papi_dims(False),
        },
        {
            "code": "PAPI-2018",
            "name": "PAPI 8 chỉ số nội dung (từ 2018)",
            "year_from": 2018,
            "year_to": None,
            "legal_basis": "Phương pháp PAPI (CECODES, UNDP)",
            "total_max": 80,
            "total_rule": "sum",
            "tiers": PAPI_TIERS,
            "confirmed": True,
            "note": "8 chỉ số nội dung, 28 nội dung thành phần; mỗi chỉ số 1–10 điểm, tổng tối đa 80.",
            "components": _papi_dims(True),
        },
    ],
}

# --- PAR INDEX --------------------------------------------------------------------------------
_AREAS_876 = [
    "Công tác chỉ đạo, điều hành cải cách hành chính",
    "Cải cách thể chế",
    "Cải cách thủ tục hành chính",
    "Cải cách tổ chức bộ máy hành chính nhà nước",
    "Cải cách chế độ công vụ",
    "Cải cách tài chính công",
    "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
    "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội của tỉnh",
]
_AREA_NOTE = "Điểm tối đa của lĩnh vực CHƯA XÁC NHẬN (cần Bảng 2 của quyết định)."
PAR_GROUPS = {
    "method": "threshold",
    "unit": "percent",
    "bands": [
        {"label": "Nhóm A", "min": 90},
        {"label": "Nhóm B", "min": 80},
        {"label": "Nhóm C", "min": 70},
        {"label": "Dưới nhóm C", "min": None},
    ],
}

PAR = {
    "code": "PAR",
    "name": "Chỉ số cải cách hành chính (PAR INDEX)",
    "name_en": "PAR INDEX",
    "owner": "Bộ Nội vụ (Ban Chỉ đạo CCHC của Chính phủ)",
    "unit": "%",
    "subject": "province",
    "methodologies": [
        {
            "code": "PAR-2948",
            "name": "PAR INDEX theo QĐ 2948/QĐ-BNV",
            "year_from": 2016,
            "year_to": 2020,
            "legal_basis": "QĐ 2948/QĐ-BNV",
            "total_max": 100,
            "total_rule": "sum",
            "tiers": {},
            "confirmed": False,
            "note": "Năm áp dụng CHƯA XÁC NHẬN (khoảng 2016–2017); PAR 2020 dùng 43 tiêu chí, 102 tiêu chí thành phần "
            "(66,5 điểm kết quả thực hiện + 33,5 điểm điều tra xã hội học).",
            "components": [
                _c("LV1", "Công tác chỉ đạo, điều hành cải cách hành chính", 10),
                _c("LV2", "Xây dựng và tổ chức thực hiện văn bản quy phạm pháp luật tại tỉnh", 10),
                _c("LV3", "Cải cách thủ tục hành chính", 14.5),
                _c("LV4", "Cải cách tổ chức bộ máy hành chính", 11),
                _c("LV5", "Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức", 16),
                _c("LV6", "Cải cách tài chính công", 7),
                _c("LV7", "Hiện đại hóa hành chính", 16),
                _c(
                    "LV8",
                    "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội",
                    15.5,
                ),
            ],
        },
        {
            "code": "PAR-1149",
            "name": "PAR INDEX 2021 theo QĐ 1149/QĐ-BNV (30/12/2020)",
            "year_from": 2021,
            "year_to": 2021,
            "legal_basis": "QĐ 1149/QĐ-BNV ngày 30/12/2020",
            "total_max": 100,
            "total_rule": "given",
            "tiers": PAR_GROUPS,
            "confirmed": False,
            "note": "Cơ cấu cấp tỉnh và tỷ lệ thẩm định/điều tra xã hội học theo QĐ 1149 CHƯA XÁC NHẬN "
            "(cấp bộ: 7 lĩnh vực, 40 tiêu chí, 99 tiêu chí thành phần, điều tra xã hội học 36,5/100).",
            "components": [
                _c(f"LV{i}", n, None, confirmed=False, note=_AREA_NOTE) for i, n in enumerate(_AREAS_876, 1)
            ],
        },
        {
            "code": "PAR-876",
            "name": "PAR INDEX theo QĐ 876/QĐ-BNV (giai đoạn 2022–2030)",
            "year_from": 2022,
            "year_to": 2030,
            "legal_basis": "QĐ 876/QĐ-BNV ngày 10/11/2022",
            "total_max": 100,
            "total_rule": "given",
            "tiers": PAR_GROUPS,
            "confirmed": True,
            "note": "8 lĩnh vực, 37 tiêu chí, 88 tiêu chí thành phần; 100 điểm = thẩm định 61,5 + SIPAS 10 + khảo sát lãnh đạo, "
            "quản lý 22 + tác động KT-XH 6,5; Nhóm A ≥ 90%, B 80–<90%, C 70–<80%.",
            "components": [
                _c(f"LV{i}", n, None, confirmed=False, note=_AREA_NOTE) for i, n in enumerate(_AREAS_876, 1)
            ]
            + [
                _c("TD", "Điểm thẩm định", 61.5, grain="source"),
                _c(
                    "TAC",
                    "Điểm đánh giá tác động của cải cách hành chính",
                    38.5,
                    grain="source",
                    children=[
                        _c("TAC.SIPAS", "Chỉ số hài lòng SIPAS", 10, grain="source"),
                        _c("TAC.LDQL", "Khảo sát lãnh đạo, quản lý", 22, grain="source"),
                        _c("TAC.KTXH", "Tác động đến phát triển kinh tế - xã hội", 6.5, grain="source"),
                    ],
                ),
            ],
        },
    ],
}

# --- SIPAS ----------------------------------------------------------------------------------
_SIPAS_ELEMENTS = [
    "Tiếp cận dịch vụ",
    "Thủ tục hành chính",
    "Công chức trực tiếp giải quyết công việc",
    "Kết quả dịch vụ",
    "Việc tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
]
_POLICIES = [
    "Phát triển kinh tế",
    "Khám bệnh, chữa bệnh",
    "Giáo dục phổ thông",
    "Nước sinh hoạt",
    "Điện sinh hoạt",
    "Trật tự, an toàn xã hội",
    "Giao thông đường bộ",
    "An sinh xã hội",
    "Cải cách hành chính",
]
_SIPAS_NOTE = "Công thức (tỷ lệ 'hài lòng' + 'rất hài lòng') và cách tổng hợp các yếu tố CHƯA XÁC NHẬN."
SIPAS = {
    "code": "SIPAS",
    "name": "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)",
    "name_en": "SIPAS",
    "owner": "Bộ Nội vụ",
    "unit": "%",
    "subject": "province",
    "methodologies": [
        {
            "code": "SIPAS-2017",
            "name": "SIPAS theo Đề án 2017–2020 (QĐ 2640/QĐ-BNV)",
            "year_from": 2017,
            "year_to": 2021,
            "legal_basis": "QĐ 2640/QĐ-BNV ngày 10/10/2017",
            "total_max": 100,
            "total_rule": "given",
            "tiers": {},
            "confirmed": False,
            "note": "5 yếu tố dịch vụ; mỗi yếu tố đo nhận định, hài lòng, mong đợi. " + _SIPAS_NOTE,
            "components": [_c(f"YT{i}", n, 100, scale="percent") for i, n in enumerate(_SIPAS_ELEMENTS, 1)],
        },
        {
            "code": "SIPAS-2022",
            "name": "SIPAS chính sách công và dịch vụ hành chính công (từ 2022)",
            "year_from": 2022,
            "year_to": None,
            "legal_basis": "QĐ 1001/QĐ-BNV ngày 11/12/2023 (giai đoạn 2023–2026)",
            "total_max": 100,
            "total_rule": "given",
            "tiers": {},
            "confirmed": False,
            "note": "Từ 2022 đo cả chính sách công (9 nhóm) và cung ứng dịch vụ hành chính công. "
            + _SIPAS_NOTE,
            "components": [
                _c(
                    "CS",
                    "Sự hài lòng về xây dựng, tổ chức thực hiện chính sách công",
                    100,
                    scale="percent",
                    children=[_c(f"CS.{i}", n, 100, scale="percent") for i, n in enumerate(_POLICIES, 1)],
                ),
                _c(
                    "DV",
                    "Sự hài lòng về cung ứng dịch vụ hành chính công",
                    100,
                    scale="percent",
                    children=[
                        _c(f"DV.{i}", n, 100, scale="percent") for i, n in enumerate(_SIPAS_ELEMENTS, 1)
                    ],
                ),
            ],
        },
    ],
}

# --- PCI ------------------------------------------------------------------------------------
_PCI_SUBS = [
    "Gia nhập thị trường",
    "Tiếp cận đất đai",
    "Tính minh bạch",
    "Chi phí thời gian",
    "Chi phí không chính thức",
    "Cạnh tranh bình đẳng",
    "Tính năng động của chính quyền",
    "Chính sách hỗ trợ doanh nghiệp",
    "Đào tạo lao động",
    "Thiết chế pháp lý",
]
PCI = {
    "code": "PCI",
    "name": "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)",
    "name_en": "Provincial Competitiveness Index",
    "owner": "VCCI",
    "unit": "điểm",
    "subject": "province",
    "methodologies": [
        {
            "code": "PCI-10",
            "name": "PCI 10 chỉ số thành phần",
            "year_from": 2017,
            "year_to": None,
            "legal_basis": "Phương pháp PCI (VCCI)",
            "total_max": 100,
            "total_rule": "given",
            "tiers": {
                "method": "given",
                "labels": ["Rất tốt", "Tốt", "Khá", "Trung bình", "Tương đối thấp", "Thấp"],
            },
            "confirmed": False,
            "note": "Trọng số các chỉ số thành phần và năm bắt đầu áp dụng cơ cấu 10 chỉ số CHƯA XÁC NHẬN.",
            "components": [
                _c(f"P{i}", n, 10, scale="1-10", confirmed=False, note="Trọng số CHƯA XÁC NHẬN.")
                for i, n in enumerate(_PCI_SUBS, 1)
            ],
        },
    ],
}

# --- 766 ------------------------------------------------------------------------------------
GRADES_766 = {
    "method": "threshold",
    "unit": "points",
    "bands": [
        {"label": "Xuất sắc", "min": 90},
        {"label": "Tốt", "min": 80, "confirmed": False},
        {"label": "Khá", "min": 70, "confirmed": False},
        {"label": "Trung bình", "min": 50, "confirmed": False},
        {"label": "Yếu", "min": None},
    ],
    "note": "Xuất sắc 90–100 và Yếu < 50 đã xác nhận; ranh giới Tốt/Khá/Trung bình CHƯA XÁC NHẬN.",
}
I766 = {
    "code": "766",
    "name": "Bộ chỉ số phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg)",
    "name_en": "Service index 766",
    "owner": "Văn phòng Chính phủ",
    "unit": "điểm",
    "subject": "province",
    "methodologies": [
        {
            "code": "766-2022",
            "name": "Bộ chỉ số 766 như ban hành (5 nhóm)",
            "year_from": 2022,
            "year_to": 2023,
            "legal_basis": "QĐ 766/QĐ-TTg ngày 23/6/2022",
            "total_max": 100,
            "total_rule": "sum",
            "tiers": GRADES_766,
            "confirmed": True,
            "note": "Điểm từng chỉ tiêu trong phụ lục CHƯA XÁC NHẬN.",
            "components": [
                _c("N1", "Công khai, minh bạch", 18),
                _c("N2", "Tiến độ, kết quả giải quyết", 20),
                _c("N3", "Số hóa hồ sơ", 22),
                _c("N4", "Cung cấp dịch vụ trực tuyến", 22),
                _c("N5", "Mức độ hài lòng", 18),
            ],
        },
        {
            "code": "766-PORTAL",
            "name": "Bộ chỉ số 766 như hiển thị trên Cổng DVC quốc gia (6 nhóm)",
            "year_from": 2024,
            "year_to": None,
            "legal_basis": "QĐ 766/QĐ-TTg; cách chia nhóm của dichvucong.gov.vn",
            "total_max": 100,
            "total_rule": "sum",
            "tiers": GRADES_766,
            "confirmed": True,
            "note": "Cổng tách 'Cung cấp dịch vụ trực tuyến (22)' thành DVC trực tuyến (12) + Thanh toán trực tuyến (10).",
            "components": [
                _c("N1", "Công khai, minh bạch", 18),
                _c("N2", "Tiến độ giải quyết", 20),
                _c("N3", "Dịch vụ công trực tuyến", 12),
                _c("N4", "Thanh toán trực tuyến", 10),
                _c("N5", "Số hóa hồ sơ", 22),
                _c("N6", "Mức độ hài lòng", 18),
            ],
        },
    ],
}

INDICES = [PAPI, PAR, SIPAS, PCI, I766]


def walk(components, parent=None, level=1):
    """Yield (component, parent_code, level, position) depth-first."""
    for position, comp in enumerate(components, start=1):
        yield comp, parent, level, position
        yield from walk(comp["children"], comp["code"], level + 1)
