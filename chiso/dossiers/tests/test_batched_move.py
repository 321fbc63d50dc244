"""SQLite imports outside a transaction move their rows in committed batches, hidden until the run is done
(services/importer.py `_move_in_batches`): what readers see before, after, and after a failure."""

import os

import pytest

from chiso.dossiers.models import OPEN, Dossier, ImportRun, IndicatorValue, StatDay, StatMonth
from chiso.dossiers.services import importer, stats
from chiso.dossiers.services.importer import import_dossiers

from .conftest import row

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="the batched move is SQLite's"),
]

ROWS = [
    row("HS-01", "07/02/2024 08:15", "19/02/2024 16:00", "16/02/2024 10:00"),
    row("HS-02", "07/02/2024 09:00", "19/02/2024 16:00", "22/02/2024 08:00"),
    row("HS-03", "07/02/2024 11:00", "19/02/2024 16:00", ""),
    row("HS-04", "04/03/2024 08:00", "11/03/2024 16:00", "08/03/2024 09:00"),
]


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(importer, "MOVE_BATCH", 2)  # four rows: two committed batches


def test_rows_are_hidden_until_the_run_is_done(catalogue, write_csv, small_batches, monkeypatch):
    seen = {}
    swap = stats.swap_stats

    def spy(months):
        # Every batch is committed, the summaries are computed, the last transaction has not run yet.
        seen["visible"] = Dossier.objects.count()
        seen["written"] = Dossier.all_rows.count()
        seen["run"] = ImportRun.objects.get().status
        seen["statday"] = StatDay.objects.count()
        return swap(months)

    monkeypatch.setattr(stats, "swap_stats", spy)
    result = import_dossiers(write_csv(ROWS), today=__import__("datetime").date(2024, 4, 1))
    assert seen == {"visible": 0, "written": 4, "run": ImportRun.RUNNING, "statday": 0}
    assert Dossier.objects.count() == 4
    run = ImportRun.objects.get()
    assert (run.status, run.pk, result.created) == (ImportRun.DONE, result.run_id, 4)
    assert set(Dossier.objects.values_list("import_run_id", flat=True)) == {run.pk}
    assert sum(StatDay.objects.values_list("total", flat=True)) == 4
    assert sum(StatMonth.objects.values_list("open", flat=True)) == 1
    assert IndicatorValue.objects.filter(period=202400, code="2.1").exists()


def test_a_failure_in_the_last_step_leaves_nothing(catalogue, write_csv, small_batches, monkeypatch):
    def broken(months):
        raise RuntimeError("ổ đĩa đầy")

    monkeypatch.setattr(stats, "swap_stats", broken)
    with pytest.raises(RuntimeError):
        import_dossiers(write_csv(ROWS))
    assert Dossier.all_rows.count() == 0
    assert StatDay.objects.count() == 0 and IndicatorValue.objects.count() == 0
    assert ImportRun.objects.get().status == ImportRun.FAILED


def test_rows_left_by_a_killed_run_stay_hidden_and_the_next_import_replaces_them(catalogue, write_csv):
    from chiso.dossiers.models import Procedure
    from chiso.registry.models import Agency

    killed = ImportRun.objects.create(file_name="bi-ngat.csv", status=ImportRun.FAILED)
    Dossier.all_rows.create(
        code="HS-01",
        procedure=Procedure.objects.get(code="1.000105"),
        agency=Agency.objects.filter(name="Sở Tư pháp").first(),
        received="2024-02-07",
        due="2024-02-19",
        stat_day="2024-02-19",
        stat_month=202402,
        outcome=OPEN,
        import_run_id=killed.pk,
    )
    assert Dossier.objects.count() == 0
    result = import_dossiers(write_csv(ROWS))
    assert (result.created, result.updated) == (4, 0)
    assert Dossier.all_rows.count() == 4 and Dossier.objects.count() == 4
    assert Dossier.objects.get(code="HS-01").completed is not None


def test_reimport_updates_existing_dossiers_and_their_months(catalogue, write_csv, small_batches):
    from datetime import date

    import_dossiers(write_csv(ROWS), today=date(2024, 4, 1))
    changed = [*ROWS[:2], row("HS-03", "07/02/2024 11:00", "19/02/2024 16:00", "15/03/2024 08:00")]
    changed.append(row("HS-05", "05/03/2024 08:00", "12/03/2024 16:00", ""))
    result = import_dossiers(write_csv(changed, name="lan-2.csv"), today=date(2024, 4, 1))
    assert (result.created, result.updated) == (1, 3)
    assert Dossier.objects.count() == 5
    assert Dossier.objects.get(code="HS-03").stat_month == 202403
    # HS-03 left February for March; HS-05 is open in March.
    by_month = {
        m: sum(StatMonth.objects.filter(month=m).values_list("total", flat=True)) for m in (202402, 202403)
    }
    assert by_month == {202402: 2, 202403: 3}
    assert sum(StatDay.objects.filter(month=202403).values_list("open", flat=True)) == 1


def test_summaries_count_an_import_that_finished_meanwhile(catalogue, write_csv, monkeypatch):
    """The summaries are computed before the last transaction; if another import finished in between (its
    dossiers may fall in the same months), they are rebuilt inside it instead of being swapped in stale."""
    from datetime import date

    from chiso.dossiers.models import Procedure
    from chiso.registry.models import Agency

    compute = stats.compute_stats
    calls = []

    def meanwhile(months, run=None):
        found = compute(months, run)
        calls.append(months)
        if len(calls) > 1:
            return found  # the rebuild inside the last transaction
        other = ImportRun.objects.create(file_name="song-song.csv", status=ImportRun.DONE)
        Dossier.all_rows.create(
            code="KHAC-1",
            procedure=Procedure.objects.get(code="1.000105"),
            agency=Agency.objects.filter(name="Sở Tư pháp").first(),
            received="2024-02-08",
            due="2024-02-20",
            completed="2024-02-16",
            stat_day="2024-02-16",
            stat_month=202402,
            outcome=1,
            import_run_id=other.pk,
        )
        return found

    monkeypatch.setattr(stats, "compute_stats", meanwhile)
    import_dossiers(write_csv(ROWS), today=date(2024, 4, 1))
    assert sum(StatMonth.objects.filter(month=202402).values_list("total", flat=True)) == 4
    assert sum(StatMonth.objects.values_list("total", flat=True)) == 5
    assert len(calls) == 2


def test_columns_the_file_lacks_get_their_defaults(catalogue, write_csv, small_batches):
    # SQLite stages only the columns the file has (importer._Writer): the others must still be written as
    # the row loop would have set them, not NULL.
    header = [
        "Mã hồ sơ",
        "Mã thủ tục",
        "Cơ quan giải quyết",
        "Ngày tiếp nhận",
        "Ngày hẹn trả",
        "Ngày có kết quả",
    ]
    rows = [
        ["HS-01", "1.000105", "Sở Tư pháp", "07/02/2024 08:15", "19/02/2024 16:00", "16/02/2024 10:00"],
        ["HS-02", "1.000105", "Sở Tư pháp", "07/02/2024 09:00", "19/02/2024 16:00", ""],
    ]
    import_dossiers(write_csv(rows, header=header), today=__import__("datetime").date(2024, 4, 1))
    got = list(
        Dossier.objects.order_by("code").values_list(
            "applicant",
            "online_payment",
            "complaint",
            "supplements",
            "supplement_days",
            "ended",
            "rating",
            "e_result",
            "returned",
            "apology_date",
            "new_due",
            "receiving_agency_id",
        )
    )
    assert got == [("", False, False, 0, 0, 0, None, None, None, None, None, None)] * 2
    assert sum(StatDay.objects.values_list("total", flat=True)) == 2
