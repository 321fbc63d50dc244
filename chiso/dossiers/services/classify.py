"""On time or late, and whether the apology was proper: the rules, on day ordinals.

Completed dossiers compare the calendar day of completion with the day of the ORIGINAL appointment
(Ngày hẹn trả): before it is trước hạn, that day đúng hạn, after it trễ hạn. A new appointment after an
apology never turns a late dossier into an on-time one (it is still late, only the apology may be proper).

Apology (NĐ 61/2018 Điều 19 as amended by NĐ 107/2021, to 30/6/2025; same wording applied under
NĐ 118/2025 from 1/7/2025 — domain.md §7.2): for a dossier expected to be late, the letter is issued at
the latest one working day before the due date, states a new appointment, and the appointment is
changed at most once. A dossier that misses its new appointment too has slipped twice: improper.
"""

from ..models import AP_IMPROPER, AP_MISSING, AP_NONE, AP_PROPER, EARLY, LATE, ON_TIME, OPEN


def outcome(due, completed):
    if completed is None:
        return OPEN
    if completed < due:
        return EARLY
    return ON_TIME if completed == due else LATE


def apology_state(cal, due, completed, apology, new_due, today, reappointments=None):
    """AP_* for one dossier; all days are ordinals, `today` decides for open dossiers."""
    late = completed > due if completed is not None else today > due
    if apology is None:
        return AP_MISSING if late else AP_NONE
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
    from datetime import date

    decree = (
        "Nghị định 61/2018/NĐ-CP, sửa đổi bởi Nghị định 107/2021/NĐ-CP"
        if day < date(2025, 7, 1)
        else "Nghị định 118/2025/NĐ-CP"
    )
    form = "Mẫu số 04, Thông tư 01/2018/TT-VPCP" if day < date(2025, 9, 15) else "Thông tư 03/2025/TT-VPCP"
    return decree, form


__all__ = [
    "outcome",
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
