"""Registry services: finding agencies, the structure on a date, the working-day calendar."""

import threading
from datetime import date

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

from .gazetteer import AgencyEntry, Gazetteer, GroupEntry
from .workdays import WorkCalendar

_cache = {}
_lock = threading.Lock()
# The web server runs several processes: a change saved in one bumps this stamp in the shared cache,
# and every process drops its copy when it sees a stamp other than the one it built with.
VERSION_KEY = "registry:version"


def _invalidate(*args, **kwargs):
    with _lock:
        _cache.clear()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


def connect_cache_invalidation():
    from .models import Agency, AgencyGroup, CalendarException, Succession

    for model in (Agency, AgencyGroup, CalendarException, Succession):
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"registry_cache_save_{model.__name__}")
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"registry_cache_delete_{model.__name__}")
    m2m_changed.connect(_invalidate, sender=AgencyGroup.members.through, dispatch_uid="registry_cache_m2m")


def _cached(key, build):
    version = cache.get(VERSION_KEY, 0)
    with _lock:
        if _cache.get("version") != version:
            _cache.clear()
            _cache["version"] = version
        if key in _cache:
            return _cache[key]
    value = build()
    with _lock:
        if _cache.get("version") == version:
            _cache[key] = value
    return value


def province_names():
    from .models import Agency

    names = []
    for name in Agency.objects.filter(kind="ubnd_tinh").values_list("name", flat=True):
        if " tỉnh " in name:
            names.append(name.split(" tỉnh ", 1)[1])
        elif " thành phố " in name:
            names.append(name.split(" thành phố ", 1)[1])
    return names


def gazetteer_from_db():
    """The registry as a Gazetteer (cached until an agency, group or succession changes)."""
    from .models import Agency, AgencyGroup

    def build():
        entries = [
            AgencyEntry(
                a.pk,
                a.code,
                a.name,
                a.kind,
                [a.short_name, *a.aliases] if a.short_name else list(a.aliases),
                a.parent_id,
                a.valid_from,
                a.valid_to,
            )
            for a in Agency.objects.all()
        ]
        groups = [
            GroupEntry(
                g.code, g.name, list(g.kinds), list(g.aliases), list(g.members.values_list("pk", flat=True))
            )
            for g in AgencyGroup.objects.prefetch_related("members")
        ]
        return Gazetteer(entries, groups, province_names=province_names())

    return _cached("gazetteer", build)


def lookup(name, on=None, limit=5):
    """Agencies or groups matching a name as written: [(Candidate, [Agency, ...]), ...]."""
    from .models import Agency

    candidates = gazetteer_from_db().find(name, on=on, limit=limit)
    by_id = Agency.objects.in_bulk({i for c in candidates for i in c.agency_ids})
    return [(c, [by_id[i] for i in c.agency_ids if i in by_id]) for c in candidates]


def agencies_on(day):
    from .models import Agency

    return Agency.objects.valid_on(day)


def structure_on(day):
    """The tree of agencies valid on a day: [(agency, [children...]), ...] for the top level."""
    agencies = list(agencies_on(day).select_related("parent").order_by("kind", "name"))
    valid_ids = {a.pk for a in agencies}
    children = {}
    for agency in agencies:
        children.setdefault(agency.parent_id if agency.parent_id in valid_ids else None, []).append(agency)

    def branch(agency):
        return (agency, [branch(child) for child in children.get(agency.pk, [])])

    return [branch(a) for a in children.get(None, [])]


def successors(agency, on=None, main_only=False):
    """Agencies that carried on an agency's work, following chains of successions up to `on`.

    main_only follows only the main successor of a split (resolve.successor_on picks by share).
    """
    from .models import Succession

    found, frontier, seen = [], [agency.pk], {agency.pk}
    while frontier:
        links = Succession.objects.filter(predecessor_id__in=frontier).select_related("successor")
        if on is not None:
            links = links.filter(date__lte=on)
        if main_only:
            links = links.filter(main=True)
        frontier = []
        for link in links:
            if link.successor_id not in seen:
                seen.add(link.successor_id)
                found.append(link)
                frontier.append(link.successor_id)
    return found


def work_calendar():
    """The working-day calendar with the administrator's exceptions (cached until they change)."""
    from .models import CalendarException

    def build():
        rows = list(CalendarException.objects.all())
        return WorkCalendar(
            extra_days_off=[r.date for r in rows if r.kind == CalendarException.OFF],
            extra_working_days=[r.date for r in rows if r.kind == CalendarException.WORK],
            notes={r.date: r.note for r in rows},
        )

    return _cached("calendar", build)


def add_working_days(start: date, n: int) -> date:
    return work_calendar().add_working_days(start, n)


def working_days_between(a: date, b: date) -> int:
    return work_calendar().working_days_between(a, b)


def is_working_day(day: date) -> bool:
    return work_calendar().is_working_day(day)
