from chiso.indices import ranking


def test_total_needs_every_component():
    assert ranking.total({"D1": 5.0, "D2": 4.5}, ["D1", "D2"]) == 9.5
    assert ranking.total({"D1": 5.0}, ["D1", "D2"]) is None


def test_competition_rank_shares_ties_and_skips():
    ranks = ranking.competition_rank({"a": 44.15, "b": 47.0, "c": 44.15, "d": 40.0, "e": None})
    assert ranks == {"b": 1, "a": 2, "c": 2, "d": 4}


def test_rank_on_rounded_scores_creates_ties():
    # 44.151 and 44.149 differ at full precision but both publish as 44.15.
    assert ranking.competition_rank({"a": 44.151, "b": 44.149}) == {"a": 1, "b": 2}
    assert ranking.competition_rank({"a": 44.151, "b": 44.149}, decimals=2) == {"a": 1, "b": 1}


def test_lower_is_better_rank():
    assert ranking.competition_rank({"a": 3, "b": 1}, higher_is_better=False) == {"b": 1, "a": 2}


def test_quartile_tiers_63_provinces_split_16_15_16_16():
    values = {i: float(i) for i in range(1, 64)}  # 63 is the best
    tiers = ranking.quartile_tiers(values, ["Cao nhất", "TB cao", "TB thấp", "Thấp nhất"])
    counts = {label: sum(1 for t in tiers.values() if t == label) for label in set(tiers.values())}
    assert counts == {"Cao nhất": 16, "TB cao": 15, "TB thấp": 16, "Thấp nhất": 16}
    assert tiers[63] == "Cao nhất" and tiers[48] == "Cao nhất" and tiers[47] == "TB cao"
    assert tiers[16] == "Thấp nhất" and tiers[17] == "TB thấp"


def test_quartile_tiers_61_provinces_split_15_15_15_16():
    tiers = ranking.quartile_tiers({i: float(i) for i in range(61)}, ["A", "B", "C", "D"])
    assert [sum(1 for t in tiers.values() if t == x) for x in "ABCD"] == [15, 15, 15, 16]


def test_threshold_tier_par_groups():
    bands = [
        {"label": "A", "min": 90},
        {"label": "B", "min": 80},
        {"label": "C", "min": 70},
        {"label": "D", "min": None},
    ]
    assert ranking.threshold_tier(90.0, bands) == "A"
    assert ranking.threshold_tier(89.99, bands) == "B"
    assert ranking.threshold_tier(79.97, bands) == "C"
    assert ranking.threshold_tier(12, bands) == "D"
    assert ranking.threshold_tier(None, bands) == ""


def test_summary():
    s = ranking.summary([1.0, 2.0, 6.0, None])
    assert s == {"mean": 3.0, "median": 2.0, "best": 6.0, "worst": 1.0, "count": 3}
