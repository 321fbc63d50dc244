"""Who may do what: the one place where permission rules live.

A rule says, for a kind of object and an action, which roles may act and on what scope: ALL
objects, or only their OWN agency's (the agency itself and the units directly under it). Views,
API endpoints and services ask `agency_scope()`, `can()`/`require()` (with the object's agencies)
or `can_some()`/`require_some()` (a gate before filtering), `filter_queryset()`; tests check the whole
matrix (registry/tests/test_permissions.py).
"""

from django.core.exceptions import PermissionDenied

LEADER, MONITOR, HEAD, OFFICER, ADMIN = "leader", "monitor", "head", "officer", "admin"
ROLE_CHOICES = [
    (LEADER, "Lãnh đạo UBND tỉnh"),
    (MONITOR, "Theo dõi, giám sát (Sở Nội vụ, VP UBND)"),
    (HEAD, "Lãnh đạo cơ quan, đơn vị"),
    (OFFICER, "Cán bộ, công chức cơ quan, đơn vị"),
    (ADMIN, "Quản trị hệ thống"),
]
ROLE_LABELS = dict(ROLE_CHOICES)
ALL, OWN = "all", "own"

_EVERYONE = {LEADER: ALL, MONITOR: ALL, HEAD: ALL, OFFICER: ALL, ADMIN: ALL}
_OVERSEERS = {LEADER: ALL, MONITOR: ALL, ADMIN: ALL}

RULES = {
    "agency": {"view": _EVERYONE, "change": {ADMIN: ALL}},
    "user": {"view": {MONITOR: ALL, ADMIN: ALL, HEAD: OWN}, "change": {ADMIN: ALL}},
    "calendar": {"view": _EVERYONE, "change": {ADMIN: ALL, MONITOR: ALL}},
    "audit": {"view": {MONITOR: ALL, ADMIN: ALL, LEADER: ALL, HEAD: OWN}},
    # Directives are public inside the administration; their tasks belong to the agencies named.
    "directive": {"view": _EVERYONE, "change": {MONITOR: ALL, ADMIN: ALL}},
    "task": {
        "view": {**_OVERSEERS, HEAD: OWN, OFFICER: OWN},
        "change": {MONITOR: ALL, ADMIN: ALL},
        "report": {HEAD: OWN, OFFICER: OWN},
        "approve": {HEAD: OWN},
        "review": {MONITOR: ALL},
        "request_extension": {HEAD: OWN, OFFICER: OWN},
        "decide_extension": {MONITOR: ALL},
    },
    "evidence": {"view": {**_OVERSEERS, HEAD: OWN, OFFICER: OWN}, "change": {HEAD: OWN, OFFICER: OWN}},
    "accountability": {"view": {**_OVERSEERS, HEAD: OWN}},
    "index": {"view": _EVERYONE, "change": {MONITOR: ALL, ADMIN: ALL}},
    "dossier": {
        "view": {**_OVERSEERS, HEAD: OWN, OFFICER: OWN},
        "change": {MONITOR: ALL, ADMIN: ALL},
        "apologize": {MONITOR: ALL, HEAD: OWN, OFFICER: OWN},
    },
    "survey": {"view": {**_OVERSEERS, HEAD: OWN}, "change": {MONITOR: ALL, ADMIN: ALL}},
    "report": {"view": {**_OVERSEERS, HEAD: OWN, OFFICER: OWN}, "change": {MONITOR: ALL, ADMIN: ALL}},
    # What the public page shows: the administrator chooses (seed II.4.4), overseers see the choices.
    "publication": {"view": _OVERSEERS, "change": {ADMIN: ALL}},
    # Remediation plans (seed I.1): each agency writes and sends its own; monitors ask for them and read all.
    "plan": {
        "view": {**_OVERSEERS, HEAD: OWN, OFFICER: OWN},
        "change": {HEAD: OWN, OFFICER: OWN},
        "request": {MONITOR: ALL, ADMIN: ALL},
    },
    # Inspection teams (seed II.1.3, II.2.4): monitors and the lead agency run them; the inspected
    # agency reads its own visit and findings (its remediation is a task like any other).
    "inspection": {
        "view": {**_OVERSEERS, HEAD: OWN, OFFICER: OWN},
        "change": {MONITOR: ALL, ADMIN: ALL, HEAD: OWN, OFFICER: OWN},
    },
    # Monthly contact with citizens and businesses (seed I.4): each agency records its own sessions;
    # monitors ask for them and read the month × agency grid.
    "contact": {
        "view": {**_OVERSEERS, HEAD: OWN, OFFICER: OWN},
        "change": {HEAD: OWN, OFFICER: OWN},
        "request": {MONITOR: ALL, ADMIN: ALL},
    },
    # Thematic meetings (seed II.2.5, II.2.6): Sở Nội vụ prepares them; invited agencies read theirs.
    "meeting": {"view": {**_OVERSEERS, HEAD: OWN, OFFICER: OWN}, "change": {MONITOR: ALL, ADMIN: ALL}},
}


def roles(user):
    """The roles a user holds (cached on the user object for the request)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_chiso_roles", None)
    if cached is None:
        cached = set(user.role_grants.values_list("role", flat=True)) if user.pk else set()
        if user.is_superuser:
            cached.add(ADMIN)
        cached = frozenset(cached)
        user._chiso_roles = cached
    return cached


def role_labels(user):
    return [ROLE_LABELS[r] for r, _ in ROLE_CHOICES if r in roles(user)]


def own_agency_ids(user):
    """The user's agency and the units directly under it (a district sees its communes' work)."""
    cached = getattr(user, "_chiso_own_agencies", None)
    if cached is None:
        cached = frozenset()
        if getattr(user, "agency_id", None):
            from .models import Agency

            cached = frozenset(
                [
                    user.agency_id,
                    *Agency.objects.filter(parent_id=user.agency_id).values_list("pk", flat=True),
                ]
            )
        user._chiso_own_agencies = cached
    return cached


def scope(user, action, kind):
    """ALL, OWN or None: the widest scope any of the user's roles gives."""
    rule = RULES.get(kind, {}).get(action)
    if rule is None:
        raise KeyError(f"no permission rule for {kind}.{action}")
    granted = {rule[r] for r in roles(user) if r in rule}
    if ALL in granted:
        return ALL
    if OWN in granted:
        return OWN
    return None


def agency_scope(user, action, kind):
    """The agencies whose objects the user may act on: None for every agency, else a frozenset
    (empty when the user may act on none). The one answer views, exports and the API filter with."""
    found = scope(user, action, kind)
    if found == ALL:
        return None
    if found == OWN:
        return own_agency_ids(user)
    return frozenset()


def can(user, action, kind, agency_ids=None):
    """May the user act on an object belonging to agency_ids?

    Fails closed: for a rule limited to the user's own agency, no agencies (None or empty) means
    no. To ask "may the user act on some objects of this kind at all" (a menu, a list page that
    then filters), use can_some().
    """
    allowed = agency_scope(user, action, kind)
    if allowed is None:
        return True
    return bool(allowed & {a for a in (agency_ids or ()) if a is not None})


def can_some(user, action, kind):
    """May the user act on at least some objects of this kind (their own agency's, or all)?"""
    return scope(user, action, kind) is not None


def require(user, action, kind, agency_ids=None):
    if not can(user, action, kind, agency_ids):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def require_some(user, action, kind):
    if not can_some(user, action, kind):
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def filter_queryset(queryset, user, action, kind, agency_field="agency"):
    """Restrict a queryset to what the user may act on; agency_field may be a list of lookups."""
    allowed = agency_scope(user, action, kind)
    if allowed is None:
        return queryset
    if not allowed:
        return queryset.none()
    from django.db.models import Q

    fields = [agency_field] if isinstance(agency_field, str) else list(agency_field)
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__in": allowed})
    return queryset.filter(condition).distinct()


def is_monitor(user):
    return bool(roles(user) & {MONITOR, ADMIN})
