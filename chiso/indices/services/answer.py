"""The leader's question in one place: which components of which index fell, who answers for them,
which tasks address them, and how far those tasks are."""

from chiso.directives.services import life

from ..models import Index
from . import analysis, component_tasks, pagecache, responsibility


def fallen(province, on=None, detail=True, fingerprints=None):
    """[{index, year, previous_year, score, previous_score, rank, previous_rank, components: [...]}] for
    every index whose latest result of `province` known on `on` has components that fell against the
    year before.

    detail=False (the home card): each component carries only its figures and `n_tasks`, counted from
    the tags alone, without the owners and the progress of every task's shares. `fingerprints`: the
    caller's pagecache.fingerprints(), if it has them.

    "Known on": an index of year Y is published during Y+1 (PAPI, PAR INDEX, SIPAS, PCI all are), so on
    14/10/2022 the latest known is 2021; the follow-up's today (a demo may freeze it) is the default."""
    on = on or life.today()
    found = []
    fps = fingerprints or pagecache.fingerprints()
    for index in Index.objects.all():
        fp = fps[index.pk]
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
        components = (_components if detail else _component_counts)(index, year, result)
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


def _components(index, year, result):
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
    return components


def _component_counts(index, year, result):
    n_tasks = component_tasks.count_by_component(index, codes=result["declined"])
    return [
        {**c, "n_tasks": n_tasks.get(c["code"], 0)}
        for c in result["components"]
        if c["code"] in result["declined"]
    ]
