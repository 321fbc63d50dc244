"""Working days on real years: the dates below were checked against the Government's notices."""

from datetime import date

import pytest

from chiso.registry import services
from chiso.registry.workdays import WorkCalendar

cal = WorkCalendar()


@pytest.mark.parametrize(
    "start,n,expected",
    [
        (date(2023, 1, 19), 1, date(2023, 1, 27)),  # Tết Quý Mão: 20–26/01/2023 off
        (date(2025, 1, 24), 1, date(2025, 2, 3)),  # Tết Ất Tỵ: 25/01–02/02/2025 off
        (date(2025, 4, 29), 1, date(2025, 5, 5)),  # 30/4–4/5/2025, 2/5 swapped with Saturday 26/4
        (date(2025, 8, 29), 1, date(2025, 9, 3)),  # Quốc khánh 1–2/9/2025
        (date(2022, 4, 8), 1, date(2022, 4, 12)),  # Giỗ Tổ 10/3 âm lịch = Sunday 10/4/2022, off Monday 11/4
        (date(2026, 2, 13), 1, date(2026, 2, 23)),  # Tết Bính Ngọ: 16–20/02/2026
        (date(2022, 8, 29), 3, date(2022, 9, 5)),  # Quốc khánh 2022: 1–2/9 (Thursday, Friday)
        (date(2024, 5, 3), 1, date(2024, 5, 4)),  # Saturday 4/5/2024 worked for the 29/4 bridge
        (date(2023, 1, 27), 0, date(2023, 1, 27)),
        (date(2023, 1, 27), -1, date(2023, 1, 19)),
    ],
)
def test_add_working_days_on_real_years(start, n, expected):
    assert cal.add_working_days(start, n) == expected


def test_working_days_between():
    assert cal.working_days_between(date(2023, 1, 16), date(2023, 1, 31)) == 6
    assert cal.working_days_between(date(2023, 1, 31), date(2023, 1, 16)) == -6
    assert cal.working_days_between(date(2022, 8, 1), date(2022, 8, 1)) == 0
    # A whole year: every weekday of 2023 but the eleven weekday holidays the Government announced.
    weekdays_2023 = sum(
        1 for d in range(365) if date.fromordinal(date(2023, 1, 1).toordinal() + d).weekday() < 5
    )
    weekday_holidays = [
        date(2023, 1, 2),
        date(2023, 1, 20),
        date(2023, 1, 23),
        date(2023, 1, 24),
        date(2023, 1, 25),
        date(2023, 1, 26),
        date(2023, 5, 1),
        date(2023, 5, 2),
        date(2023, 5, 3),
        date(2023, 9, 1),
        date(2023, 9, 4),
    ]
    assert cal.working_days_between(date(2022, 12, 31), date(2023, 12, 31)) == weekdays_2023 - len(
        weekday_holidays
    )


def test_holiday_names_are_vietnamese():
    assert "Tết" in cal.holiday_name(date(2025, 1, 29))
    assert "Hùng" in cal.holiday_name(date(2023, 4, 29))
    assert cal.holiday_name(date(2023, 3, 15)) is None


def test_exceptions_override_the_usual_calendar():
    custom = WorkCalendar(extra_days_off=[date(2022, 8, 15)], extra_working_days=[date(2022, 8, 13)])
    assert not custom.is_working_day(date(2022, 8, 15))
    assert custom.is_working_day(date(2022, 8, 13))
    assert custom.add_working_days(date(2022, 8, 12), 1) == date(2022, 8, 13)


@pytest.mark.django_db
def test_admin_exceptions_reach_the_services_at_once():
    from chiso.registry.models import CalendarException

    friday = date(2022, 8, 12)
    assert services.add_working_days(date(2022, 8, 11), 1) == friday
    CalendarException.objects.create(
        date=friday, kind=CalendarException.OFF, note="Nghỉ bù theo quyết định của tỉnh"
    )
    assert services.add_working_days(date(2022, 8, 11), 1) == date(2022, 8, 15)
    CalendarException.objects.create(date=date(2022, 8, 13), kind=CalendarException.WORK, note="Làm bù")
    assert services.add_working_days(date(2022, 8, 11), 1) == date(2022, 8, 13)
    assert services.working_days_between(date(2022, 8, 11), date(2022, 8, 15)) == 2
