"""Totals, ranks and tiers computed from scores. Pure Python.

PAPI publishes a province's total as the plain sum of its dimension scores and ranks provinces by
that total at full precision (the public dataset's ranks are reproduced exactly that way). Provinces
without every dimension get no total and no rank, so a year's ranks run 1..N with N < 63.
Equal scores share a rank and the next rank is skipped ("1, 2, 2, 4"), the usual way rankings
with ties are published; `decimals` ranks on rounded scores when a publisher ranks the rounded figure.
"""

import statistics


def total(scores, codes):
    """Sum of the scores of `codes`; None if any is missing (a partial total would rank wrongly)."""
    values = [scores.get(code) for code in codes]
    if not values or any(v is None for v in values):
        return None
    return sum(values)


def competition_rank(values, decimals=None, higher_is_better=True):
    """{key: score} → {key: rank}; keys whose score is None are left out."""
    present = {
        k: (round(v, decimals) if decimals is not None else v) for k, v in values.items() if v is not None
    }
    ordered = sorted(present.items(), key=lambda kv: kv[1], reverse=higher_is_better)
    ranks, previous, previous_rank = {}, object(), 0
    for position, (key, value) in enumerate(ordered, start=1):
        rank = previous_rank if value == previous else position
        ranks[key] = rank
        previous, previous_rank = value, rank
    return ranks


def _quantile(sorted_values, q):
    """Linear interpolation between closest ranks (the default of numpy and pandas)."""
    position = q * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


def quartile_tiers(values, labels):
    """{key: score} → {key: label}; labels from best to worst quarter.

    Bins are right-closed on the ascending scores as pandas.qcut(…, 4) makes them, which is how the
    public PAPI dataset derived its groups (63 provinces → 16/15/16/16 from the top).
    """
    present = {k: v for k, v in values.items() if v is not None}
    if not present:
        return {}
    ordered = sorted(present.values())
    cuts = [_quantile(ordered, q) for q in (0.25, 0.5, 0.75)]
    worst_first = list(reversed(labels))
    tiers = {}
    for key, value in present.items():
        bucket = sum(1 for cut in cuts if value > cut)
        tiers[key] = worst_first[bucket]
    return tiers


def threshold_tier(value, bands):
    """bands: [{"label", "min"}] best first; the last band has min None (everything below)."""
    if value is None:
        return ""
    for band in bands:
        if band["min"] is None or value >= band["min"]:
            return band["label"]
    return ""


def tiers_for(values, rule):
    """Tiers of every key under a methodology's tier rule."""
    method = (rule or {}).get("method")
    if method == "quartile":
        return quartile_tiers(values, rule["labels"])
    if method == "threshold":
        return {k: threshold_tier(v, rule["bands"]) for k, v in values.items() if v is not None}
    return {}


def summary(values):
    """Mean, median, best and worst of the present values."""
    present = [v for v in values if v is not None]
    if not present:
        return {"mean": None, "median": None, "best": None, "worst": None, "count": 0}
    return {
        "mean": statistics.fmean(present),
        "median": statistics.median(present),
        "best": max(present),
        "worst": min(present),
        "count": len(present),
    }
