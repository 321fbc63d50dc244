import datetime

import pytest

from chiso.surveys.models import Wave
from chiso.surveys.services import builtin


@pytest.fixture
def sipas(db):
    return builtin.install("sipas")


@pytest.fixture
def open_wave(demo_registry, sipas):
    from chiso.registry.models import Agency

    wave = Wave.objects.create(
        questionnaire=sipas,
        name="Đợt thử",
        year=2026,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
        target_group="Người dân",
        status=Wave.OPEN,
        public_enabled=True,
        min_cell=2,
    )
    wave.agencies.set(Agency.objects.filter(code__in=["ld-stp", "ld-sxd"]))
    return wave


def full_answers(level="5", **extra):
    """A complete SIPAS sheet as form data with every 1–5 item at `level`."""
    from chiso.surveys.models import MATRIX, Question

    data = {
        "linh_vuc": "ho-tich",
        "kenh_nop": "truc-tiep",
        "tre_hen": "khong",
        "da_gop_y": "khong",
        "hai_long_chung": level,
    }
    for q in Question.objects.filter(section__questionnaire__code="sipas", kind=MATRIX):
        if q.code != "pa":
            for row in q.rows:
                data[row["code"]] = level
    # the public form's signed stamp (opening time a minute ago, a fresh nonce, a browser id)
    import secrets
    import time

    from chiso.surveys.services import guard

    data["_mo_luc"] = guard.stamp(secrets.token_urlsafe(8), opened=time.time() - 60)
    data.update(extra)
    return data


@pytest.fixture(autouse=True)
def _quick_fill(settings):
    # Playwright answers faster than a person; the check itself has its own test.
    settings.CHISO_SURVEY_MIN_SECONDS = 0


@pytest.fixture(autouse=True)
def _empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
