"""Summary tables (per agency × day, per agency × procedure × month) and the figures read from them.

They are rebuilt for whole months from the dossier rows after each import (the months a file touched,
before and after its update), so re-importing changed rows never leaves stale counts; every dashboard
and the command line read only these tables.
"""

from datetime import date

from django.db import connection, transaction

from ..models import AP_IMPROPER, EARLY, LATE, ON_TIME, ONLINE, OPEN, STAT_FIELDS, hidden_runs_sql
from .figures import public

FULL = "('4', 'toan_trinh')"
# Ratings of 1–5 where the portal's "không hài lòng" is the lowest two (an assumption: exports differ).
DISLIKE_MAX = 2
PARTIAL = "('3', 'mot_phan')"


def _aggregates():
    def flag(cond):
        return f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END)"

    return [
        "COUNT(*)",
        flag(f"d.outcome = {EARLY}"),
        flag(f"d.outcome = {ON_TIME}"),
        flag(f"d.outcome = {LATE}"),
        flag(f"d.outcome = {OPEN}"),
        flag(f"d.outcome = {OPEN} AND d.apology_date IS NOT NULL"),
        flag(f"d.outcome = {LATE} AND d.apology_date IS NULL"),
        flag(f"d.apology_state = {AP_IMPROPER}"),
        flag(f"d.channel = {ONLINE}"),
        flag(f"p.online_level IN {FULL}"),
        flag(f"p.online_level IN {PARTIAL}"),
        flag(f"p.online_level IN {FULL} AND d.channel = {ONLINE}"),
        flag(f"p.online_level IN {PARTIAL} AND d.channel = {ONLINE}"),
        flag("d.online_payment"),
        flag("p.fee > 0"),
        "SUM(COALESCE(d.work_days, 0))",
        flag("d.rating IS NOT NULL"),
        "SUM(COALESCE(d.rating, 0))",
        flag("d.in_system"),
        flag(
            "d.e_result IS NOT NULL OR d.digitized IS NOT NULL OR d.reused IS NOT NULL OR d.from_store IS NOT NULL"
        ),
        flag("d.e_result"),
        flag("d.digitized AND d.e_result"),
        flag("d.reused"),
        flag("d.from_store"),
        flag(f"d.complaint OR d.rating <= {DISLIKE_MAX}"),
    ]


NEW_DAY, NEW_MONTH = "dossier_new_statday", "dossier_new_statmonth"


def compute_stats(months, run=None):
    """Both summaries for these months into the temp tables NEW_DAY and NEW_MONTH (this connection only;
    on SQLite no database lock is taken, so it can run before the swap's short transaction): one pass over
    the visible dossiers (plus those of import `run`) into a per agency × procedure × day table, then both
    summaries from that much smaller table."""
    months = sorted(set(int(m) for m in months))
    counters = ", ".join(STAT_FIELDS)
    sums = ", ".join(f"SUM({f})" for f in STAT_FIELDS)
    aggs = ", ".join(f"{a} AS {f}" for a, f in zip(_aggregates(), STAT_FIELDS))
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {NEW_DAY}")
        cursor.execute(f"DROP TABLE IF EXISTS {NEW_MONTH}")
        cursor.execute(
            f"CREATE TEMP TABLE {NEW_DAY} (agency_id BIGINT, day DATE, month INTEGER, "
            + ", ".join(f"{f} BIGINT" for f in STAT_FIELDS)
            + ")"
        )
        cursor.execute(
            f"CREATE TEMP TABLE {NEW_MONTH} (agency_id BIGINT, procedure_id BIGINT, month INTEGER, "
            + ", ".join(f"{f} BIGINT" for f in STAT_FIELDS)
            + ")"
        )
        for start in range(0, len(months), 200):
            chunk = months[start : start + 200]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute("DROP TABLE IF EXISTS dossier_stat_stage")
            cursor.execute(
                f"""CREATE TEMP TABLE dossier_stat_stage AS
                SELECT d.agency_id AS agency_id, d.procedure_id AS procedure_id, d.stat_day AS day, d.stat_month AS month, {aggs}
                FROM dossiers_dossier d JOIN dossiers_procedure p ON p.id = d.procedure_id
                WHERE d.stat_month IN ({marks}) AND {hidden_runs_sql("d", run)}
                GROUP BY d.agency_id, d.procedure_id, d.stat_day, d.stat_month""",
                chunk,
            )
            cursor.execute(f"""INSERT INTO {NEW_MONTH} (agency_id, procedure_id, month, {counters})
                SELECT agency_id, procedure_id, month, {sums} FROM dossier_stat_stage GROUP BY agency_id, procedure_id, month""")
            cursor.execute(f"""INSERT INTO {NEW_DAY} (agency_id, day, month, {counters})
                SELECT agency_id, day, month, {sums} FROM dossier_stat_stage GROUP BY agency_id, day, month""")
            cursor.execute("DROP TABLE dossier_stat_stage")
    return months


def swap_stats(months):
    """Replace these months of both summaries by the rows compute_stats left in the temp tables."""
    counters = ", ".join(STAT_FIELDS)
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(months), 200):
            chunk = months[start : start + 200]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM dossiers_statday WHERE month IN ({marks})", chunk)
            cursor.execute(f"DELETE FROM dossiers_statmonth WHERE month IN ({marks})", chunk)
        cursor.execute(f"""INSERT INTO dossiers_statmonth (agency_id, procedure_id, month, {counters})
            SELECT agency_id, procedure_id, month, {counters} FROM {NEW_MONTH}""")
        cursor.execute(f"""INSERT INTO dossiers_statday (agency_id, day, month, {counters})
            SELECT agency_id, day, month, {counters} FROM {NEW_DAY}""")


def drop_new_stats():
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {NEW_DAY}")
        cursor.execute(f"DROP TABLE IF EXISTS {NEW_MONTH}")


def rebuild_stats(months, run=None):
    """Recompute both summaries for these months (inside one transaction)."""
    months = sorted(set(int(m) for m in months))
    if not months:
        return
    with transaction.atomic():
        compute_stats(months, run)
        swap_stats(months)
        drop_new_stats()


def rebuild_all():
    with connection.cursor() as cursor:
        cursor.execute("SELECT DISTINCT stat_month FROM dossiers_dossier")
        months = [r[0] for r in cursor.fetchall()]
        cursor.execute("DELETE FROM dossiers_statday")
        cursor.execute("DELETE FROM dossiers_statmonth")
    rebuild_stats(months)


def _sums():
    return ", ".join(f"COALESCE(SUM({f}), 0)" for f in STAT_FIELDS)


def period_stats(start, end, agency_ids=None, today=None):
    """Figures for dossiers completed (open: due) between start and end, from the per-day summary."""
    today = today or date.today()
    where, params = ["day >= %s", "day <= %s"], [start, end]
    if agency_ids is not None:
        ids = list(agency_ids) or [-1]
        where.append(f"agency_id IN ({', '.join(['%s'] * len(ids))})")
        params += ids
    overdue = "COALESCE(SUM(CASE WHEN day < %s THEN open ELSE 0 END), 0), COALESCE(SUM(CASE WHEN day < %s THEN open_apology ELSE 0 END), 0)"
    cond = " AND ".join(where)
    names = STAT_FIELDS + ["open_overdue", "open_overdue_apology"]

    def query(group):
        select = f"{group + ', ' if group else ''}{_sums()}, {overdue}"
        sql = f"SELECT {select} FROM dossiers_statday WHERE {cond}"
        if group:
            sql += f" GROUP BY {group} ORDER BY {group}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [today, today] + params)
            # PostgreSQL sums integers as numeric (Decimal).
            return [
                tuple(int(v) if hasattr(v, "as_integer_ratio") and not isinstance(v, int) else v for v in r)
                for r in cursor.fetchall()
            ]

    total = dict(zip(names, query("")[0]))
    result = public(total)
    from chiso.registry.models import Agency

    names_by_id = dict(Agency.objects.values_list("id", "name"))
    result["by_agency"] = []
    for row in query("agency_id"):
        figures = public(dict(zip(names, row[1:])))
        result["by_agency"].append(
            {"agency_id": row[0], "agency": names_by_id.get(row[0], str(row[0])), **figures}
        )
    result["by_agency"].sort(key=lambda r: (-(r["total"]), r["agency"]))
    result["by_month"] = []
    for row in query("month"):
        figures = public(dict(zip(names, row[1:])))
        result["by_month"].append({"month": f"{row[0] // 100:04d}-{row[0] % 100:02d}", **figures})
    return result
