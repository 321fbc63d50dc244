"""Working days of Vietnamese state agencies.

Saturdays and Sundays are off; public holidays (Bộ luật Lao động 2019, Điều 112, lunar Tết and
Giỗ Tổ Hùng Vương included) and the Government's make-up Saturdays come from the `holidays`
package; each year's own decisions (extra days off, swapped working Saturdays) are exceptions an
administrator enters, passed in here as two sets. Plain Python, so parsers can use it too.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year):
    calendar = (
        holidays.country_holidays("VN", years=year, language="vi") if _has_vi() else holidays.VN(years=year)
    )
    return dict(calendar.items()), frozenset(getattr(calendar, "weekend_workdays", ()) or ())


@lru_cache(maxsize=1)
def _has_vi():
    return "vi" in getattr(holidays.VN, "supported_languages", ())


class WorkCalendar:
    def __init__(self, extra_days_off=(), extra_working_days=(), notes=None):
        self.extra_days_off = frozenset(extra_days_off)
        self.extra_working_days = frozenset(extra_working_days)
        self.notes = dict(notes or {})

    def holiday_name(self, day):
        if day in self.extra_days_off:
            return self.notes.get(day, "Ngày nghỉ theo quyết định")
        names, _ = _public_holidays(day.year)
        return names.get(day)

    def is_working_day(self, day):
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        names, make_up = _public_holidays(day.year)
        if day in names:
            return False
        if day.weekday() >= 5:
            return day in make_up
        return True

    def add_working_days(self, start, n):
        """The day that is n working days after start (n may be negative; 0 returns start).

        "Trong 10 ngày làm việc kể từ ngày X" ends on add_working_days(X, 10): the day X itself is
        not counted, which is how one-stop appointment dates are computed.
        """
        step = 1 if n >= 0 else -1
        day, left = start, abs(n)
        while left:
            day += timedelta(days=step)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, a, b):
        """Working days after a up to and including b (negative when b is before a)."""
        if b < a:
            return -self.working_days_between(b, a)
        count, day = 0, a
        while day < b:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count

    def next_working_day(self, day):
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day


def default_calendar():
    return WorkCalendar()


__all__ = ["WorkCalendar", "default_calendar", "date"]
