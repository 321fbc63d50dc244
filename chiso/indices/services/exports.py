"""XLSX export of a year's results and the all-province ranking table."""

from chiso.core import exports

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
    header = ["Tỉnh, thành phố", "Vùng", *codes, "Tổng điểm", "Hạng công bố", "Hạng tính lại", "Nhóm"]
    ranking = [
        [
            row["province"].name,
            row["region"],
            *[row["components"].get(c) for c in codes],
            row["score"],
            row["rank"],
            row["computed_rank"],
            row["tier"],
        ]
        for row in year_ranking(index, year)
    ]
    sheets = [exports.Sheet(f"{index.code} {year}", header, ranking)]
    if province is not None:
        history = [
            [
                h["year"],
                h["methodology"],
                h["score"],
                h["rank"] or h["computed_rank"],
                h["ranked"],
                h["tier"],
                *[h["components"].get(c) for c in codes],
            ]
            for h in charts.province_history(index, province)
        ]
        sheets.append(
            exports.Sheet(
                province.name,
                ["Năm", "Phương pháp", "Tổng điểm", "Hạng", "Số tỉnh xếp hạng", "Nhóm", *codes],
                history,
            )
        )
    meta = [
        ["Chỉ số", index.name],
        ["Phương pháp", methodology.name if methodology else ""],
        ["Căn cứ", methodology.legal_basis if methodology else ""],
    ]
    sources = sorted(set(index.results.filter(year=year).values_list("source", flat=True)))
    meta += [["Nguồn số liệu", s] for s in sources]
    sheets.append(exports.Sheet("Nguồn", [], meta))
    return exports.xlsx(*sheets)
