import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from chiso.core.models import AuditEntry
from chiso.dossiers.models import (
    AP_IMPROPER,
    AP_MISSING,
    AP_PROPER,
    EARLY,
    LATE,
    ON_TIME,
    OPEN,
    Dossier,
    Procedure,
    StatDay,
    StatMonth,
)
from chiso.dossiers.services.importer import ImportFailed, import_dossiers
from chiso.dossiers.services.stats import rebuild_all

from .conftest import row

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]

# Tết 2024 is 08–14/02: received Wed 07/02, the 3-day appointment is Mon 19/02.
TET_ROWS = [
    row("HS-01", "07/02/2024 08:15", "19/02/2024 16:00", "16/02/2024 10:00"),  # early
    row(
        "HS-02", "07/02/2024 09:00", "19/02/2024 16:00", "19/02/2024 15:30", channel="Trực tuyến", paid="Có"
    ),  # on time
    row(
        "HS-03",
        "07/02/2024 09:30",
        "19/02/2024 16:00",
        "22/02/2024 08:00",
        "16/02/2024 14:00",
        "23/02/2024 16:00",
    ),  # late, proper
    row(
        "HS-04",
        "07/02/2024 10:00",
        "19/02/2024 16:00",
        "21/02/2024 08:00",
        "17/02/2024 08:00",
        "23/02/2024 16:00",
    ),  # late, apology too late
    row("HS-05", "07/02/2024 10:30", "19/02/2024 16:00", "20/02/2024 09:00"),  # late, no apology
    row("HS-06", "07/02/2024 11:00", "19/02/2024 16:00", ""),  # open, overdue
    row(
        "HS-07",
        "26/02/2024 08:00",
        "04/03/2024 16:00",
        "",
        agency="Ủy ban nhân dân thành phố Phan Thiết",
        procedure="2.000908",
        channel="Trực tuyến",
    ),  # open, due 04/03
]


def dump():
    tables = []
    for model in (Dossier, StatDay, StatMonth):
        fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
        tables.append(sorted(model.objects.values_list(*fields)))
    return tables


def stats_json(*args):
    out = StringIO()
    call_command("dossier-stats", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_import_classifies_and_summarises(catalogue, write_csv):
    result = import_dossiers(write_csv(TET_ROWS), today=__import__("datetime").date(2024, 2, 28))
    assert (result.rows, result.created, result.updated) == (7, 7, 0)
    got = {d.code: (d.outcome, d.apology_state) for d in Dossier.objects.all()}
    assert got == {
        "HS-01": (EARLY, 0),
        "HS-02": (ON_TIME, 0),
        "HS-03": (LATE, AP_PROPER),
        "HS-04": (LATE, AP_IMPROPER),
        "HS-05": (LATE, AP_MISSING),
        "HS-06": (OPEN, AP_MISSING),
        "HS-07": (OPEN, 0),
    }
    hs3 = Dossier.objects.get(code="HS-03")
    assert hs3.work_days == 6  # 15, 16, 19, 20, 21, 22 February
    assert str(hs3.due) == "2024-02-19" and str(hs3.received) == "2024-02-07"
    assert AuditEntry.objects.filter(note__contains="Nhập hồ sơ").count() == 1

    figures = stats_json("--from", "2024-02-01", "--to", "2024-03-31", "--as-of", "2024-02-28")
    assert figures["total"] == 7 and figures["completed"] == 5
    assert (figures["early"], figures["on_time"], figures["late"]) == (1, 1, 3)
    assert (figures["open_in_time"], figures["open_overdue"]) == (1, 1)
    assert figures["on_time_rate"] == 0.4
    assert figures["late_without_apology"] == 2  # HS-05 finished late, HS-06 open past due
    assert figures["apology_improper"] == 1
    # 1.000105 is offered toàn trình (6 dossiers, 1 online), 2.000908 too (1, online): 2/7.
    assert figures["online_share"] == round(2 / 7, 4)
    assert figures["online_payment_share"] == round(1 / 7, 4)
    assert [a["agency"] for a in figures["by_agency"]] == [
        "Sở Tư pháp",
        "Ủy ban nhân dân thành phố Phan Thiết",
    ]
    assert [(m["month"], m["total"]) for m in figures["by_month"]] == [("2024-02", 6), ("2024-03", 1)]
    # A dossier counts by completion day (open ones by due day): only HS-01 and HS-06 fall before 17/02... HS-06 is due 19/02.
    assert stats_json("--from", "2024-02-16", "--to", "2024-02-16")["total"] == 1
    only = stats_json(
        "--from",
        "2024-02-01",
        "--to",
        "2024-03-31",
        "--agency",
        "UBND TP Phan Thiết",
        "--as-of",
        "2024-02-28",
    )
    assert only["total"] == 1 and only["open_in_time"] == 1


def test_reimport_same_file_leaves_database_identical(catalogue, write_csv):
    path = write_csv(TET_ROWS)
    import_dossiers(path)
    before = dump()
    second = import_dossiers(path)
    assert (second.created, second.updated) == (0, 7)
    assert dump() == before


def test_overlapping_export_updates_rows_and_summaries(catalogue, write_csv):
    import_dossiers(write_csv(TET_ROWS, name="a.csv"))
    changed = [
        row("HS-06", "07/02/2024 11:00", "19/02/2024 16:00", "05/03/2024 10:00"),  # finished in March now
        row("HS-08", "01/03/2024 08:00", "06/03/2024 16:00", "06/03/2024 10:00"),
    ]
    result = import_dossiers(write_csv(changed, name="b.csv"))
    assert (result.created, result.updated) == (1, 1)
    assert Dossier.objects.count() == 8
    assert Dossier.objects.get(code="HS-06").outcome == LATE
    incremental = dump()
    rebuild_all()
    assert dump() == incremental  # the summaries equal a rebuild from the raw rows
    feb = StatDay.objects.filter(month=202402)
    assert sum(s.open for s in feb) == 0 and sum(s.total for s in feb) == 5


def test_second_new_appointment_makes_apology_improper(catalogue, write_csv):
    first = row("HS-10", "07/02/2024 08:00", "19/02/2024 16:00", "", "16/02/2024 08:00", "23/02/2024 16:00")
    import_dossiers(write_csv([first], name="1.csv"), today=__import__("datetime").date(2024, 2, 20))
    assert Dossier.objects.get().apology_state == AP_PROPER
    again = row(
        "HS-10",
        "07/02/2024 08:00",
        "19/02/2024 16:00",
        "28/02/2024 08:00",
        "16/02/2024 08:00",
        "29/02/2024 16:00",
    )
    import_dossiers(write_csv([again], name="2.csv"))
    dossier = Dossier.objects.get()
    assert dossier.reappointments == 2 and dossier.apology_state == AP_IMPROPER


def _rejects(path, *fragments):
    procedures = Procedure.objects.count()
    with pytest.raises(ImportFailed) as failed:
        import_dossiers(path)
    text = "\n".join(failed.value.lines())
    for fragment in fragments:
        assert fragment in text, text
    assert Dossier.objects.count() == 0 and StatDay.objects.count() == 0 and StatMonth.objects.count() == 0
    assert Procedure.objects.count() == procedures
    return failed.value


def test_rejects_missing_column(catalogue, write_csv):
    header = [
        h
        for h in __import__("chiso.dossiers.services.columns", fromlist=["x"]).GENERATOR_HEADER
        if h != "Ngày hẹn trả"
    ]
    _rejects(write_csv([r[:6] + r[7:] for r in TET_ROWS], header=header), "thiếu cột bắt buộc “Ngày hẹn trả”")


def test_rejects_bad_dates_with_row_and_column(catalogue, write_csv):
    rows = list(TET_ROWS)
    rows[1] = row("HS-02", "31/02/2024 09:00", "19/02/2024 16:00")
    rows[4] = row("HS-05", "07/02/2024 10:30", "19/02/2024 25:00")
    failed = _rejects(
        write_csv(rows),
        "dòng 3, cột “Ngày tiếp nhận”: ngày không hợp lệ “31/02/2024 09:00”",
        "dòng 6, cột “Ngày hẹn trả”: giờ không hợp lệ",
    )
    assert failed.total == 2


def test_rejects_duplicate_codes_inside_one_file(catalogue, write_csv):
    rows = TET_ROWS + [row("HS-02", "08/02/2024 09:00", "19/02/2024 16:00")]
    _rejects(write_csv(rows), "dòng 9, cột “Mã hồ sơ”: mã hồ sơ “HS-02” trùng với dòng 3")


def test_rejects_wrong_encoding(catalogue, write_csv, tmp_path):
    import unicodedata

    text = write_csv(TET_ROWS).read_text(encoding="utf-8")
    legacy = tmp_path / "windows-1258.csv"  # what Excel on a Vietnamese Windows saves as "CSV"
    legacy.write_bytes(unicodedata.normalize("NFD", text).encode("cp1258", errors="replace"))
    _rejects(legacy, "không phải văn bản UTF-8")


def test_rejects_unknown_agency_and_channel_and_new_procedure_is_rolled_back(catalogue, write_csv):
    rows = TET_ROWS + [
        row("HS-20", "07/02/2024 08:00", "19/02/2024 16:00", agency="Sở Không Có", procedure="9.999"),
        row("HS-21", "07/02/2024 08:00", "19/02/2024 16:00", channel="Fax"),
    ]
    _rejects(
        write_csv(rows),
        "dòng 9, cột “Cơ quan giải quyết”: không nhận ra cơ quan “Sở Không Có”",
        "dòng 10, cột “Kênh nộp”: kênh nộp “Fax” không hợp lệ",
    )


def test_xlsx_export_with_saved_mapping(catalogue, tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    from chiso.dossiers.models import ColumnMapping

    ColumnMapping.objects.create(
        name="igate", columns={"code": "Số hồ sơ", "due": "Hạn xử lý", "completed": "Ngày hoàn thành"}
    )
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["Số hồ sơ", "Mã thủ tục", "Cơ quan giải quyết", "Ngày tiếp nhận", "Hạn xử lý", "Ngày hoàn thành"]
    )
    sheet.append(
        [
            "X-1",
            "1.000105",
            "Sở Tư pháp",
            datetime(2024, 2, 7, 8, 0),
            datetime(2024, 2, 19, 16, 0),
            datetime(2024, 2, 20, 9, 0),
        ]
    )
    sheet.append(["X-2", "1.000105", "Sở Tư pháp", "07/02/2024", "19/02/2024", None])
    path = tmp_path / "igate.xlsx"
    book.save(path)
    # These iGate-style headers are in the column dictionary: recognised without the mapping too.
    assert import_dossiers(path).created == 2
    result = import_dossiers(path, mapping="igate")
    assert result.updated == 2
    assert Dossier.objects.get(code="X-1").outcome == LATE
    # Hours are kept to the minute.
    assert (Dossier.objects.get(code="X-1").received_min, Dossier.objects.get(code="X-1").completed_min) == (
        480,
        540,
    )
    # A header the dictionary does not know needs the saved mapping.
    sheet["A1"] = "Số HS nội bộ"
    book.save(path)
    with pytest.raises(ImportFailed):
        import_dossiers(path)
    ColumnMapping.objects.filter(name="igate").update(columns={"code": "Số HS nội bộ"})
    assert import_dossiers(path, mapping="igate").updated == 2


def test_command_line_import_reports_errors(catalogue, write_csv):
    from django.core.management.base import CommandError

    out = StringIO()
    call_command("import-dossiers", str(write_csv(TET_ROWS)), stdout=out)
    assert "7 mới" in out.getvalue()
    bad = write_csv([row("Y-1", "xx", "19/02/2024")], name="bad.csv")
    with pytest.raises(CommandError, match="dòng 2"):
        call_command("import-dossiers", str(bad))


def test_stage_table_is_dropped(catalogue, write_csv):
    import_dossiers(write_csv(TET_ROWS))
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "dossier_stage" not in tables


def test_command_line_saves_a_column_mapping(catalogue, write_csv):
    header = [
        "Số hồ sơ" if h == "Mã hồ sơ" else h
        for h in __import__("chiso.dossiers.services.columns", fromlist=["x"]).GENERATOR_HEADER
    ]
    path = write_csv(TET_ROWS, header=header)
    out = StringIO()
    call_command(
        "import-dossiers", str(path), "--mapping", "mot-cua-moi", "--column", "code=Số hồ sơ", stdout=out
    )
    assert "7 mới" in out.getvalue()
    call_command(
        "import-dossiers", str(path), "--mapping", "mot-cua-moi", stdout=out
    )  # saved: no --column needed
    assert Dossier.objects.count() == 7


def test_large_import_rebuilds_secondary_indexes(catalogue, write_csv, monkeypatch):
    from chiso.dossiers.services import importer

    monkeypatch.setattr(importer, "BULK_ROWS", 1)  # take the bulk path with a small file
    path = write_csv(TET_ROWS)
    import_dossiers(path)
    before = dump()
    with pytest.raises(ImportFailed):  # a failing bulk import must leave the indexes in place too
        import_dossiers(
            write_csv(TET_ROWS + [row("HS-01", "07/02/2024 08:15", "19/02/2024 16:00")], name="dup.csv")
        )
    import_dossiers(path)
    assert dump() == before
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "dossiers_dossier")
    assert set(importer.SECONDARY_INDEXES) <= set(constraints)
