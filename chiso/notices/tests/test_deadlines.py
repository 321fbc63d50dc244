from datetime import date

import pytest

from chiso.notices.deadlines import extract_deadline


def dl(text, year=2022, **kw):
    return extract_deadline(text, year=year, **kw)


@pytest.mark.parametrize(
    "text, kind, due, strict, start, every",
    [
        ("Xây dựng kế hoạch trước ngày 31/8/2022.", "date", "2022-08-31", True, None, None),
        ("Báo cáo chậm nhất ngày 15/9/2022.", "date", "2022-09-15", False, None, None),
        ("hoàn thành chậm nhất là ngày 05/10/2022", "date", "2022-10-05", False, None, None),
        ("gửi Sở Nội vụ trước ngày 15 tháng 9 năm 2022", "date", "2022-09-15", True, None, None),
        ("Thời gian thực hiện trong tháng 8/2022.", "month", "2022-08-31", False, "2022-08-01", None),
        # A month or quarter to finish in bounds the end only (notices-dev README, "deadline").
        ("hoàn thành trong tháng 2 năm 2024", "month", "2024-02-29", False, None, None),
        ("trong quý III/2022", "quarter", "2022-09-30", False, None, None),
        ("trong quý 4/2022", "quarter", "2022-12-31", False, None, None),
        ("trong Quý IV năm 2023", "quarter", "2023-12-31", False, None, None),
        # Real phrasings from the dev set (tests/data/notices-dev).
        ("chậm nhất tháng 6 năm 2023", "month", "2023-06-30", False, None, None),
        ("trước tháng 9 năm 2023", "month", "2023-08-31", True, None, None),
        ("trình Quốc hội tại kỳ họp tháng 5/2023", "month", "2023-05-31", False, None, None),
        ("Quý IV năm 2025 và các năm tiếp theo", "range", None, None, "2025-10-01", None),
        ("từ 0h00 ngày 08/4/2022", "range", None, False, "2022-04-08", None),
        ("giao ban định kỳ với các địa phương", "recurring", None, None, None, None),
        ("báo cáo Thủ tướng Chính phủ hằng tuần", "recurring", None, None, None, "week"),
        ("trước ngày 15/12 hàng năm tổng hợp, báo cáo", "recurring", None, True, None, "year"),
        (
            "sửa chữa trước ngày 31/12/2025; xây dựng mới hoàn thành trước ngày 31/01/2026",
            "date",
            "2026-01-31",
            True,
            None,
            None,
        ),
        ("6 tháng đầu năm 2023", "range", "2023-06-30", False, "2023-01-01", None),
        ("trong 6 tháng cuối năm 2023", "range", "2023-12-31", False, "2023-07-01", None),
        ("Tập trung hoàn thành các chỉ tiêu trong năm 2022.", "year", "2022-12-31", False, None, None),
        ("từ tháng 9/2022 đến tháng 10/2022", "range", "2022-10-31", False, "2022-09-01", None),
        ("từ tháng 11 đến tháng 12/2022", "range", "2022-12-31", False, "2022-11-01", None),
        ("từ tháng 11 đến tháng 02/2023", "range", "2023-02-28", False, "2022-11-01", None),
        ("từ ngày 01/9/2022 đến ngày 15/9/2022", "range", "2022-09-15", False, "2022-09-01", None),
        ("giai đoạn 2021 - 2023", "range", "2023-12-31", False, "2021-01-01", None),
        (
            "mua sắm trong giai đoạn 2 (năm 2021 - 2023) theo Đề án",
            "range",
            "2023-12-31",
            False,
            "2021-01-01",
            None,
        ),
        ("định kỳ hàng tháng báo cáo", "recurring", None, None, None, "month"),
        ("định kỳ hằng quý", "recurring", None, None, None, "quarter"),
        ("tổng hợp hàng năm.", "recurring", None, None, None, "year"),
        ("báo cáo trước ngày 25 hằng tháng", "recurring", None, True, None, "month"),
        (
            "định kỳ hàng tháng tiếp dân (bắt đầu thực hiện từ tháng 8/2022)",
            "recurring",
            None,
            None,
            "2022-08-01",
            "month",
        ),
    ],
)
def test_forms(text, kind, due, strict, start, every):
    got = dl(text)
    assert (got["kind"], got["due"], got["strict"], got["start"], got["every"]) == (
        kind,
        due,
        strict,
        start,
        every,
    )
    assert got["text"] and got["text"] in text


def test_start_only():
    got = dl("bắt đầu thực hiện từ tháng 8/2022")
    assert (got["kind"], got["start"], got["due"]) == ("range", "2022-08-01", None)


def test_working_days_use_injected_calendar():
    calls = []

    def add(d, n):
        calls.append((d, n))
        return date(2022, 8, 22)

    got = dl("trong vòng 10 ngày làm việc kể từ ngày 05/8/2022", add_working_days=add)
    assert calls == [(date(2022, 8, 5), 10)]
    assert (got["kind"], got["due"]) == ("date", "2022-08-22")


def test_working_days_with_real_calendar_skip_national_day():
    from chiso.registry.workdays import WorkCalendar

    got = dl(
        "trong vòng 3 ngày làm việc kể từ ngày 31/8/2022", add_working_days=WorkCalendar().add_working_days
    )
    # 1-2/9/2022 are the National Day holidays, 3-4/9 a weekend.
    assert got["due"] == "2022-09-07"


def test_calendar_days_and_signing_date():
    assert dl("trong vòng 15 ngày kể từ ngày 01/8/2022")["due"] == "2022-08-16"
    got = dl("trong thời hạn 07 ngày kể từ ngày ký", base_date=date(2022, 8, 5))
    assert got["due"] == "2022-08-12"
    assert dl("trong thời hạn 07 ngày kể từ ngày ký")["due"] is None


def test_milestones():
    got = dl(
        "Thời gian lập Tổ và tiến hành kiểm tra trong tháng 8/2022 và triển khai khắc phục các hạn chế trong tháng 9/2022."
    )
    assert got["kind"] == "month" and got["due"] == "2022-09-30" and got["start"] == "2022-08-01"
    assert got["milestones"] == [
        {"text": "trong tháng 8/2022", "due": "2022-08-31"},
        {"text": "trong tháng 9/2022", "due": "2022-09-30"},
    ]
    mixed = dl("Xây dựng kế hoạch trước ngày 31/8/2022; tổ chức thực hiện xong trong quý IV/2022.")
    assert mixed["kind"] == "quarter" and mixed["due"] == "2022-12-31" and len(mixed["milestones"]) == 2


def test_day_month_without_year_uses_notice_year():
    assert dl("trước ngày 31/8", year=2023)["due"] == "2023-08-31"
    assert dl("trong tháng 9", year=2023)["due"] == "2023-09-30"
    assert dl("trước ngày 31/8", year=None)["kind"] == "none"


@pytest.mark.parametrize(
    "text",
    [
        "Chỉ thị số 11-CT/TU ngày 07/9/2021 về nâng cao các chỉ số giai đoạn 2021 - 2025",
        "cải thiện chỉ số PAPI hàng năm của tỉnh",
        "Kế hoạch số 2992/KH-UBND ngày 12/8/2021 của UBND tỉnh",
        "chuyển đổi số đến năm 2025, định hướng đến năm 2030",
        "thường xuyên theo dõi",
        "ngày 31/2/2022 trước ngày 32/13/2022",
        "từ tháng 9/2022 đến tháng 1/2022",
    ],
)
def test_not_deadlines(text):
    assert dl(text)["kind"] == "none"


@pytest.mark.parametrize(
    "cell, kind, due, start, every",
    [
        # Time cells of real task tables (08, 09, 10, 11 of the dev set).
        ("Quý IV/2025", "quarter", "2025-12-31", None, None),
        ("Năm 2025 - 2026", "range", "2026-12-31", "2025-01-01", None),
        ("Năm 2026", "year", "2026-12-31", None, None),
        ("Hằng năm.", "recurring", None, None, "year"),
        ("Khi có phát sinh.", "none", None, None, None),
        ("Thường xuyên, định kỳ hằng quý báo cáo về Sở Tài chính", "recurring", None, None, "quarter"),
        ("Trước 30/04/2023 (đã thực hiện)", "date", "2023-04-30", None, None),
        ("Chậm nhất 19/12/2023", "date", "2023-12-19", None, None),
        ("Ngày 27/12/2023", "date", "2023-12-27", None, None),
        ("Tháng 6/2023", "month", "2023-06-30", None, None),
        ("Tháng 6-7/2023", "range", "2023-07-31", "2023-06-01", None),
        ("Quý II-III/2023", "range", "2023-09-30", "2023-04-01", None),
        ("Từ ngày 20- 26/12/2023", "range", "2023-12-26", "2023-12-20", None),
        ("Quý I - II", "range", "2023-06-30", "2023-01-01", None),
        ("Quý IV", "quarter", "2023-12-31", None, None),
        ("Quý II/2022: Báo cáo Thủ tướng Chính phủ phương án", "quarter", "2022-06-30", None, None),
        ("Theo kế hoạch của Bộ Nội vụ", "none", None, None, None),
    ],
)
def test_time_cells(cell, kind, due, start, every):
    got = extract_deadline(cell, year=2023, cell=True)
    assert (got["kind"], got["due"], got["start"], got["every"]) == (kind, due, start, every)
