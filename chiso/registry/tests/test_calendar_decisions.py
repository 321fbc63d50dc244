"""The shipped table of holiday and make-up-day decisions (data/calendar-decisions.csv), one test per
year on the days a decision moved, and the table taking precedence over the `holidays` package."""

from datetime import date

import pytest

from chiso.registry import workdays
from chiso.registry.workdays import WorkCalendar, decision, decisions

cal = WorkCalendar()


@pytest.mark.parametrize(
    "day,working,document",
    [
        # 2022: Tết Dương lịch on Saturday, taken on Monday 3/1 (BLLĐ 2019 Điều 111 k.3).
        (date(2022, 1, 3), False, "Điều 111"),
        (date(2022, 5, 3), False, "Điều 111"),  # 30/4 and 1/5 on the weekend: 2/5 and 3/5 off
        # 2023: Tết Quý Mão 20–26/1; 2/5 and 3/5 for Giỗ Tổ (Saturday) and 30/4 (Sunday).
        (date(2023, 1, 26), False, "Điều 111"),
        (date(2023, 5, 2), False, "Điều 111"),
        (date(2023, 9, 4), False, "Điều 111"),
        # 2024: 29/4 off, Saturday 4/5 worked.
        (date(2024, 4, 29), False, "hoán đổi"),
        (date(2024, 5, 4), True, "hoán đổi"),
        # 2025: 2/5 off, Saturday 26/4 worked (CV 8726/VPCP-KGVX).
        (date(2025, 5, 2), False, "8726/VPCP-KGVX"),
        (date(2025, 4, 26), True, "8726/VPCP-KGVX"),
        # 2026: Friday 2/1 off, Saturday 10/1 worked (CV 12729/VPCP-KGVX, 25/12/2025).
        (date(2026, 1, 2), False, "12729/VPCP-KGVX"),
        (date(2026, 1, 10), True, "12729/VPCP-KGVX"),
    ],
)
def test_each_year_moved_days_follow_the_decision(day, working, document):
    assert cal.is_working_day(day) is working
    row = decision(day)
    assert row is not None and document in row.document


def test_2026_new_year_swap_counts_in_deadlines():
    # Received Wednesday 31/12/2025, 1 working day: 1/1 and 2/1 are off, so Monday 5/1/2026.
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 5)
    # From Friday 9/1/2026, Saturday 10/1 is a working day.
    assert cal.add_working_days(date(2026, 1, 9), 1) == date(2026, 1, 10)
    # The week of 5–10/1/2026 has six working days.
    assert cal.working_days_between(date(2026, 1, 4), date(2026, 1, 10)) == 6


def test_table_wins_over_the_holidays_package(monkeypatch):
    """With a package that knows no swaps (as 0.60 did), the years of the table are unchanged."""

    class Bare(dict):
        weekend_workdays = frozenset()

    monkeypatch.setattr(workdays.holidays, "country_holidays", lambda *a, **k: Bare())
    monkeypatch.setattr(workdays.holidays, "VN", lambda *a, **k: Bare())
    workdays._public_holidays.cache_clear()
    try:
        fresh = WorkCalendar()
        assert not fresh.is_working_day(date(2026, 1, 2))
        assert fresh.is_working_day(date(2026, 1, 10))
        assert not fresh.is_working_day(date(2025, 5, 2))
        # A year outside the table comes from the package (here: nothing but weekends).
        assert fresh.is_working_day(date(2021, 9, 2))
    finally:
        workdays._public_holidays.cache_clear()


def test_table_is_whole_and_sourced():
    table, years = decisions()
    assert years == {2022, 2023, 2024, 2025, 2026}
    for row in table.values():
        assert row.document and row.name
        # A make-up working day is always a Saturday; a day off is never one moved onto Sunday.
        if row.working:
            assert row.day.weekday() == 5
    # Unverified rows are marked as such (Quốc khánh 2026 swap, 24/11/2026).
    assert decision(date(2026, 11, 24)).verified is False
    assert decision(date(2026, 1, 10)).verified is True
