"""Built-in questionnaires: SIPAS (five service elements + public policy since 2022) and the PAR INDEX
survey of leaders, managers and council delegates.

The criteria follow the SIPAS element structure of QĐ 2640/QĐ-BNV and the areas of the PAR INDEX
(QĐ 876/QĐ-BNV). The official wording of each item (QĐ 1001/QĐ-BNV) was not available to us: the
items here are our paraphrase and a clerk can edit them after installing.
"""

from django.db import transaction

from ..models import (
    AGREE_LABELS,
    MATRIX,
    MULTIPLE,
    NUMBER,
    SCALE,
    SCALE_LABELS,
    SINGLE,
    TEXT,
    Question,
    Questionnaire,
    Section,
)

SIPAS_ELEMENTS = {
    "tiep-can": "Tiếp cận dịch vụ",
    "thu-tuc": "Thủ tục hành chính",
    "cong-chuc": "Công chức trực tiếp giải quyết công việc",
    "ket-qua": "Kết quả cung ứng dịch vụ",
    "phan-anh": "Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
    "chinh-sach": "Xây dựng, tổ chức thực hiện chính sách công",
    "tong-the": "Hài lòng chung",
}
YES_NO = [{"value": "co", "label": "Có"}, {"value": "khong", "label": "Không"}]


def _scale(labels):
    return [{"value": str(i + 1), "label": f"{i + 1} – {label}"} for i, label in enumerate(labels)]


def _rows(prefix, element, labels):
    return [
        {"code": f"{prefix}{i + 1}", "label": label, "element": element} for i, label in enumerate(labels)
    ]


SIPAS = {
    "code": "sipas",
    "title": "Phiếu khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước (SIPAS)",
    "kind": Questionnaire.SIPAS,
    "intro": (
        "Phiếu khảo sát không ghi tên. Ý kiến của ông/bà được tổng hợp chung, không gắn với người trả lời, "
        "nhằm giúp các cơ quan phục vụ người dân, tổ chức tốt hơn."
    ),
    "elements": SIPAS_ELEMENTS,
    "source": "Cấu trúc theo QĐ 2640/QĐ-BNV (5 yếu tố) và SIPAS từ năm 2022 (phần chính sách công); nội dung câu hỏi diễn đạt lại",
    "sections": [
        (
            "Thông tin chung",
            "",
            [
                dict(
                    code="linh_vuc",
                    kind=SINGLE,
                    required=True,
                    text="Thủ tục hành chính ông/bà vừa giải quyết thuộc lĩnh vực nào?",
                    choices=[
                        {"value": v, "label": l}
                        for v, l in [
                            ("dat-dai", "Đất đai"),
                            ("xay-dung", "Xây dựng"),
                            ("ho-tich", "Hộ tịch, chứng thực"),
                            ("kinh-doanh", "Đăng ký kinh doanh, đầu tư"),
                            ("lao-dong", "Lao động, chính sách xã hội"),
                            ("giao-thong", "Giao thông"),
                            ("khac", "Lĩnh vực khác"),
                        ]
                    ],
                ),
                dict(
                    code="kenh_nop",
                    kind=SINGLE,
                    required=True,
                    text="Ông/bà nộp hồ sơ bằng cách nào?",
                    choices=[
                        {"value": "truc-tiep", "label": "Trực tiếp tại Bộ phận Một cửa"},
                        {"value": "truc-tuyen", "label": "Trực tuyến (Cổng dịch vụ công)"},
                        {"value": "buu-chinh", "label": "Qua dịch vụ bưu chính công ích"},
                    ],
                ),
                dict(
                    code="gioi_tinh",
                    kind=SINGLE,
                    text="Giới tính",
                    choices=[
                        {"value": "nam", "label": "Nam"},
                        {"value": "nu", "label": "Nữ"},
                        {"value": "khac", "label": "Khác / không muốn nêu"},
                    ],
                ),
                dict(code="tuoi", kind=NUMBER, text="Tuổi của ông/bà", min_value=18, max_value=100),
            ],
        ),
        (
            "1. Tiếp cận dịch vụ",
            "Đánh giá từ 1 (rất không hài lòng) đến 5 (rất hài lòng).",
            [
                dict(
                    code="tc",
                    kind=MATRIX,
                    required=True,
                    element="tiep-can",
                    text="Ông/bà hài lòng thế nào về các nội dung sau?",
                    rows=_rows(
                        "tc",
                        "tiep-can",
                        [
                            "Nơi ngồi chờ tại Bộ phận Một cửa có đủ chỗ ngồi",
                            "Trang thiết bị phục vụ người dân, tổ chức đầy đủ",
                            "Trang thiết bị dễ sử dụng",
                            "Dịch vụ công trực tuyến dễ tìm, dễ sử dụng",
                        ],
                    ),
                ),
            ],
        ),
        (
            "2. Thủ tục hành chính",
            "",
            [
                dict(
                    code="tt",
                    kind=MATRIX,
                    required=True,
                    element="thu-tuc",
                    text="Ông/bà hài lòng thế nào về các nội dung sau?",
                    rows=_rows(
                        "tt",
                        "thu-tuc",
                        [
                            "Thủ tục hành chính được niêm yết công khai đầy đủ, chính xác",
                            "Thành phần hồ sơ phải nộp đúng quy định",
                            "Phí, lệ phí phải nộp đúng quy định",
                            "Thời hạn giải quyết theo quy định là hợp lý",
                        ],
                    ),
                ),
            ],
        ),
        (
            "3. Công chức trực tiếp giải quyết công việc",
            "",
            [
                dict(
                    code="cc",
                    kind=MATRIX,
                    required=True,
                    element="cong-chuc",
                    text="Ông/bà hài lòng thế nào về công chức tiếp nhận, giải quyết hồ sơ?",
                    rows=_rows(
                        "cc",
                        "cong-chuc",
                        [
                            "Có thái độ giao tiếp lịch sự",
                            "Chú ý lắng nghe ý kiến của ông/bà",
                            "Trả lời, giải thích đầy đủ các ý kiến",
                            "Hướng dẫn kê khai hồ sơ tận tình, dễ hiểu",
                            "Hướng dẫn hoàn thiện hồ sơ một lần, không phải đi lại nhiều lần",
                            "Tuân thủ quy định, không gây phiền hà, nhũng nhiễu",
                        ],
                    ),
                ),
            ],
        ),
        (
            "4. Kết quả cung ứng dịch vụ",
            "",
            [
                dict(
                    code="tre_hen",
                    kind=SINGLE,
                    required=True,
                    text="Ông/bà có nhận kết quả muộn hơn ngày hẹn không?",
                    choices=YES_NO,
                ),
                dict(
                    code="thu_xin_loi",
                    kind=SINGLE,
                    required=True,
                    text="Ông/bà có nhận được thư xin lỗi vì trễ hẹn không?",
                    choices=YES_NO,
                    relevant={"q": "tre_hen", "op": "eq", "value": "co"},
                ),
                dict(
                    code="kq",
                    kind=MATRIX,
                    required=True,
                    element="ket-qua",
                    text="Ông/bà hài lòng thế nào về kết quả nhận được?",
                    rows=_rows(
                        "kq",
                        "ket-qua",
                        [
                            "Kết quả đúng quy định",
                            "Kết quả có thông tin đầy đủ, chính xác",
                            "Thời gian nhận kết quả đúng hẹn",
                        ],
                    ),
                ),
            ],
        ),
        (
            "5. Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị",
            "",
            [
                dict(
                    code="da_gop_y",
                    kind=SINGLE,
                    required=True,
                    text="Ông/bà đã từng góp ý, phản ánh, kiến nghị với cơ quan chưa?",
                    choices=YES_NO,
                ),
                dict(
                    code="pa",
                    kind=MATRIX,
                    required=True,
                    element="phan-anh",
                    text="Ông/bà hài lòng thế nào về việc tiếp nhận và xử lý góp ý?",
                    relevant={"q": "da_gop_y", "op": "eq", "value": "co"},
                    rows=_rows(
                        "pa",
                        "phan-anh",
                        [
                            "Cơ quan bố trí hình thức tiếp nhận góp ý, phản ánh",
                            "Việc góp ý, phản ánh dễ thực hiện",
                            "Cơ quan tiếp nhận, xử lý tích cực",
                            "Cơ quan thông báo kết quả xử lý kịp thời",
                        ],
                    ),
                ),
            ],
        ),
        (
            "6. Chính sách công",
            "Phần đo lường sự hài lòng về chính sách công (từ SIPAS 2022).",
            [
                dict(
                    code="cs",
                    kind=MATRIX,
                    element="chinh-sach",
                    text="Ông/bà hài lòng thế nào về việc xây dựng và thực hiện các chính sách sau tại địa phương?",
                    rows=_rows(
                        "cs",
                        "chinh-sach",
                        [
                            "Phát triển kinh tế",
                            "Khám chữa bệnh",
                            "Giáo dục phổ thông",
                            "Cung cấp nước sinh hoạt",
                            "Cung cấp điện sinh hoạt",
                            "Trật tự an toàn xã hội",
                            "Giao thông đường bộ",
                            "An sinh xã hội",
                            "Cải cách hành chính",
                        ],
                    ),
                ),
            ],
        ),
        (
            "7. Đánh giá chung và mong đợi",
            "",
            [
                dict(
                    code="hai_long_chung",
                    kind=SCALE,
                    required=True,
                    element="tong-the",
                    text="Nhìn chung, ông/bà hài lòng thế nào về sự phục vụ của cơ quan?",
                ),
                dict(
                    code="mong_doi",
                    kind=MULTIPLE,
                    text="Ông/bà mong cơ quan cải thiện điều gì nhất? (chọn tối đa 3)",
                    choices=[
                        {"value": v, "label": l}
                        for v, l in [
                            ("rut-ngan", "Rút ngắn thời gian giải quyết"),
                            ("giam-ho-so", "Giảm thành phần hồ sơ"),
                            ("truc-tuyen", "Mở rộng dịch vụ công trực tuyến"),
                            ("thai-do", "Thái độ phục vụ của công chức"),
                            ("co-so", "Cơ sở vật chất nơi tiếp nhận"),
                            ("phan-hoi", "Trả lời góp ý, phản ánh nhanh hơn"),
                        ]
                    ],
                ),
                dict(code="gop_y", kind=TEXT, text="Góp ý khác của ông/bà (không bắt buộc)"),
            ],
        ),
    ],
}

PAR_ELEMENTS = {
    "chi-dao": "Công tác chỉ đạo, điều hành cải cách hành chính",
    "the-che": "Xây dựng và tổ chức thực hiện thể chế",
    "tthc": "Cải cách thủ tục hành chính",
    "bo-may": "Cải cách tổ chức bộ máy hành chính",
    "cong-vu": "Cải cách chế độ công vụ",
    "tai-chinh": "Cải cách tài chính công",
    "chinh-phu-so": "Xây dựng, phát triển Chính phủ điện tử, Chính phủ số",
    "tong-the": "Đánh giá chung",
}

PAR = {
    "code": "par-lanh-dao",
    "title": "Phiếu điều tra xã hội học về Chỉ số CCHC: đại biểu HĐND, lãnh đạo, quản lý",
    "kind": Questionnaire.PAR,
    "intro": (
        "Phiếu phục vụ xác định Chỉ số cải cách hành chính. Phiếu không ghi tên; câu trả lời được lưu tách "
        "khỏi danh sách người được mời nên không thể biết ai trả lời thế nào."
    ),
    "elements": PAR_ELEMENTS,
    "source": "Các lĩnh vực theo QĐ 876/QĐ-BNV (Chỉ số CCHC từ 2022); nội dung câu hỏi diễn đạt lại",
    "sections": [
        (
            "Thông tin người trả lời",
            "",
            [
                dict(
                    code="nhom",
                    kind=SINGLE,
                    required=True,
                    text="Ông/bà là",
                    choices=[
                        {"value": v, "label": l}
                        for v, l in [
                            ("dai-bieu", "Đại biểu HĐND tỉnh"),
                            ("lanh-dao-so", "Lãnh đạo sở, ban, ngành"),
                            ("lanh-dao-phong", "Lãnh đạo phòng thuộc sở"),
                            ("lanh-dao-huyen", "Lãnh đạo UBND cấp huyện"),
                            ("lanh-dao-xa", "Lãnh đạo UBND cấp xã"),
                        ]
                    ],
                ),
                dict(
                    code="nam_cong_tac",
                    kind=NUMBER,
                    text="Số năm công tác ở vị trí hiện tại",
                    min_value=0,
                    max_value=45,
                ),
            ],
        ),
        (
            "Đánh giá theo lĩnh vực",
            "Đánh giá từ 1 (rất kém) đến 5 (rất tốt) đối với cơ quan được đánh giá.",
            [
                dict(
                    code=f"par_{code.replace('-', '_')}",
                    kind=MATRIX,
                    required=True,
                    element=code,
                    text=name,
                    choices=_scale(AGREE_LABELS),
                    rows=_rows(f"{code.replace('-', '_')}_", code, rows),
                )
                for code, name, rows in [
                    (
                        "chi-dao",
                        PAR_ELEMENTS["chi-dao"],
                        [
                            "Kế hoạch CCHC sát thực tế, khả thi",
                            "Người đứng đầu quan tâm, chỉ đạo sát sao",
                            "Kiểm tra, xử lý sau kiểm tra nghiêm túc",
                        ],
                    ),
                    (
                        "the-che",
                        PAR_ELEMENTS["the-che"],
                        [
                            "Văn bản quy phạm pháp luật phù hợp thực tiễn",
                            "Văn bản được tổ chức thực hiện kịp thời",
                        ],
                    ),
                    (
                        "tthc",
                        PAR_ELEMENTS["tthc"],
                        [
                            "Thủ tục hành chính được đơn giản hóa thực chất",
                            "Cơ chế một cửa, một cửa liên thông vận hành hiệu quả",
                            "Tỷ lệ hồ sơ trễ hẹn được giảm",
                        ],
                    ),
                    (
                        "bo-may",
                        PAR_ELEMENTS["bo-may"],
                        ["Chức năng, nhiệm vụ rõ ràng, không chồng chéo", "Phân cấp, ủy quyền hợp lý"],
                    ),
                    (
                        "cong-vu",
                        PAR_ELEMENTS["cong-vu"],
                        [
                            "Tuyển dụng, bổ nhiệm công khai, minh bạch",
                            "Kỷ luật, kỷ cương hành chính được chấp hành",
                            "Năng lực đội ngũ đáp ứng yêu cầu",
                        ],
                    ),
                    (
                        "tai-chinh",
                        PAR_ELEMENTS["tai-chinh"],
                        ["Tự chủ tài chính được thực hiện đúng", "Giải ngân vốn đầu tư công kịp thời"],
                    ),
                    (
                        "chinh-phu-so",
                        PAR_ELEMENTS["chinh-phu-so"],
                        [
                            "Dịch vụ công trực tuyến hữu ích, dễ dùng",
                            "Xử lý văn bản, hồ sơ trên môi trường điện tử",
                        ],
                    ),
                ]
            ]
            + [
                dict(
                    code="danh_gia_chung",
                    kind=SCALE,
                    required=True,
                    element="tong-the",
                    choices=_scale(AGREE_LABELS),
                    text="Nhìn chung, ông/bà đánh giá kết quả CCHC của cơ quan thế nào?",
                ),
                dict(code="gop_y", kind=TEXT, text="Đề xuất, kiến nghị để nâng cao Chỉ số CCHC"),
            ],
        ),
    ],
}

BUILTIN = {"sipas": SIPAS, "par-lanh-dao": PAR}


@transaction.atomic
def install(code):
    """Create (or return) a built-in questionnaire; idempotent and leaves a clerk's edits alone."""
    spec = BUILTIN[code]
    existing = Questionnaire.objects.filter(code=spec["code"]).first()
    if existing is not None:
        return existing
    return build(spec)


def build(spec):
    questionnaire = Questionnaire.objects.create(
        code=spec["code"],
        title=spec["title"],
        kind=spec.get("kind", Questionnaire.CUSTOM),
        intro=spec.get("intro", ""),
        elements=spec.get("elements", {}),
        source=spec.get("source", ""),
    )
    questions = []
    for s_order, (title, description, items) in enumerate(spec["sections"]):
        section = Section.objects.create(
            questionnaire=questionnaire, order=s_order, title=title, description=description
        )
        for q_order, item in enumerate(items):
            item = dict(item)
            if item["kind"] in (SCALE, MATRIX) and not item.get("choices"):
                item["choices"] = _scale(SCALE_LABELS)
            questions.append(Question(section=section, order=q_order, **item))
    Question.objects.bulk_create(questions)
    return questionnaire
