import pytest

from .makers import GOLD, SEED


@pytest.fixture(scope="session")
def seed_text():
    if not SEED.exists():
        pytest.fail(f"seed notice missing at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold():
    if not GOLD.exists():
        pytest.fail(f"gold reading missing at {GOLD}")
    import json

    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_gaz():
    from chiso.registry.demo_province import demo_gazetteer

    return demo_gazetteer()
