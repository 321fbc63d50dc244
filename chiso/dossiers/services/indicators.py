"""The QĐ 766/QĐ-TTg index (Bộ chỉ số phục vụ người dân, doanh nghiệp): every indicator one-stop data and
the procedure catalogue can feed, grouped as the national portal (dichvucong.gov.vn) shows them.

Formulas: VPCP's "Công thức 766" as reconstructed in domain.md §6.2 (numerator / denominator). Group maxima
(18, 20, 12, 10, 22, 18 = 100) are the portal's. Per-indicator points and the conversion rule "Pmax when
the ratio reaches the threshold, else ratio × Pmax / threshold" are NOT confirmed by an official text:
they are kept here as data, marked, and the page says so. Indicators that need data chiso lacks (the
national catalogue's publication dates, PAKN handling, citizen-database links) are listed as not computed
and left out of the maximum; a grade is given only when the computed indicators cover at least
MIN_COVERAGE of the 100 points.

Stored per agency and period (yyyymm, and yyyy00 for the year) as numerator/denominator after each import.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction

from ..models import STAT_FIELDS, IndicatorValue, Procedure


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    group: str
    points: float  # Pmax (UNCONFIRMED split of the group's points, except where noted)
    threshold: float | None  # ratio at which the whole Pmax is earned (None: proportional)
    computed: bool  # whether chiso can compute it from one-stop data and the catalogue
    formula: str
    proxy: str = ""  # how chiso's figure differs from VPCP's, if it does


GROUPS = [
    ("cong-khai", "Công khai, minh bạch", 18),
    ("tien-do", "Tiến độ giải quyết", 20),
    ("dvc-truc-tuyen", "Dịch vụ công trực tuyến", 12),
    ("thanh-toan", "Thanh toán trực tuyến", 10),
    ("so-hoa", "Số hóa hồ sơ", 22),
    ("hai-long", "Mức độ hài lòng", 18),
]
GROUP_NAMES = {code: name for code, name, _p in GROUPS}

INDICATORS = {
    i.code: i
    for i in [
        Indicator(
            "1.1",
            "TTHC công bố đúng hạn",
            "cong-khai",
            4,
            None,
            False,
            "TTHC công bố đúng hạn / TTHC đã công bố trong kỳ",
        ),
        Indicator(
            "1.2",
            "TTHC công khai đúng hạn trên CSDL quốc gia",
            "cong-khai",
            4,
            None,
            False,
            "TTHC công khai đúng hạn / TTHC phải công khai trong kỳ",
        ),
        Indicator(
            "1.3",
            "TTHC đầy đủ bộ phận cấu thành",
            "cong-khai",
            4,
            None,
            False,
            "TTHC đầy đủ bộ phận cấu thành / TTHC đã công khai",
        ),
        Indicator(
            "1.4",
            "Đồng bộ hồ sơ",
            "cong-khai",
            6,
            None,
            True,
            "Hồ sơ đã đồng bộ / hồ sơ tiếp nhận trong kỳ",
            "hồ sơ có kết quả cập nhật trên hệ thống / hồ sơ của kỳ (không có số liệu của Cổng DVC quốc gia)",
        ),
        Indicator(
            "2.1",
            "Giải quyết đúng hạn",
            "tien-do",
            20,
            None,
            True,
            "Hồ sơ đã và đang xử lý đúng hạn hoặc trong hạn / hồ sơ tiếp nhận, xử lý trong kỳ",
        ),
        Indicator(
            "2.2",
            "Thời gian giải quyết trung bình (ngày làm việc, theo dõi)",
            "tien-do",
            0,
            None,
            True,
            "Σ thời gian giải quyết / hồ sơ hoàn thành",
        ),
        Indicator(
            "3.1",
            "TTHC có dịch vụ công trực tuyến",
            "dvc-truc-tuyen",
            4,
            0.8,
            True,
            "TTHC có DVCTT (một phần hoặc toàn trình) / TTHC có hồ sơ trong kỳ",
            "mẫu số: TTHC có hồ sơ trong kỳ (không phải toàn bộ TTHC thuộc thẩm quyền)",
        ),
        Indicator(
            "3.2",
            "DVC trực tuyến phát sinh hồ sơ trực tuyến",
            "dvc-truc-tuyen",
            4,
            None,
            True,
            "DVC có hồ sơ nộp trực tuyến / DVC của TTHC",
        ),
        Indicator(
            "3.3",
            "Hồ sơ nộp trực tuyến",
            "dvc-truc-tuyen",
            4,
            0.5,
            True,
            "Hồ sơ trực tuyến / tổng hồ sơ tiếp nhận",
        ),
        Indicator(
            "3.5",
            "TTHC có phí thanh toán trực tuyến",
            "thanh-toan",
            5,
            0.8,
            True,
            "TTHC có hồ sơ thanh toán trực tuyến / TTHC có phí, lệ phí",
            "tử số: TTHC có ít nhất một hồ sơ thanh toán trực tuyến",
        ),
        Indicator(
            "3.6",
            "Hồ sơ thanh toán trực tuyến",
            "thanh-toan",
            5,
            None,
            True,
            "Hồ sơ thanh toán trực tuyến / hồ sơ thuộc TTHC có phí, lệ phí",
        ),
        Indicator(
            "4.1",
            "Kết quả điện tử",
            "so-hoa",
            4,
            None,
            True,
            "Hồ sơ có kết quả điện tử / hồ sơ đã giải quyết (có cột số hóa)",
        ),
        Indicator(
            "4.2",
            "Số hóa hồ sơ và kết quả",
            "so-hoa",
            5,
            0.8,
            True,
            "Hồ sơ được số hóa và có kết quả điện tử / hồ sơ tiếp nhận (có cột số hóa)",
        ),
        Indicator(
            "4.3",
            "Tái sử dụng dữ liệu số hóa",
            "so-hoa",
            5,
            0.8,
            True,
            "Hồ sơ có thành phần tái sử dụng / hồ sơ tiếp nhận (có cột số hóa)",
        ),
        Indicator(
            "4.4",
            "Dữ liệu từ kho cá nhân",
            "so-hoa",
            4,
            None,
            True,
            "Hồ sơ có thành phần lấy từ kho dữ liệu cá nhân / hồ sơ tiếp nhận (có cột số hóa)",
        ),
        Indicator(
            "4.5",
            "Kết nối CSDL quốc gia về dân cư",
            "so-hoa",
            4,
            None,
            False,
            "TTHC, hồ sơ dùng dữ liệu dân cư",
        ),
        Indicator(
            "5.2", "PAKN xử lý đúng hạn", "hai-long", 6, None, False, "PAKN xử lý đúng hạn / PAKN trong kỳ"
        ),
        Indicator(
            "5.3", "Hài lòng trong xử lý PAKN", "hai-long", 6, None, False, "(PAKN − không hài lòng) / PAKN"
        ),
        Indicator(
            "5.4",
            "Hài lòng trong tiếp nhận, giải quyết TTHC",
            "hai-long",
            6,
            0.9,
            True,
            "100% − (tỷ lệ hồ sơ quá hạn + tỷ lệ hồ sơ có PAKN hoặc đánh giá không hài lòng)",
        ),
    ]
}
# The 6 points of 5.4 and the 20 of group 2 are in the published summaries (domain.md §6.1); the rest of
# the split and every threshold-to-points rule is ours until VPCP's appendix is found.
CONFIRMED_POINTS = {"2.1", "5.4"}
MIN_COVERAGE = 50  # points of the 100 the computed indicators must cover for a grade
GRADES = [(90, "Xuất sắc"), (80, "Tốt"), (70, "Khá"), (50, "Trung bình"), (0, "Yếu")]  # Khá/TB UNCONFIRMED
COUNTERS = STAT_FIELDS


def fractions(c, overdue, procedures=None):
    """{code: (numerator, denominator)} from summed counters, the open-overdue count, and per procedure
    (online_level, fee, dossiers, online dossiers, paid online) for the procedure-level indicators."""
    total = c["total"]
    completed = c["early"] + c["on_time"] + c["late"]
    out = {
        "1.4": (c["synced"], total),
        "2.1": (c["early"] + c["on_time"] + c["open"] - overdue, total),
        "2.2": (c["work_days"], completed),
        "3.3": (c["online"], total),
        "3.6": (c["paid_online"], c["with_fee"]),
        "5.4": (max(0, total - c["late"] - overdue - c["disliked"]), total),
    }
    if c["flags_known"]:
        known = c["flags_known"]
        out.update(
            {
                "4.1": (c["e_result"], known),
                "4.2": (c["digitized"], known),
                "4.3": (c["reused"], known),
                "4.4": (c["from_store"], known),
            }
        )
    if procedures is not None:
        offered = [p for p in procedures if p[0]]
        with_fee = [p for p in procedures if p[1]]
        out.update(
            {
                "3.1": (len(offered), len(procedures)),
                "3.2": (sum(1 for p in offered if p[3]), len(offered)),
                "3.5": (sum(1 for p in with_fee if p[4]), len(with_fee)),
            }
        )
    return out


def score(code, numerator, denominator):
    """Points earned, or None when there is nothing to judge (no dossier, or a tracking indicator)."""
    ind = INDICATORS[code]
    if not denominator or not ind.points:
        return None
    r = numerator / denominator
    if ind.threshold:
        return round(ind.points if r >= ind.threshold else r * ind.points / ind.threshold, 2)
    return round(min(r, 1) * ind.points, 2)


def grade(points, max_points):
    """A grade on the computed share, only when it covers at least MIN_COVERAGE of the 100 points."""
    if max_points < MIN_COVERAGE:
        return ""
    percent = 100 * points / max_points
    return next(label for bound, label in GRADES if percent >= bound)


def summary(values):
    """{code: (num, den, ratio, score)} -> groups as the portal shows them, points, maximum, grade."""
    groups = []
    points = maximum = 0.0
    for gcode, gname, gmax in GROUPS:
        rows, gpoints, gcomputed = [], 0.0, 0.0
        for ind in INDICATORS.values():
            if ind.group != gcode:
                continue
            found = values.get(ind.code)
            s = found[3] if found else None
            if s is not None:
                gpoints += s
                gcomputed += ind.points
            rows.append((ind, found))
        groups.append(
            {
                "code": gcode,
                "name": gname,
                "max": gmax,
                "points": round(gpoints, 2),
                "computed_max": gcomputed,
                "rows": rows,
            }
        )
        points += gpoints
        maximum += gcomputed
    return {
        "groups": groups,
        "points": round(points, 2),
        "max": maximum,
        "grade": grade(points, maximum),
        "percent": round(100 * points / maximum, 1) if maximum else None,
    }


def refresh(months, today):
    """Recompute the stored indicators for these months and their years (sums done by the database)."""
    computed = compute(months, today)
    if computed is not None:
        store(*computed)


def compute(months, today, new_months_table=None, new_days_table=None):
    """(periods, rows) of the indicators for these months and their years, from the summary tables; with
    the two new_* temp tables (stats.compute_stats), these months are read from them instead, so the values
    can be computed before the summaries are swapped in (outside SQLite's write lock)."""
    months = sorted(set(months))
    if not months:
        return None
    years = sorted({m // 100 for m in months})
    periods = set(months) | {y * 100 for y in years}
    first, last = years[0] * 100, years[-1] * 100 + 12
    marks = ", ".join(str(int(m)) for m in months)
    counters = ", ".join(COUNTERS)

    def source(table, new_table, keys):
        cols = f"{keys}, {counters}"
        if new_table is None:
            return f"(SELECT {cols} FROM {table} WHERE month >= {first} AND month <= {last})"
        return (
            f"(SELECT {cols} FROM {table} WHERE month >= {first} AND month <= {last} AND month NOT IN ({marks}) "
            f"UNION ALL SELECT {cols} FROM {new_table})"
        )

    month_rows = source("dossiers_statmonth", new_months_table, "agency_id, procedure_id, month")
    day_rows = source("dossiers_statday", new_days_table, "agency_id, day, month")
    sums = ", ".join(f"SUM({f})" for f in COUNTERS)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT agency_id, month, {sums} FROM {month_rows} s GROUP BY agency_id, month")
        by_month = cursor.fetchall()
        cursor.execute(
            f"SELECT agency_id, procedure_id, month, SUM(total), SUM(online), SUM(paid_online) "
            f"FROM {month_rows} s GROUP BY agency_id, procedure_id, month"
        )
        by_procedure = cursor.fetchall()
        cursor.execute(
            f"SELECT agency_id, month, SUM(open) FROM {day_rows} s WHERE day < %s AND open > 0 "
            "GROUP BY agency_id, month",
            [date.fromordinal(today) if isinstance(today, int) else today],
        )
        by_overdue = cursor.fetchall()
    counters_of = defaultdict(lambda: dict.fromkeys(COUNTERS, 0))
    for agency_id, month, *values in by_month:
        for key in ((agency_id, month), (agency_id, month // 100 * 100)):
            if key[1] in periods:
                bucket = counters_of[key]
                for f, v in zip(COUNTERS, values):
                    bucket[f] += int(v or 0)  # PostgreSQL sums bigints as numeric
    procs = {p.pk: (p.online_group, p.fee > 0) for p in Procedure.objects.only("id", "online_level", "fee")}
    per_procedure = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    for agency_id, procedure_id, month, total, online, paid in by_procedure:
        for key in ((agency_id, month), (agency_id, month // 100 * 100)):
            if key[1] in periods:
                acc = per_procedure[key][procedure_id]
                acc[0] += int(total or 0)
                acc[1] += int(online or 0)
                acc[2] += int(paid or 0)
    overdue = defaultdict(int)
    for agency_id, month, n in by_overdue:
        overdue[(agency_id, month)] += int(n)
        overdue[(agency_id, month // 100 * 100)] += int(n)
    out = []
    for (agency_id, period), c in counters_of.items():
        procedures = [
            (*procs.get(pid, ("", False)), *acc) for pid, acc in per_procedure[(agency_id, period)].items()
        ]
        for code, (num, den) in fractions(c, overdue[(agency_id, period)], procedures).items():
            out.append((agency_id, period, code, num, den))
    return periods, out


def store(periods, out):
    with transaction.atomic():
        IndicatorValue.objects.filter(period__in=periods).delete()
        # Plain executemany: thousands of rows, where the ORM's bulk_create spends its time compiling SQL.
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO dossiers_indicatorvalue (agency_id, period, code, numerator, denominator) "
                "VALUES (%s, %s, %s, %s, %s)",
                out,
            )


def values_for(period, agency_ids=None):
    """{agency_id: {code: (num, den, ratio, score)}} stored for a period."""
    qs = IndicatorValue.objects.filter(period=period)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    by_agency = defaultdict(dict)
    for v in qs:
        if v.code not in INDICATORS:
            continue
        by_agency[v.agency_id][v.code] = (
            v.numerator,
            v.denominator,
            round(v.numerator / v.denominator, 4) if v.denominator else None,
            score(v.code, v.numerator, v.denominator),
        )
    return by_agency


def table(period, agency_ids=None):
    """[{agency_id, values, groups, points, max, grade, percent}] for a period, best first."""
    out = [
        {"agency_id": a, "values": values, **summary(values)}
        for a, values in values_for(period, agency_ids).items()
    ]
    out.sort(key=lambda r: -(r["points"] / r["max"] if r["max"] else 0))
    return out
