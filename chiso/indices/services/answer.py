"""The leader's question in one place: which components of which index fell, who answers for them,
which tasks address them, and how far those tasks are."""

from chiso.directives.services import life

from ..models import Index
from . import analysis, component_tasks, pagecache, responsibility


def fallen(province, on=None):
    """[{index, year, previous_year, score, previous_score, rank, previous_rank, components: [...]}] for
    every index whose latest result of `province` known on `on` has components that fell against the
    year before.

    "Known on": an index of year Y is published during Y+1 (PAPI, PAR INDEX, SIPAS, PCI all are), so on
    14/10/2022 the latest known is 2021; the follow-up's today (a demo may freeze it) is the default."""
    on = on or life.today()
    found = []
    for index in Index.objects.all():
        fp = pagecache.fingerprint(index)
        history = pagecache.history(index, province, fp)
        history = [h for h in history if h["year"] < on.year]
        if len(history) < 2:
            continue
        year = history[-1]["year"]
        try:
            result = pagecache.analysed(index, year, province, fp)
        except analysis.NotFound:
            continue
        if not result["declined"]:
            continue
        owners = responsibility.owners(index, year)
        tasks = component_tasks.by_component(index, codes=result["declined"])
        components = []
        for c in result["components"]:
            if c["code"] not in result["declined"]:
                continue
            items = tasks.get(c["code"], [])
            components.append(
                {
                    **c,
                    "owner": owners.get(c["code"]),
                    "tasks": items,
                    "n_tasks": len(items),
                    "n_overdue": sum(i["overdue"] for i in items),
                }
            )
        components.sort(key=lambda c: c["delta"] or 0)
        prev = result["previous"] or {}
        found.append(
            {
                "index": index,
                "year": year,
                "previous_year": prev.get("year"),
                "score": result["score"],
                "previous_score": prev.get("score"),
                "rank": result["rank"] or result["computed_rank"],
                "previous_rank": prev.get("rank"),
                "ranked": result["ranked"],
                "components": components,
            }
        )
    return found
