"""The one place the one-stop rules live: deadline, on time or late, overdue, and the apology.

The importer's hot loop calls these functions row by row, and reports that judge dossiers in SQL use
`outcome_sql` / `overdue_sql`, written in the same order of cases (tests/test_rules_agree.py checks with
hypothesis that Python and SQL agree on random dossiers). All days are ordinals in Python.

Rules (NĐ 61/2018/NĐ-CP as amended by NĐ 107/2021/NĐ-CP to 30/6/2025, NĐ 118/2025/NĐ-CP from 1/7/2025;
VPCP's formula note for indicator 2.1 of QĐ 766/QĐ-TTg):
- The deadline is the appointment on the receipt (date and, when exported, hour), moved by the working
  days the dossier waited for the citizen's supplement (that time is not the agency's).
- Same-day procedures (statutory time 0 days, e.g. chứng thực, NĐ 23/2015/NĐ-CP Điều 7: "trong ngày …
  hoặc ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ"): the deadline is the day of receipt, or the next
  working day when received after 15:00.
- A dossier whose supplement was requested more than once is late (VPCP's note on 2.1).
- Refused, returned, withdrawn or stopped dossiers count as settled on time ("Đúng hạn (bao gồm cả hồ sơ
  trả lại/xin rút)", Mẫu 06a of the provincial one-stop statistics).
- Completed before the deadline's day: trước hạn; on that day: đúng hạn unless both hours are known and
  the result came after the appointment's hour; later: trễ hạn. Open dossiers are "trong hạn" until the
  deadline's day has passed, "quá hạn" after (or as soon as a second supplement was requested).
- Apology (NĐ 61/2018 Điều 19 as amended; same wording applied under NĐ 118/2025): only a late dossier
  needs one; it is proper when issued no earlier than the receipt and at the latest one working day
  before the deadline, with a new date after the deadline, the appointment changed at most once and
  met. An apology dated before the receipt (impossible) or after the deadline had passed is no apology:
  the dossier is simply late without one. One between those two days is improper (too late).
"""

from datetime import date

from ..models import (
    AP_IMPROPER,
    AP_MISSING,
    AP_NONE,
    AP_PROPER,
    EARLY,
    ENDED_RESULT,
    LATE,
    ON_TIME,
    OPEN,
)

SAME_DAY_CUTOFF = 15 * 60  # minutes: "sau 15 giờ" (NĐ 23/2015/NĐ-CP Điều 7)


def deadline(cal, received, received_min, due, supplement_days=0, same_day=False):
    """The day the rules judge by (ordinal)."""
    if same_day:
        day = cal.next_working(received)
        if day == received and received_min is not None and received_min > SAME_DAY_CUTOFF:
            day = cal.add(received, 1)
        return day
    return cal.add(due, supplement_days) if supplement_days else due


def outcome(deadline, completed, due_min=None, completed_min=None, supplements=0, ended=ENDED_RESULT):
    if completed is None:
        return OPEN
    if ended != ENDED_RESULT:
        return ON_TIME
    if supplements > 1:
        return LATE
    if completed < deadline:
        return EARLY
    if completed > deadline:
        return LATE
    if due_min is not None and completed_min is not None and completed_min > due_min:
        return LATE
    return ON_TIME


def outcome_sql(a="d"):
    """The same cases as outcome(), over a dossier row aliased `a`."""
    return (
        f"CASE WHEN {a}.completed IS NULL THEN {OPEN} "
        f"WHEN {a}.ended <> {ENDED_RESULT} THEN {ON_TIME} "
        f"WHEN {a}.supplements > 1 THEN {LATE} "
        f"WHEN {a}.completed < {a}.deadline THEN {EARLY} "
        f"WHEN {a}.completed > {a}.deadline THEN {LATE} "
        f"WHEN {a}.due_min IS NOT NULL AND {a}.completed_min IS NOT NULL AND {a}.completed_min > {a}.due_min "
        f"THEN {LATE} ELSE {ON_TIME} END"
    )


def overdue(deadline, supplements, day):
    """An open dossier on `day`: past its deadline (or supplement requested twice)."""
    return supplements > 1 or day > deadline


def overdue_sql(a="d", day="%s"):
    return f"({a}.supplements > 1 OR {a}.deadline < {day})"


def apology_state(
    cal, due, completed, apology, new_due, today, reappointments=None, received=None, late=None
):
    """AP_* for one dossier; `due` is its deadline, `today` decides for open dossiers, `late` may be
    passed when the outcome is already known (a second supplement makes a dossier late on any day)."""
    if late is None:
        late = completed > due if completed is not None else today > due
    if not late:
        return AP_NONE  # no apology is needed, whatever was recorded
    if apology is None or (received is not None and apology < received) or apology > due:
        return AP_MISSING
    if reappointments is None:
        reappointments = 1 if new_due is not None else 0
    proper = (
        apology <= cal.add(due, -1)
        and new_due is not None
        and new_due > due
        and reappointments <= 1
        and (completed if completed is not None else today) <= new_due
    )
    return AP_PROPER if proper else AP_IMPROPER


def legal_basis(day):
    """The decree whose apology rule applies on a day, and the form of the period (domain.md §7)."""
    decree = (
        "Nghị định 61/2018/NĐ-CP, sửa đổi bởi Nghị định 107/2021/NĐ-CP"
        if day < date(2025, 7, 1)
        else "Nghị định 118/2025/NĐ-CP"
    )
    form = "Mẫu số 04, Thông tư 01/2018/TT-VPCP" if day < date(2025, 9, 15) else "Thông tư 03/2025/TT-VPCP"
    return decree, form


__all__ = [
    "deadline",
    "outcome",
    "outcome_sql",
    "overdue",
    "overdue_sql",
    "apology_state",
    "legal_basis",
    "OPEN",
    "EARLY",
    "ON_TIME",
    "LATE",
    "AP_NONE",
    "AP_PROPER",
    "AP_IMPROPER",
    "AP_MISSING",
]
