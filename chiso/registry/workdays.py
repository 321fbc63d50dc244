"""Working days of Vietnamese state agencies.

Saturdays and Sundays are off. For the years in `data/calendar-decisions.csv` (2022–2026) the days
off and make-up working Saturdays are that table, each row with the document that decided it
(Bộ luật Lao động 2019 Điều 111–112, the Government's and the ministry's yearly notices such as CV
12729/VPCP-KGVX for 2/1/2026 and 10/1/2026). Other years fall back to the `holidays` package, pinned
in pyproject.toml, so the calendar no longer changes with the installed version where decisions are
known. An administrator's exceptions (a province's own days) come on top, passed in as two sets.
Plain Python, so parsers can use it too.
"""

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import holidays

DECISIONS_FILE = Path(__file__).resolve().parent / "data" / "calendar-decisions.csv"


@dataclass(frozen=True)
class Decision:
    day: date
    working: bool  # True: a make-up working day (Saturday); False: a day off
    name: str
    document: str
    verified: bool


@lru_cache(maxsize=1)
def decisions():
    """{day: Decision} from the shipped table, and the years it covers."""
    found = {}
    with open(DECISIONS_FILE, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(line for line in f if not line.startswith("#")):
            day = date.fromisoformat(row["date"])
            found[day] = Decision(
                day, row["kind"] == "lam", row["name"], row["document"], row["verified"] == "co"
            )
    return found, frozenset(d.year for d in found)


def decision(day):
    """The table's row for a day (what decided it), or None."""
    return decisions()[0].get(day)


@lru_cache(maxsize=64)
def _public_holidays(year):
    table, years = decisions()
    if year in years:
        return (
            {d: r.name for d, r in table.items() if d.year == year and not r.working},
            frozenset(d for d, r in table.items() if d.year == year and r.working),
        )
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
