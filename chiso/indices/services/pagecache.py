"""Cache of the figures an index page computes from published results (analysis, history, ranking).

They change only when results are imported or corrected, so the key carries a fingerprint of the
index's results (count, sums of scores and ranks, last row, last import batch): any change gives a new
key and the old entry simply ages out. Bulk imports need no signal for this to hold."""

from django.core.cache import cache
from django.db.models import Count, Max, Sum

from ..models import Result

TIMEOUT = 6 * 3600


def fingerprint(index):
    agg = Result.objects.filter(index=index).aggregate(
        n=Count("pk"), s=Sum("score"), r=Sum("rank"), m=Max("pk"), b=Max("batch_id")
    )
    return "-".join(str(agg[k]) for k in ("n", "s", "r", "m", "b"))


def cached(index, fp, key, build):
    full = f"chiso:index:{index.pk}:{fp}:{key}"
    value = cache.get(full)
    if value is None:
        value = build()
        cache.set(full, value, TIMEOUT)
    return value
