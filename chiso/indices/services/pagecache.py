"""Cache of the figures an index page computes from published results (analysis, history, ranking).

They change only when results are imported or corrected, so the key carries a fingerprint of the
index's results (count, sums of scores and ranks, last row, last import batch): any change gives a new
key and the old entry simply ages out. Bulk imports need no signal for this to hold.

After an import the new entries are computed by a queued job (`chiso.indices.tasks.warm_pages`, queued
by `schedule_warm`), so the first reader after an import does not pay for them; the daily jobs warm
them again in case the cache was emptied (a new machine, entries culled)."""

from collections import defaultdict

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Sum

from ..models import Result
from . import analysis, charts, exports
from . import provinces as province_service

# Entries never go stale (the key changes with the data); the timeout only lets unused ones age out.
TIMEOUT = 30 * 24 * 3600


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


def history(index, province, fp):
    return cached(index, fp, f"history:{province.pk}", lambda: charts.province_history(index, province))


def analysed(index, year, province, fp):
    """analysis.analyse of the index for the province's year (raises analysis.NotFound like it)."""
    return cached(
        index, fp, f"analysis:{year}:{province.pk}", lambda: analysis.analyse(index.code, year, province.name)
    )


def ranking(index, year, fp):
    return cached(index, fp, f"ranking:{year}", lambda: exports.year_ranking(index, year))


def warm(index, provinces=None):
    """Compute what the index page shows for the installation's province (each of its periods with
    results: e.g. Bình Thuận until 2025, then Lâm Đồng), every year; returns the number of pages ready."""
    fp = fingerprint(index)
    if provinces is None:
        provinces = [
            p for p in province_service.home_line() if Result.objects.filter(province=p, index=index).exists()
        ]
    ready = 0
    for province in provinces:
        for row in history(index, province, fp):
            try:
                analysed(index, row["year"], province, fp)
            except analysis.NotFound:
                continue
            ranking(index, row["year"], fp)
            ready += 1
    return ready


def schedule_warm(index):
    """Queue `warm` for the index once the current transaction (an import) is committed."""

    def queue():
        from chiso.core import jobqueue

        from ..tasks import warm_pages

        jobqueue.start(
            warm_pages, label=f"Chuẩn bị trang chỉ số {index.code} sau khi nhập", index_code=index.code
        )

    transaction.on_commit(queue)
