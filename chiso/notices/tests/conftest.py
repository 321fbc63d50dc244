import pytest

from .makers import GOLD, SEED, SHARED


@pytest.fixture(scope="session")
def seed_text():
    if not SEED.exists():
        pytest.skip(f"shared/ seed notice not found at {SEED} (tests expect <repo>/../shared)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold():
    if not GOLD.exists():
        pytest.skip(f"gold reading not found at {GOLD}")
    import json

    return json.loads(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_gaz():
    from chiso.registry.demo_province import demo_gazetteer

    return demo_gazetteer()


@pytest.fixture(scope="session")
def shared_dir():
    return SHARED
