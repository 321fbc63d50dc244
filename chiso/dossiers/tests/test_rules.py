"""Hand-computed cases of the one-stop rules (services/classify.py) and of the period report with backlog,
and a hypothesis check that the rules' Python and SQL forms agree on random dossiers."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.dossiers.models import (
    AP_IMPROPER,
    AP_MISSING,
    AP_NONE,
    AP_PROPER,
    EARLY,
    ENDED_REFUSED,
    ENDED_RESULT,
    ENDED_STOPPED,
    ENDED_WITHDRAWN,
    LATE,
    ON_TIME,
    OPEN,
    Dossier,
    Procedure,
)
from chiso.dossiers.services import classify
from chiso.dossiers.services.calendar_index import CalendarIndex
from chiso.dossiers.services.period import period_report
from chiso.registry.workdays import WorkCalendar


def o(d, m, y=2024):
    return date(y, m, d).toordinal()


CAL = CalendarIndex(WorkCalendar(), 2023, 2027)


def test_supplement_wait_is_deducted():
    # Appointment Fri 7/6/2024; the citizen took 3 working days to supplement: deadline Wed 12/6.
    limit = classify.deadline(CAL, o(3, 6), 480, o(7, 6), supplement_days=3)
    assert limit == o(12, 6)
    assert classify.outcome(limit, o(12, 6)) == ON_TIME  # late by the appointment, on time by the rule
    assert classify.outcome(limit, o(13, 6)) == LATE


def test_second_supplement_request_is_late():
    assert classify.outcome(o(12, 6), o(5, 6), supplements=1) == EARLY
    assert classify.outcome(o(12, 6), o(5, 6), supplements=2) == LATE
    assert classify.overdue(o(12, 6), 2, o(4, 6))  # open, and already overdue
    assert not classify.overdue(o(12, 6), 1, o(12, 6))


def test_refused_withdrawn_stopped_count_as_on_time():
    for ended in (ENDED_REFUSED, ENDED_WITHDRAWN, ENDED_STOPPED):
        assert classify.outcome(o(12, 6), o(20, 6), ended=ended) == ON_TIME
    assert classify.outcome(o(12, 6), o(20, 6), ended=ENDED_RESULT) == LATE


def test_same_day_procedure_and_the_15_oclock_rule():
    # Received Mon 3/6/2024 at 14:59 and 15:00: due that day; at 15:01: due Tue 4/6.
    assert classify.deadline(CAL, o(3, 6), 14 * 60 + 59, o(3, 6), same_day=True) == o(3, 6)
    assert classify.deadline(CAL, o(3, 6), 15 * 60, o(3, 6), same_day=True) == o(3, 6)
    after = classify.deadline(CAL, o(3, 6), 15 * 60 + 1, o(3, 6), same_day=True)
    assert after == o(4, 6)
    assert classify.outcome(after, o(4, 6)) == ON_TIME
    # Received Fri 7/6 at 16:00: the next working day is Mon 10/6.
    assert classify.deadline(CAL, o(7, 6), 16 * 60, o(7, 6), same_day=True) == o(10, 6)
    # Received Saturday 8/6 (online): counted from Monday 10/6.
    assert classify.deadline(CAL, o(8, 6), 9 * 60, o(8, 6), same_day=True) == o(10, 6)


def test_appointment_hour():
    # Due 10:00; result at 10:00 on time, at 10:01 late; early on an earlier day whatever the hour.
    assert classify.outcome(o(5, 6), o(5, 6), 600, 600) == ON_TIME
    assert classify.outcome(o(5, 6), o(5, 6), 600, 601) == LATE
    assert classify.outcome(o(5, 6), o(4, 6), 600, 1000) == EARLY
    assert classify.outcome(o(5, 6), o(5, 6), None, 1000) == ON_TIME


def test_apology_cases():
    due, received = o(14, 6), o(3, 6)  # the last working day for the apology is Thu 13/6
    late_done = o(18, 6)
    ap = classify.apology_state
    assert ap(CAL, due, late_done, o(13, 6), o(19, 6), today=o(1, 7), received=received) == AP_PROPER
    # Before the receipt: impossible, so the dossier is late without an apology.
    assert ap(CAL, due, late_done, o(31, 5), o(19, 6), today=o(1, 7), received=received) == AP_MISSING
    # On the due day: too late to be proper.
    assert ap(CAL, due, late_done, o(14, 6), o(19, 6), today=o(1, 7), received=received) == AP_IMPROPER
    # After the deadline had passed: simply late, no apology.
    assert ap(CAL, due, late_done, o(17, 6), o(19, 6), today=o(1, 7), received=received) == AP_MISSING
    # The new date missed too: improper.
    assert ap(CAL, due, o(20, 6), o(13, 6), o(19, 6), today=o(1, 7), received=received) == AP_IMPROPER
    # Settled on time: no apology needed, whatever was recorded.
    assert ap(CAL, due, o(14, 6), o(13, 6), o(19, 6), today=o(1, 7), received=received) == AP_NONE


@pytest.fixture
def agency(demo_registry):
    from chiso.registry.models import Agency

    return Agency.objects.get(code="bt-stp")


def _dossier(n, agency, procedure, received, due, completed=None, **kw):
    limit = kw.pop("deadline", due)
    return Dossier(
        code=f"R-{n}",
        procedure=procedure,
        agency=agency,
        received=received,
        due=due,
        completed=completed,
        deadline=limit,
        stat_day=completed or limit,
        stat_month=(completed or limit).year * 100 + (completed or limit).month,
        outcome=classify.outcome(
            limit.toordinal(),
            completed.toordinal() if completed else None,
            kw.get("due_min"),
            kw.get("completed_min"),
            kw.get("supplements", 0),
            kw.get("ended", 0),
        ),
        **kw,
    )


def test_period_report_with_backlog(agency):
    p = Procedure.objects.create(code="T-1", name="Thủ tục thử", days=5)
    d = date
    Dossier.objects.bulk_create(
        [
            # Backlog: received in May, still open on 1/6; settled in June on time.
            _dossier(1, agency, p, d(2024, 5, 27), d(2024, 6, 3), d(2024, 6, 3)),
            # Backlog, still open at 30/6 and overdue.
            _dossier(2, agency, p, d(2024, 5, 20), d(2024, 5, 27)),
            # Settled in May: not in June's report at all.
            _dossier(3, agency, p, d(2024, 5, 2), d(2024, 5, 9), d(2024, 5, 8)),
            # Received in June online, settled early.
            _dossier(4, agency, p, d(2024, 6, 3), d(2024, 6, 10), d(2024, 6, 5), channel=2),
            # Received in June, settled late; a second one withdrawn after its due day (counts on time).
            _dossier(5, agency, p, d(2024, 6, 3), d(2024, 6, 10), d(2024, 6, 12)),
            _dossier(6, agency, p, d(2024, 6, 3), d(2024, 6, 10), d(2024, 6, 12), ended=ENDED_WITHDRAWN),
            # Received in June, open at 30/6 within its deadline (1/7), and one settled in July (open at 30/6).
            _dossier(7, agency, p, d(2024, 6, 24), d(2024, 7, 1)),
            _dossier(8, agency, p, d(2024, 6, 24), d(2024, 7, 1), d(2024, 7, 1), channel=3),
            # Received in July: not in June's report.
            _dossier(9, agency, p, d(2024, 7, 1), d(2024, 7, 8)),
        ]
    )
    report = period_report(d(2024, 6, 1), d(2024, 6, 30))
    (row,) = report["rows"]
    assert (row["backlog"], row["received_online"], row["received_direct"], row["to_handle"]) == (2, 1, 4, 7)
    assert (row["settled"], row["early"], row["on_time"], row["late"]) == (4, 1, 2, 1)
    assert (row["open"], row["open_in_time"], row["open_overdue"]) == (3, 2, 1)
    assert row["settled"] + row["open"] == row["to_handle"]
    assert report["total"]["to_handle"] == 7


dossiers = st.fixed_dictionaries(
    {
        "deadline": st.integers(0, 20),
        "completed": st.one_of(st.none(), st.integers(0, 20)),
        "due_min": st.one_of(st.none(), st.integers(0, 1439)),
        "completed_min": st.one_of(st.none(), st.integers(0, 1439)),
        "supplements": st.integers(0, 3),
        "ended": st.sampled_from([0, 1, 2, 3]),
        "as_of": st.integers(0, 20),
    }
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases=st.lists(dossiers, min_size=1, max_size=12))
def test_python_and_sql_rules_agree(agency, cases):
    from django.db import connection

    p, _ = Procedure.objects.get_or_create(code="H-1", defaults={"name": "Thủ tục thử"})
    Dossier.objects.filter(code__startswith="H-").delete()
    base = date(2024, 6, 3).toordinal()
    rows = []
    for i, c in enumerate(cases):
        limit = date.fromordinal(base + c["deadline"])
        done = date.fromordinal(base + c["completed"]) if c["completed"] is not None else None
        rows.append(
            Dossier(
                code=f"H-{i}",
                procedure=p,
                agency=agency,
                received=date.fromordinal(base),
                due=limit,
                deadline=limit,
                completed=done,
                due_min=c["due_min"],
                completed_min=c["completed_min"],
                supplements=c["supplements"],
                ended=c["ended"],
                stat_day=limit,
                stat_month=202406,
            )
        )
    Dossier.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        for i, c in enumerate(cases):
            as_of = date.fromordinal(base + c["as_of"])
            cursor.execute(
                f"SELECT {classify.outcome_sql('d')}, CASE WHEN {classify.overdue_sql('d', '%s')} THEN 1 ELSE 0 END "
                "FROM dossiers_dossier d WHERE d.code = %s",
                [as_of, f"H-{i}"],
            )
            sql_outcome, sql_overdue = cursor.fetchone()
            expected = classify.outcome(
                base + c["deadline"],
                None if c["completed"] is None else base + c["completed"],
                c["due_min"],
                c["completed_min"],
                c["supplements"],
                c["ended"],
            )
            assert sql_outcome == expected == (expected if expected != OPEN else OPEN)
            assert bool(sql_overdue) == classify.overdue(
                base + c["deadline"], c["supplements"], base + c["as_of"]
            )


def test_period_report_command_writes_xlsx_and_docx(agency, tmp_path):
    from io import StringIO

    from django.core.management import call_command
    from docx import Document

    p = Procedure.objects.create(code="T-2", name="Thủ tục thử", days=5)
    Dossier.objects.bulk_create(
        [_dossier(1, agency, p, date(2024, 5, 27), date(2024, 6, 3), date(2024, 6, 4))]
    )
    out = StringIO()
    call_command(
        "dossier-report",
        "--from",
        "2024-06-01",
        "--to",
        "2024-06-30",
        "--xlsx",
        str(tmp_path / "r.xlsx"),
        "--docx",
        str(tmp_path / "r.docx"),
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Đơn vị\tTồn kỳ trước") and lines[-1].startswith(
        "Tổng cộng\t1\t0\t0\t1\t1\t0\t0\t1"
    )
    assert "BÁO CÁO" in "\n".join(p.text for p in Document(tmp_path / "r.docx").paragraphs)
    assert (tmp_path / "r.xlsx").stat().st_size > 0
