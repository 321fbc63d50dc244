"""Year-over-year analysis of one province in one index: totals, ranks (published and computed),
tiers, component changes, comparison with the nation and the region, recoverable points."""

from collections import defaultdict

from .. import ranking
from ..models import Index, Province, Result
from . import provinces as province_service

EPS = 1e-9


class NotFound(Exception):
    pass


def year_table(index, year):
    """{province: {code: Result}} for a year, with totals computed where the rule says so."""
    table = defaultdict(dict)
    # The methodology's tiers (JSON) are not needed per row: decoding them 2,000 times cost ~0.4 s.
    rows = Result.objects.filter(index=index, year=year).select_related("province", "methodology")
    for r in rows.defer("methodology__tiers"):
        table[r.province][r.component_code] = r
    return table


def totals(index, year, table=None):
    """{province: total} — the published total, or the sum of the main components (rule 'sum')."""
    methodology = index.methodology_for(year)
    table = table if table is not None else year_table(index, year)
    codes = [c.code for c in methodology.main_components()] if methodology else []
    out = {}
    for province, figures in table.items():
        given = figures.get(Result.TOTAL)
        if methodology and methodology.total_rule == "sum":
            out[province] = ranking.total(
                {c: figures[c].score for c in figures if figures[c].score is not None}, codes
            )
            if out[province] is None and given is not None:
                out[province] = given.score
        else:
            out[province] = given.score if given else None
    return out


def computed_standings(index, year, table=None):
    """{province: (total, computed rank, computed tier)}."""
    methodology = index.methodology_for(year)
    sums = totals(index, year, table)
    ranks = ranking.competition_rank(sums)
    tiers = ranking.tiers_for(sums, methodology.tiers if methodology else {})
    return {p: (sums[p], ranks.get(p), tiers.get(p, "")) for p in sums}


def find_province(name, year):
    province_service.ensure()
    province = province_service.resolve(name, year)
    if province is None:
        province = Province.objects.filter(name__iexact=name).order_by("valid_from").first()
    if province is None:
        raise NotFound(f"Không tìm thấy tỉnh, thành phố '{name}'.")
    return province


def analyse(index_code, year, province_name):
    index = Index.objects.filter(code__iexact=index_code).first()
    if index is None:
        raise NotFound(f"Không có chỉ số '{index_code}'.")
    methodology = index.methodology_for(year)
    if methodology is None:
        raise NotFound(f"Chỉ số {index.code} chưa có phương pháp cho năm {year}.")
    province = find_province(province_name, year)
    table = year_table(index, year)
    if province not in table:
        raise NotFound(f"Chưa có kết quả {index.code} năm {year} của {province.name}.")
    years = sorted(
        set(
            Result.objects.filter(index=index, province=province, year__lt=year).values_list(
                "year", flat=True
            )
        )
    )
    prev_year = years[-1] if years else None
    prev_table = year_table(index, prev_year) if prev_year else {}
    standings = computed_standings(index, year, table)
    prev_standings = computed_standings(index, prev_year, prev_table) if prev_year else {}
    mine, prev_mine = table[province], prev_table.get(province, {})
    total_row = mine.get(Result.TOTAL)
    score, computed_rank, computed_tier = standings.get(province, (None, None, ""))
    published_rank = total_row.rank if total_row else None
    warnings = []
    if not methodology.confirmed:
        warnings.append(f"Phương pháp {methodology.code} có số liệu chưa xác nhận: {methodology.note}")
    ranked = sum(1 for s in standings.values() if s[0] is not None)
    if published_rank is not None and ranked < published_rank:
        # Only a few provinces' figures are held: a recomputed rank would say nothing.
        warnings.append(f"Chỉ có số liệu của {ranked} tỉnh, thành phố: không tính lại được thứ hạng.")
        computed_rank = None
    if published_rank is not None and computed_rank is not None and published_rank != computed_rank:
        warnings.append(f"Xếp hạng tính lại ({computed_rank}) khác xếp hạng công bố ({published_rank}).")
    if (
        total_row
        and total_row.score is not None
        and score is not None
        and abs(total_row.score - score) > 0.0005
    ):
        warnings.append(f"Tổng điểm công bố {total_row.score:.3f} khác tổng các thành phần {score:.3f}.")
    region_peers = [p for p in table if p.region == province.region]
    components, declined = [], []
    for comp in methodology.components.all():
        if comp.level != 1:
            continue
        values = {p: f[comp.code].score for p, f in table.items() if comp.code in f}
        prev_values = {p: f[comp.code].score for p, f in prev_table.items() if comp.code in f}
        mine_score = values.get(province)
        if mine_score is None and comp.code not in mine:
            continue
        prev_score = prev_values.get(province)
        delta = None if mine_score is None or prev_score is None else mine_score - prev_score
        nat = ranking.summary(values.values())
        reg = ranking.summary(values[p] for p in region_peers if p in values)
        entry = {
            "code": comp.code,
            "name": comp.name,
            "score": mine_score,
            "max": comp.max_points,
            "previous_score": prev_score,
            "delta": delta,
            "rank": ranking.competition_rank(values).get(province),
            "previous_rank": ranking.competition_rank(prev_values).get(province) if prev_values else None,
            "national_mean": nat["mean"],
            "national_median": nat["median"],
            "national_best": nat["best"],
            "region_mean": reg["mean"],
            "lost": None if mine_score is None or comp.max_points is None else comp.max_points - mine_score,
            "gap_to_best": None if mine_score is None or nat["best"] is None else nat["best"] - mine_score,
            "confirmed": comp.confirmed,
        }
        components.append(entry)
        if delta is not None and delta < -EPS:
            declined.append(comp.code)
    previous = None
    if prev_year:
        prev_total = prev_mine.get(Result.TOTAL)
        prev_score, prev_computed_rank, _ = prev_standings.get(province, (None, None, ""))
        previous = {
            "year": prev_year,
            "score": prev_score,
            "rank": prev_total.rank if prev_total and prev_total.rank else prev_computed_rank,
            "ranked": sum(1 for s in prev_standings.values() if s[0] is not None),
            "methodology": next(iter(prev_mine.values())).methodology.code if prev_mine else None,
        }
        if previous["methodology"] and previous["methodology"] != methodology.code:
            warnings.append(
                f"Năm {prev_year} tính theo {previous['methodology']}, năm {year} theo {methodology.code}: "
                "chỉ so sánh được các thành phần cùng mã."
            )
    predecessors = []
    if previous is None:
        # A unit formed by the 2025 merger: show each old province's last result beside it, unmixed.
        for old in province.predecessors.all():
            last = (
                Result.objects.filter(index=index, province=old, component_code=Result.TOTAL)
                .order_by("-year")
                .first()
            )
            if last:
                old_standing = computed_standings(index, last.year).get(old, (None, None, ""))
                predecessors.append(
                    {
                        "province": old.name,
                        "year": last.year,
                        "score": old_standing[0],
                        "rank": last.rank or old_standing[1],
                    }
                )
    recoverable = sorted(
        (c for c in components if c["gap_to_best"] is not None), key=lambda c: -c["gap_to_best"]
    )
    nat_total = ranking.summary(s[0] for s in standings.values())
    return {
        "index": index.code,
        "year": year,
        "province": province.name,
        "score": score,
        "rank": published_rank,
        "computed_rank": computed_rank,
        "tier": (total_row.tier if total_row and total_row.tier else computed_tier),
        "previous": previous,
        "components": components,
        "declined": declined,
        "warnings": warnings,
        "computed_tier": computed_tier,
        "ranked": ranked,
        "methodology": methodology.code,
        "total_max": methodology.total_max,
        "national": nat_total,
        "region": province.region,
        "region_peers": sorted(
            (
                {"province": p.name, "score": standings[p][0], "rank": standings[p][1]}
                for p in region_peers
                if p in standings
            ),
            key=lambda x: (x["rank"] is None, x["rank"] or 0),
        ),
        "recoverable": [
            {"code": c["code"], "name": c["name"], "gap_to_best": c["gap_to_best"], "lost": c["lost"]}
            for c in recoverable
        ],
        "predecessors": predecessors,
        "lineage": [
            {"province": p.name, "relation": rel, "code": p.code}
            for p, rel in province_service.lineage(province)
        ],
    }
