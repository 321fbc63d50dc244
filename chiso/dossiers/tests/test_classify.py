"""Hand-checked cases of the on-time and apology rules across Tết 2024, weekends and the 04/5/2024 make-up Saturday."""

from datetime import date

import pytest

from chiso.dossiers.models import AP_IMPROPER, AP_MISSING, AP_NONE, AP_PROPER, EARLY, LATE, ON_TIME, OPEN
from chiso.dossiers.services.calendar_index import CalendarIndex
from chiso.dossiers.services.classify import apology_state, legal_basis, outcome
from chiso.registry.workdays import WorkCalendar


def o(d, m, y=2024):
    return date(y, m, d).toordinal()


@pytest.fixture(scope="module")
def cal():
    return CalendarIndex(WorkCalendar(), 2023, 2026)


def test_index_agrees_with_calendar_over_three_years(cal):
    plain = WorkCalendar()
    start = date(2023, 1, 10)
    for offset in range(0, 3 * 365 - 60, 5):
        a = date.fromordinal(start.toordinal() + offset)
        assert date.fromordinal(cal.add(a.toordinal(), 3)) == plain.add_working_days(a, 3)
        assert date.fromordinal(cal.add(a.toordinal(), -1)) == plain.add_working_days(a, -1)
        b = date.fromordinal(a.toordinal() + 40)
        assert cal.between(a.toordinal(), b.toordinal()) == plain.working_days_between(a, b)


def test_appointment_across_tet(cal):
    # Received Wed 07/02/2024; Tết is 08–14/02, so three working days end on Mon 19/02.
    assert cal.add(o(7, 2), 3) == o(19, 2)
    assert cal.between(o(7, 2), o(19, 2)) == 3


def test_make_up_saturday_counts(cal):
    # Fri 26/4/2024: 29/4 (swapped), 30/4 and 1/5 are off; Thu 2/5, Fri 3/5, Sat 4/5 (made up).
    assert cal.add(o(26, 4), 2) == o(3, 5)
    assert cal.add(o(26, 4), 3) == o(4, 5)
    assert cal.add(o(6, 5), -1) == o(4, 5)
    assert cal.between(o(26, 4), o(6, 5)) == 4


def test_outcome_by_day_of_original_appointment():
    due = o(19, 2)
    assert outcome(due, None) == OPEN
    assert outcome(due, o(16, 2)) == EARLY
    assert outcome(due, o(19, 2)) == ON_TIME
    assert outcome(due, o(20, 2)) == LATE


def test_apology_deadline_is_one_working_day_before_due_across_tet(cal):
    due = o(19, 2)  # the working day before is Fri 16/02
    assert apology_state(cal, due, o(22, 2), o(16, 2), o(23, 2), today=o(1, 3)) == AP_PROPER
    assert apology_state(cal, due, o(22, 2), o(7, 2), o(23, 2), today=o(1, 3)) == AP_PROPER
    # Saturday 17/02 is after the last working day before the due date.
    assert apology_state(cal, due, o(22, 2), o(17, 2), o(23, 2), today=o(1, 3)) == AP_IMPROPER
    assert apology_state(cal, due, o(22, 2), o(19, 2), o(23, 2), today=o(1, 3)) == AP_IMPROPER


def test_apology_deadline_over_a_weekend(cal):
    due = o(4, 3)  # Monday; the apology is due by Friday 01/03
    assert apology_state(cal, due, o(5, 3), o(1, 3), o(6, 3), today=o(10, 3)) == AP_PROPER
    assert apology_state(cal, due, o(5, 3), o(2, 3), o(6, 3), today=o(10, 3)) == AP_IMPROPER


def test_apology_deadline_on_make_up_saturday(cal):
    due = o(6, 5)  # Monday after the made-up Saturday 04/5/2024
    assert apology_state(cal, due, o(7, 5), o(4, 5), o(8, 5), today=o(10, 5)) == AP_PROPER
    assert apology_state(cal, due, o(7, 5), o(5, 5), o(8, 5), today=o(10, 5)) == AP_IMPROPER


def test_late_after_new_appointment_stays_late_and_apology_becomes_improper(cal):
    due = o(19, 2)
    # Re-appointed to 23/02 but finished 26/02: slipped twice.
    assert outcome(due, o(26, 2)) == LATE
    assert apology_state(cal, due, o(26, 2), o(16, 2), o(23, 2), today=o(1, 3)) == AP_IMPROPER
    assert apology_state(cal, due, o(26, 2), o(16, 2), o(27, 2), today=o(1, 3)) == AP_PROPER
    # An apology without a new appointment, or with a second one, is not proper.
    assert apology_state(cal, due, o(22, 2), o(16, 2), None, today=o(1, 3)) == AP_IMPROPER
    assert (
        apology_state(cal, due, o(22, 2), o(16, 2), o(23, 2), today=o(1, 3), reappointments=2) == AP_IMPROPER
    )


def test_missing_apology_for_late_and_overdue_open(cal):
    due = o(19, 2)
    assert apology_state(cal, due, o(20, 2), None, None, today=o(1, 3)) == AP_MISSING
    assert apology_state(cal, due, o(19, 2), None, None, today=o(1, 3)) == AP_NONE
    assert apology_state(cal, due, None, None, None, today=o(20, 2)) == AP_MISSING
    assert apology_state(cal, due, None, None, None, today=o(19, 2)) == AP_NONE


def test_legal_basis_by_period():
    assert "61/2018" in legal_basis(date(2025, 6, 30))[0]
    assert "118/2025" in legal_basis(date(2025, 7, 1))[0]
    assert "01/2018" in legal_basis(date(2025, 9, 14))[1]
    assert "03/2025" in legal_basis(date(2025, 9, 15))[1]
