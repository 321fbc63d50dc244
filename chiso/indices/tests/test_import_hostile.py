"""Index imports refuse what the audit fed them (issue 10), and never answer with a 500."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from chiso.core import exports
from chiso.indices.models import Result
from chiso.indices.services import definitions
from chiso.indices.services.importer import ImportRejected, import_results

HEADER = "province_vi,year,D1,D2,D3,D4,D5,D6,D7,D8,total_papi,rank_year\n"


@pytest.fixture
def defs(db):
    definitions.load()


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity"])
def test_nan_and_inf_scores_are_refused_with_row_and_column(defs, value):
    content = (HEADER + f"Bình Thuận,2021,{value},5,5,5,5,5,5,5,40,12\n").encode()
    with pytest.raises(ImportRejected) as refused:
        import_results(content, "kq.csv", "PAPI")
    assert f"Tệp kq.csv, dòng 2, cột 'D1': '{value}' không phải là số." in refused.value.problems
    assert Result.objects.count() == 0


def test_an_infinite_year_is_refused_not_a_crash(defs):
    with pytest.raises(ImportRejected):
        import_results((HEADER + "Bình Thuận,inf,5,5,5,5,5,5,5,5,40,12\n").encode(), "kq.csv", "PAPI")


def test_a_cell_over_the_csv_field_limit_is_refused_with_its_row(defs):
    content = (HEADER + "Bình Thuận,2021,5,5,5,5,5,5,5,5,40,12\n" + '"' + "x" * 140_000 + '",2021\n').encode()
    with pytest.raises(ImportRejected) as refused:
        import_results(content, "kq.csv", "PAPI")
    assert "dòng 3" in refused.value.problems[0]


def test_a_nul_or_control_character_is_refused_with_row_and_column(defs):
    content = (HEADER + "Bình\x00 Thuận,2021,5,5,5,5,5,5,5,5,40,12\n").encode()
    with pytest.raises(ImportRejected) as refused:
        import_results(content, "kq.csv", "PAPI")
    assert refused.value.problems == ["Tệp kq.csv, dòng 2, cột 1: có ký tự điều khiển U+0000."]


CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["nan", "inf", "-0", "1e309", "=1+1", "Bình Thuận", "2021", "5,5", "\x00", "\ufeff"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=13), max_size=4), as_xlsx=st.booleans())
def test_any_table_is_imported_or_refused_with_a_message_never_a_crash(defs, rows, as_xlsx):
    header = HEADER.strip().split(",")
    if as_xlsx:
        book = Workbook()
        book.active.append(header)
        for row in rows:
            book.active.append([exports.clean_text(c) for c in row])  # what a spreadsheet can hold
        out = io.BytesIO()
        book.save(out)
        content, name = out.getvalue(), "kq.xlsx"
    else:
        import csv

        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(rows)
        content, name = text.getvalue().encode("utf-8"), "kq.csv"
    try:
        import_results(content, name, "PAPI", source="thử")
    except ImportRejected as refused:
        assert refused.problems and all(p.startswith("Tệp ") for p in refused.problems)
