import pytest

from .makers import GOLD, SEED


@pytest.fixture(scope="session")
def seed_text():
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold():
    import json

    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_gaz():
    from chiso.registry.demo_province import demo_gazetteer

    return demo_gazetteer()
