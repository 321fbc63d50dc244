"""A realistic one-stop export for the demo province: volumes by agency and procedure, seasons and Tết,
online share, agency-specific lateness, apologies proper and not, open dossiers long past due.

Deterministic for a seed; streams rows to the file in batches so millions of rows need little memory.
"""

import csv
import random
from bisect import bisect_left
from datetime import date, timedelta
from itertools import accumulate

from ..catalogue import PROCEDURES
from .columns import GENERATOR_HEADER

MONTH_WEIGHT = [0.8, 0.75, 1.0, 1.0, 1.0, 1.0, 1.05, 1.05, 0.95, 1.05, 1.1, 1.25]
CHANNEL_TEXT = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Bưu chính"}
# Agencies that the generator makes noticeably late (the seed's weak spots), and their late share.
SLOW = {"bt-stnmt": 0.22, "bt-sxd": 0.14, "bt-phanthiet": 0.12, "bt-hamtan": 0.18, "bt-stttt": 0.09}


def demo_agencies(year, start=None, end=None):
    """(code, name, kind) of demo agencies that handle dossiers, valid from start to end (default: the year)."""
    from chiso.registry.demo_province import agency_rows

    start, end = start or date(year, 1, 1), end or date(year, 12, 31)
    out = []
    for row in agency_rows():
        if row["kind"] not in ("so", "ban_nganh", "ubnd_huyen", "ubnd_xa"):
            continue
        if (row["valid_from"] and row["valid_from"] > start) or (row["valid_to"] and row["valid_to"] < end):
            continue
        out.append((row["code"], row["name"], row["kind"]))
    return out


def _periods(year):
    """The stretches of the year over which the set of demo agencies stays the same (reorganisations
    happen mid-year: 1/3/2025 departments, 1/7/2025 the province and communes)."""
    from chiso.registry.demo_province import agency_rows

    first, last = date(year, 1, 1), date(year, 12, 31)
    cuts = {first, last + timedelta(days=1)}
    for row in agency_rows():
        if row["valid_from"] and first < row["valid_from"] <= last:
            cuts.add(row["valid_from"])
        if row["valid_to"] and first <= row["valid_to"] < last:
            cuts.add(row["valid_to"] + timedelta(days=1))
    cuts = sorted(cuts)
    return [(a, b - timedelta(days=1)) for a, b in zip(cuts, cuts[1:])]


def _handles(proc, code, kind):
    _p, _n, _f, level, _d, _o, _fee, owner, _v = proc
    if level == "tinh":
        # The demo catalogue names Bình Thuận departments; their successors keep the department's suffix.
        return owner == code or (code.startswith("ld-") and owner.split("-", 1)[-1] == code.split("-", 1)[-1])
    return (level == "huyen" and kind == "ubnd_huyen") or (level == "xa" and kind == "ubnd_xa")


def _pairs(agencies, rng, sizes):
    """(agency name, agency code, procedure tuple, weight, code prefix) for every agency × procedure."""
    pairs = []
    for code, name, kind in agencies:
        if code not in sizes:
            sizes[code] = (1.0 + rng.random(), len(sizes) + 1)
        size, position = sizes[code]
        for proc in PROCEDURES:
            if _handles(proc, code, kind):
                pairs.append(
                    (name, code, proc, proc[8] * size, f"000.{position % 100:02d}.H{position % 97:02d}")
                )
    return pairs


def generate(out_path, n, year, cal, seed=2022, export_day=None, progress=None, agencies=None):
    """Write n dossiers received during `year` as a UTF-8 CSV; cal is a CalendarIndex."""
    rng = random.Random(seed)
    sizes = {}
    if agencies:
        periods = [(date(year, 1, 1), date(year, 12, 31), _pairs(agencies, rng, sizes))]
    else:
        periods = [(a, b, _pairs(demo_agencies(year, a, b), rng, sizes)) for a, b in _periods(year)]
    periods = [(a.toordinal(), b.toordinal(), pairs) for a, b, pairs in periods if pairs]
    if not periods:
        raise ValueError(f"không có cơ quan nào trong danh mục mẫu hoạt động trong năm {year}")
    period_ends = [b for _a, b, _p in periods]
    period_pairs = [(pairs, list(accumulate(p[3] for p in pairs))) for _a, _b, pairs in periods]
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    export = (export_day or date(year + 1, 1, 15)).toordinal()
    covered = [(a, b) for a, b, _p in periods]
    days = [o for o in range(first, last + 1) if cal.is_working(o) and any(a <= o <= b for a, b in covered)]
    day_weights = [MONTH_WEIGHT[date.fromordinal(o).month - 1] for o in days]
    # Fewer dossiers the two weeks after the longest holiday run of January–February (Tết).
    tet_end = _tet_end(cal, year)
    if tet_end:
        day_weights = [w * (0.6 if 0 < o - tet_end <= 14 else 1.0) for o, w in zip(days, day_weights)]
    text = {}

    def stamp(o, minute):
        s = text.get(o)
        if s is None:
            d = date.fromordinal(o)
            s = text[o] = f"{d.day:02d}/{d.month:02d}/{d.year}"
        return f"{s} {7 + minute // 60:02d}:{minute % 60:02d}"

    late_share = {code: SLOW.get(code, 0.02 + 0.05 * rng.random()) for code in sizes}
    written = 0
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(GENERATOR_HEADER)
        while written < n:
            k = min(20000, n - written)
            received_days = rng.choices(days, day_weights, k=k)
            rows = []
            for received in received_days:
                pairs, cumulative = period_pairs[min(bisect_left(period_ends, received), len(periods) - 1)]
                agency_name, agency_code, proc, _w, prefix = rng.choices(pairs, cum_weights=cumulative, k=1)[
                    0
                ]
                written += 1
                p_code, p_name, _field, _level, limit, online_level, fee, _owner, _v = proc
                due = cal.add(received, limit) if limit else received
                r = rng.random()
                if online_level == "toan_trinh" and r < 0.55 or online_level == "mot_phan" and r < 0.3:
                    channel = 2
                else:
                    channel = 3 if r > 0.97 else 1
                late = rng.random() < late_share[agency_code]
                apology = new_due = None
                if late:
                    slip = 1 + int(rng.expovariate(0.35))
                    completed = cal.add(due, slip)
                    a = rng.random()
                    earliest_proper = cal.add(due, -rng.randint(1, 3))
                    if a < 0.5 and earliest_proper >= received:  # proper: 1–3 working days before due
                        apology = earliest_proper
                        new_due = cal.add(due, slip + rng.randint(0, 2))
                    elif a < 0.65:  # too late: on the due day (never before the receipt)
                        apology = max(due, received)
                        new_due = cal.add(due, slip)
                    # else: no apology at all
                else:
                    if limit == 0 or rng.random() < 0.25:
                        completed = due
                    else:
                        completed = cal.add(received, rng.randint(0, limit - 1)) if limit > 1 else received
                if completed > export or rng.random() < 0.004:
                    completed = None  # still open in the system (some finished on paper only)
                paid = fee > 0 and (rng.random() < (0.7 if channel == 2 else 0.08))
                minute = 30 + rng.randrange(540)
                done_minute = 60 + rng.randrange(480)
                if completed == received and done_minute <= minute:
                    done_minute = min(
                        minute + 5 + rng.randrange(60), 599
                    )  # a result never before the receipt
                    if done_minute <= minute:
                        done_minute = minute
                rows.append(
                    (
                        f"{prefix}-{year % 100:02d}{written:08d}",
                        p_code,
                        p_name,
                        agency_name,
                        CHANNEL_TEXT[channel],
                        stamp(received, minute),
                        stamp(due, 600),
                        stamp(completed, done_minute) if completed else "",
                        "Có" if paid else "Không",
                        stamp(apology, 90) if apology else "",
                        stamp(new_due, 540) if new_due else "",
                    )
                )
            writer.writerows(rows)
            if progress:
                progress(k)
    return written


def _tet_end(cal, year):
    best, run, end = 0, 0, None
    o = date(year, 1, 10).toordinal()
    while o < date(year, 3, 1).toordinal():
        d = date.fromordinal(o)
        if not cal.is_working(o) and d.weekday() < 5 or (not cal.is_working(o) and run):
            run += 1
            if run > best:
                best, end = run, o
        else:
            run = 0
        o += 1
    return end if best >= 3 else None


def ensure_catalogue():
    """Create or update the demo procedures in the database."""
    from ..models import Procedure

    existing = {p.code: p for p in Procedure.objects.all()}
    for code, name, field, level, days, online, fee, _owner, _v in PROCEDURES:
        values = dict(name=name, field=field, level=level, days=days, online_level=online, fee=fee)
        proc = existing.get(code)
        if proc is None:
            Procedure.objects.create(code=code, **values)
        elif any(getattr(proc, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(proc, k, v)
            proc.save()


__all__ = ["generate", "demo_agencies", "ensure_catalogue", "timedelta"]
