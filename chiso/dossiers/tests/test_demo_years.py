"""`chiso demo-dossiers --year Y` for every year 2020–2026: agencies valid on each receipt day, never a
result before the receipt, and the file imports onto the units of its day."""

import csv
from datetime import date

import pytest
from django.core.management import call_command

from chiso.dossiers.models import Dossier
from chiso.dossiers.services.importer import import_dossiers

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = pytest.mark.usefixtures("registry_once")


def _moment(text):
    d, t = text.split(" ")
    day, month, year = map(int, d.split("/"))
    hour, minute = map(int, t.split(":"))
    return (date(year, month, day), hour * 60 + minute)


@pytest.mark.parametrize("year", range(2020, 2027))
def test_demo_file_for_every_year(demo_registry, tmp_path, year):
    out = tmp_path / f"demo-{year}.csv"
    call_command("demo-dossiers", "--year", str(year), "--n", "1500", "--out", str(out))
    with open(out, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1500
    for r in rows:
        received = _moment(r["Ngày tiếp nhận"])
        assert received[0].year == year
        if r["Ngày có kết quả"]:
            assert _moment(r["Ngày có kết quả"]) >= received, r
        if r["Ngày xin lỗi"]:
            assert _moment(r["Ngày xin lỗi"])[0] >= received[0], r


@pytest.mark.parametrize("year", [2025, 2026])
def test_demo_file_lands_on_the_units_of_its_day(catalogue, tmp_path, year):
    out = tmp_path / f"demo-{year}.csv"
    call_command("demo-dossiers", "--year", str(year), "--n", "2000", "--out", str(out))
    import_dossiers(out, today=date(year + 1, 1, 15))
    assert Dossier.objects.count() == 2000
    for d in Dossier.objects.select_related("agency"):
        assert d.agency.valid_on(d.received), (d.code, d.agency.name, d.received)
