"""Pathological input: the reader stops at its documented limits and says so, and memoised readings
are never shared between callers. (Speed itself is measured in bench/, never in tests.)"""

from chiso.notices import parse_notice
from chiso.notices import parser as notice_parser
from chiso.notices.deadlines import extract_deadline


def _bullets(n):
    return "THÔNG BÁO\n1. Sở Nội vụ\n" + "".join(
        f"- Rà soát thủ tục số {i} trong tháng 8/2022;\n" for i in range(n)
    )


def test_tasks_past_the_limit_are_not_read_and_a_warning_says_so(monkeypatch):
    monkeypatch.setattr(notice_parser, "MAX_TASKS", 30)
    got = parse_notice(_bullets(50))
    assert len(got["tasks"]) == 30
    assert got["tasks"][-1]["text"].startswith("Rà soát thủ tục số 29 ")
    assert any("hơn 30 nhiệm vụ" in w for w in got["warnings"])


def test_under_the_limits_nothing_is_cut(monkeypatch):
    monkeypatch.setattr(notice_parser, "MAX_TASKS", 50)
    monkeypatch.setattr(notice_parser, "MAX_LINES", 52)
    got = parse_notice(_bullets(50))
    assert len(got["tasks"]) == 50
    assert not any("chỉ đọc" in w for w in got["warnings"])


def test_lines_past_the_limit_are_not_read_and_a_warning_says_so(monkeypatch):
    monkeypatch.setattr(notice_parser, "MAX_LINES", 12)
    got = parse_notice(_bullets(50).replace("\n", "\n\n  \n"))  # blank lines do not count
    # The heading and the first ten bullets are on lines 1-12.
    assert [t["text"] for t in got["tasks"]][-1].startswith("Rà soát thủ tục số 9 ")
    assert len(got["tasks"]) == 10
    assert any("hơn 12 dòng" in w for w in got["warnings"])
    assert all(t["span"] is not None for t in got["tasks"])


def test_a_memoised_deadline_is_a_fresh_copy_each_time():
    text = "lập Tổ trong tháng 8/2022 và khắc phục trong tháng 9/2022"
    first = extract_deadline(text, year=2022)
    first["milestones"][0]["due"] = "changed"
    first["due"] = "changed"
    again = extract_deadline(text, year=2022)
    assert again["due"] == "2022-09-30"
    assert again["milestones"][0]["due"] == "2022-08-31"


def test_repeated_points_read_the_same_as_the_first():
    body = "1. Sở Y tế chủ trì, phối hợp với Sở Tài chính rà soát thủ tục trước ngày 31/8/2022.\n"
    got = parse_notice("THÔNG BÁO\n" + body + body.replace("1.", "2.", 1))
    one, two = got["tasks"]
    for key in ("text", "lead", "coordinators", "deadline", "addressees"):
        assert one[key] == two[key]
    one["coordinators"].append("x")
    assert two["coordinators"] == ["Sở Tài chính"]
