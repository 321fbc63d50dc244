import pytest

from chiso.indices.demo import papi_path


@pytest.fixture
def papi_csv():
    return papi_path()


def _load_papi():
    from chiso.indices.services import definitions
    from chiso.indices.services.importer import import_results

    definitions.load()
    return import_results(papi_path().read_bytes(), papi_path().name, "PAPI")


@pytest.fixture(scope="module")
def papi_once(module_db):
    """The PAPI results and the province setting committed once for a module that asks for it with
    `pytestmark = pytest.mark.usefixtures("papi_once")` (see module_db in the root conftest.py)."""
    from chiso.registry import demo_province, province
    from chiso.registry.models import HomeProvince

    with module_db.unblock():
        if not HomeProvince.objects.exists():  # the demo registry, if loaded first, sets it with agencies
            province.set_history(demo_province.province_history())
        return _load_papi()


@pytest.fixture
def papi_loaded(request, db):
    if "papi_once" in request.fixturenames:
        return request.getfixturevalue("papi_once")
    request.getfixturevalue("demo_home_province")
    return _load_papi()
