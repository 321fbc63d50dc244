"""Import edge cases: dossiers across Tết 2024, empty and unreadable files, codes that need COPY escaping."""

import os
from datetime import date

import pytest

from chiso.dossiers.models import EARLY, LATE, ON_TIME, Dossier, ImportRun, Procedure, StatDay, StatMonth
from chiso.dossiers.services.importer import ImportFailed, calendar_index, import_dossiers

from .conftest import row

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]


def _nothing_written(procedures):
    assert Dossier.objects.count() == 0 and StatDay.objects.count() == 0 and StatMonth.objects.count() == 0
    assert Procedure.objects.count() == procedures and ImportRun.objects.count() == 0


def test_dossiers_across_tet_2024_classified_against_working_day_due_dates(catalogue, write_csv):
    # Tết Giáp Thìn for state agencies: Thu 08/02 – Wed 14/02/2024 off (10–14/02 are the Labour Code's days,
    # 08–09/02 the Government's extra days), so after Wed 07/02 the next working day is Thu 15/02.
    cal = calendar_index()
    o = lambda d, m: date(2024, m, d).toordinal()  # noqa: E731
    assert not any(cal.is_working(o(d, 2)) for d in range(8, 15))
    assert cal.is_working(o(7, 2)) and cal.is_working(o(15, 2))
    # Hand-computed appointments (the reception day itself not counted):
    #   received Mon 05/02, 5 working days: 06, 07, 15, 16, 19 → Mon 19/02
    #   received Wed 07/02, 2 working days: 15, 16 → Fri 16/02
    #   received Wed 07/02, 1 working day: 15 → Thu 15/02
    assert cal.add(o(5, 2), 5) == o(19, 2)
    assert cal.add(o(7, 2), 2) == o(16, 2)
    assert cal.add(o(7, 2), 1) == o(15, 2)
    rows = [
        row(
            "TET-1", "05/02/2024 08:00", "19/02/2024 16:00", "15/02/2024 09:00"
        ),  # early: before the appointment
        row(
            "TET-2", "07/02/2024 14:00", "16/02/2024 16:00", "16/02/2024 10:00"
        ),  # on time: on the appointment day
        row(
            "TET-3", "07/02/2024 15:00", "15/02/2024 16:00", "19/02/2024 08:00"
        ),  # late: a working day past it
        # finished during Tết, before a due date that falls after it: early, no working day spent
        row("TET-4", "07/02/2024 16:00", "16/02/2024 16:00", "09/02/2024 08:00", channel="Trực tuyến"),
    ]
    result = import_dossiers(write_csv(rows), today=date(2024, 3, 1))
    assert (result.rows, result.created) == (4, 4)
    got = {d.code: (d.outcome, d.work_days, str(d.due)) for d in Dossier.objects.all()}
    assert got == {
        "TET-1": (EARLY, 3, "2024-02-19"),  # 06, 07, 15
        "TET-2": (ON_TIME, 2, "2024-02-16"),  # 15, 16
        "TET-3": (LATE, 3, "2024-02-15"),  # 15, 16, 19
        "TET-4": (EARLY, 0, "2024-02-16"),
    }
    by_day = {str(s.day): (s.total, s.early, s.on_time, s.late) for s in StatDay.objects.all()}
    assert by_day == {
        "2024-02-15": (1, 1, 0, 0),
        "2024-02-16": (1, 0, 1, 0),
        "2024-02-19": (1, 0, 0, 1),
        "2024-02-09": (1, 1, 0, 0),
    }


def test_empty_csv_rejected(catalogue, tmp_path):
    procedures = Procedure.objects.count()
    path = tmp_path / "rong.csv"
    path.write_bytes(b"")
    with pytest.raises(ImportFailed) as failed:
        import_dossiers(path)
    text = "\n".join(failed.value.lines())
    assert (
        "Tệp bị từ chối, không có hồ sơ nào được ghi." in text and "tệp rỗng, không có dòng tiêu đề" in text
    ), text
    _nothing_written(procedures)


def test_unreadable_xlsx_rejected(catalogue, tmp_path):
    procedures = Procedure.objects.count()
    path = tmp_path / "hong.xlsx"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(ImportFailed) as failed:
        import_dossiers(path)
    text = "\n".join(failed.value.lines())
    assert "hong.xlsx" in text and "không đọc được tệp Excel (.xlsx)" in text, text
    _nothing_written(procedures)


def test_codes_needing_escapes_round_trip(catalogue, write_csv):
    # PostgreSQL stages rows with COPY text (NULL written as None): such codes must arrive unchanged.
    codes = ["None", "HS\\01", "HS\t02", "N\\None", "\\N", "NULL"]
    rows = [row(code, "07/02/2024 08:15", "19/02/2024 16:00", "16/02/2024 10:00") for code in codes]
    path = write_csv(rows)
    assert import_dossiers(path).created == len(codes)
    assert sorted(Dossier.objects.values_list("code", flat=True)) == sorted(codes)
    assert import_dossiers(path).updated == len(codes)
    assert Dossier.objects.count() == len(codes)
