"""The 766 indicators that dossier data can compute (QĐ 766/QĐ-TTg; formulas per domain.md §6.2).

Stored as numerator/denominator per agency and period (each month, and the year as yyyy00) after every
import. Score: Pmax when the ratio reaches the target, else ratio × Pmax / target (the rule community
dashboards use — UNCONFIRMED as official); Pmax per indicator is our choice from the group maxima.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Sum

from ..models import IndicatorValue, StatDay, StatMonth

# code: (name, target, Pmax, how numerator/denominator come from summed counters)
INDICATORS = {
    "2.1": ("Hồ sơ đã và đang xử lý đúng hạn hoặc trong hạn / hồ sơ tiếp nhận, xử lý trong kỳ", None, 20.0),
    "3.3": ("Hồ sơ nộp trực tuyến / tổng hồ sơ tiếp nhận", 0.5, 12.0),
    "3.6": ("Hồ sơ thanh toán trực tuyến / hồ sơ thuộc TTHC có phí, lệ phí", None, 10.0),
    "5.4": ("100% − tỷ lệ hồ sơ quá hạn (phần dữ liệu hồ sơ tính được)", 0.9, 6.0),
}
GRADES = [
    (90, "Xuất sắc"),
    (80, "Tốt"),
    (70, "Khá"),
    (50, "Trung bình"),
    (0, "Yếu"),
]  # Khá/TB bounds UNCONFIRMED


def fractions(c, overdue):
    """{code: (numerator, denominator)} from summed counters and open-overdue count."""
    total = c["total"]
    return {
        "2.1": (c["early"] + c["on_time"] + c["open"] - overdue, total),
        "3.3": (c["online"], total),
        "3.6": (c["paid_online"], c["with_fee"]),
        "5.4": (total - c["late"] - overdue, total),
    }


def score(code, numerator, denominator):
    _name, target, pmax = INDICATORS[code]
    if not denominator:
        return None
    r = numerator / denominator
    return round(pmax if target and r >= target else r * pmax / (target or 1), 2)


def grade(points, max_points):
    if not max_points:
        return ""
    percent = 100 * points / max_points
    return next(label for bound, label in GRADES if percent >= bound)


def refresh(months, today):
    """Recompute the stored indicators for these months and their years."""
    months = sorted(set(months))
    if not months:
        return
    years = sorted({m // 100 for m in months})
    periods = list(months) + [y * 100 for y in years]
    fields = ["total", "early", "on_time", "open", "online", "paid_online", "with_fee", "late"]
    counters = defaultdict(lambda: defaultdict(int))
    for r in (
        StatMonth.objects.filter(month__in=[m for y in years for m in range(y * 100 + 1, y * 100 + 13)])
        .values("agency_id", "month")
        .annotate(**{f: Sum(f) for f in fields})
    ):
        for key in ((r["agency_id"], r["month"]), (r["agency_id"], r["month"] // 100 * 100)):
            for f in fields:
                counters[key][f] += r[f] or 0
    overdue = defaultdict(int)
    for r in (
        StatDay.objects.filter(
            day__lt=today, open__gt=0, month__gte=years[0] * 100, month__lte=years[-1] * 100 + 12
        )
        .values("agency_id", "month")
        .annotate(n=Sum("open"))
    ):
        overdue[(r["agency_id"], r["month"])] += r["n"]
        overdue[(r["agency_id"], r["month"] // 100 * 100)] += r["n"]
    rows = []
    for (agency_id, period), c in counters.items():
        if period not in periods:
            continue
        for code, (num, den) in fractions(c, overdue[(agency_id, period)]).items():
            rows.append(
                IndicatorValue(agency_id=agency_id, period=period, code=code, numerator=num, denominator=den)
            )
    with transaction.atomic():
        IndicatorValue.objects.filter(period__in=periods).delete()
        IndicatorValue.objects.bulk_create(rows, batch_size=2000)


def table(period, agency_ids=None):
    """[{agency_id, values: {code: (num, den, ratio, score)}, points, max, grade}] for a period."""
    qs = IndicatorValue.objects.filter(period=period)
    if agency_ids is not None:
        qs = qs.filter(agency_id__in=agency_ids)
    by_agency = defaultdict(dict)
    for v in qs:
        by_agency[v.agency_id][v.code] = (
            v.numerator,
            v.denominator,
            round(v.numerator / v.denominator, 4) if v.denominator else None,
            score(v.code, v.numerator, v.denominator),
        )
    out = []
    for agency_id, values in by_agency.items():
        scored = [(INDICATORS[c][2], s[3]) for c, s in values.items() if s[3] is not None]
        points = round(sum(s for _p, s in scored), 2)
        maximum = sum(p for p, _s in scored)
        out.append(
            {
                "agency_id": agency_id,
                "values": values,
                "points": points,
                "max": maximum,
                "grade": grade(points, maximum),
            }
        )
    out.sort(key=lambda r: -(r["points"] / r["max"] if r["max"] else 0))
    return out
