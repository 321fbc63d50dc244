"""Dashboard figures, read from the summary tables only, within what the user may see."""

from datetime import date

from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum

from chiso.registry import permissions
from chiso.registry.models import Agency

from ..models import INDICATOR_ONLY, STAT_FIELDS, Procedure, StatDay, StatMonth
from .figures import figures

SUMS = {f: Sum(f) for f in STAT_FIELDS if f not in INDICATOR_ONLY}


def visible_agency_ids(user):
    """None when the user sees every agency, else the set of own agencies."""
    return permissions.agency_scope(user, "view", "dossier")


def _restrict(qs, agency_ids):
    return qs if agency_ids is None else qs.filter(agency_id__in=agency_ids)


CACHE_SECONDS = 300  # bounds how long a renamed procedure keeps its old name on the dashboard


def fingerprint(today=None):
    """Changes whenever the summary tables do: every rebuild deletes and inserts rows, and inserted rows
    get new ids (AUTOINCREMENT on SQLite, a sequence on PostgreSQL), so (count, highest id) moves; with the
    day (open dossiers become overdue) and the registry's version stamp (agency names)."""
    from chiso.registry.services import VERSION_KEY

    agg = StatMonth.objects.aggregate(n=Count("pk"), m=Max("pk"))
    return f"{agg['n']}-{agg['m']}-{(today or date.today()).isoformat()}-{cache.get(VERSION_KEY, 0)}"


def scope_key(agency_ids):
    import hashlib

    if agency_ids is None:
        return "all"
    return hashlib.sha1(",".join(str(i) for i in sorted(agency_ids)).encode()).hexdigest()[:20]


def cached(name, fp, build):
    """A dashboard part computed from the summary tables, shared by the web processes until they change."""
    key = f"chiso:dossiers:{name}:{fp}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, CACHE_SECONDS)
    return value


def years(agency_ids):
    """Years with data, the busiest first (a December's dossiers finishing in January must not make the
    new year, with a handful of dossiers, the default view); then the rest, newest first."""
    totals = {}
    for month, n in _restrict(StatMonth.objects, agency_ids).values_list("month").annotate(n=Sum("total")):
        totals[month // 100] = totals.get(month // 100, 0) + (n or 0)
    if not totals:
        return []
    busiest = max(totals, key=lambda y: (totals[y], y))
    return [busiest] + sorted((y for y in totals if y != busiest), reverse=True)


def enrich(row):
    return figures(row)


def year_filter(year, agency_ids, agency=None):
    qs = _restrict(
        StatMonth.objects.filter(month__gte=year * 100 + 1, month__lte=year * 100 + 12), agency_ids
    )
    return qs.filter(agency_id=agency) if agency else qs


def totals(year, agency_ids, agency=None):
    return enrich(year_filter(year, agency_ids, agency).aggregate(**SUMS))


def by_month(year, agency_ids, agency=None):
    rows = year_filter(year, agency_ids, agency).values("month").annotate(**SUMS).order_by("month")
    return [enrich(dict(r)) for r in rows]


def open_overdue(agency_ids, today=None, year=None):
    """Per agency: open dossiers past due (by the per-day summary, as of today)."""
    today = today or date.today()
    qs = _restrict(StatDay.objects.filter(day__lt=today, open__gt=0), agency_ids)
    if year:
        qs = qs.filter(month__gte=year * 100 + 1, month__lte=year * 100 + 12)
    return {
        r["agency_id"]: (r["n"], r["n"] - r["a"])
        for r in qs.values("agency_id").annotate(n=Sum("open"), a=Sum("open_apology"))
    }


def league(year, agency_ids, today=None):
    names = dict(Agency.objects.values_list("id", "name"))
    overdue = open_overdue(agency_ids, today, year)
    rows = []
    for r in year_filter(year, agency_ids).values("agency_id").annotate(**SUMS):
        row = enrich(dict(r))
        row["agency"] = names.get(row["agency_id"], "?")
        row["open_overdue"], row["open_no_apology"] = overdue.get(row["agency_id"], (0, 0))
        rows.append(row)
    rows.sort(key=lambda r: (r["on_time_rate"] if r["on_time_rate"] is not None else 2, -r["late"]))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return rows


def heat(year, agency_ids, rows):
    """{agency_id: [(month, rate, late) × 12]} for the league's agencies."""
    cells = {}
    for r in year_filter(year, agency_ids).values("agency_id", "month").annotate(**SUMS):
        e = enrich(dict(r))
        cells[(r["agency_id"], r["month"])] = (e["on_time_rate"], e["late"])
    from django.urls import reverse

    base = reverse("dossiers:list")
    out = []
    for row in rows:
        line = []
        for m in range(1, 13):
            rate, late = cells.get((row["agency_id"], year * 100 + m), (None, 0))
            if rate is None:
                line.append(None)
                continue
            css = "ok" if rate >= 0.95 else "warn" if rate >= 0.85 else "bad"
            line.append(
                (
                    f"{base}?co_quan={row['agency_id']}&thang={year * 100 + m}&loai=tre-han",
                    css,
                    round(100 * rate),
                    late,
                )
            )
        out.append((row, line))
    return out


def by_field(year, agency_ids):
    fields = dict(Procedure.objects.values_list("id", "field"))
    merged = {}
    for r in year_filter(year, agency_ids).values("procedure_id").annotate(**SUMS):
        key = fields.get(r["procedure_id"]) or "(chưa phân loại)"
        acc = merged.setdefault(key, dict.fromkeys(SUMS, 0))
        for f in SUMS:
            acc[f] += r[f] or 0
    rows = [dict(enrich(v), field=k) for k, v in merged.items()]
    rows.sort(key=lambda r: -r["total"])
    return rows


def agency_filter_q(agency_ids):
    return Q() if agency_ids is None else Q(agency_id__in=agency_ids)


def by_procedure(year, agency_ids, limit=15):
    """Procedures with the most late dossiers in the year."""
    procs = {p.id: p for p in Procedure.objects.all()}
    rows = []
    for r in year_filter(year, agency_ids).values("procedure_id").annotate(**SUMS):
        row = enrich(dict(r))
        proc = procs.get(row["procedure_id"])
        row["procedure"] = f"{proc.code} · {proc.name}" if proc else "?"
        rows.append(row)
    rows.sort(key=lambda r: (-r["late"], -r["total"]))
    return rows[:limit]


BACKLOG_BUCKETS = [(5, "1–5 ngày"), (20, "6–20 ngày"), (60, "21–60 ngày"), (None, "trên 60 ngày")]


def backlog(agency_ids, today=None):
    """Open dossiers past due, by how many calendar days past due (from the per-day summary)."""
    today = today or date.today()
    counts = [0] * len(BACKLOG_BUCKETS)
    qs = _restrict(StatDay.objects.filter(day__lt=today, open__gt=0), agency_ids)
    for day, n in qs.values_list("day").annotate(n=Sum("open")):
        age = (today - day).days
        for i, (bound, _label) in enumerate(BACKLOG_BUCKETS):
            if bound is None or age <= bound:
                counts[i] += n
                break
    return [(label, n) for (_b, label), n in zip(BACKLOG_BUCKETS, counts)]
