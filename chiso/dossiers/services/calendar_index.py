"""The working-day calendar as arrays, so a million dossiers are classified without loops per row.

cum[i] counts the working days from `first` up to and including first + i; working_days[k] is the
ordinal of the (k+1)-th working day. Built once per import from the registry's WorkCalendar (with the
administrator's exceptions), so the same days off apply here as everywhere else.
"""

from bisect import bisect_left
from datetime import date, timedelta


class CalendarIndex:
    def __init__(self, calendar, first_year, last_year):
        self.first = date(first_year, 1, 1).toordinal()
        self.last = date(last_year, 12, 31).toordinal()
        cum, working, count = [], [], 0
        day = date(first_year, 1, 1)
        for ordinal in range(self.first, self.last + 1):
            if calendar.is_working_day(day):
                count += 1
                working.append(ordinal)
            cum.append(count)
            day += timedelta(days=1)
        self.cum, self.working = cum, working

    def covers(self, ordinal):
        return self.first <= ordinal <= self.last

    def is_working(self, ordinal):
        i = ordinal - self.first
        return self.cum[i] - (self.cum[i - 1] if i else 0) == 1

    def between(self, a, b):
        """Working days after a up to and including b (negative when b is before a)."""
        return self.cum[b - self.first] - self.cum[a - self.first]

    def add(self, ordinal, n):
        """The ordinal n working days after (n < 0: before) the given day."""
        i = ordinal - self.first
        if n >= 0:
            return self.working[self.cum[i] + n - 1] if n else ordinal
        before = self.cum[i] - (1 if self.is_working(ordinal) else 0)
        if before + n < 0:
            raise ValueError("ngày nằm ngoài lịch làm việc đã nạp")
        return self.working[before + n]

    def next_working(self, ordinal):
        return self.working[bisect_left(self.working, ordinal)]
