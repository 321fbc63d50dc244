"""Cache of the figures an index page computes from published results (analysis, history, ranking).

They change only when results are imported or corrected, so the key carries a fingerprint of the
index's results (count, sums of scores and ranks, last row, last import batch): any change gives a new
key and the old entry simply ages out. Bulk imports need no signal for this to hold."""

from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from ..models import Result

TIMEOUT = 6 * 3600


_FIGURES = {"n": Count("pk"), "s": Sum("score"), "r": Sum("rank"), "m": Max("pk"), "b": Max("batch_id")}


def _join(agg):
    return "-".join(str(agg[k]) for k in ("n", "s", "r", "m", "b"))


def fingerprint(index):
    return _join(Result.objects.filter(index=index).aggregate(**_FIGURES))


def fingerprints():
    """{index id: fingerprint(index)} for every index, in one query (a page over all indices); an index
    without results gets what fingerprint() says for it."""
    empty = _join({"n": 0, "s": None, "r": None, "m": None, "b": None})
    rows = Result.objects.order_by().values("index_id").annotate(**_FIGURES)
    return defaultdict(lambda: empty, {row["index_id"]: _join(row) for row in rows})


def cached(index, fp, key, build):
    full = f"chiso:index:{index.pk}:{fp}:{key}"
    value = cache.get(full)
    if value is None:
        value = build()
        cache.set(full, value, TIMEOUT)
    return value
