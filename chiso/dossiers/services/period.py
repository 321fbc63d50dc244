"""The period report as provincial one-stop statistics show it (Mẫu 06a "Báo cáo tổng hợp tình hình, kết quả
giải quyết TTHC"): backlog from the previous period, received in the period (online / direct and post),
settled early, on time (refused and withdrawn included), late, and still open at the end within the
deadline or overdue, per handling agency and for the whole.

Judged in SQL over the dossier rows with the rules module's own expressions (classify.outcome_sql and
overdue_sql), so a report never disagrees with the importer.
"""

from datetime import date

from django.db import connection

from ..models import EARLY, LATE, ON_TIME, ONLINE, hidden_runs_sql
from .classify import outcome_sql, overdue_sql

COLUMNS = [
    ("backlog", "Tồn kỳ trước"),
    ("received_online", "Trong kỳ: trực tuyến"),
    ("received_direct", "Trong kỳ: trực tiếp, dịch vụ bưu chính"),
    ("to_handle", "Tổng số hồ sơ cần giải quyết"),
    ("settled", "Đã giải quyết: tổng số"),
    ("early", "Đã giải quyết: trước hạn"),
    ("on_time", "Đã giải quyết: đúng hạn (gồm hồ sơ trả lại, xin rút)"),
    ("late", "Đã giải quyết: quá hạn"),
    ("open", "Đang giải quyết: tổng số"),
    ("open_in_time", "Đang giải quyết: trong hạn (gồm hồ sơ chờ bổ sung)"),
    ("open_overdue", "Đang giải quyết: quá hạn"),
]


def period_report(start, end, agency_ids=None):
    """{"rows": [{agency_id, agency, <COLUMNS>, on_time_rate}], "total": {...}, "start", "end"}."""
    outcome = outcome_sql("d")
    # Open at the end: not completed, or completed after the end; judged against the end of the period.
    open_at_end = "(d.completed IS NULL OR d.completed > %s)"
    flag = "SUM(CASE WHEN {} THEN 1 ELSE 0 END)"
    select = [
        flag.format("d.received < %s"),
        flag.format(f"d.received >= %s AND d.channel = {ONLINE}"),
        flag.format(f"d.received >= %s AND d.channel <> {ONLINE}"),
        flag.format(f"d.completed >= %s AND d.completed <= %s AND ({outcome}) = {EARLY}"),
        flag.format(f"d.completed >= %s AND d.completed <= %s AND ({outcome}) = {ON_TIME}"),
        flag.format(f"d.completed >= %s AND d.completed <= %s AND ({outcome}) = {LATE}"),
        flag.format(f"{open_at_end} AND NOT {overdue_sql('d', '%s')}"),
        flag.format(f"{open_at_end} AND {overdue_sql('d', '%s')}"),
    ]
    params = [start, start, start, start, end, start, end, start, end, end, end, end, end]
    where = f"d.received <= %s AND (d.completed IS NULL OR d.completed >= %s) AND {hidden_runs_sql('d')}"
    params += [end, start]
    if agency_ids is not None:
        ids = list(agency_ids) or [-1]
        where += f" AND d.agency_id IN ({', '.join(['%s'] * len(ids))})"
        params += ids
    sql = (
        f"SELECT d.agency_id, {', '.join(select)} FROM dossiers_dossier d WHERE {where} GROUP BY d.agency_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchall()
    from chiso.registry.models import Agency

    names = dict(Agency.objects.filter(pk__in=[r[0] for r in found]).values_list("id", "name"))
    rows = [_row(r[1:], agency_id=r[0], agency=names.get(r[0], str(r[0]))) for r in found]
    rows.sort(key=lambda r: r["agency"])
    total = _row(
        [
            sum(r[k] for r in rows)
            for k in (
                "backlog",
                "received_online",
                "received_direct",
                "early",
                "on_time",
                "late",
                "open_in_time",
                "open_overdue",
            )
        ],
        agency="Tổng cộng",
    )
    return {"rows": rows, "total": total, "start": start, "end": end}


def _row(values, **extra):
    backlog, online, direct, early, on_time, late, in_time, overdue = (int(v or 0) for v in values)
    settled = early + on_time + late
    return {
        **extra,
        "backlog": backlog,
        "received_online": online,
        "received_direct": direct,
        "to_handle": backlog + online + direct,
        "settled": settled,
        "early": early,
        "on_time": on_time,
        "late": late,
        "open": in_time + overdue,
        "open_in_time": in_time,
        "open_overdue": overdue,
        "on_time_rate": round((early + on_time) / settled, 4) if settled else None,
    }


def title(start, end):
    return f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def quarter_bounds(year, quarter):
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1)
    return first, date.fromordinal(last.toordinal() - 1)
