"""The permission matrix: each role × each kind of object × own / other agency.

The expected answers are written out here by hand, independently of permissions.RULES, so a
change of rule shows up as a failing cell. Columns: leader, monitor, head, officer, admin.
"""

import pytest

from chiso.registry import permissions
from chiso.registry.permissions import ADMIN, HEAD, LEADER, MONITOR, OFFICER

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


ROLES = [LEADER, MONITOR, HEAD, OFFICER, ADMIN]

# (kind, action): (on own agency's object, on another agency's object)
EXPECTED = {
    ("agency", "view"): ("YYYYY", "YYYYY"),
    ("agency", "change"): ("NNNNY", "NNNNY"),
    ("user", "view"): ("NYYNY", "NYNNY"),
    ("user", "change"): ("NNNNY", "NNNNY"),
    ("calendar", "view"): ("YYYYY", "YYYYY"),
    ("calendar", "change"): ("NYNNY", "NYNNY"),
    ("audit", "view"): ("YYYNY", "YYNNY"),
    ("directive", "view"): ("YYYYY", "YYYYY"),
    ("directive", "change"): ("NYNNY", "NYNNY"),
    ("task", "view"): ("YYYYY", "YYNNY"),
    ("task", "change"): ("NYNNY", "NYNNY"),
    ("task", "report"): ("NNYYN", "NNNNN"),
    ("task", "approve"): ("NNYNN", "NNNNN"),
    ("task", "review"): ("NYNNN", "NYNNN"),
    ("task", "request_extension"): ("NNYYN", "NNNNN"),
    ("task", "decide_extension"): ("NYNNN", "NYNNN"),
    ("evidence", "view"): ("YYYYY", "YYNNY"),
    ("evidence", "change"): ("NNYYN", "NNNNN"),
    ("accountability", "view"): ("YYYNY", "YYNNY"),
    ("index", "view"): ("YYYYY", "YYYYY"),
    ("index", "change"): ("NYNNY", "NYNNY"),
    ("dossier", "view"): ("YYYYY", "YYNNY"),
    ("dossier", "change"): ("NYNNY", "NYNNY"),
    ("dossier", "apologize"): ("NYYYN", "NYNNN"),
    ("survey", "view"): ("YYYNY", "YYNNY"),
    ("survey", "change"): ("NYNNY", "NYNNY"),
    ("report", "view"): ("YYYYY", "YYNNY"),
    ("report", "change"): ("NYNNY", "NYNNY"),
    ("publication", "view"): ("YYNNY", "YYNNY"),
    ("publication", "change"): ("NNNNY", "NNNNY"),
    ("plan", "view"): ("YYYYY", "YYNNY"),
    ("plan", "change"): ("NNYYN", "NNNNN"),
    ("plan", "request"): ("NYNNY", "NYNNY"),
    ("inspection", "view"): ("YYYYY", "YYNNY"),
    ("inspection", "change"): ("NYYYY", "NYNNY"),
    ("contact", "view"): ("YYYYY", "YYNNY"),
    ("contact", "change"): ("NNYYN", "NNNNN"),
    ("contact", "request"): ("NYNNY", "NYNNY"),
    ("meeting", "view"): ("YYYYY", "YYNNY"),
    ("meeting", "change"): ("NYNNY", "NYNNY"),
}


def test_every_rule_is_in_the_matrix():
    rules = {(kind, action) for kind, actions in permissions.RULES.items() for action in actions}
    assert rules == set(EXPECTED), "a rule was added or removed: write its row in EXPECTED"


@pytest.fixture
def people(demo_registry, user_factory):
    return {role: user_factory(role, agency="bt-stttt") for role in ROLES}


@pytest.mark.django_db
@pytest.mark.parametrize("kind,action", sorted(EXPECTED))
def test_matrix(people, kind, action):
    from chiso.registry.models import Agency

    own = [Agency.objects.get(code="bt-stttt").pk]
    other = [Agency.objects.get(code="bt-snv").pk]
    expected_own, expected_other = EXPECTED[(kind, action)]
    for i, role in enumerate(ROLES):
        user = people[role]
        assert permissions.can(user, action, kind, own) == (expected_own[i] == "Y"), (role, "own")
        assert permissions.can(user, action, kind, other) == (expected_other[i] == "Y"), (role, "other")


@pytest.mark.django_db
def test_no_roles_no_access_and_inactive_users_lose_everything(demo_registry, user_factory):
    nobody = user_factory(agency="bt-stttt")
    assert not permissions.can(nobody, "view", "task", None)
    officer = user_factory(OFFICER, agency="bt-stttt")
    officer.is_active = False
    assert not permissions.can(officer, "view", "agency")


@pytest.mark.django_db
def test_own_scope_covers_units_directly_under_the_agency(demo_registry, user_factory):
    from chiso.registry.models import Agency

    district_head = user_factory(HEAD, agency="bt-phuquy")
    commune = Agency.objects.get(code="bt-phuquy-ngũphụng")
    assert permissions.can(district_head, "view", "task", [commune.pk])
    assert not permissions.can(district_head, "view", "task", [Agency.objects.get(code="bt-lagi").pk])


@pytest.mark.django_db
def test_filter_queryset_keeps_only_own_agency_for_heads(demo_registry, user_factory):
    from chiso.registry.models import User

    head = user_factory(HEAD, agency="bt-stttt")
    visible = permissions.filter_queryset(User.objects.all(), head, "view", "user")
    assert set(visible.values_list("agency__code", flat=True)) == {"bt-stttt"}
    monitor = user_factory(MONITOR, agency="bt-snv")
    assert (
        permissions.filter_queryset(User.objects.all(), monitor, "view", "user").count()
        == User.objects.count()
    )
    officer = user_factory(OFFICER, agency="bt-stttt")
    assert permissions.filter_queryset(User.objects.all(), officer, "view", "user").count() == 0


@pytest.mark.django_db
def test_require_raises_permission_denied(demo_registry, user_factory):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        permissions.require(user_factory(OFFICER, agency="bt-stttt"), "change", "agency")


@pytest.mark.django_db
def test_an_own_agency_rule_asked_without_agencies_answers_no(people):
    """Fail closed: `can()` without the object's agencies is no for a head (it used to be yes)."""
    head = people[HEAD]
    assert permissions.can(head, "view", "survey") is False
    assert permissions.can(head, "view", "survey", []) is False
    assert permissions.can(head, "view", "survey", [None]) is False
    assert permissions.can_some(head, "view", "survey") is True
    assert permissions.can(people[MONITOR], "view", "survey") is True


@pytest.mark.django_db
def test_agency_scope_is_none_for_all_and_a_set_for_own(people):
    from chiso.registry.models import Agency

    assert permissions.agency_scope(people[MONITOR], "view", "task") is None
    own = permissions.agency_scope(people[HEAD], "view", "task")
    assert Agency.objects.get(code="bt-stttt").pk in own and isinstance(own, frozenset)
    assert permissions.agency_scope(people[OFFICER], "view", "survey") == frozenset()
    assert permissions.agency_scope(None, "view", "task") == frozenset()
