"""The parser never crashes and always answers in the contract's shape, whatever the text."""

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.notices import parse_notice
from chiso.notices.deadlines import KINDS, extract_deadline

FRAGMENTS = [
    "THÔNG BÁO",
    "Kết luận của Chủ tịch UBND tỉnh",
    "Số: 12/TB-UBND",
    "Bình Thuận, ngày 05 tháng 8 năm 2022",
    "I.",
    "II.",
    "1.",
    "1.1.",
    "2.3",
    "a)",
    "đ)",
    "- ",
    "+ ",
    "* ",
    "***",
    "**",
    "¹",
    "²",
    "[1]",
    "(1)",
    "\f",
    "\n",
    "\n\n",
    "Sở Nội vụ",
    "Sở Thông tin và Truyền thông",
    "UBND các huyện, thị xã, thành phố",
    "các cơ quan, đơn vị, địa phương",
    "chủ trì",
    "phối hợp với",
    "giao",
    "thông qua",
    "trước ngày 31/8/2022",
    "trong tháng 13/2022",
    "trước ngày 31/2",
    "trong quý V/2022",
    "từ tháng 9/2022 đến tháng 1/2022",
    "giai đoạn 2025 - 2021",
    "định kỳ hàng tháng",
    "hằng năm",
    "trong vòng 10 ngày làm việc kể từ ngày 05/8/2022",
    "kể từ ngày ký",
    "6 tháng đầu năm 2023",
    "Nơi nhận:",
    "TL. CHỦ TỊCH",
    "Nguyễn Văn A",
    "Một là,",
    "Yêu cầu chung:",
    "PAR INDEX",
    "năm 2022",
    "./.",
    ":",
    ";",
    ".",
    ",",
    "(",
    ")",
    " ",
]

text_strategy = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.sampled_from(FRAGMENTS)
        | st.text(alphabet="aăâđêôơưáàảãạếềểễệ ÀÁĐƯƠ0123456789/.-,()", max_size=12),
        max_size=80,
    ).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
)


def _check_shape(result):
    assert set(result) == {"document", "targets", "tasks", "warnings"}
    json.dumps(result, ensure_ascii=False)
    assert isinstance(result["warnings"], list)
    for t in result["tasks"]:
        assert isinstance(t["ref"], str) and isinstance(t["text"], str)
        assert isinstance(t["coordinators"], list) and isinstance(t["checklist"], list)
        assert isinstance(t["lead_agency_ids"], list) and isinstance(t["coordinator_agency_ids"], list)
        d = t["deadline"]
        assert set(d) == {"kind", "text", "due", "strict", "start", "every", "milestones"}
        assert d["kind"] in KINDS
        for key in ("due", "start"):
            if d[key] is not None:
                date.fromisoformat(d[key])
        assert "*" not in t["text"]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_parser_total_on_any_text(text):
    _check_shape(parse_notice(text))


@settings(max_examples=80, deadline=None)
@given(text_strategy)
def test_parser_total_with_gazetteer_and_date(text):
    _check_shape(parse_notice(text, notice_date=date(2022, 8, 5), gazetteer=_GAZ))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=20).map(" ".join), st.none() | st.integers(1900, 2100))
def test_deadline_total(text, year):
    d = extract_deadline(text, year=year, base_date=date(2022, 8, 5))
    assert d["kind"] in KINDS
    if d["due"] and d["start"] and d["kind"] == "range":
        assert d["start"] <= d["due"]


def _gaz():
    from chiso.registry.demo_province import demo_gazetteer

    return demo_gazetteer()


_GAZ = _gaz()
