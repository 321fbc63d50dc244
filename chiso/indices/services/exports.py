"""XLSX export of a year's results and the all-province ranking table."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from . import analysis, charts


def year_ranking(index, year):
    """[{province, region, score, rank, computed_rank, tier, components}] best first."""
    table = analysis.year_table(index, year)
    standings = analysis.computed_standings(index, year, table)
    rows = []
    for province, figures in table.items():
        total, computed_rank, computed_tier = standings.get(province, (None, None, ""))
        given = figures.get("")
        rows.append(
            {
                "province": province,
                "region": province.region,
                "score": total,
                "rank": given.rank if given else None,
                "computed_rank": computed_rank,
                "tier": (given.tier if given and given.tier else computed_tier),
                "mismatch": bool(given and given.rank and computed_rank and given.rank != computed_rank),
                "components": {code: r.score for code, r in figures.items() if code},
            }
        )
    rows.sort(key=lambda r: (r["computed_rank"] is None, r["computed_rank"] or 0, r["province"].name))
    return rows


def year_workbook(index, year, province=None):
    methodology = index.methodology_for(year)
    codes = [c.code for c in methodology.components.all() if c.level == 1] if methodology else []
    wb = Workbook()
    ws = wb.active
    ws.title = f"{index.code} {year}"
    header = ["Tỉnh, thành phố", "Vùng", *codes, "Tổng điểm", "Hạng công bố", "Hạng tính lại", "Nhóm"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in year_ranking(index, year):
        ws.append(
            [
                row["province"].name,
                row["region"],
                *[row["components"].get(c) for c in codes],
                row["score"],
                row["rank"],
                row["computed_rank"],
                row["tier"],
            ]
        )
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 24
    if province is not None:
        hist = wb.create_sheet(f"{province.name}"[:31])
        hist.append(["Năm", "Phương pháp", "Tổng điểm", "Hạng", "Số tỉnh xếp hạng", "Nhóm", *codes])
        for h in charts.province_history(index, province):
            hist.append(
                [
                    h["year"],
                    h["methodology"],
                    h["score"],
                    h["rank"] or h["computed_rank"],
                    h["ranked"],
                    h["tier"],
                    *[h["components"].get(c) for c in codes],
                ]
            )
    meta = wb.create_sheet("Nguồn")
    meta.append(["Chỉ số", index.name])
    meta.append(["Phương pháp", methodology.name if methodology else ""])
    meta.append(["Căn cứ", methodology.legal_basis if methodology else ""])
    sources = sorted(set(index.results.filter(year=year).values_list("source", flat=True)))
    for s in sources:
        meta.append(["Nguồn số liệu", s])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
