"""A realistic one-stop export for the demo province: volumes by agency and procedure, seasons and Tết,
online share, agency-specific lateness, apologies proper and not, open dossiers long past due.

Deterministic for a seed; streams rows to the file in batches so millions of rows need little memory.
"""

import csv
import random
from datetime import date, timedelta

from ..catalogue import PROCEDURES
from .columns import GENERATOR_HEADER

MONTH_WEIGHT = [0.8, 0.75, 1.0, 1.0, 1.0, 1.0, 1.05, 1.05, 0.95, 1.05, 1.1, 1.25]
CHANNEL_TEXT = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Bưu chính"}
# Agencies that the generator makes noticeably late (the seed's weak spots), and their late share.
SLOW = {"bt-stnmt": 0.22, "bt-sxd": 0.14, "bt-phanthiet": 0.12, "bt-hamtan": 0.18, "bt-stttt": 0.09}


def demo_agencies(year):
    """(code, name, kind) of demo agencies that handle dossiers, valid during the year."""
    from chiso.registry.demo_province import agency_rows

    start, end = date(year, 1, 1), date(year, 12, 31)
    out = []
    for row in agency_rows():
        if row["kind"] not in ("so", "ban_nganh", "ubnd_huyen", "ubnd_xa"):
            continue
        if (row["valid_from"] and row["valid_from"] > start) or (row["valid_to"] and row["valid_to"] < end):
            continue
        out.append((row["code"], row["name"], row["kind"]))
    return out


def _pairs(agencies, rng):
    """(agency name, agency code, procedure tuple, weight) for every agency × procedure it handles."""
    pairs = []
    for position, (code, name, kind) in enumerate(agencies, start=1):
        size = 1.0 + rng.random()
        for proc in PROCEDURES:
            p_code, _n, _f, level, _d, _o, _fee, owner, volume = proc
            if (
                (level == "tinh" and owner == code)
                or (level == "huyen" and kind == "ubnd_huyen")
                or (level == "xa" and kind == "ubnd_xa")
            ):
                pairs.append((name, code, proc, volume * size, f"000.{position:02d}.H{position % 97:02d}"))
    return pairs


def generate(out_path, n, year, cal, seed=2022, export_day=None, progress=None, agencies=None):
    """Write n dossiers received during `year` as a UTF-8 CSV; cal is a CalendarIndex."""
    rng = random.Random(seed)
    agencies = agencies or demo_agencies(year)
    pairs = _pairs(agencies, rng)
    if not pairs:
        raise ValueError(f"không có cơ quan nào trong danh mục mẫu hoạt động cả năm {year}")
    weights = [p[3] for p in pairs]
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    export = (export_day or date(year + 1, 1, 15)).toordinal()
    days = [o for o in range(first, last + 1) if cal.is_working(o)]
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

    late_share = {code: SLOW.get(code, 0.02 + 0.05 * rng.random()) for code, _n, _k in agencies}
    written = 0
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(GENERATOR_HEADER)
        while written < n:
            k = min(20000, n - written)
            chosen = rng.choices(pairs, weights, k=k)
            received_days = rng.choices(days, day_weights, k=k)
            rows = []
            for (agency_name, agency_code, proc, _w, prefix), received in zip(chosen, received_days):
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
                    if a < 0.5:  # proper: 1–3 working days before due, new date covers the slip
                        apology = cal.add(due, -rng.randint(1, 3))
                        new_due = cal.add(due, slip + rng.randint(0, 2))
                    elif a < 0.65:  # too late: on or after the due day
                        apology = cal.add(due, rng.randint(0, 2))
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
                rows.append(
                    (
                        f"{prefix}-{year % 100:02d}{written:08d}",
                        p_code,
                        p_name,
                        agency_name,
                        CHANNEL_TEXT[channel],
                        stamp(received, minute),
                        stamp(due, 540 - (minute % 60)),
                        stamp(completed, 60 + rng.randrange(480)) if completed else "",
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
