"""Index and weighting maths against numbers worked out by hand (see the comments)."""

import math

import pytest

from chiso.surveys.services import compute


def test_wilson_seven_of_ten():
    # p = .7, n = 10, z² = 3.8415: centre = (.7 + .19207)/1.38415 = .64449;
    # half = 1.96·sqrt(.021 + .0096037)/1.38415 = .24771 → [.3968, .8922]
    low, high = compute.wilson(0.7, 10)
    assert round(low, 4) == 0.3968
    assert round(high, 4) == 0.8922


def test_wilson_edges():
    low, high = compute.wilson(1.0, 20)
    assert high == 1.0 and round(low, 4) == 0.8389  # 20/(20+3.8415) = .8389
    assert compute.wilson(0.5, 0) == (None, None)


def test_estimate_top_two_box_and_mean():
    # 5,4,4,3,2,1 → satisfied 3 of 6; mean 19/6
    est = compute.estimate([5, 4, 4, 3, 2, 1])
    assert est["satisfied_share"] == 0.5
    assert math.isclose(est["mean"], 19 / 6)
    assert est["n"] == 6 and est["n_eff"] == 6


def test_kish_effective_size():
    # eight weights .625 and two of 2.5: Σw = 10, Σw² = 3.125 + 12.5 = 15.625 → 100/15.625 = 6.4
    assert math.isclose(compute.kish([0.625] * 8 + [2.5] * 2), 6.4)


def _agencies():
    # Agency A: 8 online (7 satisfied) + 2 at the counter (0 satisfied) → unweighted 7/10 = 70 %
    # Agency B: 2 online (1 satisfied) + 8 at the counter (4 satisfied) → 5/10 = 50 %
    rows, scores = [], []
    rows += [("A", "online")] * 8 + [("A", "counter")] * 2
    scores += [5] * 7 + [2] + [1, 2]
    rows += [("B", "online")] * 2 + [("B", "counter")] * 8
    scores += [4, 3] + [4] * 4 + [2] * 4
    return rows, scores


def test_weighting_changes_the_ranking_of_agencies():
    rows, scores = _agencies()
    # Known shares: half the dossiers are online, half at the counter.
    weights, warnings = compute.post_stratify(rows, stratum_shares={"online": 0.5, "counter": 0.5})
    assert warnings == []
    a = [i for i, r in enumerate(rows) if r[0] == "A"]
    b = [i for i, r in enumerate(rows) if r[0] == "B"]
    unweighted_a = compute.estimate([scores[i] for i in a])["satisfied_share"]
    unweighted_b = compute.estimate([scores[i] for i in b])["satisfied_share"]
    assert (unweighted_a, unweighted_b) == (0.7, 0.5)  # A ranks first
    est_a = compute.estimate([scores[i] for i in a], [weights[i] for i in a])
    est_b = compute.estimate([scores[i] for i in b], [weights[i] for i in b])
    # A: .5·7/8 + .5·0/2 = .4375; B: .5·1/2 + .5·4/8 = .5 → B ranks first once weighted
    assert math.isclose(est_a["satisfied_share"], 0.4375)
    assert math.isclose(est_b["satisfied_share"], 0.5)
    # A's weights: online .5/.8 = .625, counter .5/.2 = 2.5 → n_eff 6.4 (as above)
    assert math.isclose(est_a["n_eff"], 6.4)
    assert [round(weights[i], 4) for i in a] == [0.625] * 8 + [2.5] * 2
    low, high = compute.wilson(0.4375, 6.4)
    assert math.isclose(est_a["ci_low"], low) and math.isclose(est_a["ci_high"], high)


def test_agency_shares_reweight_the_overall():
    rows, scores = _agencies()
    # Dossier volumes: A handles 80 % of dossiers, B 20 %; samples are 10 and 10.
    weights, _ = compute.post_stratify(rows, agency_shares={"A": 800, "B": 200})
    overall = compute.estimate(scores, weights)
    # .8·.7 + .2·.5 = .66 (unweighted: 12/20 = .6)
    assert math.isclose(overall["satisfied_share"], 0.66)
    assert math.isclose(weights[0], 1.6) and math.isclose(weights[-1], 0.4)
    # Σw = 20, Σw² = 10·2.56 + 10·.16 = 27.2 → n_eff = 400/27.2
    assert math.isclose(overall["n_eff"], 400 / 27.2)


def test_responses_outside_targets_get_no_weight():
    weights, warnings = compute.post_stratify(
        [("A", "x"), ("A", "y"), ("A", "?")], stratum_shares={"x": 1, "y": 3}
    )
    # x: .25/(1/2) = .5, y: .75/(1/2) = 1.5; the unknown stratum gets 0
    assert weights == pytest.approx([0.5, 1.5, 0.0])
    assert "1 phiếu" in warnings[0]


def test_respondent_score_means_items_of_an_element():
    items = {"a": ["a1", "a2"], "b": ["b1"]}
    scores = compute.respondent_scores({"a1": 5, "a2": 3, "b1": 2}, items)
    assert scores == {"a": 4.0, "b": 2.0, "tong-the": 3.0}
