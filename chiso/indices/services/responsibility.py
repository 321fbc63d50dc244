"""Who answers for each component of an index in a given year (the responsibility matrix)."""

from ..models import Responsibility


def owners(index, year):
    """{component code: Responsibility in force that year}; the earliest-starting row wins a tie."""
    found = {}
    for r in (
        Responsibility.objects.filter(index=index, year_from__lte=year)
        .select_related("lead")
        .prefetch_related("supporting")
    ):
        if r.year_to and r.year_to < year:
            continue
        found.setdefault(r.component_code, r)
    return found
