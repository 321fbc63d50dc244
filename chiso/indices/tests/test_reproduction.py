"""Done-when: the PAPI file with totals, ranks and tiers removed reproduces the published ones."""

import csv
import io

import pytest

from chiso.indices.models import Index, Result
from chiso.indices.services import analysis, definitions
from chiso.indices.services.importer import import_results

DROPPED = {"total_papi", "total_papi_6dim", "total_official", "rank_year", "tier", "n_dims"}


def _stripped(path):
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, [f for f in rows[0] if f not in DROPPED], lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: v for k, v in row.items() if k not in DROPPED})
    return rows, out.getvalue().encode("utf-8")


@pytest.mark.django_db
def test_stripped_papi_reproduces_every_total_rank_and_tier(papi_csv):
    published, content = _stripped(papi_csv)
    assert "rank_year" not in content.decode().splitlines()[0]
    definitions.load()
    import_results(content, "papi_stripped.csv", "PAPI")
    papi = Index.objects.get(code="PAPI")
    assert not Result.objects.filter(index=papi, component_code="").exists()  # nothing published was imported
    checked = 0
    for year in range(2011, 2025):
        standings = {p.name: s for p, s in analysis.computed_standings(papi, year).items()}
        for row in (r for r in published if int(r["year"]) == year):
            total, rank, tier = standings.get(row["province_vi"], (None, None, ""))
            if not row["total_papi"]:
                assert total is None and rank is None, (year, row["province_vi"])
                continue
            assert total == pytest.approx(float(row["total_papi"]), abs=1e-5), (year, row["province_vi"])
            assert rank == int(row["rank_year"]), (year, row["province_vi"])
            assert tier == row["tier"], (year, row["province_vi"])
            checked += 1
    assert checked == 882 - 13  # 13 province-years have no total (see data README)


@pytest.mark.django_db
def test_published_and_computed_ranks_agree_after_full_import(papi_loaded):
    result = analysis.analyse("PAPI", 2021, "Bình Thuận")
    assert result["rank"] == 12 and result["computed_rank"] == 12
    assert not any("Xếp hạng tính lại" in w for w in result["warnings"])


@pytest.mark.django_db
def test_a_wrong_published_rank_is_flagged(papi_loaded):
    row = Result.objects.get(index__code="PAPI", year=2021, province__code="binh-thuan", component_code="")
    row.rank = 11
    row.save()
    result = analysis.analyse("PAPI", 2021, "Bình Thuận")
    assert result["rank"] == 11 and result["computed_rank"] == 12
    assert any("(12) khác xếp hạng công bố (11)" in w for w in result["warnings"])
