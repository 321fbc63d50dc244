"""Dossier imports refuse control characters the same on SQLite and PostgreSQL (issue 10, finding 6),
and any CSV is either imported or refused with file/row/column — never a crash."""

import csv

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chiso.dossiers.models import Dossier
from chiso.dossiers.services.columns import GENERATOR_HEADER
from chiso.dossiers.services.importer import ImportFailed, import_dossiers

from .conftest import row

# the demo registry loaded once for the module: see registry_once in conftest.py
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("registry_once")]


@pytest.mark.parametrize("code", ["HS\x0001", "HS\x1b[31m02", "HS\x7f03"])
def test_a_code_with_a_control_character_is_refused_on_every_database(catalogue, write_csv, code):
    path = write_csv([row(code, "07/02/2024 08:15", "19/02/2024 16:00", "16/02/2024 10:00")])
    with pytest.raises(ImportFailed) as failed:
        import_dossiers(path)
    text = "\n".join(failed.value.lines())
    assert "ký tự điều khiển U+00" in text and "dòng 2" in text, text
    assert Dossier.objects.count() == 0


CELL = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        ["", "HS-1", "07/02/2024 08:15", "31/02/2024", "=cmd|'/c calc'!A1", "\x00", "Sở Tư pháp"]
    ),
)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(CELL, min_size=len(GENERATOR_HEADER), max_size=len(GENERATOR_HEADER)), max_size=3)
)
def test_any_csv_is_imported_or_refused_with_a_message(catalogue, tmp_path, rows):
    path = tmp_path / "fuzz.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(GENERATOR_HEADER)
        writer.writerows(rows)
    try:
        import_dossiers(path)
    except ImportFailed as failed:
        assert len(failed.lines()) > 1 and all("fuzz.csv" in line for line in failed.lines()[1:])
    # checked in Python: PostgreSQL refuses a NUL even in a query
    assert not any("\x00" in code for code in Dossier.objects.values_list("code", flat=True))
