from datetime import date

import pytest

from chiso.registry.models import Agency
from chiso.registry.permissions import HEAD, LEADER, MONITOR, OFFICER


@pytest.fixture
def people(demo_registry, user_factory):
    """One user per role, plus an officer and a head of another district (wrong agency)."""
    return {
        "officer": user_factory(OFFICER, agency="bt-phanthiet"),
        "head": user_factory(HEAD, agency="bt-phanthiet"),
        "monitor": user_factory(MONITOR, agency="bt-snv"),
        "leader": user_factory(LEADER, agency="bt-ubnd"),
        "other_officer": user_factory(OFFICER, agency="bt-stttt"),
        "other_head": user_factory(HEAD, agency="bt-stttt"),
    }


@pytest.fixture
def directive(db):
    from chiso.directives.models import Directive

    return Directive.objects.create(
        title="Kết luận thử nghiệm",
        number="1/TB-UBND",
        status=Directive.PUBLISHED,
        meeting_date=date(2022, 7, 27),
        issued_on=date(2022, 7, 29),
    )


@pytest.fixture
def make_task(directive):
    from chiso.directives.models import Task

    def make(code="bt-phanthiet", due=date(2022, 9, 30), **kw):
        return Task.objects.create(
            directive=directive,
            text=kw.pop("text", "Rà soát, khắc phục tồn tại của chỉ số PAR INDEX"),
            ref=kw.pop("ref", "II.4.2"),
            lead=Agency.objects.get(code=code) if code else None,
            due_date=due,
            deadline_kind="date" if due else "none",
            **kw,
        )

    return make
