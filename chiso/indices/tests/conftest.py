import pytest

from chiso.indices.demo import papi_path


@pytest.fixture
def papi_csv():
    return papi_path()


@pytest.fixture
def papi_loaded(db, papi_csv, demo_home_province):
    from chiso.indices.services import definitions
    from chiso.indices.services.importer import import_results

    definitions.load()
    return import_results(papi_csv.read_bytes(), papi_csv.name, "PAPI")
