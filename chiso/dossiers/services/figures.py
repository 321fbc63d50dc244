"""The period figures of a set of dossiers, from summed summary counters: the one function the dashboard,
the lists, the command line and the API all use (one definition of each rate)."""

from ..models import STAT_FIELDS

_COUNTERS = frozenset(STAT_FIELDS)


def ratio(a, b):
    return round(a / b, 4) if b else None


def figures(counters):
    """Counters (STAT_FIELDS, optionally open_overdue and open_overdue_apology: open dossiers past their
    deadline as of the day asked) -> the counters plus every derived figure."""
    c = dict.fromkeys(STAT_FIELDS, 0)
    c.update((k, (v or 0) if k in _COUNTERS else v) for k, v in counters.items())
    overdue = c.get("open_overdue") or 0
    overdue_apology = c.get("open_overdue_apology") or 0
    completed = c["early"] + c["on_time"] + c["late"]
    offered = c["offered_full"] + c["offered_partial"]
    late = c["late"]
    c.update(
        completed=completed,
        open_in_time=c["open"] - overdue,
        open_overdue=overdue,
        on_time_rate=ratio(c["early"] + c["on_time"], completed),
        late_without_apology=c["late_no_apology"] + overdue - overdue_apology,
        online_share=ratio(c["online_full"] + c["online_partial"], offered),
        online_share_full=ratio(c["online_full"], c["offered_full"]),
        online_share_partial=ratio(c["online_partial"], c["offered_partial"]),
        online_share_all=ratio(c["online"], c["total"]),
        online_payment_share=ratio(c["paid_online"], c["with_fee"]),
        # Late dossiers that had a proper apology (late with none, or with an improper one, do not count).
        apology_rate=ratio(late - c["late_no_apology"] - c["apology_improper"], late) if late else None,
        avg_work_days=round(c["work_days"] / completed, 2) if completed else None,
    )
    return c


# The keys the command line and the API publish (docs/notes/issue-6.md).
PUBLIC_KEYS = [
    "total",
    "completed",
    "early",
    "on_time",
    "late",
    "open_in_time",
    "open_overdue",
    "on_time_rate",
    "late_without_apology",
    "apology_improper",
    "online_share",
    "online_share_full",
    "online_share_partial",
    "online_share_all",
    "online_payment_share",
    "avg_work_days",
]


def public(counters):
    found = figures(counters)
    return {k: found[k] for k in PUBLIC_KEYS}
