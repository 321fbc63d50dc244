"""A wave's agencies as of its dates, and results across a merger (the registry knows successions)."""

from chiso.registry import resolve

from .compute import OVERALL, _public, element_items, estimate, respondent_scores
from .distribution import today


def answering_day(wave, day=None):
    """The day the respondent answers, kept inside the wave's period."""
    day = day or today()
    return min(max(day, wave.start), wave.end)


def offered(wave, day=None):
    """The wave's agencies that exist on the answering day: an agency abolished in a merger is not
    offered to a respondent of a later wave (its successor is, if the wave lists it)."""
    return wave.agencies.valid_on(answering_day(wave, day)).order_by("name")


def not_valid_in_period(wave):
    """Agencies chosen for the wave that did not exist at any time during its period."""
    return [
        a
        for a in wave.agencies.order_by("name")
        if (a.valid_to is not None and a.valid_to < wave.start)
        or (a.valid_from is not None and a.valid_from > wave.end)
    ]


def current_successor(agency, day):
    """The agency that carries `agency`'s work on `day` (itself when it still exists): the registry's
    succession step (main successor of a split); an agency split with no main successor stays itself."""
    successor, _ = resolve.successor_on(agency, day)
    return successor or agency


def by_successor(wave, day=None):
    """The wave's results regrouped by today's successors of the agencies rated.

    The wave's own table (per agency as it was) stays the record; this view answers "how did the
    agencies that now make up X do", listing which former agencies each row joins. Unweighted."""
    day = day or today()
    items = element_items(wave.questionnaire)
    rows = list(wave.responses.values_list("agency_id", "answers"))
    from chiso.registry.models import Agency

    agencies = Agency.objects.in_bulk({a for a, _ in rows if a})
    groups = {}
    for agency_id, answers in rows:
        agency = agencies.get(agency_id)
        if agency is None:
            continue
        successor = current_successor(agency, day)
        group = groups.setdefault(successor.pk, {"agency": successor, "members": {}, "scores": []})
        member = group["members"].setdefault(agency.pk, {"agency": agency, "n": 0})
        member["n"] += 1
        group["scores"].append(respondent_scores(answers, items).get(OVERALL))
    out = []
    for group in groups.values():
        members = sorted(group["members"].values(), key=lambda m: m["agency"].name)
        changed = any(m["agency"].pk != group["agency"].pk for m in members)
        out.append(
            {
                "agency": group["agency"],
                "members": members,
                "changed": changed,
                **_public(estimate(group["scores"])),
            }
        )
    out.sort(key=lambda r: (r["satisfied_share"] is None, -(r["satisfied_share"] or 0), r["agency"].name))
    return out
