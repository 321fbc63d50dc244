import pytest

from chiso.indices import definitions as data
from chiso.indices.models import Component, Index, Methodology
from chiso.indices.services import definitions


def test_shipped_definitions_add_up():
    papi = {m["code"]: m for m in data.PAPI["methodologies"]}
    assert [c["code"] for c in papi["PAPI-2011"]["components"]] == ["D1", "D2", "D3", "D4", "D5", "D6"]
    assert sum(c["max"] for c in papi["PAPI-2018"]["components"]) == 80
    subs = sum(len(c["children"]) for c in papi["PAPI-2018"]["components"])
    assert subs == 28 and sum(len(c["children"]) for c in papi["PAPI-2011"]["components"]) == 22
    par = {m["code"]: m for m in data.PAR["methodologies"]}["PAR-876"]
    source = [c for c in par["components"] if c["grain"] == "source"]
    assert sum(c["max"] for c in source) == 100
    assert [c["max"] for c in source[1]["children"]] == [10, 22, 6.5]
    portal = {m["code"]: m for m in data.I766["methodologies"]}
    assert [c["max"] for c in portal["766-PORTAL"]["components"]] == [18, 20, 12, 10, 22, 18]
    assert sum(c["max"] for c in portal["766-2022"]["components"]) == 100


@pytest.mark.django_db
def test_load_is_idempotent_and_versioned():
    n = definitions.load()
    definitions.load()
    assert Component.objects.count() == n
    papi = Index.objects.get(code="PAPI")
    assert papi.methodology_for(2017).code == "PAPI-2011"
    assert papi.methodology_for(2018).code == "PAPI-2018"
    par = Index.objects.get(code="PAR")
    assert par.methodology_for(2021).code == "PAR-1149"
    assert par.methodology_for(2023).code == "PAR-876"
    assert not Methodology.objects.get(code="PAR-1149").confirmed
    assert not Component.objects.get(methodology__code="PAR-876", code="LV3").confirmed
    assert Component.objects.get(methodology__code="PAR-876", code="TAC.LDQL").max_points == 22
